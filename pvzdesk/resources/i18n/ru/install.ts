<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>pvzdesk</name>
    <message>
      <source>built {date} ({kind})</source>
      <translation>сборка от {date} ({kind})</translation>
    </message>
    <message>
      <source>run from a source checkout</source>
      <translation>запущен из исходного кода</translation>
    </message>
    <message>
      <source>show the version, build date and component versions, then exit</source>
      <translation>показать версию, дату сборки и версии компонентов и выйти</translation>
    </message>
    <message>
      <source>pvzdesk {version} opened this journal (before: {previous}).</source>
      <translation>pvzdesk {version} открыл этот журнал (до этого: {previous}).</translation>
    </message>
    <message>
      <source>entries that have not reached the platform yet</source>
      <translation>записи, которые ещё не дошли до платформы</translation>
    </message>
    <message>
      <source>exit with 1 when entries are waiting (for scripts and the uninstaller)</source>
      <translation>выйти с кодом 1, если записи ждут (для скриптов и удаления программы)</translation>
    </message>
    <message>
      <source>Not yet on the platform: {waiting} waiting, {conflicts} set aside for a person.</source>
      <translation>Ещё не на платформе: ждут {waiting}, отложено для решения человеком {conflicts}.</translation>
    </message>
    <message>
      <source>Everything in the journal has reached the platform.</source>
      <translation>Всё из журнала дошло до платформы.</translation>
    </message>
    <message>
      <source>Client-Id is a number, as shown in the seller's account.</source>
      <translation>Client-Id — это число, как в личном кабинете продавца.</translation>
    </message>
    <message>
      <source>The Seller API address must start with https://.</source>
      <translation>Адрес Seller API должен начинаться с https://.</translation>
    </message>
    <message>
      <source>Give a camera: its number (0 is the first) or a file.</source>
      <translation>Укажите камеру: её номер (0 — первая) или файл.</translation>
    </message>
    <message>
      <source>The key works.</source>
      <translation>Ключ действует.</translation>
    </message>
    <message>
      <source>The key expired on {date}.</source>
      <translation>Срок ключа истёк {date}.</translation>
    </message>
    <message>
      <source>The key works; it expires on {date} (in {days} days).</source>
      <translation>Ключ действует до {date} (осталось {days} дн.).</translation>
    </message>
    <message>
      <source>Make a new key in the seller's account soon.</source>
      <translation>Скоро выпустите новый ключ в личном кабинете продавца.</translation>
    </message>
    <message>
      <source>Settings saved; change them any time in Settings.</source>
      <translation>Настройки сохранены; их можно изменить в любой момент в разделе «Настройки».</translation>
    </message>
    <message>
      <source>The API key is saved in the system keyring.</source>
      <translation>Ключ API сохранён в системном хранилище паролей.</translation>
    </message>
    <message>
      <source>This computer has no keyring, so the API key was NOT saved: set the PVZDESK_API_KEY environment variable instead.</source>
      <translation>На этом компьютере нет хранилища паролей, поэтому ключ API НЕ сохранён: задайте вместо этого переменную окружения PVZDESK_API_KEY.</translation>
    </message>
    <message>
      <source>first-run set-up: point type, API key, operators, camera, backups</source>
      <translation>первая настройка: тип пункта, ключ API, операторы, камера, резервные копии</translation>
    </message>
    <message>
      <source>operator names, separated by commas</source>
      <translation>имена операторов через запятую</translation>
    </message>
    <message>
      <source>read the API key from the first line of standard input</source>
      <translation>прочитать ключ API из первой строки стандартного ввода</translation>
    </message>
    <message>
      <source>camera number (0 is the first) or a file</source>
      <translation>номер камеры (0 — первая) или файл</translation>
    </message>
    <message>
      <source>folder for the daily backups</source>
      <translation>папка для ежедневных резервных копий</translation>
    </message>
    <message>
      <source>keep the defaults for now</source>
      <translation>пока оставить значения по умолчанию</translation>
    </message>
    <message>
      <source>Set-up skipped; every answer can be given later in Settings.</source>
      <translation>Настройка пропущена; всё можно указать позже в разделе «Настройки».</translation>
    </message>
    <message>
      <source>Point type: partner (partner pickup point) or seller (seller's own desk)</source>
      <translation>Тип пункта: partner (партнёрский ПВЗ) или seller (собственный пункт продавца)</translation>
    </message>
    <message>
      <source>Point type is partner or seller.</source>
      <translation>Тип пункта — partner или seller.</translation>
    </message>
    <message>
      <source>Point name</source>
      <translation>Название пункта</translation>
    </message>
    <message>
      <source>Operator names, separated by commas</source>
      <translation>Имена операторов через запятую</translation>
    </message>
    <message>
      <source>Seller API address</source>
      <translation>Адрес Seller API</translation>
    </message>
    <message>
      <source>API key (not shown): </source>
      <translation>Ключ API (не отображается): </translation>
    </message>
    <message>
      <source>Camera number or file</source>
      <translation>Номер камеры или файл</translation>
    </message>
    <message>
      <source>Backups folder (empty: inside the data folder)</source>
      <translation>Папка резервных копий (пусто — внутри папки данных)</translation>
    </message>
    <message>
      <source>Data folder: {path}</source>
      <translation>Папка данных: {path}</translation>
    </message>
  </context>
</TS>
