"""Hand-over photos, retention of photos and personal data, the CLI, the Russian catalogue."""

from __future__ import annotations

import ast
import io
import xml.etree.ElementTree as ElementTree
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image

from pvzdesk.cli.main import main
from pvzdesk.domain.models import EntryKind
from pvzdesk.errors import UsageError
from pvzdesk.i18n import I18N_DIR
from pvzdesk.services.evidence import EvidenceService
from pvzdesk.services.retention import purge
from pvzdesk.storage.attempts import Attempt
from pvzdesk.storage.journal import EntryFilter
from tests.reports.conftest import ADAPTER, POSTINGS, CounterDay

PACKAGE = Path(__file__).resolve().parents[2] / "pvzdesk"


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (0, 120, 0)).save(buffer, format="JPEG")
    return buffer.getvalue()


def evidence_of(day: CounterDay) -> EvidenceService:
    return day.app.services.evidence  # kept 30 days: the default setting


def test_photo_is_saved_by_hash_and_journaled(counter_day: CounterDay) -> None:
    issue = counter_day.during[0]
    saved = evidence_of(counter_day).save_photo(issue.entry_id, jpeg())
    assert saved.path.parent == counter_day.app.paths.evidence
    assert saved.path.name == f"{saved.sha256}.jpg" and saved.path.read_bytes() == jpeg()
    assert saved.entry.kind is EntryKind.EVIDENCE
    assert saved.entry.payload["of_entry_id"] == issue.entry_id
    assert saved.entry.posting == issue.posting


def test_a_non_jpeg_is_refused(counter_day: CounterDay) -> None:
    with pytest.raises(UsageError, match="JPEG"):
        evidence_of(counter_day).save_photo(counter_day.during[0].entry_id, b"\x89PNG....")


def test_purge_removes_old_photos_and_personal_data_but_keeps_the_journal(
    counter_day: CounterDay,
) -> None:
    app, clock = counter_day.app, counter_day.clock
    evidence = evidence_of(counter_day)
    saved = evidence.save_photo(counter_day.during[0].entry_id, jpeg())
    before = list(app.store.journal.entries())
    clock.advance(timedelta(days=29))
    early = purge(
        app.store,
        app.incidents,
        evidence,
        now=clock.now(),
        personal_data_keep_days=30,
        adapter=ADAPTER,
    )
    assert early.photos == () and early.personal_data == ()
    clock.advance(timedelta(days=2))
    report = purge(
        app.store,
        app.incidents,
        evidence,
        now=clock.now(),
        personal_data_keep_days=30,
        adapter=ADAPTER,
    )
    assert report.photos == (saved.path,) and not saved.path.exists()
    # POSTINGS[0] issued online and applied: purged. POSTINGS[1] issued offline, in conflict:
    # kept. POSTINGS[4] issued offline, rejected: kept. The rest never left the point.
    assert report.personal_data == (POSTINGS[0],)
    assert set(report.kept_unreconciled) == {POSTINGS[1], POSTINGS[4]}
    purged_row = app.store.postings.manifest_row(POSTINGS[0])
    assert purged_row is not None
    assert (purged_row.customer_name, purged_row.customer_phone) == ("", "")
    assert purged_row.barcodes  # the codes stay
    kept_row = app.store.postings.manifest_row(POSTINGS[1])
    assert kept_row is not None and kept_row.customer_name
    assert list(app.store.journal.entries(EntryFilter(until=clock.now())))[: len(before)] == before
    assert app.store.journal.verify().ok
    # once the conflict is settled, the next purge takes it too
    app.store.attempts.record(
        [Attempt(counter_day.during[0].entry_id, ADAPTER, clock.now(), "already_applied")]
    )
    again = purge(
        app.store,
        app.incidents,
        evidence,
        now=clock.now(),
        personal_data_keep_days=30,
        adapter=ADAPTER,
    )
    assert again.personal_data == (POSTINGS[1],)


def _close(day: CounterDay) -> Path:
    data_dir = day.app.paths.root
    day.app.close()
    return data_dir


def test_cli_report_bundle_sheet_purge(
    counter_day: CounterDay, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(_close(counter_day))
    out = tmp_path / "reports"
    assert main(["--data-dir", data, "report", "--date", "28.11.2026", "--out", str(out)]) == 0
    names = sorted(path.name for path in out.iterdir())
    assert "report-2026-11-28.xlsx" in names and "report-2026-11-28.pdf" in names
    assert "report-2026-11-28-voids.csv" in names
    shift = ["--from", "28.11.2026 10:00", "--to", "28.11.2026 12:00", "--format", "csv"]
    assert main(["--data-dir", data, "report", *shift, "--out", str(tmp_path / "shift")]) == 0
    bundle = tmp_path / "b.zip"
    assert (
        main(
            [
                "--data-dir",
                data,
                "bundle",
                "--incident",
                counter_day.incident_id,
                "--out",
                str(bundle),
            ]
        )
        == 0
    )
    assert "summary.txt" in zipfile.ZipFile(bundle).namelist()
    sheet = tmp_path / "s.pdf"
    assert main(["--data-dir", data, "reentry-sheet", "--out", str(sheet)]) == 0
    assert sheet.read_bytes().startswith(b"%PDF")
    assert main(["--data-dir", data, "purge"]) == 0
    printed = capsys.readouterr().out
    assert "Лист повторного ввода записан" in printed and "Удалено фото: 0" in printed


def test_cli_errors_are_russian(
    counter_day: CounterDay, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(_close(counter_day))
    assert main(["--data-dir", data, "report", "--date", "вчера"]) == 2
    assert main(["--data-dir", data, "report", "--format", "docx"]) == 2
    assert (
        main(["--data-dir", data, "bundle", "--incident", "nope", "--out", str(tmp_path / "x.zip")])
        == 2
    )
    errors = capsys.readouterr().err
    assert "не дата" in errors and "Неизвестный формат" in errors and "Ошибка" in errors


MY_FILES = [
    *sorted((PACKAGE / "reports").glob("*.py")),
    PACKAGE / "services" / "reporting.py",
    PACKAGE / "services" / "evidence.py",
    PACKAGE / "services" / "retention.py",
    PACKAGE / "cli" / "reports.py",
]


def test_every_report_string_has_a_russian_translation() -> None:
    translated = {
        message.findtext("source"): message.findtext("translation")
        for path in sorted((I18N_DIR / "ru").glob("*.ts"))  # one catalogue: every file of it
        for message in ElementTree.parse(path).getroot().iter("message")
    }
    missing = []
    for path in MY_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr":
                first = node.args[0]
                assert isinstance(first, ast.Constant), f"{path.name}:{node.lineno} not a literal"
                assert isinstance(first.value, str)
                if not translated.get(first.value):
                    missing.append(first.value)
    assert missing == []


def test_reports_stay_below_storage_and_gui() -> None:
    forbidden = ("PySide6", "httpx", "sqlite_utils", "cv2", "pvzdesk.storage", "pvzdesk.services")
    for path in sorted((PACKAGE / "reports").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not [n for n in names if n.startswith(forbidden)], path.name
