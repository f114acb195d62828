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
  </context>
  <context>
    <name>CounterStatusBar</name>
    <message>
      <source>outage not journaled yet, retrying</source>
      <translation>сбой ещё не записан в журнал, повторяем</translation>
    </message>
  </context>
</TS>
