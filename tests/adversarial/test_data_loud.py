"""1. Data can only be wrong loudly: an import never silently re-points a barcode or rewrites a
parcel that was received; Excel-mangled numbers are refused with their row."""

from __future__ import annotations

import json
from pathlib import Path

from openpyxl import Workbook

from tests.adversarial.conftest import LOWER1, P1, P2, Desk

HEADER = "posting;barcodes;cell;storage_until\n"


def manifest(folder: Path, name: str, rows: str) -> Path:
    path = folder / name
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


def test_a_barcode_of_another_posting_is_refused_with_its_row(desk: Desk, tmp_path: Path) -> None:
    first = manifest(tmp_path, "m1.csv", f"{P1};{LOWER1};A-1;28.12.2026\n{P2};;A-2;29.12.2026\n")
    assert desk.run("manifest", "import", str(first)).returncode == 0
    assert desk.run("receive", LOWER1).returncode == 0
    # a second file names the same label barcode for another posting
    second = manifest(tmp_path, "m2.csv", f"{P2};{LOWER1};A-2;29.12.2026\n")
    refused = desk.run("manifest", "import", str(second))
    assert refused.returncode == 2
    assert "строка 2" in refused.stderr or "row 2" in refused.stderr
    assert LOWER1 in refused.stderr and P1 in refused.stderr and "--replace" in refused.stderr
    # the label still names the parcel that was received: issuing it issues the right one
    issued = desk.run("issue", LOWER1, "--json")
    assert [entry["posting"] for entry in json.loads(issued.stdout)["written"]] == [P1]


def test_replace_moves_the_barcode_and_journals_the_move(desk: Desk, tmp_path: Path) -> None:
    desk.run("manifest", "import", str(manifest(tmp_path, "m1.csv", f"{P1};{LOWER1};;\n")))
    moved = desk.run(
        "manifest", "import", str(manifest(tmp_path, "m2.csv", f"{P2};{LOWER1};;\n")), "--replace"
    )
    assert moved.returncode == 0, moved.stderr
    notes = json.loads(desk.run("journal", "list", "--kind", "note", "--json").stdout)
    assert [(n["posting"], n["payload"]["from_posting"], n["payload"]["code"]) for n in notes] == [
        (P2, P1, LOWER1)
    ]


def test_a_received_parcels_new_deadline_and_cell_are_journal_entries(
    desk: Desk, tmp_path: Path
) -> None:
    desk.run(
        "manifest", "import", str(manifest(tmp_path, "m1.csv", f"{P1};{LOWER1};A-1;28.12.2026\n"))
    )
    desk.run("receive", P1)
    again = manifest(tmp_path, "m2.csv", f"{P1};{LOWER1};C-9;05.01.2027\n")
    assert desk.run("manifest", "import", str(again)).returncode == 0
    entries = json.loads(desk.run("journal", "list", "--json").stdout)
    assert [e["kind"] for e in entries] == ["receive", "deadline_sync", "place"]
    deadline, cell = entries[1]["payload"], entries[2]["payload"]
    assert (deadline["previous"], deadline["storage_until"], deadline["source"]) == (
        "2026-12-28",
        "2027-01-05",
        "import",
    )
    assert (cell["previous_cell"], cell["cell"]) == ("A-1", "C-9")
    # voiding the journaled change brings the earlier deadline back: the manifest kept its base
    desk.run("void", entries[1]["entry_id"], "--reason", "файл ошибочный")
    (state,) = json.loads(desk.run("storage", "--json").stdout)
    assert state["storage_until"] == "2026-12-28"


def test_scientific_notation_in_a_csv_is_refused_with_its_row(desk: Desk, tmp_path: Path) -> None:
    path = manifest(tmp_path, "m.csv", f"{P1};{LOWER1};;\n{P2};1.32112E+13;;\n")
    refused = desk.run("manifest", "import", str(path))
    assert refused.returncode == 2
    assert "строка 3" in refused.stderr and "1.32112E+13" in refused.stderr
    assert desk.count() == 0
    assert desk.run("receive", LOWER1, "--json").returncode == 0  # nothing of the file was taken


def test_a_float_cell_in_an_xlsx_is_refused_with_its_row(desk: Desk, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["posting", "barcodes"])
    sheet.append([P1, 200001234567890])  # a whole number: exact, accepted
    sheet.append([P2, 13211200000000.0])  # a float cell: Excel rounded a barcode
    path = tmp_path / "m.xlsx"
    book.save(path)
    refused = desk.run("manifest", "import", str(path))
    assert refused.returncode == 2
    assert "строка 3" in refused.stderr and "1.32112E+13" in refused.stderr
