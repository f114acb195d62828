<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>pvzdesk</name>
    <message>
      <source>Give a file name, e.g. {example}.</source>
      <translation>Укажите имя файла, например {example}.</translation>
    </message>
    <message>
      <source>Give a folder (it is created if missing).</source>
      <translation>Укажите папку (её создадут, если её нет).</translation>
    </message>
    <message>
      <source>Give a new file name, or move the old file away.</source>
      <translation>Укажите новое имя файла или уберите старый файл.</translation>
    </message>
    <message>
      <source>{path} already exists and is not overwritten.</source>
      <translation>{path} уже существует, и он не будет перезаписан.</translation>
    </message>
    <message>
      <source>{path} is a file; --out names a folder for the files.</source>
      <translation>{path} — это файл, а --out должен называть папку для файлов.</translation>
    </message>
    <message>
      <source>{path} is a folder; --out names the file to write.</source>
      <translation>{path} — это папка, а --out должен называть файл.</translation>
    </message>
    <message>
      <source>{value!r} cannot be a storage deadline: give a date from today to a year ahead</source>
      <translation>{value!r} не может быть сроком хранения: укажите дату от сегодня до года вперёд</translation>
    </message>
    <message>
      <source>{value!r} is not a whole number</source>
      <translation>{value!r} — не целое число</translation>
    </message>
    <message>
      <source>{value!r} is out of range: give a date from {low} to {high}</source>
      <translation>{value!r} вне допустимого: укажите дату с {low} по {high}</translation>
    </message>
    <message>
      <source>{value} is out of range: give {low} to {high}</source>
      <translation>{value} вне допустимого: укажите от {low} до {high}</translation>
    </message>
    <message>
      <source>Entries are MISSING at the end: the journal ends at #{seq}, but #{anchored} was saved. {missing} newest entries were deleted, or the journal's WAL file was lost after a crash.</source>
      <translation>В конце журнала ОТСУТСТВУЮТ записи: журнал кончается на №{seq}, а сохранена была №{anchored}. Последние записи ({missing}) удалены, или после сбоя потерян WAL-файл журнала.</translation>
    </message>
    <message>
      <source>No anchor was recorded yet for this journal.</source>
      <translation>Для этого журнала якорь ещё не записан.</translation>
    </message>
    <message>
      <source>The anchor file beside the journal is not signed by this computer: it was edited or copied from elsewhere.</source>
      <translation>Файл якоря рядом с журналом подписан не этим компьютером: его изменили или принесли с другого.</translation>
    </message>
    <message>
      <source>The backup LACKS what the previous file still holds: {what}. Re-enter those operations, or call support with the kept file.</source>
      <translation>В копии НЕ ХВАТАЕТ того, что есть в прежнем файле: {what}. Внесите эти операции заново или обратитесь в поддержку с сохранённым файлом.</translation>
    </message>
    <message>
      <source>The backup LACKS {what} that were saved but are in no file here any more. Re-enter those operations from paper or the platform.</source>
      <translation>В копии НЕ ХВАТАЕТ записей: {what}; они были сохранены, но их больше нет ни в одном файле здесь. Внесите эти операции заново по бумагам или по данным платформы.</translation>
    </message>
    <message>
      <source>The backup lacks nothing that is known to have been saved.</source>
      <translation>В копии есть всё, что известно как сохранённое.</translation>
    </message>
    <message>
      <source>The journal reaches its anchor (entry #{seq}, signed by this computer).</source>
      <translation>Журнал доходит до своего якоря (запись №{seq}, подписана этим компьютером).</translation>
    </message>
    <message>
      <source>The journal was RE-CHAINED: entry #{seq} is not the entry that was saved and anchored; the file was rewritten and its hashes recomputed.</source>
      <translation>Журнал ПЕРЕСЧИТАН: запись №{seq} не та, что была сохранена и закреплена якорем; файл переписали и пересчитали хеши.</translation>
    </message>
    <message>
      <source>The journal was restored from {backup}: {count} entries.</source>
      <translation>Журнал восстановлен из {backup}: записей: {count}.</translation>
    </message>
    <message>
      <source>The previous journal file is kept as {path}.</source>
      <translation>Прежний файл журнала сохранён как {path}.</translation>
    </message>
    <message>
      <source>from {first} to {last}</source>
      <translation>с {first} по {last}</translation>
    </message>
    <message>
      <source>{count} entries #{first}–#{last}</source>
      <translation>записей: {count} (№{first}–№{last})</translation>
    </message>
    <message>
      <source>move barcodes that name other postings to the file's postings (journaled)</source>
      <translation>перенести штрихкоды других отправлений на отправления из файла (с записью в журнал)</translation>
    </message>
    <message>
      <source>restore the journal from a backup and say what the backup lacks</source>
      <translation>восстановить журнал из резервной копии и сказать, чего в ней не хватает</translation>
    </message>
    <message>
      <source>the backup file (default: the newest one)</source>
      <translation>файл резервной копии (по умолчанию самый новый)</translation>
    </message>
    <message>
      <source>{count} barcodes were moved to other postings (written to the journal).</source>
      <translation>Штрихкодов перенесено на другие отправления: {count} (записано в журнал).</translation>
    </message>
    <message>
      <source>{count} changes of deadline or cell of parcels at the point were written to the journal.</source>
      <translation>Изменений срока или ячейки у отправлений на пункте записано в журнал: {count}.</translation>
    </message>
    <message>
      <source>Ask the administrator to lift the limit, or write to another disk.</source>
      <translation>Попросите администратора снять ограничение или запишите на другой диск.</translation>
    </message>
    <message>
      <source>Check the folder's permissions, or choose another folder (--data-dir).</source>
      <translation>Проверьте права на папку или выберите другую папку (--data-dir).</translation>
    </message>
    <message>
      <source>Free some space on the disk and try again.</source>
      <translation>Освободите место на диске и повторите.</translation>
    </message>
    <message>
      <source>Give a file name.</source>
      <translation>Укажите имя файла.</translation>
    </message>
    <message>
      <source>Give a folder that exists, or a new name.</source>
      <translation>Укажите существующую папку или новое имя.</translation>
    </message>
    <message>
      <source>Give a new name.</source>
      <translation>Укажите новое имя.</translation>
    </message>
    <message>
      <source>Scan the code again, or check the scanner's keyboard language setting.</source>
      <translation>Отсканируйте код ещё раз или проверьте раскладку клавиатуры сканера.</translation>
    </message>
    <message>
      <source>The disk is full: {path} could not be written.</source>
      <translation>Диск заполнен: {path} не записан.</translation>
    </message>
    <message>
      <source>{path} already exists.</source>
      <translation>{path} уже существует.</translation>
    </message>
    <message>
      <source>{path} cannot be written: the folder is read-only.</source>
      <translation>{path} нельзя записать: папка только для чтения.</translation>
    </message>
    <message>
      <source>{path} is a folder; a file name is needed here.</source>
      <translation>{path} — это папка, а здесь нужно имя файла.</translation>
    </message>
    <message>
      <source>{path} reached the file-size limit set for this program.</source>
      <translation>{path} достиг ограничения на размер файла, заданного для программы.</translation>
    </message>
    <message>
      <source>{path}: a part of this path is a file, not a folder.</source>
      <translation>{path}: часть этого пути — файл, а не папка.</translation>
    </message>
    <message>
      <source>{value} is not valid text (its bytes are not UTF-8).</source>
      <translation>{value} — не текст (байты не в кодировке UTF-8).</translation>
    </message>
    <message>
      <source>Give a folder with --data-dir (or PVZDESK_HOME).</source>
      <translation>Укажите папку в --data-dir (или PVZDESK_HOME).</translation>
    </message>
    <message>
      <source>The data folder {path} is a file, not a folder.</source>
      <translation>Папка данных {path} — это файл, а не папка.</translation>
    </message>
    <message>
      <source>Copy the key again from the seller's account (switch the keyboard to English if typing it) and save it in Settings.</source>
      <translation>Скопируйте ключ заново из кабинета продавца (при наборе переключите раскладку на английскую) и сохраните его в Настройках.</translation>
    </message>
    <message>
      <source>The platform API key has characters that cannot be in a key (not Latin letters, digits or signs).</source>
      <translation>В API-ключе платформы есть символы, которых в ключе быть не может (не латиница, не цифры, не знаки).</translation>
    </message>
    <message>
      <source>A barcode is never moved silently: if the file is right, import it again with --replace (each move is written to the journal).</source>
      <translation>Штрихкод не переносится молча: если файл верен, загрузите его снова с --replace (каждый перенос записывается в журнал).</translation>
    </message>
    <message>
      <source>row {row}: barcode {code} already belongs to posting {other} in the journal's database</source>
      <translation>строка {row}: штрихкод {code} уже принадлежит отправлению {other} в базе журнала</translation>
    </message>
    <message>
      <source>Put the manifest on the workbook's first sheet as a table.</source>
      <translation>Поместите список отправлений таблицей на первый лист книги.</translation>
    </message>
    <message>
      <source>{file} has no table to import: its sheets are charts.</source>
      <translation>В {file} нет таблицы для загрузки: его листы — диаграммы.</translation>
    </message>
    <message>
      <source>{value} is a number Excel rewrote, not a barcode: format the column as text and export again</source>
      <translation>{value} — число, переписанное Excel, а не штрихкод: задайте столбцу текстовый формат и выгрузите заново</translation>
    </message>
    <message>
      <source>customer's pickup code</source>
      <translation>код получения покупателя</translation>
    </message>
    <message>
      <source>goods marking code (DataMatrix)</source>
      <translation>код маркировки товара (DataMatrix)</translation>
    </message>
    <message>
      <source>order number</source>
      <translation>номер заказа</translation>
    </message>
    <message>
      <source>parcel label barcode</source>
      <translation>штрихкод этикетки отправления</translation>
    </message>
    <message>
      <source>posting number</source>
      <translation>номер отправления</translation>
    </message>
    <message>
      <source>return code</source>
      <translation>код возврата</translation>
    </message>
    <message>
      <source>unknown code</source>
      <translation>неизвестный код</translation>
    </message>
    <message>
      <source>Nothing was saved, so no date or storage deadline came from the wrong clock. Set the correct date and time on this computer and scan again; the refusal is in the journal.</source>
      <translation>Ничего не сохранено, поэтому ни одна дата и ни один срок хранения не взяты с неверных часов. Установите на компьютере верные дату и время и отсканируйте снова; отказ записан в журнал.</translation>
    </message>
    <message>
      <source>The computer's clock shows {shown}, earlier than the journal's last entry ({last}): the clock was set back.</source>
      <translation>Часы компьютера показывают {shown} — раньше последней записи журнала ({last}): часы переведены назад.</translation>
    </message>
    <message>
      <source>The computer's clock shows {shown}, earlier than this program was made ({built}).</source>
      <translation>Часы компьютера показывают {shown} — раньше, чем выпущена эта программа ({built}).</translation>
    </message>
    <message>
      <source>The computer's clock was set back since the journal's last entry ({last}): it shows {shown}, less time than has really passed.</source>
      <translation>После последней записи журнала ({last}) часы компьютера переведены назад: они показывают {shown}, меньше, чем прошло на самом деле.</translation>
    </message>
    <message>
      <source>The journal file {path} could not be written or read (a disk error).</source>
      <translation>Файл журнала {path} не удалось записать или прочитать (ошибка диска).</translation>
    </message>
    <message>
      <source>The journal file {path} reached the size limit set for this program.</source>
      <translation>Файл журнала {path} достиг ограничения на размер файла, заданного для программы.</translation>
    </message>
    <message>
      <source>The last operation was NOT saved. Ask the administrator to lift the file-size limit, or move the data folder to another disk.</source>
      <translation>Последняя операция НЕ сохранена. Попросите администратора снять ограничение на размер файла или перенесите папку данных на другой диск.</translation>
    </message>
    <message>
      <source>The last operation was NOT saved. Check the disk (free space, file-size limits, a removed drive) and try again; what was saved before is kept.</source>
      <translation>Последняя операция НЕ сохранена. Проверьте диск (свободное место, ограничения на размер, отключённый накопитель) и повторите; сохранённое раньше цело.</translation>
    </message>
    <message>
      <source>New scans are not being saved. Run «pvzdesk journal restore» to restore the latest backup (it says what the backup lacks), or call support.</source>
      <translation>Новые сканы не сохраняются. Выполните «pvzdesk journal restore», чтобы восстановить последнюю резервную копию (команда скажет, чего в ней не хватает), или обратитесь в поддержку.</translation>
    </message>
    <message>
      <source>The journal does not match its anchor (the record of its head kept outside it): run «pvzdesk journal verify» and call support.</source>
      <translation>Журнал не совпадает со своим якорем (записью его вершины, хранимой вне файла): выполните «pvzdesk journal verify» и обратитесь в поддержку.</translation>
    </message>
    <message>
      <source>The journal ends at entry #{seq}, but entries up to #{anchored} were saved: {missing} entries are missing (deleted, or the journal's WAL file was lost).</source>
      <translation>Журнал кончается на записи №{seq}, а сохранены были записи до №{anchored}: записей не хватает: {missing} (их удалили, или потерян WAL-файл журнала).</translation>
    </message>
    <message>
      <source>The journal file {path} is missing, but backups of a journal exist.</source>
      <translation>Файла журнала {path} нет, а резервные копии журнала есть.</translation>
    </message>
    <message>
      <source>The journal has {seq} entries, but its backup {backup} has {newest}: the journal is shorter than its backup.</source>
      <translation>В журнале записей: {seq}, а в его резервной копии {backup}: {newest}. Журнал короче своей копии.</translation>
    </message>
    <message>
      <source>The journal's protection against changes was removed ({count} guards) and is now restored. Someone may have edited the file: run «pvzdesk journal verify».</source>
      <translation>Защита журнала от изменений была снята (правил: {count}) и теперь восстановлена. Возможно, файл кто-то правил: выполните «pvzdesk journal verify».</translation>
    </message>
    <message>
      <source>Do not delete it. Move it aside and run «pvzdesk journal restore» to restore the latest backup, or call support.</source>
      <translation>Не удаляйте его. Выполните «pvzdesk journal restore» — файл будет отложен в сторону, а последняя резервная копия восстановлена, — или обратитесь в поддержку.</translation>
    </message>
    <message>
      <source>Nothing was changed in it. Choose another data folder (--data-dir), or move the file away and run «pvzdesk journal restore».</source>
      <translation>В нём ничего не изменено. Выберите другую папку данных (--data-dir) или уберите файл и выполните «pvzdesk journal restore».</translation>
    </message>
    <message>
      <source>The file {path} is not a pvzdesk journal: it belongs to another program.</source>
      <translation>Файл {path} не журнал pvzdesk: он принадлежит другой программе.</translation>
    </message>
    <message>
      <source>The journal file {path} is empty, but backups of a journal exist.</source>
      <translation>Файл журнала {path} пуст, а резервные копии журнала есть.</translation>
    </message>
    <message>
      <source>Call support: the journal file must be recovered by hand.</source>
      <translation>Обратитесь в поддержку: файл журнала нужно восстанавливать вручную.</translation>
    </message>
    <message>
      <source>Give a file from the backups folder (journal-….sqlite).</source>
      <translation>Укажите файл из папки backups (journal-….sqlite).</translation>
    </message>
    <message>
      <source>There is no backup to restore from in {folder}.</source>
      <translation>В {folder} нет резервной копии для восстановления.</translation>
    </message>
    <message>
      <source>{path} is not a pvzdesk journal backup.</source>
      <translation>{path} не резервная копия журнала pvzdesk.</translation>
    </message>
    <message>
      <source>Days left of storage cannot be counted from a wrong clock. Set the correct date and time on this computer.</source>
      <translation>Оставшиеся дни хранения нельзя считать по неверным часам. Установите на компьютере верные дату и время.</translation>
    </message>
  </context>
</TS>
