<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>pvzdesk</name>
    <message>
        <source>The platform disagrees with the journal: {kind}.</source>
        <translation>Платформа не согласна с журналом: {kind}.</translation>
    </message>
    <message>
        <source>The platform already shows this parcel as delivered to the customer.</source>
        <translation>На платформе это отправление уже числится выданным покупателю.</translation>
    </message>
    <message>
        <source>The platform cancelled this order meanwhile.</source>
        <translation>Платформа тем временем отменила этот заказ.</translation>
    </message>
    <message>
        <source>The platform does not know this posting.</source>
        <translation>Платформа не знает такого отправления.</translation>
    </message>
    <message>
        <source>The platform does not allow this step for the parcel in its current status.</source>
        <translation>Платформа не разрешает этот шаг для отправления в его текущем статусе.</translation>
    </message>
    <message>
        <source>applied</source>
        <translation>применено</translation>
    </message>
    <message>
        <source>already on the platform</source>
        <translation>уже есть на платформе</translation>
    </message>
    <message>
        <source>rejected by the platform</source>
        <translation>отклонено платформой</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>конфликт</translation>
    </message>
    <message>
        <source>will be retried</source>
        <translation>будет повторено</translation>
    </message>
    <message>
        <source>being checked</source>
        <translation>проверяется</translation>
    </message>
    <message>
        <source>the platform's address cannot be resolved (DNS)</source>
        <translation>адрес платформы не находится (DNS)</translation>
    </message>
    <message>
        <source>no connection to the platform</source>
        <translation>нет соединения с платформой</translation>
    </message>
    <message>
        <source>the secure connection failed (TLS)</source>
        <translation>не удалось защищённое соединение (TLS)</translation>
    </message>
    <message>
        <source>the platform does not answer in time</source>
        <translation>платформа не отвечает вовремя</translation>
    </message>
    <message>
        <source>the connection was dropped</source>
        <translation>соединение оборвалось</translation>
    </message>
    <message>
        <source>the platform reports an error (5xx)</source>
        <translation>на стороне платформы ошибка</translation>
    </message>
    <message>
        <source>too many requests; waiting as the platform asked</source>
        <translation>слишком много запросов; ждём, как просит платформа</translation>
    </message>
    <message>
        <source>the API key was refused</source>
        <translation>ключ API отклонён</translation>
    </message>
    <message>
        <source>the login page answered with an error</source>
        <translation>страница входа ответила ошибкой</translation>
    </message>
    <message>
        <source>The platform cannot be reached ({failure}).</source>
        <translation>Платформа недоступна ({failure}).</translation>
    </message>
    <message>
        <source>The platform refused the API key (HTTP {status}): {detail}</source>
        <translation>Платформа отклонила ключ API (HTTP {status}): {detail}</translation>
    </message>
    <message>
        <source>The platform rejected the request (HTTP {status}): {detail}</source>
        <translation>Платформа отклонила запрос (HTTP {status}): {detail}</translation>
    </message>
    <message>
        <source>Work continues offline; everything is kept in the journal.</source>
        <translation>Работа продолжается без связи; всё сохраняется в журнале.</translation>
    </message>
    <message>
        <source>Check the Client-Id and the API key in Settings; the key may have expired.</source>
        <translation>Проверьте идентификатор продавца и ключ API в настройках; возможно, срок ключа истёк.</translation>
    </message>
    <message>
        <source>The platform replied to {endpoint} in an unexpected form ({what}).</source>
        <translation>Платформа ответила на {endpoint} в неожиданном виде ({what}).</translation>
    </message>
    <message>
        <source>Nothing was changed locally. Try again later; if it repeats, call support.</source>
        <translation>Локально ничего не изменено. Повторите позже; если повторится — обратитесь в поддержку.</translation>
    </message>
    <message>
        <source>Re-entered: {kind} of {posting}.</source>
        <translation>Внесено повторно: {kind}, отправление {posting}.</translation>
    </message>
    <message>
        <source>Nothing is left to re-enter for {code}.</source>
        <translation>Для {code} не осталось операций для повторного ввода.</translation>
    </message>
    <message>
        <source>online</source>
        <translation>на связи</translation>
    </message>
    <message>
        <source>degraded</source>
        <translation>связь неустойчива</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>нет связи</translation>
    </message>
    <message>
        <source>Platform: {state}</source>
        <translation>Платформа: {state}</translation>
    </message>
    <message>
        <source>Waiting to reconcile: {count}</source>
        <translation>Ждут сверки: {count}</translation>
    </message>
    <message>
        <source>Conflicts and rejections: {count}</source>
        <translation>Расхождения и отказы: {count}</translation>
    </message>
    <message>
        <source>To re-enter in the platform's app: {left} of {total}</source>
        <translation>Внести повторно в приложение платформы: {left} из {total}</translation>
    </message>
    <message>
        <source>The API key was refused: this is a key problem, not an outage. Check Settings.</source>
        <translation>Ключ API отклонён: это проблема ключа, а не сбой платформы. Проверьте настройки.</translation>
    </message>
    <message>
        <source>The API key expires on {date}: issue a new one in the seller's account.</source>
        <translation>Срок ключа API истекает {date}: выпустите новый в личном кабинете продавца.</translation>
    </message>
    <message>
        <source>Reconciled {done} of {total}; conflicts: {conflicts}; requests: {requests}.</source>
        <translation>Сверено {done} из {total}; расхождений: {conflicts}; запросов: {requests}.</translation>
    </message>
    <message>
        <source>probe the platform once and show its state</source>
        <translation>один раз проверить платформу и показать её состояние</translation>
    </message>
    <message>
        <source>machine-readable output</source>
        <translation>вывод для программ (JSON)</translation>
    </message>
    <message>
        <source>bring the journal to the platform after an outage</source>
        <translation>передать журнал на платформу после сбоя</translation>
    </message>
    <message>
        <source>default: from settings</source>
        <translation>по умолчанию — из настроек</translation>
    </message>
    <message>
        <source>Seller API address (default: from settings)</source>
        <translation>адрес API продавца (по умолчанию — из настроек)</translation>
    </message>
    <message>
        <source>list outstanding entries and conflicts</source>
        <translation>показать несверенные записи и расхождения</translation>
    </message>
    <message>
        <source>requests per second (default: from settings)</source>
        <translation>запросов в секунду (по умолчанию — из настроек)</translation>
    </message>
    <message>
        <source>re-entry worklist for partner points</source>
        <translation>список повторного ввода для партнёрских ПВЗ</translation>
    </message>
    <message>
        <source>also show what is checked off</source>
        <translation>показать и отмеченные операции</translation>
    </message>
    <message>
        <source>Reconciling: {done} of {total}</source>
        <translation>Сверка: {done} из {total}</translation>
    </message>
    <message>
        <source>Stopped early: the platform does not answer. Run it again later.</source>
        <translation>Сверка остановлена: платформа не отвечает. Запустите её позже.</translation>
    </message>
    <message>
        <source>Give the codes of the re-entered parcels.</source>
        <translation>Укажите коды отправлений, внесённых повторно.</translation>
    </message>
    <message>
        <source>Left to re-enter: {count}</source>
        <translation>Осталось внести повторно: {count}</translation>
    </message>
    <message>
        <source>journal</source>
        <translation>журнал</translation>
    </message>
    <message>
        <source>platform</source>
        <translation>платформа</translation>
    </message>
    <message>
        <source>There is no Seller API Client-Id or API key.</source>
        <translation>Не заданы идентификатор продавца или ключ API продавца.</translation>
    </message>
    <message>
        <source>The platform rejected the request: {detail}</source>
        <translation>Платформа отклонила запрос: {detail}</translation>
    </message>
    <message>
        <source>Enter them in Settings, or set PVZDESK_CLIENT_ID and PVZDESK_API_KEY.</source>
        <translation>Укажите их в настройках или задайте PVZDESK_CLIENT_ID и PVZDESK_API_KEY.</translation>
    </message>
    <message>
        <source>Seller API not checked: there is no Client-Id or API key (only the login page was probed).</source>
        <translation>Seller API не проверен: нет Client-Id или API-ключа (проверена только страница входа).</translation>
    </message>
    <message>
        <source>Set-aside entries put back to be checked again: {count}.</source>
        <translation>Отложенных записей возвращено на повторную проверку: {count}.</translation>
    </message>
    <message>
        <source>Statuses re-read from the platform: {count} changed. Storage deadlines are this point's own; extend them in Хранение if the outage held parcels up.</source>
        <translation>Статусы перечитаны с платформы: изменилось {count}. Сроки хранения — наши собственные; если сбой задержал выдачу, продлите их в разделе «Хранение».</translation>
    </message>
    <message>
        <source>The platform asked to wait: requests resume at {time}.</source>
        <translation>Платформа попросила подождать: запросы возобновятся в {time}.</translation>
    </message>
    <message>
        <source>check every set-aside entry (conflicts, rejections) again in this run</source>
        <translation>проверить заново все отложенные записи (конфликты, отказы) в этом запуске</translation>
    </message>
    <message>
        <source>do not re-read statuses afterwards</source>
        <translation>не перечитывать статусы после сверки</translation>
    </message>
    <message>
        <source>The platform accepted this step several times but never showed it done; check the parcel in the seller's account.</source>
        <translation>Платформа несколько раз приняла этот шаг, но так и не показала его выполненным; проверьте отправление в личном кабинете продавца.</translation>
    </message>
    <message>
        <source>the platform answered in a form it does not document (a proxy page?)</source>
        <translation>платформа ответила в недокументированном виде (страница прокси?)</translation>
    </message>
    <message>
        <source>the platform's reply was too large</source>
        <translation>ответ платформы слишком большой</translation>
    </message>
    <message>
        <source>declared by a person</source>
        <translation>объявлен вручную</translation>
    </message>
</context>
</TS>
