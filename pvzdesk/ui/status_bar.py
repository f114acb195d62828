"""The status bar: what is wrong now (a wrong clock, a journal short of its anchor), platform state (with how long it has been offline), reconcile backlog, open
conflicts, camera, scanner and sound. It reads ``ctx.status`` only; a 1 s timer ticks the clock."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from pvzdesk.services.messages import count_by_kind
from pvzdesk.ui.context import UiContext
from pvzdesk.ui.status import CounterStatus, DeviceState, PlatformState, format_duration

_PLATFORM_COLOURS = {
    PlatformState.UNKNOWN: ("#555555", "#eeeeee"),
    PlatformState.ONLINE: ("#ffffff", "#2e7d32"),
    PlatformState.DEGRADED: ("#000000", "#f9a825"),
    PlatformState.OFFLINE: ("#ffffff", "#c62828"),
}
NOTE_MS = 8_000
NOTE_ROOM = 60  # px kept for the passing note and the spacing between the indicators


class CounterStatusBar(QStatusBar):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setSizeGripEnabled(False)
        self.platform_label = QLabel()
        self.platform_label.setObjectName("platformState")
        self.point_label = QLabel()  # the point database's link, beside the platform's
        self.point_label.setObjectName("pointState")
        self.waiting_label = QLabel()
        self.manifest_label = QLabel()
        self.manifest_label.setObjectName("manifestAge")
        self.conflicts_label = QLabel()
        self.camera_label = QLabel()
        self.scanner_label = QLabel()
        self.sound_label = QLabel()
        self.note_label = QLabel()
        self.alarm_label = QLabel()  # the short texts of the notices that stand (red)
        self.alarm_label.setObjectName("alarm")
        self.alarm_label.setStyleSheet(
            "color: #ffffff; background: #c62828; font-weight: bold; border-radius: 4px;"
            " padding: 2px 8px;"
        )
        self.alarm_label.hide()
        self.addWidget(self.alarm_label)  # left, before any passing note: it stands
        self.addWidget(self.note_label, 1)
        for label in (
            self.platform_label,
            self.point_label,
            self.manifest_label,
            self.waiting_label,
            self.conflicts_label,
            self.camera_label,
            self.scanner_label,
            self.sound_label,
        ):
            label.setMargin(4)
            self.addPermanentWidget(label)
        self._note_timer = QTimer(self)
        self._note_timer.setSingleShot(True)
        self._note_timer.timeout.connect(self.note_label.clear)
        self._tick = QTimer(self)
        self._tick.setInterval(1000)  # "offline for 00:42" counts up every second
        self._tick.timeout.connect(self.refresh)
        self._tick.start()
        ctx.status_changed.connect(lambda _status: self.refresh())
        self.refresh()

    def show_note(self, text: str, ms: int = NOTE_MS) -> None:
        """A passing remark (not the platform state): it fades after a few seconds."""
        self.note_label.setText(text)
        self._note_timer.start(ms)

    def platform_text(self, status: CounterStatus, now: datetime | None = None) -> str:
        text = self._platform_state_text(status, now)
        if status.platform.incident_pending:
            text += " · " + self.tr("outage not journaled yet, retrying")
        return text

    def _platform_state_text(self, status: CounterStatus, now: datetime | None) -> str:
        platform = status.platform
        now = now or self.ctx.app.clock.now()
        if platform.key_problem:
            return self.tr("Platform: the API key is refused")
        if platform.state is PlatformState.ONLINE:
            if platform.key_expires_soon and platform.key_expires_at is not None:
                return self.tr("Platform: online, the API key expires {date}").format(
                    date=platform.key_expires_at.astimezone().strftime("%d.%m.%Y")
                )
            return self.tr("Platform: online")
        if platform.state is PlatformState.DEGRADED:
            return self.tr("Platform: unstable")
        if platform.state is PlatformState.OFFLINE:
            if platform.since is None:
                return self.tr("Platform: OFFLINE")
            seconds = (now - platform.since).total_seconds()
            return self.tr("Platform: OFFLINE for {duration}").format(
                duration=format_duration(seconds)
            )
        return self.tr("Platform: not checked")

    def point_text(self, now: datetime | None = None) -> str:
        """The point database's link ("" when the desk has none)."""
        desk = self.ctx.app.point
        if desk is None or not desk.point.configured:
            return ""
        from pvzdesk.point.desk import LinkState

        link = desk.link()
        conflicts = desk.conflict_count()
        if link.state is LinkState.CONNECTED:
            text = self.tr("Point: connected")
        elif link.since is None:
            text = self.tr("Point: isolated")
        else:
            seconds = ((now or self.ctx.app.clock.now()) - link.since).total_seconds()
            text = self.tr("Point: isolated for {duration}").format(
                duration=format_duration(max(seconds, 0))
            )
        if conflicts:
            text += " · " + self.tr("desks disagree: {count}").format(count=conflicts)
        return text

    def _refresh_point(self) -> None:
        text = self.point_text()
        self.point_label.setVisible(bool(text))
        if not text:
            return
        desk = self.ctx.app.point
        assert desk is not None
        from pvzdesk.point.desk import LinkState

        link = desk.link()
        state = (
            PlatformState.ONLINE if link.state is LinkState.CONNECTED else PlatformState.DEGRADED
        )
        if desk.conflict_count():
            state = PlatformState.OFFLINE
        fg, bg = _PLATFORM_COLOURS[state]
        self.point_label.setText(text)
        self.point_label.setToolTip(link.problem)
        self.point_label.setStyleSheet(
            f"color: {fg}; background: {bg}; font-weight: bold; border-radius: 4px; padding: 2px 8px;"
        )

    def waiting_text(self, status: CounterStatus, limit: int | None = 2) -> str:
        """«К сверке: 7 (выдача 3, отказ 2, …)»: the kinds that fit (all in the tooltip)."""
        text = self.tr("To reconcile: {count}").format(count=status.waiting)
        if status.waiting and status.waiting_by_kind and limit != 0:
            text += f" ({count_by_kind(dict(status.waiting_by_kind), limit)})"
        return text

    def _fitting_waiting_text(self, status: CounterStatus) -> str:
        """The longest «К сверке» that leaves the other indicators their room (the kinds go
        first; the tooltip and Сверка always name them all)."""
        others = sum(
            label.sizeHint().width()
            for label in self.findChildren(QLabel)
            if label is not self.waiting_label and label.isVisibleTo(self)
        )
        room = self.width() - others - NOTE_ROOM
        metrics = self.waiting_label.fontMetrics()
        margins = 2 * self.waiting_label.margin() + 2
        for limit in (2, 1):
            text = self.waiting_text(status, limit)
            if metrics.horizontalAdvance(text) + margins <= room:
                return text
        return self.waiting_text(status, limit=0)

    def manifest_text(self, status: CounterStatus, now: datetime | None = None) -> tuple[str, bool]:
        """(«список от 14:02», whether it is old enough to warn); ("", False) when never listed."""
        listed = status.manifest_listed_at
        if listed is None:
            return "", False
        now = now or self.ctx.app.clock.now()
        local = listed.astimezone()
        shown = (
            local.strftime("%H:%M")
            if local.date() == now.astimezone().date()
            else (local.strftime("%d.%m %H:%M"))
        )
        limit = self.ctx.app.settings.platform.manifest_warn_after_min * 60
        return self.tr("list of {time}").format(time=shown), (now - listed).total_seconds() > limit

    def _device(self, state: DeviceState) -> str:
        return {
            DeviceState.OFF: self.tr("off"),
            DeviceState.READY: self.tr("ready"),
            DeviceState.LOST: self.tr("lost"),
            DeviceState.UNAVAILABLE: self.tr("unavailable"),
        }[state]

    def refresh(self) -> None:
        status = self.ctx.status
        alarms = [notice for notice in status.notices if notice.short]
        # the first, and how many more: all of them are spelled out in the strip above
        more = f" (+{len(alarms) - 1})" if len(alarms) > 1 else ""
        self.alarm_label.setText(alarms[0].short + more if alarms else "")
        self.alarm_label.setToolTip("\n".join(f"{n.text} {n.hint}".strip() for n in alarms))
        self.alarm_label.setVisible(bool(alarms))
        fg, bg = _PLATFORM_COLOURS[status.platform.state]
        if status.platform.key_problem or status.platform.key_expires_soon:
            fg, bg = _PLATFORM_COLOURS[PlatformState.DEGRADED]
        self.platform_label.setText(self.platform_text(status))
        self.platform_label.setToolTip(status.platform.detail)
        self.platform_label.setStyleSheet(
            f"color: {fg}; background: {bg}; font-weight: bold; border-radius: 4px; padding: 2px 8px;"
        )
        self._refresh_point()
        manifest, old = self.manifest_text(status)
        self.manifest_label.setText(manifest)
        self.manifest_label.setVisible(bool(manifest))
        self.manifest_label.setToolTip(
            self.tr("The platform's list of this point's parcels is old: check the connection.")
            if old
            else self.tr("When the platform's list of this point's parcels was last fetched.")
        )
        self.manifest_label.setStyleSheet("color: #000000; background: #f9a825;" if old else "")
        self.waiting_label.setText(self._fitting_waiting_text(status))
        self.waiting_label.setToolTip(self.waiting_text(status, limit=None))
        self.conflicts_label.setText(self.tr("Conflicts: {count}").format(count=status.conflicts))
        self.conflicts_label.setStyleSheet(
            "color: #c62828; font-weight: bold;" if status.conflicts else ""
        )
        self.camera_label.setText(
            self.tr("Camera: {state}").format(state=self._device(status.camera))
        )
        self.camera_label.setToolTip(status.camera_detail)
        self.scanner_label.setText(
            self.tr("Scanner: {state}").format(state=self._device(status.scanner))
        )
        if status.sound is DeviceState.UNAVAILABLE:
            self.sound_label.setText(self.tr("No sound"))
            self.sound_label.setToolTip(status.sound_detail)
            self.sound_label.show()
        elif status.sound is DeviceState.OFF:
            self.sound_label.setText(self.tr("Sound off"))
            self.sound_label.show()
        else:
            self.sound_label.hide()
