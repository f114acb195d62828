<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ExtendDialog</name>
    <message>
      <source>… and {count} more</source>
      <translation>… и ещё {count}</translation>
    </message>
    <message>
        <source>Extend storage</source>
        <translation>Продлить хранение</translation>
    </message>
    <message>
        <source>By &amp;days:</source>
        <translation>На &amp;дни:</translation>
    </message>
    <message>
        <source>Until &amp;date:</source>
        <translation>До д&amp;аты:</translation>
    </message>
    <message>
        <source>28.11.2026</source>
        <translation>28.11.2026</translation>
    </message>
    <message>
        <source>the customer asked</source>
        <translation>попросил клиент</translation>
    </message>
    <message>
        <source>the platform extended it</source>
        <translation>продлила платформа</translation>
    </message>
    <message>
        <source>the operator decided</source>
        <translation>решил оператор</translation>
    </message>
    <message>
        <source>&amp;Why:</source>
        <translation>&amp;Причина:</translation>
    </message>
    <message>
        <source>Extend</source>
        <translation>Продлить</translation>
    </message>
    <message>
        <source>Type a future date like 28.11.2026.</source>
        <translation>Введите будущую дату, например 28.11.2026.</translation>
    </message>
    <message>
        <source>Extend storage of {count} parcel(s).</source>
        <translation>Продлить хранение посылок: {count}.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>IncidentExtendDialog</name>
    <message>
        <source>Extend after an outage</source>
        <translation>Продление после сбоя</translation>
    </message>
    <message>
        <source>&amp;Outage:</source>
        <translation>&amp;Сбой:</translation>
    </message>
    <message>
        <source>&amp;Add days:</source>
        <translation>&amp;Добавить дней:</translation>
    </message>
    <message>
        <source>Every parcel that was at the point during the outage gets the extra days.</source>
        <translation>Каждой посылке, которая была на пункте во время сбоя, добавятся дни.</translation>
    </message>
    <message>
        <source>Extend all</source>
        <translation>Продлить все</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>JobPanel</name>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Отмена (Esc)</translation>
    </message>
    <message>
        <source>Stopping… what is done stays done.</source>
        <translation>Останавливаю… сделанное сохранится.</translation>
    </message>
</context>
<context>
    <name>JournalModel</name>
    <message>
      <source>code</source>
      <translation>код</translation>
    </message>
    <message>
      <source>cell</source>
      <translation>ячейка</translation>
    </message>
    <message>
      <source>places</source>
      <translation>мест</translation>
    </message>
    <message>
      <source>until</source>
      <translation>до</translation>
    </message>
    <message>
      <source>was until</source>
      <translation>было до</translation>
    </message>
    <message>
      <source>customer code</source>
      <translation>код клиента</translation>
    </message>
    <message>
      <source>reason</source>
      <translation>причина</translation>
    </message>
    <message>
      <source>text</source>
      <translation>текст</translation>
    </message>
    <message>
      <source>days</source>
      <translation>дней</translation>
    </message>
    <message>
      <source>set by</source>
      <translation>кем задан</translation>
    </message>
    <message>
      <source>detail</source>
      <translation>подробно</translation>
    </message>
    <message>
      <source>voided</source>
      <translation>аннулировано</translation>
    </message>
    <message>
      <source>photo</source>
      <translation>фото</translation>
    </message>
    <message>
      <source>checksum</source>
      <translation>контрольная сумма</translation>
    </message>
    <message>
      <source>operation</source>
      <translation>операция</translation>
    </message>
    <message>
      <source>program version</source>
      <translation>версия программы</translation>
    </message>
    <message>
      <source>began</source>
      <translation>начался</translation>
    </message>
    <message>
      <source>was in cell</source>
      <translation>была ячейка</translation>
    </message>
    <message>
      <source>moved from</source>
      <translation>перенесено с</translation>
    </message>
    <message>
      <source>file row</source>
      <translation>строка файла</translation>
    </message>
    <message>
      <source>event</source>
      <translation>событие</translation>
    </message>
    <message>
        <source>#</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Операция</translation>
    </message>
    <message>
        <source>Posting</source>
        <translation>Отправление</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>Приёмка</translation>
    </message>
    <message>
        <source>Put on shelf</source>
        <translation>Размещение</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Выдача</translation>
    </message>
    <message>
        <source>Refusal</source>
        <translation>Отказ</translation>
    </message>
    <message>
        <source>Customer return</source>
        <translation>Возврат клиента</translation>
    </message>
    <message>
        <source>Send back</source>
        <translation>Возврат отправителю</translation>
    </message>
    <message>
        <source>Extension</source>
        <translation>Продление</translation>
    </message>
    <message>
        <source>Deadline from platform</source>
        <translation>Срок от платформы</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Аннулирование</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Фото</translation>
    </message>
    <message>
        <source>Outage began</source>
        <translation>Начало сбоя</translation>
    </message>
    <message>
        <source>Outage ended</source>
        <translation>Конец сбоя</translation>
    </message>
    <message>
        <source>Re-entered</source>
        <translation>Внесено повторно</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Заметка</translation>
    </message>
    <message>
        <source>{kind} (voided)</source>
        <translation>{kind} (аннулировано)</translation>
    </message>
