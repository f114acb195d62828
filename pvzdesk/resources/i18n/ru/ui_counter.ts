<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>CameraView</name>
    <message>
        <source>Starting the camera…</source>
        <translation>Камера включается…</translation>
    </message>
</context>
<context>
    <name>CounterStatusBar</name>
    <message>
        <source>Platform: online</source>
        <translation>Платформа: на связи</translation>
    </message>
    <message>
        <source>Platform: unstable</source>
        <translation>Платформа: с перебоями</translation>
    </message>
    <message>
        <source>Platform: OFFLINE</source>
        <translation>Платформа: НЕДОСТУПНА</translation>
    </message>
    <message>
        <source>Platform: OFFLINE for {duration}</source>
        <translation>Платформа: НЕДОСТУПНА {duration}</translation>
    </message>
    <message>
        <source>Platform: not checked</source>
        <translation>Платформа: не проверена</translation>
    </message>
    <message>
        <source>off</source>
        <translation>выкл.</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>готов</translation>
    </message>
    <message>
        <source>lost</source>
        <translation>нет связи</translation>
    </message>
    <message>
        <source>unavailable</source>
        <translation>недоступен</translation>
    </message>
    <message>
        <source>To reconcile: {count}</source>
        <translation>К сверке: {count}</translation>
    </message>
    <message>
        <source>Conflicts: {count}</source>
        <translation>Конфликты: {count}</translation>
    </message>
    <message>
        <source>Camera: {state}</source>
        <translation>Камера: {state}</translation>
    </message>
    <message>
        <source>Scanner: {state}</source>
        <translation>Сканер: {state}</translation>
    </message>
    <message>
        <source>No sound</source>
        <translation>Без звука</translation>
    </message>
    <message>
        <source>Sound off</source>
        <translation>Звук выкл.</translation>
    </message>
    <message>
        <source>Platform: the API key is refused</source>
        <translation>Платформа: API-ключ не принят</translation>
    </message>
    <message>
        <source>Platform: online, the API key expires {date}</source>
        <translation>Платформа: на связи, API-ключ истекает {date}</translation>
    </message>
    <message>
        <source>list of {time}</source>
        <translation>список от {time}</translation>
    </message>
    <message>
        <source>The platform's list of this point's parcels is old: check the connection.</source>
        <translation>Список отправлений пункта с платформы устарел: проверьте связь.</translation>
    </message>
    <message>
        <source>When the platform's list of this point's parcels was last fetched.</source>
        <translation>Когда список отправлений пункта последний раз получен с платформы.</translation>
    </message>
