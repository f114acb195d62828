<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>pvzdesk</name>
    <message>
      <source>when the outage began, e.g. 28.11.2026 14:00 (default: now)</source>
      <translation>когда начался сбой, например 28.11.2026 14:00 (по умолчанию: сейчас)</translation>
    </message>
    <message>
      <source>Give the time the outage began with its time zone.</source>
      <translation>Укажите время начала сбоя вместе с часовым поясом.</translation>
    </message>
    <message>
      <source>The disk with the journal failed to read or write: the last operation was NOT saved.</source>
      <translation>Диск с журналом не смог прочитать или записать данные: последняя операция НЕ сохранена.</translation>
    </message>
    <message>
      <source>Check the disk or the USB stick with {path} (was it pulled out?), then restart pvzdesk; if it happens again, copy the data folder to another disk.</source>
      <translation>Проверьте диск или флешку с {path} (не вынули ли её?) и перезапустите pvzdesk; если ошибка повторится, скопируйте папку данных на другой диск.</translation>
    </message>
  </context>
  <context>
    <name>CounterStatusBar</name>
    <message>
      <source>outage not journaled yet, retrying</source>
      <translation>сбой ещё не записан в журнал, повторяем</translation>
    </message>
  </context>
</TS>
