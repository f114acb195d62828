"""Manifest import: all rows or none, and every broken file refused with row and reason."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from pvzdesk.app import AppContext
from pvzdesk.errors import ImportFileError
from pvzdesk.services.manifest_import import import_manifest
from pvzdesk.storage.journal import EntryFilter

GOOD = (
    "posting;barcodes;places;cell;storage_until;customer_name;customer_phone\n"
    "0132112277-0101-1;%101%AB12345678 200001234567890;2;A-1;28.11.2026;Иван;+79990001122\n"
    "0132112277-0101-2;200001234567891;1;A-2;2026-11-29;Иван;+79990001122\n"
)


def run_import(app: AppContext, path: Path) -> int:
    now = app.clock.now()
    return import_manifest(app.store, path, now.date(), now).imported


def test_csv_import_with_russian_dates(app: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "manifest.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert run_import(app, path) == 2
    row = app.store.postings.manifest_row("0132112277-0101-1")
    assert row is not None
    assert (row.places, row.cell, row.storage_until) == (2, "A-1", date(2026, 11, 28))
    assert app.store.postings.resolve("200001234567890") == "0132112277-0101-1"
    key = app.store.postings.customer_key("+79990001122")
    assert "79990001122" not in key  # a salted hash, not the phone
    assert app.store.postings.postings_of_customer(key) == [
        "0132112277-0101-1",
        "0132112277-0101-2",
    ]


def test_cp1251_csv_with_russian_headers(app: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "выгрузка.csv"
    text = "Номер отправления;Штрихкод;Мест;Ячейка;Срок хранения\n0132112277-0101-1;200001234567890;1;Б-7;30.11\n"
    path.write_bytes(text.encode("cp1251"))
    assert run_import(app, path) == 1
    row = app.store.postings.manifest_row("0132112277-0101-1")
    assert row is not None and row.cell == "Б-7" and row.storage_until == date(2026, 11, 30)


def test_xlsx_import(app: AppContext, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["posting", "barcodes", "places", "storage_until"])
    sheet.append(["0132112277-0101-1", 200001234567890, 1, datetime(2026, 11, 28)])
    path = tmp_path / "m.xlsx"
    book.save(path)
    assert run_import(app, path) == 1
    assert app.store.postings.resolve("200001234567890") == "0132112277-0101-1"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "posting;places\n0132112277-0101-1;1\n0132112277-0101-1;1\n",
            "строка 3: отправление 0132112277-0101-1 повторяет строку 2",
        ),
        (
            "posting;storage_until\n0132112277-0101-1;31.02.2026\n",
            "строка 2: '31.02.2026' — не дата",
        ),
        ("posting;places\n0132112277-0101-1;много\n", "строка 2: число мест"),
        ("posting;places\nnot-a-posting;1\n", "строка 2: 'not-a-posting' — не номер отправления"),
        ("name;phone\nИван;1\n", "нет столбца posting"),
        ("", "пуст"),
        (
            "posting;barcodes\n0132112277-0101-1;111111111111111\n0132112277-0101-2;111111111111111\n",
            "штрихкод 111111111111111 уже принадлежит",
        ),
    ],
)
def test_broken_csv_is_refused_whole(
    app: AppContext, tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(GOOD + content if content.startswith("0132") else content, encoding="utf-8")
    with pytest.raises(ImportFileError) as refused:
        run_import(app, path)
    assert expected in str(refused.value)
    assert app.store.postings.manifest_count() == 0


def test_garbage_files_are_refused_quickly(app: AppContext, tmp_path: Path) -> None:
    garbage = tmp_path / "garbage.csv"
    with garbage.open("wb") as handle:  # 1 GB sparse file of zeros: refused from its first bytes
        handle.truncate(1024**3)
    with pytest.raises(ImportFileError, match="двоичные данные"):
        run_import(app, garbage)
    noise = tmp_path / "noise.csv"
    noise.write_bytes(os.urandom(200_000).replace(b"\x00", b"\x01"))
    with pytest.raises(ImportFileError):
        run_import(app, noise)
    fake_xlsx = tmp_path / "fake.xlsx"
    fake_xlsx.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportFileError, match="Excel"):
        run_import(app, fake_xlsx)
    with pytest.raises(ImportFileError, match="нет"):
        run_import(app, tmp_path / "missing.csv")
    with pytest.raises(ImportFileError, match=r"\.csv и \.xlsx"):
        run_import(app, tmp_path / "m.pdf")
    assert app.store.postings.manifest_count() == 0


def test_reimport_updates_and_keeps_journal(app: AppContext, tmp_path: Path) -> None:
    path = tmp_path / "manifest.csv"
    path.write_text(GOOD, encoding="utf-8")
    run_import(app, path)
    app.counter.receive(["200001234567890"])
    path.write_text(GOOD.replace("A-1", "C-9"), encoding="utf-8")
    run_import(app, path)
    state = app.store.postings.state("0132112277-0101-1")
    assert state.status.value == "in_storage"
    assert state.cell == "C-9"
    # the received parcel's new cell is a journal entry, never a silent rewrite
    last = next(app.store.journal.entries(EntryFilter(newest_first=True, limit=1)))
    assert (last.kind.value, last.payload["previous_cell"], last.payload["source"]) == (
        "place",
        "A-1",
        "import",
    )
    assert app.store.journal.count() == 2
