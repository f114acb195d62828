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
      <source>The program's version changed: {version} (before: {previous}); the journal notes it.</source>
      <translation>Версия программы сменилась: {version} (была {previous}); это отмечено в журнале.</translation>
    </message>
    <message>
      <source>Scans are NOT being saved: {reason}</source>
      <translation>Сканы НЕ сохраняются. {reason}</translation>
    </message>
    <message>
      <source>Check the date and time of this computer (the clock in the corner of the screen) and set them right; scans are saved again as soon as the clock is right. Every refused scan is noted in the journal.</source>
      <translation>Проверьте дату и время на этом компьютере (часы в углу экрана) и исправьте их; как только часы будут верны, сканы снова сохраняются. Каждый отказ записан в журнал.</translation>
    </message>
    <message>
      <source>Wrong clock</source>
      <translation>Часы неверны</translation>
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
      <source>Journal does not match</source>
      <translation>Журнал не сходится</translation>
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
    <message>
      <source>The outage cannot begin in the future: it is {now} now.</source>
      <translation>Сбой не может начаться в будущем: сейчас {now}.</translation>
    </message>
    <message>
      <source>Give the time it began, or leave the time as it is for now.</source>
      <translation>Укажите, когда он начался, или оставьте время как есть — тогда сбой начнётся сейчас.</translation>
    </message>
    <message>
      <source>The previous outage ended at {end}: this one cannot have begun earlier.</source>
      <translation>Предыдущий сбой закончился {end}: этот не мог начаться раньше.</translation>
    </message>
    <message>
      <source>Give a time after {end}.</source>
      <translation>Укажите время после {end}.</translation>
    </message>
  </context>
  <context>
    <name>IncidentDialog</name>
    <message>
      <source>Cancel (Esc)</source>
      <translation>Отмена (Esc)</translation>
    </message>
    <message>
      <source>Declare a platform outage</source>
      <translation>Объявить сбой платформы</translation>
    </message>
    <message>
      <source>The platform does not work, and the counter has not noticed by itself? Declare an outage: every operation from the time it began goes on the re-entry list.</source>
      <translation>Платформа не работает, а касса сама этого не заметила? Объявите сбой: все операции с момента его начала попадут в список повторного ввода.</translation>
    </message>
    <message>
      <source>14:05 or 28.11.2026 14:05</source>
      <translation>14:05 или 28.11.2026 14:05</translation>
    </message>
    <message>
      <source>e.g. the Ozon page does not open</source>
      <translation>например: не открывается страница Ozon</translation>
    </message>
    <message>
      <source>&amp;Began at:</source>
      <translation>&amp;Начался в:</translation>
    </message>
    <message>
      <source>&amp;What happened:</source>
      <translation>&amp;Что случилось:</translation>
    </message>
    <message>
      <source>Today's time is enough (14:05); another day: 28.11.2026 14:05.</source>
      <translation>Для сегодняшнего дня достаточно времени (14:05); для другого дня: 28.11.2026 14:05.</translation>
    </message>
    <message>
      <source>Declare the outage</source>
      <translation>Объявить сбой</translation>
    </message>
    <message>
      <source>Platform outage</source>
      <translation>Сбой платформы</translation>
    </message>
    <message>
      <source>An outage declared by hand is open since {start}. Is the platform working again? Ending it closes the outage in the journal.</source>
      <translation>Сбой, объявленный вручную, идёт с {start}. Платформа снова работает? Завершение закроет сбой в журнале.</translation>
    </message>
    <message>
      <source>End the outage</source>
      <translation>Завершить сбой</translation>
    </message>
    <message>
      <source>The counter found the platform unavailable since {start}; it ends this outage by itself as soon as the platform answers again.</source>
      <translation>Касса сама обнаружила, что платформа недоступна с {start}; этот сбой она завершит сама, как только платформа снова ответит.</translation>
    </message>
    <message>
      <source>Write the time like 14:05, or the day and time like 28.11.2026 14:05.</source>
      <translation>Напишите время, например 14:05, или день и время: 28.11.2026 14:05.</translation>
    </message>
  </context>
  <context>
    <name>JournalScreen</name>
    <message>
      <source>Deadline: platform or list</source>
      <translation>Срок: платформа или список</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Platform outage… (Ctrl+Shift+O)</source>
      <translation>Сбой платформы… (Ctrl+Shift+O)</translation>
    </message>
    <message>
      <source>The outage is ended.</source>
      <translation>Сбой завершён.</translation>
    </message>
    <message>
      <source>Outage declared, from {time}: operations since then go on the re-entry list.</source>
      <translation>Сбой объявлен с {time}: операции с этого времени попадут в список повторного ввода.</translation>
    </message>
    <message>
      <source>The outage was NOT recorded: {reason}</source>
      <translation>Сбой НЕ записан: {reason}</translation>
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
