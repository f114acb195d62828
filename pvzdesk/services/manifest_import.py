"""Manifest import from CSV or XLSX: all rows or none.

Every row is checked before anything is written; the first problems are reported with their row
number and reason. Headers may be English or Russian; the separator of a CSV is detected.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pvzdesk.clock import Clock
from pvzdesk.domain.barcodes import CodeKind, classify
from pvzdesk.domain.dates import parse_user_date
from pvzdesk.domain.models import DeadlineSource, ManifestPosting
from pvzdesk.errors import ImportFileError
from pvzdesk.i18n import tr
from pvzdesk.services.import_plan import plan_import
from pvzdesk.settings import LiveSettings
from pvzdesk.storage import Store
from pvzdesk.storage.database import write_transaction
from pvzdesk.storage.errors import storage_errors

MAX_HEADER_BYTES = 64 * 1024
MAX_FIELD_CHARS = 1_000
MAX_REPORTED_PROBLEMS = 10
BARCODE_SEPARATORS = re.compile(r"[;,|\s]+")

# canonical column -> accepted header spellings (compared lower-cased, without spaces)
COLUMNS: dict[str, tuple[str, ...]] = {
    "posting": ("posting", "posting_number", "отправление", "номеротправления", "номер"),
    "barcodes": ("barcodes", "barcode", "штрихкод", "штрихкоды", "шк"),
    "barcode_upper": ("barcode_upper", "upper_barcode", "верхнийштрихкод"),
    "barcode_lower": ("barcode_lower", "lower_barcode", "нижнийштрихкод"),
    "return_code": ("return_code", "кодвозврата"),
    "places": ("places", "мест", "местa", "места", "количествомест"),
    "cell": ("cell", "ячейка"),
    "storage_until": ("storage_until", "срокхранения", "хранитьдо"),
    "customer_name": ("customer_name", "customer", "фио", "покупатель", "получатель"),
    "customer_phone": ("customer_phone", "phone", "телефон"),
    "customer_key": ("customer_key", "код_покупателя", "кодпокупателя"),
}
REQUIRED = ("posting",)

Progress = Callable[[int], bool]  # rows read so far -> False to cancel


@dataclass(frozen=True)
class ImportReport:
    imported: int
    file: Path
    journaled: int = 0  # entries written for changes to parcels already at the point
    moved_barcodes: int = 0  # with ``replace``: barcodes re-pointed to another posting


# a number Excel rewrote: 1.32112E+13, 13211200000000.0, 1,32112E+13
_EXCEL_NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?[eE][+-]?\d+$|^\d+[.,]\d+$")
CODE_COLUMNS = ("barcodes", "barcode_upper", "barcode_lower", "return_code")


def _canonical_header(header: str) -> str | None:
    key = header.strip().lower().replace(" ", "").replace("\ufeff", "")
    for column, spellings in COLUMNS.items():
        if key in spellings:
            return column
    return None


def _problem(row_number: int, reason: str) -> str:
    return tr("row {row}: {reason}", row=row_number, reason=reason)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores long numbers as floats
    return str(value).strip()


def _read_csv(path: Path) -> Iterator[list[Any]]:
    with path.open("rb") as handle:
        head = handle.read(MAX_HEADER_BYTES)
    if b"\x00" in head:
        raise ImportFileError(
            tr("{file} is not a text table (it holds binary data).", file=path.name)
        )
    if b"\n" not in head and len(head) == MAX_HEADER_BYTES:
        raise ImportFileError(
            tr("{file} is not a table: its first line never ends.", file=path.name)
        )
    encoding = "utf-8-sig"
    try:
        head.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # a cut multibyte character at the end is not an error
            encoding = "cp1251"  # what Excel on a Russian Windows saves
    first_line = head.split(b"\n", 1)[0].decode(encoding, errors="replace")
    delimiter = max((";", ",", "\t"), key=first_line.count)
    csv.field_size_limit(MAX_FIELD_CHARS * 10)
    try:
        with path.open(encoding=encoding, newline="") as text:
            yield from csv.reader(text, delimiter=delimiter)
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            tr("{file} has characters in an unknown encoding; save it as UTF-8.", file=path.name)
        ) from exc
    except csv.Error as exc:
        raise ImportFileError(
            tr("{file} is not a valid CSV table: {reason}", file=path.name, reason=exc)
        ) from exc


def _read_xlsx(path: Path) -> Iterator[list[Any]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ImportFileError(
            tr("{file} is not a readable Excel workbook (.xlsx).", file=path.name)
        ) from exc
    try:
        if not workbook.worksheets:
            raise ImportFileError(
                tr(
                    "{file} has no table to import: its sheets are charts.",
                    file=path.name,
                ),
                hint=tr("Put the manifest on the workbook's first sheet as a table."),
            )
        # the first *table* sheet: a chart sheet placed first is not the manifest
        sheet = workbook.worksheets[0]
        try:
            for row in sheet.iter_rows(values_only=True):
                yield list(row)
        except (KeyError, ValueError, TypeError, IndexError, zipfile.BadZipFile) as exc:
            raise ImportFileError(
                tr("{file} is not a readable Excel workbook (.xlsx).", file=path.name)
            ) from exc
    finally:
        workbook.close()


def read_rows(path: Path) -> Iterator[list[Any]]:
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt", ".tsv"):
        raise ImportFileError(
            tr("{file}: only .csv and .xlsx files can be imported.", file=path.name)
        )
    if not path.exists():
        raise ImportFileError(tr("File {file} does not exist.", file=path))
    return _read_xlsx(path) if suffix in (".xlsx", ".xlsm") else _read_csv(path)


def _rounded_by_excel(digits: str) -> bool:
    """A long number with at most 6 significant digits: what Excel keeps of a barcode it showed
    as 1.32112E+13 (a real 14-digit code ends in 8 zeros once in a hundred million)."""
    return len(digits) >= 11 and len(digits.rstrip("0")) <= 6


def _mangled_number(record: dict[str, Any]) -> str | None:
    """The first barcode cell Excel turned into a number (a float cell, scientific notation)."""
    for key in ("posting", *CODE_COLUMNS):
        value = record.get(key)
        if isinstance(value, float) and not value.is_integer():
            return repr(value)
        if isinstance(value, (int, float)) and _rounded_by_excel(str(int(value))):
            return f"{value:.6G}"
        text = _text(value)
        for code in BARCODE_SEPARATORS.split(text) if key != "posting" else [text]:
            if _EXCEL_NUMBER.match(code) or (code.isdigit() and _rounded_by_excel(code)):
                return code
    return None


def _date_value(value: Any, today: date) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_user_date(_text(value), today)


def parse_manifest(
    path: Path, today: date, progress: Progress | None = None
) -> list[ManifestPosting]:
    """Read and check every row; raise ImportFileError naming the first problems."""
    return [posting for _row, posting in parse_manifest_rows(path, today, progress)]


def parse_manifest_rows(
    path: Path, today: date, progress: Progress | None = None
) -> list[tuple[int, ManifestPosting]]:
    """Every posting with the file's row number it came from."""
    rows = read_rows(path)
    header_row: list[Any] | None = None
    for candidate in rows:
        if any(_text(cell) for cell in candidate):
            header_row = candidate
            break
    if header_row is None:
        raise ImportFileError(tr("{file} is empty.", file=path.name))
    columns = [_canonical_header(_text(cell)) for cell in header_row]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise ImportFileError(
            tr(
                "{file}: no column {column}. The first row must name the columns "
                "(posting, barcodes, places, cell, storage_until...).",
                file=path.name,
                column=", ".join(missing),
            )
        )
    problems: list[str] = []
    postings: list[tuple[int, ManifestPosting]] = []
    first_row_of: dict[str, int] = {}
    posting_of_code: dict[str, str] = {}
    for number, values in enumerate(rows, start=2):
        if progress is not None and number % 500 == 0 and not progress(number):
            raise ImportFileError(tr("Import cancelled; nothing was imported."))
        if len(problems) >= MAX_REPORTED_PROBLEMS:
            break
        record = {col: values[i] for i, col in enumerate(columns) if col and i < len(values)}
        if not any(_text(value) for value in values):
            continue
        if any(len(_text(value)) > MAX_FIELD_CHARS for value in values):
            problems.append(_problem(number, tr("a cell is too long")))
            continue
        mangled = _mangled_number(record)
        if mangled is not None:
            problems.append(
                _problem(
                    number,
                    tr(
                        "{value} is a number Excel rewrote, not a barcode: format the column "
                        "as text and export again",
                        value=mangled,
                    ),
                )
            )
            continue
        posting = _text(record.get("posting"))
        if classify(posting).kind is not CodeKind.POSTING:
            problems.append(
                _problem(number, tr("{value!r} is not a posting number", value=posting))
            )
            continue
        if posting in first_row_of:
            problems.append(
                _problem(
                    number,
                    tr(
                        "posting {posting} repeats row {first}",
                        posting=posting,
                        first=first_row_of[posting],
                    ),
                )
            )
            continue
        first_row_of[posting] = number
        codes = [
            code.strip()
            for key in ("barcodes", "barcode_upper", "barcode_lower", "return_code")
            for code in BARCODE_SEPARATORS.split(_text(record.get(key)))
            if code.strip()
        ]
        clash = next((c for c in codes if posting_of_code.setdefault(c, posting) != posting), None)
        if clash is not None:
            problems.append(
                _problem(
                    number,
                    tr(
                        "barcode {code} also belongs to {other}",
                        code=clash,
                        other=posting_of_code[clash],
                    ),
                )
            )
            continue
        try:
            places = int(_text(record.get("places")) or 1)
            if not 1 <= places <= 99:
                raise ValueError(places)
        except ValueError:
            problems.append(_problem(number, tr("places must be a whole number from 1 to 99")))
            continue
        try:
            storage_until = _date_value(record.get("storage_until"), today)
        except ValueError:
            problems.append(
                _problem(
                    number,
                    tr(
                        "{value!r} is not a date (write 28.11.2026)",
                        value=_text(record.get("storage_until")),
                    ),
                )
            )
            continue
        phone = _text(record.get("customer_phone"))
        postings.append(
            (
                number,
                ManifestPosting(
                    posting=posting,
                    barcodes=tuple(codes),
                    places=places,
                    cell=_text(record.get("cell")),
                    storage_until=storage_until,
                    storage_source=DeadlineSource.IMPORT,
                    customer_name=_text(record.get("customer_name")),
                    customer_phone=phone,
                    customer_key=_text(record.get("customer_key")) or phone,
                ),
            )
        )
    if problems:
        raise ImportFileError(
            tr("{file} was not imported; nothing changed.", file=path.name),
            hint="\n".join(problems),
        )
    return postings