</context>
<context>
    <name>IssueScreen</name>
    <message>
      <source>This hand-over already has parcels. Hand them over (F10) or clear (Esc) before the next customer.</source>
      <translation>В этой выдаче уже есть посылки. Выдайте их (F10) или очистите (Esc) перед следующим клиентом.</translation>
    </message>
    <message>
      <source>{count} customers match {what}: add more of the name.</source>
      <translation>Подходят {count} клиентов по «{what}»: добавьте часть имени.</translation>
    </message>
    <message>
      <source>No parcel of {what} is at this point.</source>
      <translation>Посылок по «{what}» в этом пункте нет.</translation>
    </message>
    <message>
      <source>{count} parcel(s) of this customer here. Fetch them from: {cells}.</source>
      <translation>Посылок клиента здесь: {count}. Принесите из ячеек: {cells}.</translation>
    </message>
    <message>
      <source>Type the name and the last 4 digits of the phone, e.g. Ivanova 4567.</source>
      <translation>Наберите фамилию и 4 последние цифры телефона, например: Иванова 4567.</translation>
    </message>
    <message>
      <source>Ctrl+F: customer's name and the last 4 digits of the phone, then Enter</source>
      <translation>Ctrl+F: фамилия клиента и 4 последние цифры телефона, затем Enter</translation>
    </message>
    <message>
      <source>Customer card opened: code {code} recorded. Scan the order number from the customer's app or the first parcel, or Ctrl+F: name and phone digits.</source>
      <translation>Карточка клиента открыта: код {code} записан. Отсканируйте номер заказа из приложения клиента или первую посылку, либо Ctrl+F: фамилия и цифры телефона.</translation>
    </message>
    <message>
      <source>Scan the remaining parcels or mark them refused (F11).</source>
      <translation>Отсканируйте остальные посылки или отметьте отказ (F11).</translation>
    </message>
    <message>
      <source>Parcels left</source>
      <translation>Остались посылки</translation>
    </message>
    <message>
      <source>{count} parcel(s) of this customer are not scanned: {postings}. They stay at the point. Hand over only the scanned ones?</source>
      <translation>Не отсканировано посылок клиента: {count} ({postings}). Они останутся в пункте. Выдать только отсканированные?</translation>
    </message>
    <message>
      <source>Hand over, the rest stays</source>
      <translation>Выдать, остальное остаётся</translation>
    </message>
    <message>
      <source>Back to the card</source>
      <translation>Назад к карточке</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Выдача</translation>
    </message>
    <message>
        <source>Scan the customer's code or a parcel. F10 hands over, F11 refuses, Esc clears.</source>
        <translation>Сканируйте код покупателя или отправление. F10 — выдать, F11 — отказ, Esc — сбросить.</translation>
    </message>
    <message>
        <source>Posting</source>
        <translation>Отправление</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>Ячейка</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>Места</translation>
    </message>
    <message>
        <source>Storage until</source>
        <translation>Хранится до</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Hand over (F10)</source>
        <translation>Выдать (F10)</translation>
    </message>
    <message>
        <source>Refuse (F11)</source>
        <translation>Отказ (F11)</translation>
    </message>
    <message>
        <source>Clear (Esc)</source>
        <translation>Сброс (Esc)</translation>
    </message>
    <message>
        <source>Photo at hand-over</source>
        <translation>Фото при выдаче</translation>
    </message>
    <message>
        <source>{posting}: already scanned.</source>
        <translation>{posting}: уже отсканировано.</translation>
    </message>
    <message>
        <source>This hand-over already has parcels. Hand them over (F10) or clear (Esc) before the next customer's code.</source>
        <translation>В этой выдаче уже есть отправления. Выдайте их (F10) или сбросьте (Esc), прежде чем сканировать код следующего покупателя.</translation>
    </message>
    <message>
        <source>Customer code {code} recorded. Now scan the parcels.</source>
        <translation>Код покупателя {code} записан. Теперь сканируйте отправления.</translation>
    </message>
    <message>
        <source>{posting}: ready, cell {cell}.</source>
        <translation>{posting}: к выдаче, ячейка {cell}.</translation>
    </message>
    <message>
        <source>{count} more parcels of this customer.</source>
        <translation>Ещё отправлений этого покупателя: {count}.</translation>
    </message>
    <message>
        <source>Select the refused parcel in the list first.</source>
        <translation>Сначала выберите в списке отправление, от которого отказались.</translation>
    </message>
    <message>
        <source>{posting}: refused by the customer.</source>
        <translation>{posting}: покупатель отказался.</translation>
    </message>
    <message>
        <source>{posting}: goes to the customer.</source>
        <translation>{posting}: выдаётся покупателю.</translation>
    </message>
    <message>
        <source>Nothing to hand over yet: scan the customer's parcels.</source>
        <translation>Выдавать пока нечего: отсканируйте отправления покупателя.</translation>
    </message>
    <message>
        <source>Press F10 again to hand over anyway.</source>
        <translation>Нажмите F10 ещё раз, чтобы всё равно выдать.</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Не сохранено: {reason}</translation>
    </message>
    <message>
        <source>Handed over: {count}.</source>
        <translation>Выдано: {count}.</translation>
    </message>
    <message>
        <source>Refused: {count}.</source>
        <translation>Отказ: {count}.</translation>
    </message>
    <message>
        <source>No photo: the camera is off.</source>
        <translation>Фото не сделано: камера выключена.</translation>
    </message>
    <message>
        <source>The photo was not saved: {reason}</source>
        <translation>Фото не сохранено: {reason}</translation>
    </message>
    <message>
        <source>handed over</source>
        <translation>выдано</translation>
    </message>
    <message>
        <source>refusal recorded</source>
        <translation>отказ записан</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>отказ</translation>
    </message>
    <message>
        <source>scan it</source>
        <translation>сканируйте</translation>
    </message>
    <message>
        <source>places missing</source>
        <translation>не все места</translation>
    </message>
    <message>
        <source>ready — storage ended</source>
        <translation>к выдаче — срок хранения истёк</translation>
    </message>
    <message>
        <source>ready — check</source>
        <translation>к выдаче — проверьте</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>к выдаче</translation>
    </message>
    <message>
        <source>Customer code: {code} (recorded, not verified)</source>
        <translation>Код покупателя: {code} (записан, не проверен)</translation>
    </message>
    <message>
        <source>Customer code: not scanned</source>
        <translation>Код покупателя: не отсканирован</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
      <source>Scan {code} is waiting: close the window, then it goes to the counter.</source>
      <translation>Скан {code} ждёт: закройте окно, и он уйдёт на экран.</translation>
    </message>
    <message>
        <source>&amp;Counter</source>
        <translation>&amp;Касса</translation>
    </message>
    <message>
        <source>Camera preview (F9)</source>
        <translation>Камера (F9)</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Выход</translation>
    </message>
    <message>
        <source>pickup-point counter</source>
        <translation>пункт выдачи заказов</translation>
    </message>
    <message>
        <source>Scan {code} is not used on this screen.</source>
        <translation>Код {code} на этом экране не используется.</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>Выдача</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>Приёмка</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Возвраты</translation>
    </message>
    <message>
        <source>Storage</source>
        <translation>Хранение</translation>
    </message>
    <message>
        <source>Reconcile</source>
        <translation>Сверка</translation>
    </message>
    <message>
        <source>Journal</source>
        <translation>Журнал</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Scan {code} was NOT recorded: {reason}</source>
        <translation>Скан {code} НЕ записан: {reason}</translation>
    </message>
