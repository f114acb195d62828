<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>SettingsScreen</name>
    <message>
      <source>All operators (comma-separated):</source>
      <translation>Все операторы (через запятую):</translation>
    </message>
    <message>
      <source>Backups folder:</source>
      <translation>Папка резервных копий:</translation>
    </message>
  </context>
</TS>
