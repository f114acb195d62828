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
    <message>
      <source>What to do</source>
      <translation>Что делать</translation>
    </message>
    <message>
      <source>the platform answered with error {code}</source>
      <translation>платформа ответила ошибкой {code}</translation>
    </message>
    <message>
      <source>Reason: {reason}</source>
      <translation>Причина: {reason}</translation>
    </message>
    <message>
      <source>the platform is unreachable</source>
      <translation>платформа недоступна</translation>
    </message>
    <message>
      <source>More than {count} labels at once: print fewer cells.</source>
      <translation>Больше {count} этикеток за раз: напечатайте меньше ячеек.</translation>
    </message>
    <message>
      <source>Write the cells, for example А-01…А-40.</source>
      <translation>Укажите ячейки, например А-01…А-40.</translation>
    </message>
    <message>
      <source>«{name}»: a cell name this long does not fit a label.</source>
      <translation>«{name}»: такое длинное имя ячейки не помещается на этикетку.</translation>
    </message>
    <message>
      <source>«{range}»: a range stays in one row, like А-01…А-40.</source>
      <translation>«{range}»: диапазон — в пределах одного ряда, например А-01…А-40.</translation>
    </message>
    <message>
      <source>«{range}»: the range ends before it starts.</source>
      <translation>«{range}»: диапазон кончается раньше, чем начинается.</translation>
    </message>
    <message>
      <source>Journal: {done} {when}{who}</source>
      <translation>Журнал: {done} {when}{who}</translation>
    </message>
    <message>
      <source>Platform: no answer yet</source>
      <translation>Платформа: ответа ещё нет</translation>
    </message>
    <message>
      <source>Platform: no change needed</source>
      <translation>Платформа: менять ничего не нужно</translation>
    </message>
    <message>
      <source>none of the cancel reasons it allows now says the customer did not collect the parcel</source>
      <translation>ни одна из причин отмены, которые она сейчас разрешает, не говорит, что покупатель не забрал заказ</translation>
    </message>
    <message>
      <source>Platform: the cancel reasons it allows could not be read; asked again next run</source>
      <translation>Платформа: не удалось узнать разрешённые причины отмены; спросим при следующей сверке</translation>
    </message>
    <message>
      <source>Platform: not yet ({why}); read again shortly</source>
      <translation>Платформа: пока нет ({why}); проверим ещё раз чуть позже</translation>
    </message>
    <message>
      <source>Platform: refused {action}: {why}</source>
      <translation>Платформа: отказала — {action}: {why}</translation>
    </message>
    <message>
      <source>Platform: to be read again on the next run (a person asked)</source>
      <translation>Платформа: будет проверено заново при следующей сверке (по просьбе сотрудника)</translation>
    </message>
    <message>
      <source>Platform: {action} failed: {why}</source>
      <translation>Платформа: не удалось — {action}: {why}</translation>
    </message>
    <message>
      <source>Platform: {action} sent, not shown done yet</source>
      <translation>Платформа: отправлено ({action}), но ещё не видно выполненным</translation>
    </message>
    <message>
      <source>Platform: {action} sent, the answer was lost; the parcel is read before anything is sent again</source>
      <translation>Платформа: отправлено ({action}), ответ потерян; перед повтором статус посылки будет проверен</translation>
    </message>
    <message>
      <source>Platform: {what} already</source>
      <translation>Платформа: уже {what}</translation>
    </message>
    <message>
      <source>Platform: {what}</source>
      <translation>Платформа: {what}</translation>
    </message>
    <message>
      <source>Platform: {what}, as sent from here</source>
      <translation>Платформа: {what}, как отправлено отсюда</translation>
    </message>
    <message>
      <source>Check the number on the label; a mistaken scan is voided, a real parcel goes to the platform's support.</source>
      <translation>Сверьте номер на этикетке: ошибочный скан аннулируйте, о настоящей посылке сообщите в поддержку платформы.</translation>
    </message>
    <message>
      <source>Check the parcel in the seller's account, then «Check again on the next run».</source>
      <translation>Проверьте посылку в личном кабинете продавца, затем нажмите «Проверить при следующей сверке».</translation>
    </message>
    <message>
      <source>Set the status in the seller's account by hand, then void our entry or check again on the next run.</source>
      <translation>Поставьте статус вручную в личном кабинете продавца, затем аннулируйте нашу запись или проверьте при следующей сверке.</translation>
    </message>
    <message>
      <source>Compare both sides, then void our entry or check again on the next run.</source>
      <translation>Сравните обе стороны, затем аннулируйте нашу запись или проверьте при следующей сверке.</translation>
    </message>
    <message>
      <source>Do not hand the parcel out: put it aside to go back. If it was handed over already, send the support bundle to the platform.</source>
      <translation>Не выдавайте посылку: отложите её на возврат. Если она уже выдана, отправьте в поддержку платформы пакет для обращения.</translation>
    </message>
    <message>
      <source>Find out who handed it over; if the platform is right, void our entry.</source>
      <translation>Выясните, кто выдал посылку; если права платформа, аннулируйте нашу запись.</translation>
    </message>
    <message>
      <source>Nothing to do now: the next reconcile takes it up.</source>
      <translation>Сейчас ничего делать не нужно: следующая сверка займётся этим.</translation>
    </message>
    <message>
      <source>Nothing to do.</source>
      <translation>Ничего делать не нужно.</translation>
    </message>
    <message>
      <source>reading the parcel's status</source>
      <translation>чтение статуса посылки</translation>
    </message>
    <message>
      <source>the step is not possible in the parcel's current status</source>
      <translation>этот шаг невозможен в текущем статусе посылки</translation>
    </message>
    <message>
      <source>accepted the step several times, never showed it done</source>
      <translation>несколько раз принимала шаг, но так и не показала его выполненным</translation>
    </message>
    <message>
      <source>awaiting packaging</source>
      <translation>ожидает сборки</translation>
    </message>
    <message>
      <source>awaiting shipment to the point</source>
      <translation>ожидает отгрузки в пункт</translation>
    </message>
    <message>
      <source>cancelled</source>
      <translation>отменено</translation>
    </message>
    <message>
      <source>cancelled: the buyer did not collect the order</source>
      <translation>отменено: покупатель не забрал заказ</translation>
    </message>
    <message>
      <source>delivered to the customer</source>
      <translation>выдано покупателю</translation>
    </message>
    <message>
      <source>disagrees with the journal</source>
      <translation>расходится с журналом</translation>
    </message>
    <message>
      <source>in a status this program does not know</source>
      <translation>в статусе, неизвестном программе</translation>
    </message>
    <message>
      <source>no answer</source>
      <translation>нет ответа</translation>
    </message>
    <message>
      <source>no such posting</source>
      <translation>такого отправления нет</translation>
    </message>
    <message>
      <source>on its way or at the point</source>
      <translation>в пути или в пункте выдачи</translation>
    </message>
    <message>
      <source>the cancellation</source>
      <translation>отмена</translation>
    </message>
    <message>
      <source>the entry names no posting</source>
      <translation>в записи нет номера отправления</translation>
    </message>
    <message>
      <source>the order is already cancelled</source>
      <translation>заказ уже отменён</translation>
    </message>
    <message>
      <source>the parcel is carried by an integrated delivery service: its status is not ours to set</source>
      <translation>посылку везёт интегрированная служба доставки: её статус ставим не мы</translation>
    </message>
    <message>
      <source>the platform does not know this posting</source>
      <translation>платформа не знает такого отправления</translation>
    </message>
    <message>
      <source>the platform gave a reason its documentation does not list</source>
      <translation>платформа назвала причину, которой нет в её документации</translation>
    </message>
    <message>
      <source>the status change</source>
      <translation>смена статуса</translation>
    </message>
    <message>
      <source>the tracking number</source>
      <translation>трек-номер</translation>
    </message>
    <message>
      <source>the «at the point» step</source>
      <translation>шаг «в пункте выдачи»</translation>
    </message>
    <message>
      <source>the «delivered» step</source>
      <translation>шаг «доставлено»</translation>
    </message>
    <message>
      <source>the «last mile» step</source>
      <translation>шаг «последняя миля»</translation>
    </message>
    <message>
      <source>this step is not allowed now</source>
      <translation>этот шаг сейчас недоступен</translation>
    </message>
    <message>
      <source>with the driver</source>
      <translation>у водителя</translation>
    </message>
  </context>
  <context>
    <name>ReportsScreen</name>
    <message>
      <source>C&amp;ells:</source>
      <translation>&amp;Ячейки:</translation>
    </message>
    <message>
      <source>Cell &amp;labels (PDF) (Ctrl+L)</source>
      <translation>Эти&amp;кетки ячеек (PDF) (Ctrl+L)</translation>
    </message>
    <message>
      <source>Cell labels for the shelves</source>
      <translation>Этикетки ячеек для полок</translation>
    </message>
    <message>
      <source>Making the cell labels…</source>
      <translation>Готовлю этикетки ячеек…</translation>
    </message>
    <message>
      <source>А-01…А-40, Б-01…Б-20</source>
      <translation>А-01…А-40, Б-01…Б-20</translation>
    </message>
  </context>
  <context>
    <name>ReconcileScreen</name>
    <message>
      <source>Needing a person: {conflicts}.</source>
      <translation>Требуют решения человека: {conflicts}.</translation>
    </message>
    <message>
      <source>Last checked: {time}</source>
      <translation>Последняя проверка: {time}</translation>
    </message>
    <message>
      <source>To reconcile: {count}</source>
      <translation>К сверке: {count}</translation>
    </message>
  </context>
</TS>
