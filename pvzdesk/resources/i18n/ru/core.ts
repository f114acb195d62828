<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>pvzdesk</name>
    <message>
      <source>none</source>
      <translation>нет</translation>
    </message>
    <message>
      <source>{posting} in {found} (recorded {recorded})</source>
      <translation>{posting} в {found} (по учёту {recorded})</translation>
    </message>
    <message>
      <source>Inventory of cells {cells}: in place {found}; missing: {missing}; extra: {extra}; in the wrong cell: {misplaced}.</source>
      <translation>Инвентаризация ячеек {cells}: на месте {found}; не хватает: {missing}; лишние: {extra}; не в своей ячейке: {misplaced}.</translation>
    </message>
    <message>
      <source>The settings file has values that cannot be used: {values}.</source>
      <translation>В файле настроек есть значения, которые нельзя использовать: {values}.</translation>
    </message>
    <message>
      <source>Unknown setting {name}.</source>
      <translation>Неизвестная настройка {name}.</translation>
    </message>
    <message>
      <source>The settings file {path} cannot be read: {reason}.</source>
      <translation>Файл настроек {path} не читается: {reason}.</translation>
    </message>
    <message>
      <source>Fix them in Settings or in settings.toml, or delete the file to start from defaults.</source>
      <translation>Исправьте их в разделе «Настройки» или в settings.toml либо удалите файл, чтобы начать с настроек по умолчанию.</translation>
    </message>
    <message>
      <source>Setting {name} must be a section.</source>
      <translation>Настройка {name} должна быть разделом.</translation>
    </message>
    <message>
      <source>Setting {name} has the wrong type.</source>
      <translation>У настройки {name} неверный тип.</translation>
    </message>
    <message>
      <source>Fix it, or delete it to start from defaults.</source>
      <translation>Исправьте его или удалите, чтобы начать с настроек по умолчанию.</translation>
    </message>
    <message>
      <source>Expected a value like {example}.</source>
      <translation>Ожидается значение вроде {example}.</translation>
    </message>
    <message>
      <source>pvzdesk is already running with this data folder (process {pid}).</source>
      <translation>pvzdesk уже запущен с этой папкой данных (процесс {pid}).</translation>
    </message>
    <message>
      <source>Switch to the open window, or close it and start again.</source>
      <translation>Перейдите в открытое окно или закройте его и запустите снова.</translation>
    </message>
    <message>
      <source>The disk is full: the last operation was NOT saved.</source>
      <translation>Диск заполнен: последняя операция НЕ сохранена.</translation>
    </message>
    <message>
      <source>The journal cannot be written: {path} is read-only.</source>
      <translation>Журнал нельзя записать: {path} доступен только для чтения.</translation>
    </message>
    <message>
      <source>The journal is busy in another program: the operation was NOT saved.</source>
      <translation>Журнал занят другой программой: операция НЕ сохранена.</translation>
    </message>
    <message>
      <source>The journal file {path} is damaged.</source>
      <translation>Файл журнала {path} повреждён.</translation>
    </message>
    <message>
      <source>The journal file {path} cannot be opened.</source>
      <translation>Файл журнала {path} не открывается.</translation>
    </message>
    <message>
      <source>Free some space on the disk with {path} and scan again.</source>
      <translation>Освободите место на диске, где лежит {path}, и отсканируйте снова.</translation>
    </message>
    <message>
      <source>Check the folder's permissions or choose another data folder.</source>
      <translation>Проверьте права на папку или выберите другую папку данных.</translation>
    </message>
    <message>
      <source>Close other programs using {path} and try again.</source>
      <translation>Закройте другие программы, использующие {path}, и повторите.</translation>
    </message>
    <message>
      <source>Do not delete it. Restore the latest backup from the backups folder or call support; new scans are not being saved.</source>
      <translation>Не удаляйте его. Восстановите последнюю резервную копию из папки backups или обратитесь в поддержку; новые сканы сейчас не сохраняются.</translation>
    </message>
    <message>
      <source>Check that the folder exists and is writable.</source>
      <translation>Проверьте, что папка существует и доступна для записи.</translation>
    </message>
    <message>
      <source>The journal cannot switch to its safe write mode (WAL).</source>
      <translation>Журнал не может перейти в безопасный режим записи (WAL).</translation>
    </message>
    <message>
      <source>Give the cell the parcel goes to.</source>
      <translation>Укажите ячейку для отправления.</translation>
    </message>
    <message>
      <source>Give either a number of days or a new date.</source>
      <translation>Укажите либо число дней, либо новую дату.</translation>
    </message>
    <message>
      <source>Say why the entry is voided.</source>
      <translation>Укажите причину аннулирования записи.</translation>
    </message>
    <message>
      <source>There is no journal entry {entry_id}.</source>
      <translation>В журнале нет записи {entry_id}.</translation>
    </message>
    <message>
      <source>A void cannot itself be voided; write a new entry instead.</source>
      <translation>Аннулирование нельзя аннулировать; сделайте новую запись.</translation>
    </message>
    <message>
      <source>Entry {entry_id} is already voided.</source>
      <translation>Запись {entry_id} уже аннулирована.</translation>
    </message>
    <message>
      <source>The extension is not valid: {reason}.</source>
      <translation>Продление невозможно: {reason}.</translation>
    </message>
    <message>
      <source>There is no incident {incident_id}.</source>
      <translation>Нет сбоя {incident_id}.</translation>
    </message>
    <message>
      <source>row {row}: {reason}</source>
      <translation>строка {row}: {reason}</translation>
    </message>
    <message>
      <source>{file}: only .csv and .xlsx files can be imported.</source>
      <translation>{file}: загрузить можно только файлы .csv и .xlsx.</translation>
    </message>
    <message>
      <source>{file} is not a table: its first line never ends.</source>
      <translation>{file} — не таблица: первая строка не заканчивается.</translation>
    </message>
    <message>
      <source>{file} is not a text table (it holds binary data).</source>
      <translation>{file} — не текстовая таблица (в нём двоичные данные).</translation>
    </message>
    <message>
      <source>File {file} does not exist.</source>
      <translation>Файла {file} нет.</translation>
    </message>
    <message>
      <source>{file} is empty.</source>
      <translation>Файл {file} пуст.</translation>
    </message>
    <message>
      <source>{file}: no column {column}. The first row must name the columns (posting, barcodes, places, cell, storage_until...).</source>
      <translation>{file}: нет столбца {column}. В первой строке должны быть названия столбцов (posting/отправление, barcodes/штрихкод, places/мест, cell/ячейка, storage_until/срок хранения...).</translation>
    </message>
    <message>
      <source>{file} was not imported; nothing changed.</source>
      <translation>{file} не загружен; ничего не изменилось.</translation>
    </message>
    <message>
      <source>{file} has characters in an unknown encoding; save it as UTF-8.</source>
      <translation>В {file} символы в неизвестной кодировке; сохраните его в UTF-8.</translation>
    </message>
    <message>
      <source>{file} is not a valid CSV table: {reason}</source>
      <translation>{file} — не корректная таблица CSV: {reason}</translation>
    </message>
    <message>
      <source>{file} is not a readable Excel workbook (.xlsx).</source>
      <translation>{file} — не читаемая книга Excel (.xlsx).</translation>
    </message>
    <message>
      <source>Import cancelled; nothing was imported.</source>
      <translation>Загрузка отменена; ничего не загружено.</translation>
    </message>
    <message>
      <source>a cell is too long</source>
      <translation>слишком длинное значение в ячейке</translation>
    </message>
    <message>
      <source>{value!r} is not a posting number</source>
      <translation>{value!r} — не номер отправления</translation>
    </message>
    <message>
      <source>posting {posting} repeats row {first}</source>
      <translation>отправление {posting} повторяет строку {first}</translation>
    </message>
    <message>
      <source>barcode {code} also belongs to {other}</source>
      <translation>штрихкод {code} уже принадлежит {other}</translation>
    </message>
    <message>
      <source>places must be a whole number from 1 to 99</source>
      <translation>число мест должно быть целым от 1 до 99</translation>
    </message>
    <message>
      <source>{value!r} is not a date (write 28.11.2026)</source>
      <translation>{value!r} — не дата (пишите 28.11.2026)</translation>
    </message>
    <message>
      <source>Code {code} is not a parcel barcode we know. Scan the label again or type the posting number.</source>
      <translation>Код {code} не похож на штрихкод отправления. Отсканируйте этикетку ещё раз или введите номер отправления.</translation>
    </message>
    <message>
      <source>Code {code} is not a parcel label (it looks like a {kind}). Scan the parcel's label.</source>
      <translation>Код {code} — не этикетка отправления (похоже на {kind}). Отсканируйте этикетку отправления.</translation>
    </message>
    <message>
      <source>{posting}: not in the manifest. Recorded; check it after reconciliation.</source>
      <translation>{posting}: нет в списке ожидаемых. Записано; проверьте после сверки.</translation>
    </message>
    <message>
      <source>{posting}: expected but never received at this point.</source>
      <translation>{posting}: ожидалось, но не было принято на этом пункте.</translation>
    </message>
    <message>
      <source>{posting}: already received at {at}. Nothing written.</source>
      <translation>{posting}: уже принято в {at}. Ничего не записано.</translation>
    </message>
    <message>
      <source>{posting}: already issued at {at}. Nothing written.</source>
      <translation>{posting}: уже выдано в {at}. Ничего не записано.</translation>
    </message>
    <message>
      <source>{posting}: already sent back at {at}. Nothing written.</source>
      <translation>{posting}: уже возвращено отправителю в {at}. Ничего не записано.</translation>
    </message>
    <message>
      <source>{posting}: was not issued, so it cannot be returned by a customer.</source>
      <translation>{posting}: не выдавалось, поэтому клиент не может его вернуть.</translation>
    </message>
    <message>
      <source>{posting}: is not at the point.</source>
      <translation>{posting}: нет на пункте.</translation>
    </message>
    <message>
      <source>{posting}: was refused or returned earlier and waits to go back.</source>
      <translation>{posting}: ранее был отказ или возврат; ждёт отправки обратно.</translation>
    </message>
    <message>
      <source>{posting}: storage ended on {until}.</source>
      <translation>{posting}: срок хранения истёк {until}.</translation>
    </message>
    <message>
      <source>{posting}: storage lasts until {until}; it is being sent back early.</source>
      <translation>{posting}: срок хранения до {until}; возврат раньше срока.</translation>
    </message>
    <message>
      <source>{posting}: belongs to another customer. Put it aside.</source>
      <translation>{posting}: принадлежит другому клиенту. Отложите его.</translation>
    </message>
    <message>
      <source>{posting}: {scanned} of {places} places scanned. Find the missing places.</source>
      <translation>{posting}: отсканировано мест {scanned} из {places}. Найдите недостающие.</translation>
    </message>
    <message>
      <source>{posting}: has no storage deadline to extend.</source>
      <translation>{posting}: нет срока хранения, который можно продлить.</translation>
    </message>
    <message>
      <source>The customer's code is recorded as evidence; the platform will check it after the outage.</source>
      <translation>Код клиента записан как подтверждение; платформа проверит его после сбоя.</translation>
    </message>
    <message>
      <source>Error: {message}</source>
      <translation>Ошибка: {message}</translation>
    </message>
    <message>
      <source>Internal error: this is a bug in pvzdesk. Nothing already saved is affected.</source>
      <translation>Внутренняя ошибка программы pvzdesk. Всё уже сохранённое цело.</translation>
    </message>
    <message>
      <source>Pickup-point counter that keeps working when the platform does not.</source>
      <translation>Рабочее место ПВЗ, которое работает, даже когда платформа недоступна.</translation>
    </message>
    <message>
      <source>data folder (default: PVZDESK_HOME or the user's data folder)</source>
      <translation>папка данных (по умолчанию PVZDESK_HOME или папка данных пользователя)</translation>
    </message>
    <message>
      <source>Details were saved to {path}; send it to support.</source>
      <translation>Подробности сохранены в {path}; отправьте файл в поддержку.</translation>
    </message>
    <message>
      <source>receive parcels from the carrier</source>
      <translation>приёмка отправлений от перевозчика</translation>
    </message>
    <message>
      <source>put parcels in a cell</source>
      <translation>разместить отправления в ячейке</translation>
    </message>
    <message>
      <source>issue parcels to a customer</source>
      <translation>выдача отправлений клиенту</translation>
    </message>
    <message>
      <source>the customer refuses parcels at the counter</source>
      <translation>отказ клиента от отправлений на пункте</translation>
    </message>
    <message>
      <source>a customer brings an issued parcel back</source>
      <translation>возврат клиентом выданного отправления</translation>
    </message>
    <message>
      <source>send unclaimed parcels back</source>
      <translation>возврат невостребованных отправлений</translation>
    </message>
    <message>
      <source>extend storage deadlines</source>
      <translation>продление сроков хранения</translation>
    </message>
    <message>
      <source>void a journal entry (it stays in the journal)</source>
      <translation>аннулировать запись журнала (она остаётся в журнале)</translation>
    </message>
    <message>
      <source>write a note into the journal</source>
      <translation>записать заметку в журнал</translation>
    </message>
    <message>
      <source>Give codes and either --days N or --until DATE.</source>
      <translation>Укажите коды и либо --days N, либо --until ДАТА.</translation>
    </message>
    <message>
      <source>cell the parcels go to</source>
      <translation>ячейка для отправлений</translation>
    </message>
    <message>
      <source>the customer's code, kept as evidence</source>
      <translation>код клиента, сохраняется как подтверждение</translation>
    </message>
    <message>
      <source>only some items are refused</source>
      <translation>отказ только от части товаров</translation>
    </message>
    <message>
      <source>new deadline, e.g. 28.11.2026</source>
      <translation>новый срок, например 28.11.2026</translation>
    </message>
    <message>
      <source>every parcel stored during incident ID</source>
      <translation>все отправления, хранившиеся во время сбоя ID</translation>
    </message>
    <message>
      <source>With --incident give --days N and no codes.</source>
      <translation>С --incident укажите --days N и не указывайте коды.</translation>
    </message>
    <message>
      <source>machine-readable output</source>
      <translation>вывод для программ (JSON)</translation>
    </message>
    <message>
      <source>Backup written to {path}.</source>
      <translation>Резервная копия записана в {path}.</translation>
    </message>
    <message>
      <source>{count} parcels.</source>
      <translation>Отправлений: {count}.</translation>
    </message>
    <message>
      <source>the list of parcels the point expects</source>
      <translation>список ожидаемых отправлений</translation>
    </message>
    <message>
      <source>import a CSV or XLSX manifest</source>
      <translation>загрузить список из CSV или XLSX</translation>
    </message>
    <message>
      <source>the journal of operations</source>
      <translation>журнал операций</translation>
    </message>
    <message>
      <source>list journal entries</source>
      <translation>показать записи журнала</translation>
    </message>
    <message>
      <source>only this day, e.g. 28.11.2026</source>
      <translation>только за этот день, например 28.11.2026</translation>
    </message>
    <message>
      <source>check the hash chain</source>
      <translation>проверить цепочку хешей</translation>
    </message>
    <message>
      <source>parcels at the point and their deadlines</source>
      <translation>отправления на пункте и их сроки хранения</translation>
    </message>
    <message>
      <source>deadline within DAYS days</source>
      <translation>срок истекает в течение DAYS дней</translation>
    </message>
    <message>
      <source>platform outages</source>
      <translation>сбои платформы</translation>
    </message>
    <message>
      <source>the incident to end (default: the open one)</source>
      <translation>какой сбой закрыть (по умолчанию открытый)</translation>
    </message>
    <message>
      <source>what happened</source>
      <translation>что случилось</translation>
    </message>
    <message>
      <source>copy the journal to the backups folder</source>
      <translation>скопировать журнал в папку резервных копий</translation>
    </message>
    <message>
      <source>Imported {count} postings from {file}.</source>
      <translation>Загружено отправлений: {count} из {file}.</translation>
    </message>
    <message>
      <source>Journal intact: {count} entries, chain head {head}.</source>
      <translation>Журнал цел: записей {count}, вершина цепочки {head}.</translation>
    </message>
    <message>
      <source>its content was changed</source>
      <translation>её содержимое изменено</translation>
    </message>
    <message>
      <source>an entry before it is missing or out of order</source>
      <translation>запись перед ней пропала или стоит не на месте</translation>
    </message>
    <message>
      <source>The journal chain is BROKEN at entry #{seq} ({entry_id}): {reason}. {count} entries before it are intact.</source>
      <translation>Цепочка журнала НАРУШЕНА на записи №{seq} ({entry_id}): {reason}. Записи до неё ({count}) целы.</translation>
    </message>
    <message>
      <source>open</source>
      <translation>не закрыт</translation>
    </message>
    <message>
      <source>overdue {days} d</source>
      <translation>просрочено на {days} дн.</translation>
    </message>
    <message>
      <source>{days} d left</source>
      <translation>осталось {days} дн.</translation>
    </message>
    <message>
      <source>An incident is already open since {at}.</source>
      <translation>Сбой уже открыт с {at}.</translation>
    </message>
    <message>
      <source>No incident is open.</source>
      <translation>Открытого сбоя нет.</translation>
    </message>
    <message>
      <source>min</source>
      <translation>мин</translation>
    </message>
    <message>
      <source>received</source>
      <translation>принято</translation>
    </message>
    <message>
      <source>placed</source>
      <translation>размещено</translation>
    </message>
    <message>
      <source>issued</source>
      <translation>выдано</translation>
    </message>
    <message>
      <source>refused</source>
      <translation>отказ</translation>
    </message>
    <message>
      <source>returned by customer</source>
      <translation>возврат клиента</translation>
    </message>
    <message>
      <source>sent back</source>
      <translation>возвращено отправителю</translation>
    </message>
    <message>
      <source>extended</source>
      <translation>продлено</translation>
    </message>
    <message>
      <source>deadline from platform</source>
      <translation>срок от платформы</translation>
    </message>
    <message>
      <source>voided</source>
      <translation>аннулировано</translation>
    </message>
    <message>
      <source>evidence</source>
      <translation>подтверждение</translation>
    </message>
    <message>
      <source>incident started</source>
      <translation>начат сбой</translation>
    </message>
    <message>
      <source>incident ended</source>
      <translation>сбой закончен</translation>
    </message>
    <message>
      <source>re-entered</source>
      <translation>внесено повторно</translation>
    </message>
    <message>
      <source>note</source>
      <translation>заметка</translation>
    </message>
    <message>
      <source>unknown</source>
      <translation>неизвестно</translation>
    </message>
    <message>
      <source>expected</source>
      <translation>ожидается</translation>
    </message>
    <message>
      <source>in storage</source>
      <translation>на хранении</translation>
    </message>
    <message>
      <source>refused, to go back</source>
      <translation>отказ, к возврату</translation>
    </message>
    <message>
      <source>returned, to go back</source>
      <translation>возврат, к отправке</translation>
    </message>
    <message>
      <source>There is no screen to show the counter window on.</source>
      <translation>Нет экрана, на котором можно показать окно кассы.</translation>
    </message>
    <message>
      <source>Start it on the counter's desktop, or use the commands (pvzdesk --help).</source>
      <translation>Запустите программу на рабочем столе кассы или пользуйтесь командами (pvzdesk --help).</translation>
    </message>
      <message>
        <source>{posting}: the buyer cancelled the order — do not hand it out.</source>
        <translation>{posting}: покупатель отменил заказ — не выдавать.</translation>
    </message>
</context>
</TS>