</context>
<context>
    <name>OutageBanner</name>
    <message>
        <source>The platform is not available. The counter works offline: keep scanning, every operation is recorded in the journal and will be reconciled later.</source>
        <translation>Платформа недоступна. Касса работает без связи: продолжайте сканировать — каждая операция записывается в журнал и будет сверена позже.</translation>
    </message>
    <message>
        <source>The platform is back. {count} operations made offline wait to be reconciled.</source>
        <translation>Платформа снова доступна. Операций без связи ждут сверки: {count}.</translation>
    </message>
    <message>
        <source>Reconcile now</source>
        <translation>Сверить сейчас</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Позже</translation>
    </message>
</context>
<context>
    <name>PlaceholderScreen</name>
    <message>
        <source>This screen is not available yet.</source>
        <translation>Этот экран пока недоступен.</translation>
    </message>
</context>
<context>
    <name>ReceiveScreen</name>
    <message>
      <source>Scan every parcel of the delivery, then its cell label to place it. F10 finishes the delivery, F11 counts cells (inventory).</source>
      <translation>Сканируйте каждую посылку поставки, затем этикетку ячейки, куда её кладёте. F10 завершает приёмку, F11 — инвентаризация ячеек.</translation>
    </message>
    <message>
      <source>Inventory: scan a cell label, then every parcel in that cell.</source>
      <translation>Инвентаризация: отсканируйте этикетку ячейки, затем каждую посылку в ней.</translation>
    </message>
    <message>
      <source>Inventory cancelled: no cell was scanned.</source>
      <translation>Инвентаризация отменена: ни одна ячейка не отсканирована.</translation>
    </message>
    <message>
      <source>Inventory of cell {cell}: scan every parcel in it.</source>
      <translation>Инвентаризация ячейки {cell}: отсканируйте каждую посылку в ней.</translation>
    </message>
    <message>
      <source>Scan the cell label first.</source>
      <translation>Сначала отсканируйте этикетку ячейки.</translation>
    </message>
    <message>
      <source>Cell {cell}: {count} parcel(s) counted.</source>
      <translation>Ячейка {cell}: посчитано посылок: {count}.</translation>
    </message>
    <message>
      <source>Next parcels go to cell {cell}.</source>
      <translation>Следующие посылки — в ячейку {cell}.</translation>
    </message>
    <message>
      <source>placed</source>
      <translation>размещено</translation>
    </message>
    <message>
      <source>{posting}: placed in cell {cell}.</source>
      <translation>{posting}: размещено в ячейку {cell}.</translation>
    </message>
    <message>
      <source>Scan every parcel of the delivery, then its cell label to place it. F10 finishes the delivery.</source>
      <translation>Сканируйте каждую посылку поставки, затем этикетку ячейки, куда её кладёте. F10 завершает приёмку.</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>Приёмка</translation>
    </message>
    <message>
        <source>Scan every parcel of the delivery. F10 finishes the delivery.</source>
        <translation>Сканируйте каждое отправление поставки. F10 — завершить приёмку.</translation>
    </message>
    <message>
        <source>Cell for the next parcels:</source>
        <translation>Ячейка для следующих отправлений:</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>необязательно</translation>
    </message>
    <message>
        <source>Received now</source>
        <translation>Принято сейчас</translation>
    </message>
    <message>
        <source>Not in the manifest</source>
        <translation>Нет в манифесте</translation>
    </message>
    <message>
        <source>Posting</source>
        <translation>Отправление</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>Ячейка</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Finish delivery (F10)</source>
        <translation>Завершить приёмку (F10)</translation>
    </message>
    <message>
        <source>Received: {received}   Not in manifest: {unknown}   Still expected: {expected}</source>
        <translation>Принято: {received}   Нет в манифесте: {unknown}   Ещё ожидается: {expected}</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Не сохранено: {reason}</translation>
    </message>
    <message>
        <source>not in manifest</source>
        <translation>нет в манифесте</translation>
    </message>
    <message>
        <source>received</source>
        <translation>принято</translation>
    </message>
    <message>
        <source>{posting}: received.</source>
        <translation>{posting}: принято.</translation>
    </message>
    <message>
        <source>Delivery finished: {received} received, {unknown} not in the manifest.</source>
        <translation>Приёмка завершена: принято {received}, нет в манифесте {unknown}.</translation>
    </message>
    <message>
        <source>{count} expected parcels have not arrived.</source>
        <translation>Не пришло ожидаемых отправлений: {count}.</translation>
    </message>
