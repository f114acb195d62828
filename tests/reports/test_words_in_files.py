"""The files a person reads and the CLI's human output carry no internal identifiers either: the
same check as the screens (``tests.words``) over a real demo data folder — the day report (XLSX
cells, CSV, PDF text), the re-entry sheet, the support bundle's readable files, the cell labels —
and over real ``python -m pvzdesk`` processes of the main commands, in Russian."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from pvzdesk.reports.model import ReportPeriod
from pvzdesk.services.reporting import export_report
from tests.reports.conftest import DAY, MOSCOW, CounterDay
from tests.words import identifiers_in

POSTINGS = 40


@dataclass(frozen=True)
class Demo:
    root: Path
    story: str  # what ``pvzdesk demo`` printed


def russian_env() -> dict[str, str]:
    env = {**os.environ, "LANG": "ru_RU.UTF-8", "PYTHONIOENCODING": "utf-8"}
    env.pop("DISPLAY", None)
    env.pop("LC_ALL", None)
    env.pop("LC_MESSAGES", None)
    return env


def pvzdesk(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pvzdesk", "--data-dir", str(root), *args],
        capture_output=True,
        text=True,
        env=russian_env(),
        timeout=180,
    )
    if check:
        assert result.returncode in (0, 1, 3), (args, result.stdout, result.stderr)
    return result


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    """The headless demo's folder: an outage, offline work, a reconcile through the simulator,
    the day report, the re-entry sheet and the support bundle."""
    root = tmp_path_factory.mktemp("words") / "demo"
    result = pvzdesk(root, "demo", "--headless", "--postings", str(POSTINGS))
    assert result.returncode == 0, result.stdout + result.stderr
    yield Demo(root, result.stdout)


def pdf_text(path: Path) -> str:
    document = pdfium.PdfDocument(str(path))
    try:
        return "\n".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()


def xlsx_texts(path: Path) -> Iterator[str]:
    book = load_workbook(path, read_only=True)
    try:
        for sheet in book.worksheets:
            yield sheet.title
            for row in sheet.iter_rows(values_only=True):
                yield from (str(value) for value in row if isinstance(value, str))
    finally:
        book.close()


def csv_text(data: bytes) -> str:
    rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
    return "\n".join(" | ".join(row) for row in rows)


def found_in(texts: dict[str, str]) -> dict[str, list[str]]:
    return {name: words for name, text in texts.items() if (words := identifiers_in(text))}


def test_the_day_report_files_read_as_russian(demo: Demo) -> None:
    reports = demo.root / "reports"
    texts: dict[str, str] = {}
    (xlsx,) = reports.glob("report-*.xlsx")
    texts[xlsx.name] = "\n".join(xlsx_texts(xlsx))
    for path in sorted(reports.glob("report-*.csv")):
        texts[path.name] = csv_text(path.read_bytes())
    (pdf,) = reports.glob("report-*.pdf")
    texts[pdf.name] = pdf_text(pdf)
    assert len(texts) >= 5 and "Операции по видам" in texts[xlsx.name]
    assert found_in(texts) == {}


def test_the_reentry_sheet_and_the_support_bundle_read_as_russian(demo: Demo) -> None:
    reports = demo.root / "reports"
    texts = {"reentry-sheet.pdf": pdf_text(reports / "reentry-sheet.pdf")}
    with zipfile.ZipFile(reports / "support-bundle.zip") as bundle:
        for name in bundle.namelist():
            # what a person reads; chain/ holds the machine-checkable chain and its checker
            if name.endswith(".txt") and not name.startswith("chain/"):
                texts[name] = bundle.read(name).decode("utf-8")
            elif name.endswith(".csv"):
                texts[name] = csv_text(bundle.read(name))
    assert "summary.txt" in texts and "operations.csv" in texts
    assert found_in(texts) == {}


def first_reentry(root: Path) -> list[str]:
    """A posting still on the re-entry list of the demo folder (read as the CLI's JSON)."""
    import json

    listed = json.loads(pvzdesk(root, "reentry", "list", "--json").stdout)
    return [item["posting"] for item in listed if not item["done"]][:1]


def set_aside_two(root: Path) -> None:
    """A conflict and a rejection on two hand-overs of the demo, as a reconcile leaves them."""
    from pvzdesk.app import open_app
    from pvzdesk.domain.models import EntryKind
    from pvzdesk.storage.attempts import Attempt
    from pvzdesk.storage.journal import EntryFilter

    with open_app(root) as app:
        issued = list(app.store.journal.entries(EntryFilter(kinds=(EntryKind.ISSUE,))))[:2]
        assert len(issued) == 2
        now = app.clock.now()
        app.store.attempts.record(
            [
                Attempt(
                    issued[0].entry_id,
                    "ozon_seller",
                    now,
                    "conflict",
                    detail="conflict:already_delivered",
                    reply='{"status": "delivered", "available_actions": []}',
                ),
                Attempt(
                    issued[1].entry_id,
                    "ozon_seller",
                    now,
                    "rejected",
                    http_status=400,
                    detail="rejected:non_int_delivered HAS_INCORRECT_TPL_INTEGRATION_TYPE",
                ),
            ]
        )


def test_the_cli_s_human_output_reads_as_russian(demo: Demo, tmp_path: Path) -> None:
    root = demo.root
    set_aside_two(root)
    # (argparse's usage, help and errors have a test of their own below)
    commands = [
        ("journal", "list"),
        ("journal", "list", "--limit", "20", "--kind", "issue"),
        ("journal", "verify"),
        ("journal", "pending"),
        ("storage",),
        ("storage", "--overdue"),
        ("incident", "list"),
        ("reconcile", "--status"),
        ("reconcile", "--adapter", "reentry"),
        ("reentry", "list", "--all"),
        ("reentry", "done", *first_reentry(root)),
        ("report", "--out", str(tmp_path / "out")),
        ("reentry-sheet", "--out", str(tmp_path / "out" / "sheet.pdf")),
        ("receive", "0000"),  # a refused code: the error and its hint
        ("void", "--reason", "проверка", "0000"),
    ]
    texts: dict[str, str] = {"demo": demo.story}
    for command in commands:
        result = pvzdesk(root, *command, check=False)
        assert "Traceback" not in result.stderr, (command, result.stderr)
        texts[" ".join(command)] = result.stdout + "\n" + result.stderr
    status = texts["reconcile --status"]
    assert "Журнал: выдано" in status and "Платформа: выдано покупателю" in status, status
    assert "Платформа: отказала" in status, status
    assert found_in(texts) == {}


def test_a_day_with_a_conflict_and_a_rejection_reads_as_russian(
    counter_day: CounterDay, tmp_path: Path
) -> None:
    """The report of a day whose reconcile left a conflict and a rejection (the set-aside
    sections, the incident a person declared, a void with a formula-looking reason)."""
    app = counter_day.app
    report = app.services.reporting.day_report(ReportPeriod.day(DAY, MOSCOW), now=app.clock.now())
    written = export_report(report, tmp_path)
    texts: dict[str, str] = {}
    for path in written:
        if path.suffix == ".xlsx":
            texts[path.name] = "\n".join(xlsx_texts(path))
        elif path.suffix == ".csv":
            texts[path.name] = csv_text(path.read_bytes())
        else:
            texts[path.name] = pdf_text(path)
    assert "Журнал: выдано" in texts[next(name for name in texts if name.endswith(".xlsx"))]
    assert found_in(texts) == {}


ARGPARSE_ENGLISH = re.compile(
    r"\b(usage|error|options|positional|arguments|required|invalid|choice|help message)\b"
)
SYNTAX = re.compile(r"--?[a-z][a-z-]*|\{[a-z_,-]+\}|'[a-z_-]+'")  # options and choices, as typed


def test_the_cli_s_own_usage_errors_and_help_read_as_russian(tmp_path: Path) -> None:
    mistakes = [
        ("journal",),
        ("journal", "lst"),
        ("incident",),
        ("incident", "bogus"),
        ("note",),
        ("manifest", "import"),
        ("--bogus",),
        ("journal", "list", "--limit"),
    ]
    for command in mistakes:
        result = pvzdesk(tmp_path, *command, check=False)
        assert result.returncode == 2, (command, result.stderr)
        said = result.stderr
        assert "ошибка" in said and "использование" in said, (command, said)
        assert not ARGPARSE_ENGLISH.search(said), (command, said)
        assert identifiers_in(SYNTAX.sub(" ", said)) == [], (command, said)
    for command in [("--help",), ("journal", "--help"), ("point", "--help")]:
        shown = pvzdesk(tmp_path, *command).stdout
        assert "использование" in shown and "параметры" in shown, (command, shown)
        assert not ARGPARSE_ENGLISH.search(shown), (command, shown)
