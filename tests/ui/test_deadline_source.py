"""A deadline changed by a manifest import is labelled as coming from the list file, one told by
the platform as the platform's; entries written before the source was recorded keep their label."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from pvzdesk.app import AppContext
from pvzdesk.domain.models import EntryDraft, EntryKind
from pvzdesk.i18n import set_language
from pvzdesk.reports.model import ReportPeriod
from pvzdesk.services.manifest_import import manifest_csv_text
from pvzdesk.services.messages import entry_label
from pvzdesk.storage.journal import EntryFilter
from pvzdesk.ui.main_window import MainWindow
from pvzdesk.ui.screens.journal import JournalScreen
from pvzdesk.ui.screens.journal_model import payload_summary
from pvzdesk.ui.translations import install_translations
from tests.ui.conftest import add_manifest, posting
from tests.words import IDENTIFIER

A = "0132112277-0101-1"


def test_deadline_entries_say_where_the_deadline_came_from(
    app: AppContext, window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    add_manifest(app, [posting(A, storage_until=date(2025, 7, 1))])
    app.counter.receive([A])
    listed = tmp_path / "список.csv"
    listed.write_text(
        manifest_csv_text([posting(A, storage_until=date(2025, 7, 5))]), encoding="utf-8"
    )
    app.services.manifest.import_file(listed)
    app.counter.sync_deadline(A, date(2025, 7, 8))
    # an entry written before the source was recorded
    app.counter.append(
        [
            EntryDraft(
                EntryKind.DEADLINE_SYNC,
                A,
                b"",
                {"storage_until": "2025-07-09", "previous": "2025-07-08"},
            )
        ]
    )
    imported, platform, old = app.store.journal.entries(
        EntryFilter(kinds=(EntryKind.DEADLINE_SYNC,))
    )
    assert imported.payload["source"] == "import" and platform.payload["source"] == "platform"
    window.show_screen(5)
    screen = window.active_screen
    assert isinstance(screen, JournalScreen)
    wanted = {imported.entry_id, platform.entry_id, old.entry_id}
    qtbot.waitUntil(
        lambda: wanted <= {entry.entry_id for entry in screen.model.entries}, timeout=5000
    )
    rows = {entry.entry_id: row for row, entry in enumerate(screen.model.entries)}
    install_translations("ru")
    try:

        def kind_column(entry_id: str) -> str:
            return str(screen.model.data(screen.model.index(rows[entry_id], 2)))

        assert kind_column(imported.entry_id) == "Срок из файла списка"
        assert kind_column(platform.entry_id) == "Срок от платформы"
        assert kind_column(old.entry_id) == "Срок от платформы"
        assert entry_label(imported) == "срок из файла списка"  # the CLI's ✓ line
        assert entry_label(platform) == entry_label(old) == "срок от платформы"
        summary = payload_summary(imported)
        assert "кем задан: файл списка" in summary and "файл списка: список.csv" in summary
        assert not IDENTIFIER.search(summary.replace("список.csv", "")), summary
        assert "кем задан: платформа" in payload_summary(platform)
        # the day report (and with it the bundle and Сверка, which label entries the same way)
        now = app.clock.now()
        report = app.services.reporting.day_report(ReportPeriod.day(now.date(), now.tzinfo))  # type: ignore[arg-type]
        operations = report.section("operations")
        kind_at = [column.key for column in operations.columns].index("operation")
        by_id = {row[-1]: row[kind_at] for row in operations.rows}
        assert by_id[imported.entry_id] == "Срок из файла списка"
        assert by_id[platform.entry_id] == by_id[old.entry_id] == "Срок от платформы"
    finally:
        install_translations("en")
        set_language("en")