</context>
<context>
    <name>JournalScreen</name>
    <message>
        <source>Journal</source>
        <translation>Журнал</translation>
    </message>
    <message>
        <source>Search: posting, code, operator, any text</source>
        <translation>Поиск: отправление, код, оператор, любой текст</translation>
    </message>
    <message>
        <source>All operations</source>
        <translation>Все операции</translation>
    </message>
    <message>
        <source>from, 28.11.2026</source>
        <translation>с, 28.11.2026</translation>
    </message>
    <message>
        <source>to, 28.11.2026</source>
        <translation>по, 28.11.2026</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>&amp;Найти:</translation>
    </message>
    <message>
        <source>&amp;Operation:</source>
        <translation>&amp;Операция:</translation>
    </message>
    <message>
        <source>&amp;Dates:</source>
        <translation>&amp;Даты:</translation>
    </message>
    <message>
        <source>&amp;Void… (Del)</source>
        <translation>&amp;Аннулировать… (Del)</translation>
    </message>
    <message>
        <source>Check the &amp;chain (Ctrl+K)</source>
        <translation>Проверить &amp;цепочку (Ctrl+K)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <source>Checking the chain of entries…</source>
        <translation>Проверяю цепочку записей…</translation>
    </message>
    <message>
        <source>The check was stopped; nothing was changed.</source>
        <translation>Проверка остановлена; ничего не изменено.</translation>
    </message>
    <message>
        <source>Choose an entry to void first.</source>
        <translation>Сначала выберите запись.</translation>
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
        <source>Entries shown: {count}</source>
        <translation>Показано записей: {count}</translation>
    </message>
    <message>
        <source>Entry #{seq} is void. Reason: {reason}</source>
        <translation>Запись №{seq} аннулирована. Причина: {reason}</translation>
    </message>
    <message>
        <source>The chain is intact: {count} entries checked, none changed or missing. Head: {head}</source>
        <translation>Цепочка цела: проверено записей — {count}, ни одна не изменена и не пропала. Вершина: {head}</translation>
    </message>
    <message>
        <source>The chain is BROKEN at entry #{seq}: {why}. {count} entries before it are intact.</source>
        <translation>Цепочка НАРУШЕНА на записи №{seq}: {why}. Записи до неё ({count}) целы.</translation>
    </message>
    <message>
        <source>Entry #{seq} cannot be voided: it is a void or already voided.</source>
        <translation>Запись №{seq} нельзя аннулировать: это аннулирование или она уже аннулирована.</translation>
    </message>
    <message>
        <source>«{text}» is not a date. Write it like 28.11.2026.</source>
        <translation>«{text}» — не дата. Пишите так: 28.11.2026.</translation>
    </message>
