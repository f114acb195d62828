<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>AboutBox</name>
    <message>
      <source>About pvzdesk</source>
      <translation>О программе pvzdesk</translation>
    </message>
    <message>
      <source>&amp;Copy</source>
      <translation>&amp;Копировать</translation>
    </message>
    <message>
      <source>Data folder: {path}</source>
      <translation>Папка данных: {path}</translation>
    </message>
  </context>
</TS>
