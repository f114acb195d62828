<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
  <context>
    <name>pvzdesk</name>
    <message>
      <source>The demo's folder (journal, reports) is kept: {path}</source>
      <translation>Папка демо (журнал, отчёты) сохранена: {path}</translation>
    </message>
    <message>
      <source>No display here: telling the demo in the terminal instead (or run: xvfb-run -a make demo).</source>
      <translation>Экрана нет: показываю демо в терминале (или запустите: xvfb-run -a make demo).</translation>
    </message>
    <message>
      <source>the built-in demo on the platform simulator</source>
      <translation>встроенное демо на симуляторе платформы</translation>
    </message>
    <message>
      <source>tell the story in the terminal</source>
      <translation>показать сценарий в терминале</translation>
    </message>
    <message>
      <source>postings on the simulated platform</source>
      <translation>отправлений на симулируемой платформе</translation>
    </message>
    <message>
      <source>1. Demo data folder: {path}</source>
      <translation>1. Папка данных демо: {path}</translation>
    </message>
    <message>
      <source>   Platform simulator: {url} ({count} postings)</source>
      <translation>   Симулятор платформы: {url} (отправлений: {count})</translation>
    </message>
    <message>
      <source>   Manifest imported: {count} parcels expected at the point.</source>
      <translation>   Список загружен: ожидается отправлений на пункте: {count}.</translation>
    </message>
    <message>
      <source>   Platform: online.</source>
      <translation>   Платформа: на связи.</translation>
    </message>
    <message>
      <source>2. Receiving the delivery by the labels' lower barcodes:</source>
      <translation>2. Приёмка поставки по нижним штрихкодам этикеток:</translation>
    </message>
    <message>
      <source>3. The platform goes down (simulated outage).</source>
      <translation>3. Платформа недоступна (симулированный сбой).</translation>
    </message>
    <message>
      <source>   Offline: incident {incident_id} journaled; the counter keeps working.</source>
      <translation>   Нет связи: сбой {incident_id} записан в журнал; пункт продолжает работать.</translation>
    </message>
    <message>
      <source>4. Issuing offline; every operation goes into the journal first:</source>
      <translation>4. Выдача без связи; каждая операция сначала пишется в журнал:</translation>
    </message>
    <message>
      <source>5. The platform is back.</source>
      <translation>5. Платформа снова доступна.</translation>
    </message>
    <message>
      <source>   Online again; the incident lasted {seconds} s.</source>
      <translation>   Снова на связи; сбой длился {seconds} с.</translation>
    </message>
    <message>
      <source>6. Reconciling the journal with the platform:</source>
      <translation>6. Сверка журнала с платформой:</translation>
    </message>
    <message>
      <source>   Outcomes: {outcomes}.</source>
      <translation>   Итоги: {outcomes}.</translation>
    </message>
    <message>
      <source>   The platform now shows delivered: {postings}</source>
      <translation>   На платформе теперь доставлены: {postings}</translation>
    </message>
    <message>
      <source>7. End of day:</source>
      <translation>7. Закрытие дня:</translation>
    </message>
    <message>
      <source>8. Journal intact: {ok}; {count} entries, chain head {head}.</source>
      <translation>8. Журнал цел: {ok}; записей {count}, вершина цепочки {head}.</translation>
    </message>
    <message>
      <source>   The monitor did not see the outage; the demo stops here.</source>
      <translation>   Монитор не увидел сбой; демо остановлено.</translation>
    </message>
    <message>
      <source>   camera read {code} from {file}</source>
      <translation>   камера прочитала {code} из {file}</translation>
    </message>
    <message>
      <source>did not fit</source>
      <translation>не подошло</translation>
    </message>
    <message>
      <source>The demo folder is temporary and is removed now; give --data-dir to keep it.</source>
      <translation>Папка демо временная и сейчас будет удалена; чтобы сохранить её, укажите --data-dir.</translation>
    </message>
    <message>
      <source>   received {posting}</source>
      <translation>   принято {posting}</translation>
    </message>
    <message>
      <source>   hand-over photo kept as evidence: {file}</source>
      <translation>   фото выдачи сохранено как подтверждение: {file}</translation>
    </message>
    <message>
      <source>yes</source>
      <translation>да</translation>
    </message>
    <message>
      <source>NO</source>
      <translation>НЕТ</translation>
    </message>
  </context>
</TS>