</context>
<context>
    <name>ReturnsScreen</name>
    <message>
      <source>F11 switches the mode.</source>
      <translation>F11 переключает режим.</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Возвраты</translation>
    </message>
    <message>
        <source>Customer return (Alt+1)</source>
        <translation>Возврат покупателя (Alt+1)</translation>
    </message>
    <message>
        <source>Refusal (Alt+2)</source>
        <translation>Отказ (Alt+2)</translation>
    </message>
    <message>
        <source>Send back to sender (Alt+3)</source>
        <translation>Вернуть отправителю (Alt+3)</translation>
    </message>
    <message>
        <source>Scan a parcel the customer brings back after it was handed over.</source>
        <translation>Сканируйте отправление, которое покупатель вернул после выдачи.</translation>
    </message>
    <message>
        <source>Scan a parcel the customer refuses entirely (for a partial refusal use Issue).</source>
        <translation>Сканируйте отправление, от которого покупатель отказался полностью (частичный отказ — на экране «Выдача»).</translation>
    </message>
    <message>
        <source>Scan parcels whose storage has ended into the return batch for the carrier.</source>
        <translation>Сканируйте отправления с истёкшим сроком хранения в возвратную партию для перевозчика.</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Причина:</translation>
    </message>
    <message>
        <source>optional, e.g. damaged, wrong size</source>
        <translation>необязательно, например: повреждён, не подошёл размер</translation>
    </message>
    <message>
        <source>Posting</source>
        <translation>Отправление</translation>
    </message>
    <message>
        <source>Cell</source>
        <translation>Ячейка</translation>
    </message>
    <message>
        <source>Storage until</source>
        <translation>Хранится до</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>to send back</source>
        <translation>к возврату</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Не сохранено: {reason}</translation>
    </message>
    <message>
        <source>{posting}: return accepted. Put it on the returns shelf.</source>
        <translation>{posting}: возврат принят. Положите на полку возвратов.</translation>
    </message>
    <message>
        <source>{posting}: refusal recorded. Put it on the returns shelf.</source>
        <translation>{posting}: отказ записан. Положите на полку возвратов.</translation>
    </message>
    <message>
        <source>{posting}: in the return batch.</source>
        <translation>{posting}: в возвратной партии.</translation>
    </message>
    <message>
        <source>done</source>
        <translation>готово</translation>
    </message>
</context>
<context>
    <name>Sounds</name>
    <message>
        <source>No sound device: scans are confirmed by colour only.</source>
        <translation>Нет звукового устройства: сканы подтверждаются только цветом.</translation>
    </message>
</context>
<context>
    <name>DemoMenu</name>
    <message>
      <source>Show the camera</source>
      <translation>Показать камеру</translation>
    </message>
    <message>
        <source>&amp;Demo</source>
        <translation>&amp;Демо</translation>
    </message>
    <message>
        <source>Cut the platform</source>
        <translation>Отключить платформу</translation>
    </message>
    <message>
        <source>Restore the platform</source>
        <translation>Восстановить платформу</translation>
    </message>
</context>
<context>
    <name>BugReporter</name>
    <message>
        <source>Internal error: this is a bug in pvzdesk. Everything already saved is intact; keep working. Details: {path}</source>
        <translation>Внутренняя ошибка программы pvzdesk. Всё уже сохранённое цело; продолжайте работу. Подробности: {path}</translation>
    </message>
</context>
</TS>
