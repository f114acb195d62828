<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>pvzdesk</name>
    <message>
      <source>Central database</source>
      <translation>Центральная база</translation>
    </message>
    <message>
      <source>Point database</source>
      <translation>База точки</translation>
    </message>
    <message>
      <source>Conflicts for a person to settle: {count}</source>
      <translation>Конфликты, которые должен разобрать человек: {count}</translation>
    </message>
    <message>
      <source>Entries from the other desks: {pulled}</source>
      <translation>Записей от других касс: {pulled}</translation>
    </message>
    <message>
      <source>Entries sent: {pushed}, waiting to be sent: {pending}</source>
      <translation>Записей отправлено: {pushed}, ждут отправки: {pending}</translation>
    </message>
    <message>
      <source>No central database is configured.</source>
      <translation>Центральная база не настроена.</translation>
    </message>
    <message>
      <source>No point database is configured.</source>
      <translation>База точки не настроена.</translation>
    </message>
    <message>
      <source>Other desks seen: {desks}</source>
      <translation>Другие кассы: {desks}</translation>
    </message>
    <message>
      <source>Parcels claimed: {claimed}; waiting for the link to be claimed: {unclaimed}</source>
      <translation>Отправлений закреплено: {claimed}; ждут связи, чтобы закрепить: {unclaimed}</translation>
    </message>
    <message>
      <source>Set central.database_url in the settings or PVZDESK_CENTRAL_DB.</source>
      <translation>Укажите central.database_url в настройках или переменную PVZDESK_CENTRAL_DB.</translation>
    </message>
    <message>
      <source>Set point.database_url in the settings or PVZDESK_POINT_DB.</source>
      <translation>Укажите point.database_url в настройках или переменную PVZDESK_POINT_DB.</translation>
    </message>
    <message>
      <source>This desk: {desk}</source>
      <translation>Эта касса: {desk}</translation>
    </message>
    <message>
      <source>connected or isolated, entries sent and waiting, conflicts</source>
      <translation>на связи или отдельно, сколько записей отправлено и ждёт, конфликты</translation>
    </message>
    <message>
      <source>none yet</source>
      <translation>пока нет</translation>
    </message>
    <message>
      <source>send this desk's entries now (and fetch the other desks')</source>
      <translation>отправить записи этой кассы сейчас (и получить записи других касс)</translation>
    </message>
    <message>
      <source>the owner's central database</source>
      <translation>центральная база владельца</translation>
    </message>
    <message>
      <source>the point database shared by this point's desks</source>
      <translation>общая база касс этой точки</translation>
    </message>
    <message>
      <source>{name}: connected</source>
      <translation>{name}: на связи</translation>
    </message>
    <message>
      <source>{name}: isolated since {since}</source>
      <translation>{name}: нет связи с {since}, касса работает отдельно</translation>
    </message>
    <message>
      <source>Entries wait here and are sent when it is back.</source>
      <translation>Записи ждут здесь и будут отправлены, когда связь вернётся.</translation>
    </message>
    <message>
      <source>The central database {where} is not reachable.</source>
      <translation>Центральная база {where} недоступна.</translation>
    </message>
    <message>
      <source>The database address in the settings cannot be read.</source>
      <translation>Адрес базы в настройках не удаётся прочитать.</translation>
    </message>
    <message>
      <source>The database refused the user or password: check the address and the keyring.</source>
      <translation>База не приняла пользователя или пароль: проверьте адрес и пароль в хранилище паролей.</translation>
    </message>
    <message>
      <source>The desk keeps working on its own and catches up when the link is back.</source>
      <translation>Касса продолжает работать отдельно и догонит остальные, когда связь вернётся.</translation>
    </message>
    <message>
      <source>The point database {where} is not reachable.</source>
      <translation>База точки {where} недоступна.</translation>
    </message>
    <message>
      <source>Write it as postgresql://user@host:5432/database.</source>
      <translation>Запишите его как postgresql://пользователь@сервер:5432/база.</translation>
    </message>
    <message>
      <source>{posting}: {done} at desk {desk} at {time}, {operator}. Nothing written.</source>
      <translation>{posting}: {done} на кассе {desk} в {time}, {operator}. Ничего не записано.</translation>
    </message>
    <message>
      <source>{posting}: {first} at desk {first_desk} at {first_time}, {first_operator}, and {second} at desk {second_desk} at {second_time}, {second_operator}. Settle it by hand.</source>
      <translation>{posting}: {first} на кассе {first_desk} в {first_time}, {first_operator}, и {second} на кассе {second_desk} в {second_time}, {second_operator}. Разберитесь вручную.</translation>
    </message>
    <message>
      <source>Nothing was lost here. Call support: the journal may have been restored from an old backup.</source>
      <translation>Здесь ничего не потеряно. Обратитесь в поддержку: возможно, журнал восстановлен из старой копии.</translation>
    </message>
    <message>
      <source>The point database refused this desk's entries: they do not follow the ones it holds.</source>
      <translation>База точки не приняла записи этой кассы: они не продолжают те, что в ней уже есть.</translation>
    </message>
    <message>
      <source>The central database refused this desk's entries: they do not follow the ones it holds.</source>
      <translation>Центральная база не приняла записи этой кассы: они не продолжают те, что в ней уже есть.</translation>
    </message>
    <message>
      <source>Operations of the whole point</source>
      <translation>Операции всей точки</translation>
    </message>
    <message>
      <source>every desk's operations of a day, labelled by desk (XLSX, CSV)</source>
      <translation>операции всех касс за день с указанием кассы (XLSX, CSV)</translation>
    </message>
    <message>
      <source>fetch the other desks' entries first</source>
      <translation>сначала получить записи других касс</translation>
    </message>
    <message>
      <source>the day (default: today)</source>
      <translation>день (по умолчанию сегодня)</translation>
    </message>
    <message>
      <source>Desk</source>
      <translation>Касса</translation>
    </message>
    <message>
      <source>Desks that did one parcel twice</source>
      <translation>Расхождения касс по одному отправлению</translation>
    </message>
    <message>
      <source>Entry</source>
      <translation>Запись</translation>
    </message>
    <message>
      <source>First</source>
      <translation>Первая операция</translation>
    </message>
    <message>
      <source>Second</source>
      <translation>Вторая операция</translation>
    </message>
    <message>
      <source>Saved at this desk. The point database did not answer: the entries go there at the next sync.</source>
      <translation>Сохранено на этой кассе. База точки не ответила: записи уйдут туда при следующей синхронизации.</translation>
    </message>
    <message>
      <source>Saved at this desk. The central database did not answer: the entries go there at the next sync.</source>
      <translation>Сохранено на этой кассе. Центральная база не ответила: записи уйдут туда при следующей синхронизации.</translation>
    </message>
    <message>
      <source>Claims released because their operation was never written: {count}</source>
      <translation>Захватов снято, потому что операция так и не была записана: {count}</translation>
    </message>
    <message>
      <source>Claim released: «{kind}» of {posting} was claimed at this desk but never written.</source>
      <translation>Захват снят: операция «{kind}» с отправлением {posting} была захвачена на этой кассе, но так и не записана.</translation>
    </message>
  </context>
  <context>
    <name>CounterStatusBar</name>
    <message>
      <source>Point: connected</source>
      <translation>Точка: на связи</translation>
    </message>
    <message>
      <source>Point: isolated</source>
      <translation>Точка: касса работает отдельно</translation>
    </message>
    <message>
      <source>Point: isolated for {duration}</source>
      <translation>Точка: касса отдельно {duration}</translation>
    </message>
    <message>
      <source>desks disagree: {count}</source>
      <translation>расхождения касс: {count}</translation>
    </message>
  </context>
  <context>
    <name>StorageModel</name>
    <message>
      <source>Desk</source>
      <translation>Касса</translation>
    </message>
    <message>
      <source>received at desk {desk}</source>
      <translation>принят на кассе {desk}</translation>
    </message>
    <message>
      <source>refused at desk {desk}</source>
      <translation>отказ на кассе {desk}</translation>
    </message>
    <message>
      <source>returned at desk {desk}</source>
      <translation>возврат на кассе {desk}</translation>
    </message>
  </context>
  <context>
    <name>SettingsScreen</name>
    <message>
      <source>e.g. 2</source>
      <translation>например, 2</translation>
    </message>
    <message>
      <source>Several desks at one point share a PostgreSQL database: leave it empty for a desk on its own. The password is kept in the system keyring, never here.</source>
      <translation>Несколько касс одной точки работают с общей базой данных точки; для единственной кассы оставьте поле пустым. Пароль хранится в системном хранилище паролей, а не здесь.</translation>
    </message>
    <message>
      <source>Several desks</source>
      <translation>Несколько касс</translation>
    </message>
    <message>
      <source>Point &amp;database:</source>
      <translation>&amp;База точки:</translation>
    </message>
    <message>
      <source>This desk's &amp;name:</source>
      <translation>&amp;Имя этой кассы:</translation>
    </message>
    <message>
      <source>Owner's central database:</source>
      <translation>Центральная база владельца:</translation>
    </message>
    <message>
      <source>The point database</source>
      <translation>База точки</translation>
    </message>
    <message>
      <source>The central database</source>
      <translation>Центральная база</translation>
    </message>
    <message>
      <source>{name} is written as postgresql://user@host:5432/database.</source>
      <translation>{name}: адрес пишется так: postgresql://пользователь@хост:5432/база.</translation>
    </message>
    <message>
      <source>{name}: take the password out of the address; it goes to the system keyring.</source>
      <translation>{name}: уберите пароль из адреса — он хранится в системном хранилище паролей.</translation>
    </message>
    <message>
      <source>The link to the point database is rebuilt now.</source>
      <translation>Связь с базой точки перестроена сразу.</translation>
    </message>
    <message>
      <source>This desk now works on its own.</source>
      <translation>Теперь касса работает одна.</translation>
    </message>
  </context>
</TS>
