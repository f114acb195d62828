<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>MainWindow</name>
    <message>
      <source>About pvzdesk…</source>
      <translation>О программе pvzdesk…</translation>
    </message>
  </context>
</TS>
