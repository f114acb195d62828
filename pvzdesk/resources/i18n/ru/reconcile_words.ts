<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>pvzdesk</name>
    <message>
      <source>Still to reach the platform</source>
      <translation>Ещё не дошло до платформы</translation>
    </message>
    <message>
      <source>receiving</source>
      <translation>приёмка</translation>
    </message>
    <message>
      <source>hand-over</source>
      <translation>выдача</translation>
    </message>
    <message>
      <source>refusal</source>
      <translation>отказ</translation>
    </message>
    <message>
      <source>customer return</source>
      <translation>возврат клиента</translation>
    </message>
    <message>
      <source>send-back</source>
      <translation>возврат невостребованного</translation>
    </message>
    <message>
      <source>extension</source>
      <translation>продление</translation>
    </message>
  </context>
  <context>
    <name>ReconcileScreen</name>
    <message>
      <source>Needing a person: {conflicts}.</source>
      <translation>Требуют решения человека: {conflicts}.</translation>
    </message>
    <message>
      <source>To reconcile: {count}</source>
      <translation>К сверке: {count}</translation>
    </message>
  </context>
</TS>
