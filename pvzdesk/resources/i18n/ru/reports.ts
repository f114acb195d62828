<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>pvzdesk</name>
    <message>
      <source>Cell labels</source>
      <translation>Этикетки ячеек</translation>
    </message>
    <message>
      <source>No cells given.</source>
      <translation>Ячейки не заданы.</translation>
    </message>
    <message>
        <source>No font with Russian letters was found for the PDF.</source>
        <translation>Не найден шрифт с русскими буквами для PDF.</translation>
    </message>
    <message>
        <source>Install the DejaVu fonts (Debian: fonts-dejavu-core) or set PVZDESK_FONT to a .ttf file with Cyrillic.</source>
        <translation>Установите шрифты DejaVu (Debian: fonts-dejavu-core) или укажите в PVZDESK_FONT файл .ttf с кириллицей.</translation>
    </message>
    <message>
        <source>The font file {path} set in PVZDESK_FONT does not exist.</source>
        <translation>Файл шрифта {path}, указанный в PVZDESK_FONT, не существует.</translation>
    </message>
    <message>
        <source>The export was cancelled; no file was written.</source>
        <translation>Выгрузка отменена; файлы не записаны.</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} ч {minutes} мин</translation>
    </message>
    <message>
        <source>Operations during the incident</source>
        <translation>Операции во время сбоя</translation>
    </message>
    <message>
        <source>still open</source>
        <translation>ещё идёт</translation>
    </message>
    <message>
        <source>Platform outage at a pickup point: ticket bundle</source>
        <translation>Сбой платформы в пункте выдачи: материалы для обращения в поддержку</translation>
    </message>
    <message>
        <source>Pickup point: {name}</source>
        <translation>Пункт выдачи: {name}</translation>
    </message>
    <message>
        <source>Device: {device}</source>
        <translation>Устройство: {device}</translation>
    </message>
    <message>
        <source>Incident: {incident_id}</source>
        <translation>Сбой: {incident_id}</translation>
    </message>
    <message>
        <source>Started: {at}</source>
        <translation>Начало: {at}</translation>
    </message>
    <message>
        <source>Ended: {at}</source>
        <translation>Окончание: {at}</translation>
    </message>
    <message>
        <source>Duration: {duration}</source>
        <translation>Длительность: {duration}</translation>
    </message>
    <message>
        <source>Done at the counter while the platform was down: {count} operations.</source>
        <translation>Сделано на стойке, пока платформа не работала: операций — {count}.</translation>
    </message>
    <message>
        <source>Of them voided later: {count}.</source>
        <translation>Из них позже аннулировано: {count}.</translation>
    </message>
    <message>
        <source>Hand-over photos: {kept} in photos/, {removed} already removed by retention.</source>
        <translation>Фото выдачи: {kept} в папке photos/, {removed} уже удалено по сроку хранения.</translation>
    </message>
    <message>
        <source>Journal: entries No. {first}–{last} in chain/chain.jsonl; chain head No. {seq}, SHA-256 {hash}; verification {verdict}.</source>
        <translation>Журнал: записи № {first}–{last} в chain/chain.jsonl; вершина цепочки № {seq}, SHA-256 {hash}; проверка {verdict}.</translation>
    </message>
    <message>
        <source>Operations (time, operation, posting, entry ID):</source>
        <translation>Операции (время, операция, отправление, ID записи):</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Покупатель</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>Customer data is shown in full.</source>
        <translation>Данные покупателей показаны полностью.</translation>
    </message>
    <message>
        <source>Customer data is masked.</source>
        <translation>Данные покупателей скрыты.</translation>
    </message>
    <message>
        <source>Reason: {reason} {detail}</source>
        <translation>Причина: {reason} {detail}</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>пройдена</translation>
    </message>
    <message>
        <source>FAILED</source>
        <translation>НЕ ПРОЙДЕНА</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>Приёмка</translation>
    </message>
    <message>
        <source>Place in cell</source>
        <translation>Размещение в ячейку</translation>
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
        <source>Return to sender</source>
        <translation>Возврат невостребованного</translation>
    </message>
    <message>
        <source>Storage extension</source>
        <translation>Продление хранения</translation>
    </message>
    <message>
        <source>Deadline from the platform</source>
        <translation>Срок от платформы</translation>
    </message>
    <message>
        <source>Deadline from the list file</source>
        <translation>Срок из файла списка</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>Аннулирование</translation>
    </message>
    <message>
        <source>Hand-over photo</source>
        <translation>Фото выдачи</translation>
    </message>
    <message>
        <source>Incident start</source>
        <translation>Начало сбоя</translation>
    </message>
    <message>
        <source>Incident end</source>
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
        <source>applied</source>
        <translation>применено</translation>
    </message>
    <message>
        <source>already applied</source>
        <translation>уже было применено</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>отклонено</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>конфликт</translation>
    </message>
    <message>
        <source>to retry</source>
        <translation>повторить</translation>
    </message>
    <message>
        <source>unknown, check</source>
        <translation>неизвестно, проверить</translation>
    </message>
    <message>
        <source>not reconciled yet</source>
        <translation>ещё не сверено</translation>
    </message>
    <message>
        <source>policy</source>
        <translation>правило</translation>
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
        <source>Operations by kind</source>
        <translation>Операции по видам</translation>
    </message>
    <message>
        <source>Operations during incidents</source>
        <translation>Операции во время сбоев</translation>
    </message>
    <message>
        <source>All operations</source>
        <translation>Все операции</translation>
    </message>
    <message>
        <source>Reconcile outcomes</source>
        <translation>Итоги сверки</translation>
    </message>
    <message>
        <source>Open conflicts</source>
        <translation>Открытые конфликты</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Сбои</translation>
    </message>
    <message>
        <source>Storage extensions</source>
        <translation>Продления хранения</translation>
    </message>
    <message>
        <source>Voided entries</source>
        <translation>Аннулированные записи</translation>
    </message>
    <message>
        <source>Journal integrity</source>
        <translation>Целостность журнала</translation>
    </message>
    <message>
        <source>End-of-day report</source>
        <translation>Отчёт за день</translation>
    </message>
    <message>
        <source>Shift report</source>
        <translation>Отчёт за смену</translation>
    </message>
    <message>
        <source>voided</source>
        <translation>аннулировано</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Операция</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Записей</translation>
    </message>
    <message>
        <source>During incidents</source>
        <translation>Во время сбоев</translation>
    </message>
    <message>
        <source>Voided</source>
        <translation>Аннулировано</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Время</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Сбой</translation>
    </message>
    <message>
        <source>Posting</source>
        <translation>Отправление</translation>
    </message>
    <message>
        <source>Scanned code</source>
        <translation>Отсканированный код</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Reconcile</source>
        <translation>Сверка</translation>
    </message>
    <message>
        <source>Entry ID</source>
        <translation>ID записи</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Итог</translation>
    </message>
    <message>
        <source>Last attempt</source>
        <translation>Последняя попытка</translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation>HTTP</translation>
    </message>
    <message>
        <source>Platform reply</source>
        <translation>Ответ платформы</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>Operations</source>
        <translation>Операций</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Подробности</translation>
    </message>
    <message>
        <source>Incident ID</source>
        <translation>ID сбоя</translation>
    </message>
    <message>
        <source>Was until</source>
        <translation>Было до</translation>
    </message>
    <message>
        <source>Now until</source>
        <translation>Стало до</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Дней</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Кем</translation>
    </message>
    <message>
        <source>Voided at</source>
        <translation>Аннулировано в</translation>
    </message>
    <message>
        <source>Done at</source>
        <translation>Сделано в</translation>
    </message>
    <message>
        <source>Voided entry ID</source>
        <translation>ID аннулированной записи</translation>
    </message>
    <message>
        <source>Period from</source>
        <translation>Период с</translation>
    </message>
    <message>
        <source>Period to</source>
        <translation>Период по</translation>
    </message>
    <message>
        <source>Entries in the period</source>
        <translation>Записей за период</translation>
    </message>
    <message>
        <source>First entry No.</source>
        <translation>Первая запись, №</translation>
    </message>
    <message>
        <source>Last entry No.</source>
        <translation>Последняя запись, №</translation>
    </message>
    <message>
        <source>Chain head at the period's end, No.</source>
        <translation>Вершина цепочки на конец периода, №</translation>
    </message>
    <message>
        <source>Chain head hash (SHA-256)</source>
        <translation>Хеш вершины цепочки (SHA-256)</translation>
    </message>
    <message>
        <source>Chain verification</source>
        <translation>Проверка цепочки</translation>
    </message>
    <message>
        <source>Entries checked</source>
        <translation>Проверено записей</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>First broken entry No.</source>
        <translation>Первая повреждённая запись, №</translation>
    </message>
    <message>
        <source>First broken entry ID</source>
        <translation>ID первой повреждённой записи</translation>
    </message>
    <message>
        <source>Re-entry sheet: incident {incident}</source>
        <translation>Лист повторного ввода: сбой {incident}</translation>
    </message>
    <message>
        <source>{start} — {end}; {count} operations to re-enter, in order.</source>
        <translation>{start} — {end}; операций для повторного ввода по порядку: {count}.</translation>
    </message>
    <message>
        <source>Page {number}</source>
        <translation>Стр. {number}</translation>
    </message>
    <message>
        <source>Nothing to re-enter.</source>
        <translation>Вводить повторно нечего.</translation>
    </message>
    <message>
        <source>Operator (name, signature)</source>
        <translation>Оператор (ФИО, подпись)</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Manager (name, signature)</source>
        <translation>Управляющий (ФИО, подпись)</translation>
    </message>
    <message>
        <source>Journal chain head No. {seq}, SHA-256 {hash}; verification {verdict}.</source>
        <translation>Вершина цепочки журнала № {seq}, SHA-256 {hash}; проверка {verdict}.</translation>
    </message>
    <message>
        <source>None.</source>
        <translation>Нет.</translation>
    </message>
    <message>
        <source>Unknown report format {formats}; choose from: {choices}.</source>
        <translation>Неизвестный формат отчёта {formats}; выберите из: {choices}.</translation>
    </message>
    <message>
        <source>There has been no incident yet: there is nothing to re-enter or send.</source>
        <translation>Сбоев ещё не было: вводить повторно и отправлять нечего.</translation>
    </message>
    <message>
        <source>The hand-over photo is not a JPEG image.</source>
        <translation>Фото выдачи — не изображение JPEG.</translation>
    </message>
    <message>
        <source>There is no journal entry {entry_id}.</source>
        <translation>В журнале нет записи {entry_id}.</translation>
    </message>
    <message>
        <source>The hand-over photo could not be saved to {path}: {reason}.</source>
        <translation>Фото выдачи не удалось сохранить в {path}: {reason}.</translation>
    </message>
    <message>
        <source>Check free space in the data folder; the operation itself is saved.</source>
        <translation>Проверьте свободное место в папке данных; сама операция сохранена.</translation>
    </message>
    <message>
        <source>The photo {path} could not be removed: {reason}.</source>
        <translation>Фото {path} не удалось удалить: {reason}.</translation>
    </message>
    <message>
        <source>Ticket bundle written to {path}.</source>
        <translation>Материалы для поддержки записаны в {path}.</translation>
    </message>
    <message>
        <source>Operations at the other desks (time, desk, operation, posting, entry ID):</source>
        <translation>Операции на других кассах (время, касса, операция, отправление, ID записи):</translation>
    </message>
    <message>
        <source>The whole point: this desk ({desk}) and {count} other desk(s), from the copy of their entries this desk pulled from the point database and verified (last pulled {at}). Every desk's operations: point/operations.csv, point/operations.xlsx.</source>
        <translation>Вся точка: эта касса ({desk}) и других касс: {count} — по копии их записей, которую эта касса получила из базы точки и проверила (последний раз {at}). Операции всех касс: point/operations.csv, point/operations.xlsx.</translation>
    </message>
    <message>
        <source>Desk {desk} (device {device}): {count} entries in point/{folder}/chain.jsonl; its chain head No. {seq}, SHA-256 {hash}.</source>
        <translation>Касса {desk} (устройство {device}): записей в point/{folder}/chain.jsonl: {count}; вершина её цепочки № {seq}, SHA-256 {hash}.</translation>
    </message>
    <message>
        <source>This bundle covers this desk only: no point database is configured, so the other desks of the point (if any) are not in it.</source>
        <translation>Пакет охватывает только эту кассу: база точки не настроена, поэтому других касс точки (если они есть) в нём нет.</translation>
    </message>
    <message>
        <source>It covers every desk of the point, labelled by desk.</source>
        <translation>В нём все кассы точки, с пометкой кассы.</translation>
    </message>
    <message>
        <source>It covers this desk only: no point database is configured.</source>
        <translation>В нём только эта касса: база точки не настроена.</translation>
    </message>
    <message>
        <source>Re-entry sheet written to {path}.</source>
        <translation>Лист повторного ввода записан в {path}.</translation>
    </message>
    <message>
        <source>Removed {photos} photos and the personal data of {postings} postings; {kept} postings keep theirs until they are reconciled.</source>
        <translation>Удалено фото: {photos}, персональных данных отправлений: {postings}; у {kept} отправлений данные останутся до сверки.</translation>
    </message>
    <message>
        <source>Give either --date or --from and --to, not both.</source>
        <translation>Укажите либо --date, либо --from и --to, но не всё сразу.</translation>
    </message>
    <message>
        <source>Photo removed: {name}</source>
        <translation>Фото удалено: {name}</translation>
    </message>
    <message>
        <source>Customer name and phone removed: {posting}</source>
        <translation>Имя и телефон покупателя удалены: {posting}</translation>
    </message>
    <message>
        <source>end-of-day or shift report</source>
        <translation>отчёт за день или смену</translation>
    </message>
    <message>
        <source>the day, e.g. 28.11.2026 (default: today)</source>
        <translation>день, например 28.11.2026 (по умолчанию сегодня)</translation>
    </message>
    <message>
        <source>shift start</source>
        <translation>начало смены</translation>
    </message>
    <message>
        <source>shift end</source>
        <translation>конец смены</translation>
    </message>
    <message>
        <source>formats: xlsx,csv,pdf</source>
        <translation>форматы: xlsx,csv,pdf</translation>
    </message>
    <message>
        <source>folder for the files</source>
        <translation>папка для файлов</translation>
    </message>
    <message>
        <source>ZIP for the platform's support</source>
        <translation>ZIP для поддержки платформы</translation>
    </message>
    <message>
        <source>incident (default: the latest)</source>
        <translation>сбой (по умолчанию последний)</translation>
    </message>
    <message>
        <source>put customers' names and phones unmasked</source>
        <translation>не скрывать имена и телефоны покупателей</translation>
    </message>
    <message>
        <source>barcodes to re-scan, on paper</source>
        <translation>штрихкоды для повторного сканирования, на бумаге</translation>
    </message>
    <message>
        <source>remove old photos and personal data</source>
        <translation>удалить старые фото и персональные данные</translation>
    </message>
    <message>
        <source>Give both --from and --to.</source>
        <translation>Укажите и --from, и --to.</translation>
    </message>
    <message>
        <source>The end of the period must come after its start.</source>
        <translation>Конец периода должен быть позже начала.</translation>
    </message>
    <message>
        <source>{value!r} is not a date (write 28.11.2026)</source>
        <translation>{value!r} — не дата (пишите 28.11.2026)</translation>
    </message>
    <message>
        <source>{value!r} is not a date and time (write 28.11.2026 14:00)</source>
        <translation>{value!r} — не дата и время (пишите 28.11.2026 14:00)</translation>
    </message>
    <message>
        <source>Operations of the whole point</source>
        <translation>Операции всей точки</translation>
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
        <source>Signed anchor of the chain head</source>
        <translation>Подписанный якорь вершины цепочки</translation>
    </message>
</context>
</TS>