def import_manifest(
    store: Store,
    path: Path,
    today: date,
    now: datetime,
    progress: Progress | None = None,
    *,
    operator: str = "",
    replace: bool = False,
) -> ImportReport:
    """All rows or none. A barcode that names another posting in the database is refused with
    its row (``replace`` re-points it, with a journal entry); a changed deadline or cell of a
    parcel at the point becomes a journal entry, never a silent rewrite."""
    rows = parse_manifest_rows(path, today, progress)
    with storage_errors(store.path):
        with write_transaction(store.db):
            plan = plan_import(store, rows, path, replace=replace)
            store.postings.upsert_manifest(plan.postings, now.isoformat())
            written = store.journal.append_in_transaction(plan.drafts, operator)
        if written:
            store.journal.anchor_head()
    return ImportReport(len(rows), path, len(written) - plan.moved, plan.moved)


class ManifestImportService:
    """Imports a manifest file (CSV/XLSX) into this connection's store, in one transaction."""

    def __init__(self, store: Store, clock: Clock, live: LiveSettings | None = None) -> None:
        self.store = store
        self.clock = clock
        self.live = live  # the current operator signs the entries an import writes

    @property
    def operator(self) -> str:
        return self.live.current.operator if self.live is not None else ""

    def import_file(
        self, path: Path, progress: Progress | None = None, *, replace: bool = False
    ) -> ImportReport:
        """``replace``: barcodes naming other postings are moved to the file's (journaled)."""
        now = self.clock.now()
        return import_manifest(
            self.store, path, now.date(), now, progress, operator=self.operator, replace=replace
        )


def manifest_csv_text(postings: list[ManifestPosting]) -> str:
    """A manifest as CSV in the import format (demo data, tests, and round trips)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            "posting",
            "barcodes",
            "places",
            "cell",
            "storage_until",
            "customer_name",
            "customer_phone",
        ]
    )
    for p in postings:
        writer.writerow(
            [
                p.posting,
                " ".join(p.barcodes),
                p.places,
                p.cell,
                p.storage_until.isoformat() if p.storage_until else "",
                p.customer_name,
                p.customer_phone,
            ]
        )
    return out.getvalue()
