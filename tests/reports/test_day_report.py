"""The end-of-day report: numbers against the journal, XLSX, CSV, PDF, determinism, cancel."""

from __future__ import annotations

import csv
import threading
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from openpyxl import load_workbook

from pvzdesk.domain.models import EntryKind
from pvzdesk.reports.csv_export import ENCODING
from pvzdesk.reports.day_report import DayReport, kind_label
from pvzdesk.reports.model import ReportPeriod
from pvzdesk.reports.progress import ReportCancelled
from pvzdesk.services.reporting import day_report, export_report, parse_formats
from pvzdesk.storage.journal import EntryFilter
from tests.reports.conftest import ADAPTER, DAY, MOSCOW, CounterDay, next_day

PERIOD = ReportPeriod.day(DAY, MOSCOW)


def make_report(day: CounterDay) -> DayReport:
    app = day.app
    return day_report(
        app.store, app.incidents, PERIOD, now=app.clock.now(), adapter=ADAPTER, point_name="ПВЗ 1"
    )


def journal_counts(day: CounterDay) -> Counter[str]:
    entries = day.app.store.journal.entries(EntryFilter(since=PERIOD.since, until=PERIOD.until))
    return Counter(entry.kind.value for entry in entries)


def test_xlsx_numbers_match_the_journal(counter_day: CounterDay, tmp_path: Path) -> None:
    written = export_report(make_report(counter_day), tmp_path, ["xlsx"])
    book = load_workbook(written[0])
    assert book.sheetnames[0] == "Операции по видам"
    sheet = book["Операции по видам"]
    assert sheet.freeze_panes == "A2"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    # the operation in words; the machine key stays out of a file people read
    by_kind = {row[0]: row[1] for row in rows if row[0] != "Итого"}
    expected = {kind_label(EntryKind(k)): n for k, n in journal_counts(counter_day).items()}
    assert by_kind == expected
    total = next(row for row in rows if row[0] == "Итого")
    assert total[1] == sum(journal_counts(counter_day).values()) == 16
    assert by_kind["Выдача"] == 3 and total[2] == 6 and total[3] == 1  # 6 offline, 1 voided
    incidents = list(book["Сбои"].iter_rows(min_row=2, values_only=True))
    assert len(incidents) == 1
    started, ended, duration = incidents[0][1], incidents[0][2], incidents[0][3]
    assert started == datetime(2026, 11, 28, 11, 0)  # a real date, local time, no zone
    assert ended == datetime(2026, 11, 28, 12, 30)
    assert duration == timedelta(hours=1, minutes=30)
    assert book["Сбои"]["B2"].number_format == "DD.MM.YYYY HH:MM:SS"
    offline = list(book["Операции во время сбоев"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in offline] == [e.seq for e in counter_day.during]
    extension = next(book["Продления хранения"].iter_rows(min_row=2, values_only=True))
    assert isinstance(extension[2], datetime) and extension[3] - extension[2] == timedelta(days=3)
    outcomes = {r[0]: r[1] for r in book["Итоги сверки"].iter_rows(min_row=2, values_only=True)}
    assert outcomes["применено"] == 1 and outcomes["конфликт"] == 1
    assert outcomes["отклонено"] == 1
    conflicts = list(book["Открытые конфликты"].iter_rows(min_row=2, values_only=True))
    # set aside for a person: the conflict and the rejection, each side in words
    assert [row[2] for row in conflicts] == [
        counter_day.during[0].posting,
        counter_day.during[4].posting,
    ]
    assert all(
        row[3].startswith("Журнал: ") and row[4].startswith("Платформа") for row in conflicts
    )
    voids = list(book["Аннулированные записи"].iter_rows(min_row=2, values_only=True))
    assert voids[0][4] == counter_day.void_reason  # text, not a formula
    assert book["Аннулированные записи"]["E2"].data_type == "s"
    chain = {r[0]: r[1] for r in book["Целостность журнала"].iter_rows(min_row=2, values_only=True)}
    assert chain["Проверка цепочки"] == "пройдена"
    assert chain["Хеш вершины цепочки (SHA-256)"] == counter_day.app.store.journal.head()[1]
    assert len(list(book["Все операции"].iter_rows(min_row=2))) == 16


def test_csv_has_the_columns_and_neutralises_formulas(
    counter_day: CounterDay, tmp_path: Path
) -> None:
    written = export_report(make_report(counter_day), tmp_path, ["csv"])
    voids = next(path for path in written if path.name.endswith("-voids.csv"))
    assert voids.read_bytes().startswith(b"\xef\xbb\xbf")
    with voids.open(encoding=ENCODING, newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == [
        "Аннулировано в",
        "Операция",
        "Отправление",
        "Сделано в",
        "Причина",
        "Оператор",
        "ID аннулированной записи",
        "ID записи",
    ]
    assert rows[1][1] == kind_label(EntryKind.REFUSE)
    assert rows[1][4] == "'" + counter_day.void_reason
    assert rows[1][3] == "28.11.2026 11:11:00"
    operations = next(path for path in written if path.name.endswith("-operations.csv"))
    with operations.open(encoding=ENCODING, newline="") as handle:
        assert len(list(csv.reader(handle, delimiter=";"))) == 1 + 16


@pytest.mark.parametrize("text", ["=1+1", "+7 916", "-2", "@SUM(A1)", "\tcmd", "\rcmd"])
def test_every_formula_start_is_neutralised(text: str) -> None:
    from pvzdesk.reports.cells import neutralise

    assert neutralise(text) == "'" + text
    assert neutralise("0132112201-0101-1") == "0132112201-0101-1"


def test_regenerating_gives_the_same_content(counter_day: CounterDay, tmp_path: Path) -> None:
    first = make_report(counter_day)
    first_files = export_report(first, tmp_path / "a")
    next_day(counter_day)  # the journal and the outcomes move on the next day
    second = make_report(counter_day)
    assert second == first
    second_files = export_report(second, tmp_path / "b")
    for one, two in zip(first_files, second_files, strict=True):
        assert one.name == two.name
        if one.suffix == ".xlsx":
            values = [list(s.iter_rows(values_only=True)) for s in load_workbook(one)]
            assert values == [list(s.iter_rows(values_only=True)) for s in load_workbook(two)]
        else:  # CSV and PDF (reportlab's invariant mode) come out byte for byte the same
            assert one.read_bytes() == two.read_bytes()


def test_pdf_prints_russian_and_has_signatures(counter_day: CounterDay, tmp_path: Path) -> None:
    written = export_report(make_report(counter_day), tmp_path, ["pdf"])
    document = pdfium.PdfDocument(str(written[0]))
    text = "".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    for expected in ("Отчёт за день: 28.11.2026", "Операции во время сбоев", "Итоги сверки"):
        assert expected in text
    assert "Оператор (ФИО, подпись)" in text and "Управляющий (ФИО, подпись)" in text
    assert "0132112205-0101-1" in text


def test_cancel_leaves_no_file(counter_day: CounterDay, tmp_path: Path) -> None:
    cancel = threading.Event()
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> None:
        seen.append((done, total))
        if len(seen) == 3:
            cancel.set()

    with pytest.raises(ReportCancelled):
        export_report(make_report(counter_day), tmp_path / "out", progress=progress, cancel=cancel)
    out = tmp_path / "out"
    assert not out.exists() or list(out.iterdir()) == []
    assert seen and all(done <= total for done, total in seen)


def test_progress_reaches_the_end(counter_day: CounterDay, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    export_report(make_report(counter_day), tmp_path, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1][0] == seen[-1][1]
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_tampered_journal_fails_verification_in_the_report(
    counter_day: CounterDay, tamper: Callable[[CounterDay, int], None]
) -> None:
    tamper(counter_day, counter_day.during[2].seq)
    report = make_report(counter_day)
    assert not report.chain.verified
    assert report.chain.first_bad_seq == counter_day.during[2].seq


def test_unknown_format_is_refused(russian: None) -> None:
    from pvzdesk.errors import UsageError

    with pytest.raises(UsageError, match="Неизвестный формат"):
        parse_formats("xlsx,docx")
    assert parse_formats("pdf, csv") == ("pdf", "csv")


def test_a_shift_period(counter_day: CounterDay) -> None:
    app = counter_day.app
    shift = ReportPeriod(
        datetime(2026, 11, 28, 10, tzinfo=MOSCOW), datetime(2026, 11, 28, 12, tzinfo=MOSCOW)
    )
    report = day_report(app.store, app.incidents, shift, now=app.clock.now(), adapter=ADAPTER)
    assert report.title == "Отчёт за смену"
    assert date(2026, 11, 28) == report.period.since.date()
    assert report.section("counts").values("count")[-1] == 8  # 10:00 issue .. 11:40 void