</context>
<context>
    <name>ReconcileScreen</name>
    <message>
        <source>Reconcile</source>
        <translation>Сверка</translation>
    </message>
    <message>
        <source>Seller API. Waiting to be retried: {waiting}. Needing a person: {conflicts}.</source>
        <translation>API продавца. Ждут повтора: {waiting}. Требуют решения человека: {conflicts}.</translation>
    </message>
    <message>
        <source>&amp;Start reconciliation (Ctrl+R)</source>
        <translation>&amp;Начать сверку (Ctrl+R)</translation>
    </message>
    <message>
        <source>&amp;Platform is right: void our entry</source>
        <translation>&amp;Права платформа: аннулировать нашу запись</translation>
    </message>
    <message>
        <source>&amp;Check again on the next run</source>
        <translation>Про&amp;верить снова при следующей сверке</translation>
    </message>
    <message>
        <source>Re-enter each operation in the platform's app, then scan the parcel here to tick it off.</source>
        <translation>Введите каждую операцию в приложении платформы, затем отсканируйте посылку здесь, чтобы отметить её.</translation>
    </message>
    <message>
        <source>&amp;Outcomes</source>
        <translation>&amp;Итоги</translation>
    </message>
    <message>
        <source>Re-entry &amp;worklist</source>
        <translation>&amp;Список повторного ввода</translation>
    </message>
    <message>
        <source>Reconciling with the platform…</source>
        <translation>Сверка с платформой…</translation>
    </message>
    <message>
        <source>Stopped. {done} of {total} done; the rest waits for the next run.</source>
        <translation>Остановлено. Готово {done} из {total}; остальное дождётся следующей сверки.</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Итог</translation>
    </message>
    <message>
        <source>Posting</source>
        <translation>Отправление</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Операция</translation>
    </message>
    <message>
        <source>The journal says</source>
        <translation>В журнале</translation>
    </message>
    <message>
        <source>The platform says</source>
        <translation>На платформе</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Готово</translation>
    </message>
    <message>
        <source>#</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Reconciliation</source>
        <translation>Сверка</translation>
    </message>
    <message>
        <source>Partner point: the platform has no API for these steps. Re-enter them from the worklist (or the printed re-entry sheet) and tick each one off.</source>
        <translation>Партнёрский ПВЗ: у платформы нет API для этих операций. Введите их заново по списку (или по распечатанному листу) и отметьте каждую.</translation>
    </message>
    <message>
        <source>Choose an entry to see both sides.</source>
        <translation>Выберите запись, чтобы увидеть обе стороны.</translation>
    </message>
    <message>
        <source>(no reply kept)</source>
        <translation>(ответ не сохранён)</translation>
    </message>
    <message>
        <source>The platform did not answer for everything: {done} of {total} done.</source>
        <translation>Платформа ответила не по всем: готово {done} из {total}.</translation>
    </message>
    <message>
        <source>Reconciliation finished: {done} of {total} done.</source>
        <translation>Сверка завершена: готово {done} из {total}.</translation>
    </message>
    <message>
        <source>Reconciliation: the platform's view is accepted ({what}).</source>
        <translation>Сверка: принята версия платформы ({what}).</translation>
    </message>
    <message>
        <source>Re-entered: {done} of {total}.</source>
        <translation>Введено повторно: {done} из {total}.</translation>
    </message>
    <message>
        <source>Entry #{seq} is voided; the platform's view stands.</source>
        <translation>Запись №{seq} аннулирована; остаётся версия платформы.</translation>
    </message>
    <message>
        <source>Entry #{seq} will be checked again on the next run.</source>
        <translation>Запись №{seq} будет проверена снова при следующей сверке.</translation>
    </message>
    <message>
        <source>Ticked off: line {number}, {posting}.</source>
        <translation>Отмечено: строка {number}, {posting}.</translation>
    </message>
    <message>
        <source>{code}: nothing left to re-enter for this parcel.</source>
        <translation>{code}: по этой посылке вводить больше нечего.</translation>
    </message>
    <message>
        <source>Check &amp;all set-aside again</source>
        <translation>Проверить заново &amp;все отложенные</translation>
    </message>
    <message>
        <source>{count} set-aside entries will be checked again on the next run.</source>
        <translation>Отложенных записей будет проверено заново при следующем запуске: {count}.</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Заявка</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>The buyer asked to cancel these orders: do not hand them out. Approving or rejecting a request is done in the seller's account.</source>
        <translation>Покупатель попросил отменить эти заказы: не выдавайте их. Подтвердить или отклонить заявку можно в личном кабинете продавца.</translation>
    </message>
    <message>
        <source>Buyer &amp;cancellations</source>
        <translation>&amp;Отмены покупателей</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>на рассмотрении</translation>
    </message>
    <message>
        <source>approved</source>
        <translation>подтверждена</translation>
    </message>
    <message>
        <source>The platform asked to wait: requests resume at {time}.</source>
        <translation>Платформа попросила подождать: запросы возобновятся в {time}.</translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <source>28.11.2026</source>
        <translation>28.11.2026</translation>
    </message>
    <message>
        <source>empty: one day</source>
        <translation>пусто: один день</translation>
    </message>
    <message>
        <source>&amp;Make the report (Ctrl+Enter)</source>
        <translation>&amp;Сформировать отчёт (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>End of day</source>
        <translation>Итоги дня</translation>
    </message>
    <message>
        <source>&amp;Day or from:</source>
        <translation>&amp;День или с:</translation>
    </message>
    <message>
        <source>Formats:</source>
        <translation>Форматы:</translation>
    </message>
    <message>
        <source>Ticket &amp;bundle (ZIP)</source>
        <translation>&amp;Пакет для поддержки (ZIP)</translation>
    </message>
    <message>
        <source>&amp;Re-entry sheet (PDF)</source>
        <translation>&amp;Лист повторного ввода (PDF)</translation>
    </message>
    <message>
        <source>After an outage</source>
        <translation>После сбоя</translation>
    </message>
    <message>
        <source>&amp;Outage:</source>
        <translation>&amp;Сбой:</translation>
    </message>
    <message>
        <source>Open the &amp;folder (Ctrl+O)</source>
        <translation>Открыть &amp;папку (Ctrl+O)</translation>
    </message>
    <message>
        <source>Making the end-of-day report…</source>
        <translation>Формирую отчёт за день…</translation>
    </message>
    <message>
        <source>Making the ticket bundle…</source>
        <translation>Собираю пакет для поддержки…</translation>
    </message>
    <message>
        <source>Making the re-entry sheet…</source>
        <translation>Готовлю лист повторного ввода…</translation>
    </message>
    <message>
        <source>Cancelled; no file was written.</source>
        <translation>Отменено; файлы не записаны.</translation>
    </message>
    <message>
        <source>&amp;XLSX (Excel)</source>
        <translation>&amp;XLSX (Excel)</translation>
    </message>
    <message>
        <source>&amp;CSV</source>
        <translation>&amp;CSV</translation>
    </message>
    <message>
        <source>&amp;PDF (to print and sign)</source>
        <translation>P&amp;DF (печать и подпись)</translation>
    </message>
    <message>
        <source>to</source>
        <translation>по</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>Период заканчивается раньше, чем начинается.</translation>
    </message>
    <message>
        <source>{start} — {end} ({id})</source>
        <translation>{start} — {end} ({id})</translation>
    </message>
    <message>
        <source>no outage recorded</source>
        <translation>сбоев не записано</translation>
    </message>
    <message>
        <source>Choose at least one format.</source>
        <translation>Выберите хотя бы один формат.</translation>
    </message>
    <message>
        <source>No outage is recorded yet.</source>
        <translation>Сбоев пока не записано.</translation>
    </message>
    <message>
        <source>Wait for the current export or cancel it (Esc).</source>
        <translation>Дождитесь текущей выгрузки или отмените её (Esc).</translation>
    </message>
    <message>
        <source>{start}, still going ({id})</source>
        <translation>{start}, продолжается ({id})</translation>
    </message>
    <message>
        <source>Ready: {files}</source>
        <translation>Готово: {files}</translation>
    </message>
    <message>
        <source>Folder: {folder}</source>
        <translation>Папка: {folder}</translation>
    </message>
    <message>
        <source>{count} CSV files</source>
        <translation>CSV-файлов: {count}</translation>
    </message>
    <message>
        <source>Cannot open a file manager here. The files are in {folder}</source>
        <translation>Не удаётся открыть файловый менеджер. Файлы лежат в {folder}</translation>
    </message>
    <message>
        <source>«{text}» is not a date. Write it like 28.11.2026.</source>
        <translation>«{text}» — не дата. Пишите так: 28.11.2026.</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>The language changes after a restart.</source>
        <translation>Язык сменится после перезапуска.</translation>
    </message>
    <message>
        <source> days</source>
        <translation> дн.</translation>
    </message>
    <message>
        <source>Beep on every scan</source>
        <translation>Звук при каждом скане</translation>
    </message>
    <message>
        <source>Counter</source>
        <translation>Пункт выдачи</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <source>&amp;Operator name:</source>
        <translation>&amp;Оператор:</translation>
    </message>
    <message>
        <source>&amp;Point name:</source>
        <translation>&amp;Название пункта:</translation>
    </message>
    <message>
        <source>S&amp;torage period:</source>
        <translation>Срок &amp;хранения:</translation>
    </message>
    <message>
        <source>Platform</source>
        <translation>Платформа</translation>
    </message>
    <message>
        <source>&amp;Adapter:</source>
        <translation>&amp;Режим сверки:</translation>
    </message>
    <message>
        <source>Seller API &amp;URL:</source>
        <translation>&amp;Адрес API продавца:</translation>
    </message>
    <message>
        <source>Login &amp;check URL:</source>
        <translation>Адрес &amp;проверки входа:</translation>
    </message>
    <message>
        <source>Client-&amp;Id:</source>
        <translation>&amp;Идентификатор продавца:</translation>
    </message>
    <message>
        <source>API &amp;key:</source>
        <translation>API-&amp;ключ:</translation>
    </message>
    <message>
        <source>Take a photo at hand-over</source>
        <translation>Фото при выдаче</translation>
    </message>
    <message>
        <source>Camera and scanner</source>
        <translation>Камера и сканер</translation>
    </message>
    <message>
        <source>&amp;Camera (number or file):</source>
        <translation>&amp;Камера (номер или файл):</translation>
    </message>
    <message>
        <source>&amp;Decoder:</source>
        <translation>&amp;Декодер:</translation>
    </message>
    <message>
        <source>How long to keep</source>
        <translation>Сколько хранить</translation>
    </message>
    <message>
        <source>&amp;Backups:</source>
        <translation>&amp;Резервные копии:</translation>
    </message>
    <message>
        <source>&amp;Photos (evidence):</source>
        <translation>&amp;Фото (доказательства):</translation>
    </message>
    <message>
        <source>Customers' &amp;names and phones:</source>
        <translation>&amp;Имена и телефоны клиентов:</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>Сохранить (Ctrl+S)</translation>
    </message>
    <message>
        <source>Undo changes (Esc)</source>
        <translation>Отменить изменения (Esc)</translation>
    </message>
    <message>
        <source>type a new key to replace the saved one</source>
        <translation>введите новый ключ, чтобы заменить сохранённый</translation>
    </message>
    <message>
        <source>The key is kept in the system keyring and is never shown here.</source>
        <translation>Ключ хранится в системном хранилище паролей и здесь не показывается.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Настройки сохранены.</translation>
    </message>
    <message>
        <source>Changes undone.</source>
        <translation>Изменения отменены.</translation>
    </message>
    <message>
        <source>Type the operator's name: it goes into every journal entry.</source>
        <translation>Укажите имя оператора: оно записывается в каждую запись журнала.</translation>
    </message>
    <message>
        <source>Seller API URL</source>
        <translation>Адрес API продавца</translation>
    </message>
    <message>
        <source>Login check URL</source>
        <translation>Адрес проверки входа</translation>
    </message>
    <message>
        <source>Client-Id is a number, as shown in the seller's account.</source>
        <translation>Идентификатор продавца — это число, как в личном кабинете продавца.</translation>
    </message>
    <message>
        <source>The Seller API needs a Client-Id.</source>
        <translation>Для API продавца нужен идентификатор продавца.</translation>
    </message>
    <message>
        <source>Type the Client-Id the API key belongs to.</source>
        <translation>Укажите идентификатор продавца, к которому относится API-ключ.</translation>
    </message>
    <message>
        <source>Give a camera: its number (0 is the first) or a file.</source>
        <translation>Укажите камеру: номер (0 — первая) или файл.</translation>
    </message>
    <message>
        <source>The new language is used after pvzdesk is restarted.</source>
        <translation>Новый язык включится после перезапуска pvzdesk.</translation>
    </message>
    <message>
        <source>Partner point: guided re-entry</source>
        <translation>Партнёрский ПВЗ: повторный ввод по списку</translation>
    </message>
    <message>
        <source>Seller API (rFBS)</source>
        <translation>API продавца (rFBS)</translation>
    </message>
    <message>
        <source>The API key is saved in the system keyring.</source>
        <translation>API-ключ сохранён в системном хранилище паролей.</translation>
    </message>
    <message>
        <source>This computer has no keyring, so the API key was NOT saved: set the PVZDESK_API_KEY environment variable instead.</source>
        <translation>На этом компьютере нет хранилища паролей, поэтому API-ключ НЕ сохранён: задайте вместо этого переменную окружения PVZDESK_API_KEY.</translation>
    </message>
    <message>
        <source>{name} must be a web address starting with https://.</source>
        <translation>{name}: нужен веб-адрес, начинающийся с https://.</translation>
    </message>
    <message>
        <source>The settings file cannot be written: {reason}</source>
        <translation>Не удаётся записать файл настроек: {reason}</translation>
    </message>
</context>
<context>
    <name>StorageModel</name>
    <message>
        <source>last day</source>
        <translation>последний день</translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>завтра</translation>
    </message>
    <message>
        <source>waiting for customer</source>
        <translation>ждёт клиента</translation>
    </message>
    <message>
        <source>refused, to send back</source>
        <translation>отказ, к возврату</translation>
    </message>
    <message>
        <source>returned, to send back</source>
        <translation>возврат, к отправке</translation>
    </message>
    <message>
        <source>storage period</source>
        <translation>срок хранения</translation>
    </message>
    <message>
        <source>customer</source>
        <translation>покупатель</translation>
    </message>
    <message>
        <source>platform</source>
        <translation>платформа</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>оператор</translation>
    </message>
    <message>
        <source>import</source>
        <translation>импорт</translation>
    </message>
    <message>
        <source>Posting</source>
        <translation>Отправление</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>Ячейка</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Stored until</source>
        <translation>Хранится до</translation>
    </message>
    <message>
        <source>Days left</source>
        <translation>Осталось дней</translation>
    </message>
    <message>
        <source>Deadline set by</source>
        <translation>Срок задал</translation>
    </message>
    <message>
        <source>overdue {days} d</source>
        <translation>просрочено на {days} дн.</translation>
    </message>
</context>
<context>
    <name>StorageScreen</name>
    <message>
      <source>These deadlines are this point's own: the platform does not report them. After an outage, extend them here.</source>
      <translation>Сроки хранения — этого пункта: платформа их не сообщает. После сбоя продлевайте их здесь.</translation>
    </message>
    <message>
      <source>&amp;Import manifest… (Ctrl+I)</source>
      <translation>&amp;Загрузить список… (Ctrl+I)</translation>
    </message>
    <message>
      <source>Manifest file</source>
      <translation>Файл списка отправлений</translation>
    </message>
    <message>
      <source>Manifest (*.csv *.xlsx)</source>
      <translation>Список отправлений (*.csv *.xlsx)</translation>
    </message>
    <message>
      <source>Rows read: {rows}</source>
      <translation>Прочитано строк: {rows}</translation>
    </message>
    <message>
      <source>Manifest imported: {count} parcels from {file}.</source>
      <translation>Список загружен: отправлений {count} из {file}.</translation>
    </message>
    <message>
      <source>Importing {file}…</source>
      <translation>Загрузка {file}…</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Хранение</translation>
    </message>
    <message>
        <source>&amp;All at the point</source>
        <translation>&amp;Все на пункте</translation>
    </message>
    <message>
        <source>&amp;Overdue</source>
        <translation>&amp;Просрочено</translation>
    </message>
    <message>
        <source>Last day &amp;today</source>
        <translation>Последний день &amp;сегодня</translation>
    </message>
    <message>
        <source>Until to&amp;morrow</source>
        <translation>До &amp;завтра</translation>
    </message>
    <message>
        <source>&amp;Extend… (Ctrl+E)</source>
        <translation>П&amp;родлить… (Ctrl+E)</translation>
    </message>
    <message>
        <source>Extend after an o&amp;utage… (Ctrl+Shift+E)</source>
        <translation>Продлить после с&amp;боя… (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>&amp;Send back (Ctrl+B)</source>
        <translation>&amp;Вернуть отправителю (Ctrl+B)</translation>
    </message>
    <message>
        <source>Send back</source>
        <translation>Возврат отправителю</translation>
    </message>
    <message>
        <source>{count} parcel(s) recorded as sent back.</source>
        <translation>Записано возвратов отправителю: {count}.</translation>
    </message>
    <message>
        <source>Storage deadlines</source>
        <translation>Сроки хранения</translation>
    </message>
    <message>
        <source>Select the parcels to extend first.</source>
        <translation>Сначала выберите посылки для продления.</translation>
    </message>
    <message>
        <source>{start} — {end}</source>
        <translation>{start} — {end}</translation>
    </message>
    <message>
        <source>No outage is recorded, so there is nothing to extend for.</source>
        <translation>Сбоев не записано, продлевать не за что.</translation>
    </message>
    <message>
        <source>Extended {count} parcel(s) by {days} days after the outage.</source>
        <translation>Продлено после сбоя на {days} дн.: {count}.</translation>
    </message>
    <message>
        <source>Select the parcels to send back first.</source>
        <translation>Сначала выберите посылки для возврата.</translation>
    </message>
    <message>
        <source>Send {count} parcel(s) back to the sender?</source>
        <translation>Вернуть отправителю посылок: {count}?</translation>
    </message>
    <message>
        <source>Shown: {shown}</source>
        <translation>Показано: {shown}</translation>
    </message>
    <message>
        <source>Working on {count} parcels…</source>
        <translation>Обрабатываю посылок: {count}…</translation>
    </message>
    <message>
        <source>Extended {count} parcel(s) until {date}.</source>
        <translation>Продлено до {date}: {count}.</translation>
    </message>
    <message>
        <source>Extended {count} parcel(s) by {days} days.</source>
        <translation>Продлено на {days} дн.: {count}.</translation>
    </message>
    <message>
        <source>from {start}, still going</source>
        <translation>с {start}, продолжается</translation>
    </message>
    <message>
        <source>{posting}: cell {cell}, stored until {until}. Ctrl+E extends, Ctrl+B sends back.</source>
        <translation>{posting}: ячейка {cell}, хранится до {until}. Ctrl+E — продлить, Ctrl+B — вернуть.</translation>
    </message>
    <message>
        <source>{count} of them are still within their storage period.</source>
        <translation>У {count} из них срок хранения ещё не истёк.</translation>
    </message>
    <message>
        <source>{code} is not a parcel label.</source>
        <translation>{code} — не этикетка посылки.</translation>
    </message>
    <message>
        <source>{posting} is not at the point.</source>
        <translation>{posting} нет на пункте.</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <source>Void an entry</source>
        <translation>Аннулировать запись</translation>
    </message>
    <message>
        <source>Nothing is deleted: a new entry records that this one is void, and why.</source>
        <translation>Ничего не удаляется: новая запись фиксирует, что эта недействительна, и почему.</translation>
    </message>
    <message>
        <source>Reason, e.g. scanned the wrong parcel</source>
        <translation>Причина, например: отсканировал не ту посылку</translation>
    </message>
    <message>
        <source>Void it</source>
        <translation>Аннулировать</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <source>Void entry #{seq}: {kind} {posting}?</source>
        <translation>Аннулировать запись №{seq}: {kind} {posting}?</translation>
    </message>
</context>
<context>
    <name>ChainVerifier</name>
    <message>
        <source>The check could not be run (exit code {code}); see the log.</source>
        <translation>Проверку не удалось выполнить (код выхода {code}); подробности в журнале программы.</translation>
    </message>
    <message>
        <source>The check could not be started: {reason}</source>
        <translation>Проверку не удалось запустить: {reason}</translation>
    </message>
</context>
</TS>
