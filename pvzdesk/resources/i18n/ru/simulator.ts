<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>pvzdesk</name>
    <message>
        <source>Run the simulated marketplace platform (Seller API and login page)</source>
        <translation>запустить симулятор платформы (API продавца и страница входа)</translation>
    </message>
    <message>
        <source>Address to listen on</source>
        <translation>Адрес, на котором слушать</translation>
    </message>
    <message>
        <source>Port (0: any free port)</source>
        <translation>Порт (0 — любой свободный)</translation>
    </message>
    <message>
        <source>Seed of the postings and faults</source>
        <translation>Начальное число для отправлений и сбоев</translation>
    </message>
    <message>
        <source>Number of postings</source>
        <translation>Количество отправлений</translation>
    </message>
    <message>
        <source>Faults to inject</source>
        <translation>Какие сбои имитировать</translation>
    </message>
    <message>
        <source>Seconds before a status change applies</source>
        <translation>Через сколько секунд применяется смена статуса</translation>
    </message>
    <message>
        <source>Requests per second per Client-Id</source>
        <translation>Запросов в секунду на один идентификатор продавца</translation>
    </message>
    <message>
        <source>Days until the API key expires</source>
        <translation>Через сколько дней истекает API-ключ</translation>
    </message>
    <message>
        <source>The fault spec is not valid: {error}</source>
        <translation>Неверное описание сбоев: {error}</translation>
    </message>
    <message>
        <source>Postings, rate limit and apply delay must be positive numbers.</source>
        <translation>Количество отправлений, лимит запросов и задержка должны быть положительными числами.</translation>
    </message>
    <message>
        <source>Cannot listen on port {port}: {error}</source>
        <translation>Не удаётся открыть порт {port}: {error}</translation>
    </message>
    <message>
        <source>Platform simulator running at {url}</source>
        <translation>Симулятор платформы работает по адресу {url}</translation>
    </message>
    <message>
        <source>Postings: {count}, seed {seed}, faults: {faults}</source>
        <translation>Отправлений: {count}, seed {seed}, сбои: {faults}</translation>
    </message>
    <message>
        <source>Press Ctrl+C to stop.</source>
        <translation>Нажмите Ctrl+C, чтобы остановить.</translation>
    </message>
    <message>
        <source>Simulator stopped.</source>
        <translation>Симулятор остановлен.</translation>
    </message>
</context>
</TS>
