<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>Notices</name>
    <message>
      <source>pvzdesk was not closed properly last time (a power cut, a crash or a forced stop). Every confirmed scan is saved; the journal is being checked in the background. Keep working.</source>
      <translation>В прошлый раз pvzdesk закрылась не штатно (отключение питания, сбой или принудительная остановка). Все подтверждённые сканы сохранены; журнал проверяется в фоне. Продолжайте работать.</translation>
    </message>
    <message>
      <source>pvzdesk was updated to version {version} (before: {previous}); the journal notes it.</source>
      <translation>pvzdesk обновлена до версии {version} (была {previous}); это отмечено в журнале.</translation>
    </message>
    <message>
      <source>Scans are NOT being saved: the computer's clock is wrong. {reason}</source>
      <translation>Сканы НЕ сохраняются: часы компьютера показывают неверное время. {reason}</translation>
    </message>
    <message>
      <source>Check the date and time of this computer (the clock in the corner of the screen) and set them right; scans are saved again as soon as the clock is right. Every refused scan is noted in the journal.</source>
      <translation>Проверьте дату и время на этом компьютере (часы в углу экрана) и исправьте их; как только часы будут верны, сканы снова сохраняются. Каждый отказ записан в журнал.</translation>
    </message>
    <message>
      <source>Clock wrong: scans not saved</source>
      <translation>Часы неверны: сканы не сохраняются</translation>
    </message>
    <message>
      <source>The journal does not match its anchor. {what}</source>
      <translation>Журнал не сходится со своим якорем. {what}</translation>
    </message>
    <message>
      <source>Leave the files as they are and call support; to get the saved entries back, run «pvzdesk journal restore» (it restores the latest backup and says what it lacks).</source>
      <translation>Ничего не удаляйте и позвоните в поддержку; чтобы вернуть сохранённые записи, выполните «pvzdesk journal restore» (она восстановит последнюю резервную копию и скажет, чего в ней нет).</translation>
    </message>
    <message>
      <source>Journal check failed: call support</source>
      <translation>Журнал не прошёл проверку: позвоните в поддержку</translation>
    </message>
  </context>
  <context>
    <name>NoticeStrip</name>
    <message>
      <source>Understood</source>
      <translation>Понятно</translation>
    </message>
  </context>
  <context>
    <name>pvzdesk</name>
    <message>
      <source>deadline from the list file</source>
      <translation>срок из файла списка</translation>
    </message>
    <message>
      <source>the point's rule</source>
      <translation>правило пункта</translation>
    </message>
    <message>
      <source>the customer asked</source>
      <translation>попросил клиент</translation>
    </message>
    <message>
      <source>the platform</source>
      <translation>платформа</translation>
    </message>
    <message>
      <source>the operator</source>
      <translation>оператор</translation>
    </message>
    <message>
      <source>the list file</source>
      <translation>файл списка</translation>
    </message>
  </context>
  <context>
    <name>JournalModel</name>
    <message>
      <source>Deadline from list file</source>
      <translation>Срок из файла списка</translation>
    </message>
    <message>
      <source>list file</source>
      <translation>файл списка</translation>
    </message>
  </context>
  <context>
    <name>UpkeepProcess</name>
    <message>
      <source>The journal was checked after the unclean shutdown: it is intact, nothing is lost.</source>
      <translation>Журнал проверен после нештатного завершения: он цел, ничего не потеряно.</translation>
    </message>
  </context>
</TS>
