<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>SetupWizard</name>
    <message>
      <source>&amp;Beep on every scan</source>
      <translation>&amp;Звук при каждом скане</translation>
    </message>
    <message>
      <source>&amp;Camera:</source>
      <translation>&amp;Камера:</translation>
    </message>
    <message>
      <source>&amp;Check the key</source>
      <translation>&amp;Проверить ключ</translation>
    </message>
    <message>
      <source>&amp;Operators (comma-separated):</source>
      <translation>&amp;Операторы (через запятую):</translation>
    </message>
    <message>
      <source>&amp;Partner pickup point (re-entry into the platform's app)</source>
      <translation>&amp;Партнёрский ПВЗ (повторный ввод в приложение платформы)</translation>
    </message>
    <message>
      <source>&amp;Play a test sound</source>
      <translation>Проиграть &amp;тестовый звук</translation>
    </message>
    <message>
      <source>&amp;Seller's own desk (Seller API, rFBS)</source>
      <translation>&amp;Собственный пункт продавца (Seller API, rFBS)</translation>
    </message>
    <message>
      <source>API &amp;key:</source>
      <translation>&amp;Ключ API:</translation>
    </message>
    <message>
      <source>Anna, Boris</source>
      <translation>Анна, Борис</translation>
    </message>
    <message>
      <source>Another data folder: start pvzdesk with --data-dir or set PVZDESK_HOME.</source>
      <translation>Другая папка данных: запустите pvzdesk с --data-dir или задайте PVZDESK_HOME.</translation>
    </message>
    <message>
      <source>Asking the platform…</source>
      <translation>Спрашиваем платформу…</translation>
    </message>
    <message>
      <source>Backups f&amp;older:</source>
      <translation>Папка &amp;резервных копий:</translation>
    </message>
    <message>
      <source>Camera and sound</source>
      <translation>Камера и звук</translation>
    </message>
    <message>
      <source>Client-&amp;Id:</source>
      <translation>Client-&amp;Id:</translation>
    </message>
    <message>
      <source>Data and backups</source>
      <translation>Данные и резервные копии</translation>
    </message>
    <message>
      <source>Data folder:</source>
      <translation>Папка данных:</translation>
    </message>
    <message>
      <source>Hold a parcel label to the camera: the picture shows what it sees.</source>
      <translation>Поднесите этикетку к камере: на картинке видно, что она видит.</translation>
    </message>
    <message>
      <source>No picture yet.</source>
      <translation>Картинки пока нет.</translation>
    </message>
    <message>
      <source>Point na&amp;me:</source>
      <translation>&amp;Название пункта:</translation>
    </message>
    <message>
      <source>Seller API &amp;address:</source>
      <translation>&amp;Адрес Seller API:</translation>
    </message>
    <message>
      <source>Seller API</source>
      <translation>Seller API</translation>
    </message>
    <message>
      <source>Skip set-&amp;up</source>
      <translation>Пропуст&amp;ить настройку</translation>
    </message>
    <message>
      <source>The journal stays in the data folder. Keep backups on another disk if you can.</source>
      <translation>Журнал хранится в папке данных. Резервные копии лучше держать на другом диске.</translation>
    </message>
    <message>
      <source>The key is kept in the system keyring, never in files. Keys live six months.</source>
      <translation>Ключ хранится в системном хранилище паролей, никогда не в файлах. Ключ действует шесть месяцев.</translation>
    </message>
    <message>
      <source>This can be changed later in Settings.</source>
      <translation>Всё это можно изменить позже в разделе «Настройки».</translation>
    </message>
    <message>
      <source>Type the Client-Id and the API key first.</source>
      <translation>Сначала введите Client-Id и ключ API.</translation>
    </message>
    <message>
      <source>Your pickup point</source>
      <translation>Ваш пункт выдачи</translation>
    </message>
    <message>
      <source>pvzdesk: first set-up</source>
      <translation>pvzdesk: первая настройка</translation>
    </message>
  </context>
</TS>
