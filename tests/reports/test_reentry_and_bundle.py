"""Re-entry sheet barcodes decode back; ticket bundles are masked, complete and checkable."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from pvzdesk.domain.chain import hashed_text
from pvzdesk.domain.models import PLATFORM_KINDS
from pvzdesk.reports.chain_file import check_chain_jsonl
from pvzdesk.scanning.decoders import ZxingDecoder
from pvzdesk.services.reporting import make_bundle, make_reentry_sheet
from tests.reports.conftest import ADAPTER, LOWER_CODES, POSTINGS, CounterDay, tamper_entry

DPI = 200


def decoded_pages(pdf: Path) -> list[list[str]]:
    """Every page rendered as an office scanner would see it, decoded top to bottom."""
    decoder = ZxingDecoder(["Code128"])
    document = pdfium.PdfDocument(str(pdf))
    pages = []
    try:
        for page in document:
            image = page.render(scale=DPI / 72).to_pil().convert("L")
            reads = decoder.decode(np.asarray(image, dtype=np.uint8), time=_now())
            pages.append([read.text for read in sorted(reads, key=lambda r: r.position[0][1])])
    finally:
        document.close()
    return pages


def _now() -> datetime:
    return datetime(2026, 11, 28, tzinfo=UTC)


def expected_codes(day: CounterDay) -> list[str]:
    codes = []
    for entry in day.during:
        if entry.kind in PLATFORM_KINDS and entry.entry_id != day.voided.entry_id:
            codes.append(str(entry.payload.get("code") or entry.posting))
    return codes


def test_every_barcode_on_the_reentry_sheet_decodes_back_in_order(
    counter_day: CounterDay, tmp_path: Path
) -> None:
    app = counter_day.app
    sheet = make_reentry_sheet(
        app.store, app.incidents, tmp_path / "sheet.pdf", now=app.clock.now()
    )
    decoded = [code for page in decoded_pages(sheet) for code in page]
    assert decoded == expected_codes(counter_day)
    # the issue was scanned by its label's lower barcode: that is what is printed to re-scan
    assert decoded[0] == LOWER_CODES[POSTINGS[1]]


def test_a_long_reentry_sheet_spans_pages_in_order(counter_day: CounterDay, tmp_path: Path) -> None:
    app, clock = counter_day.app, counter_day.clock
    clock.advance(timedelta(days=1))
    incident, _ = app.incidents.start("timeout")
    codes: list[str] = []
    for posting in POSTINGS[5:8]:  # the received ones still at the point, issued, then more
        clock.advance(timedelta(minutes=1))
        written = app.counter.extend([posting], days=1).entries
        codes.extend(e.posting for e in written)  # an extension names no scanned code
    for _ in range(4):
        for posting in (POSTINGS[6], POSTINGS[7]):
            clock.advance(timedelta(minutes=1))
            codes.extend(e.posting for e in app.counter.extend([posting], days=1).entries)
    sheet = make_reentry_sheet(
        app.store,
        app.incidents,
        tmp_path / "s.pdf",
        now=clock.now(),
        incident_id=incident.incident_id,
    )
    pages = decoded_pages(sheet)
    assert len(pages) >= 2
    assert [code for page in pages for code in page] == codes


def bundle_of(
    day: CounterDay, target: Path, *, show_personal_data: bool = False
) -> zipfile.ZipFile:
    app = day.app
    evidence = app.services.evidence
    make_bundle(
        app.store,
        app.incidents,
        evidence,
        target,
        incident_id=day.incident_id[:8],
        now=app.clock.now(),
        adapter=ADAPTER,
        point_name="ПВЗ Ленина 1",
        show_personal_data=show_personal_data,
    )
    return zipfile.ZipFile(target)


def jpeg(color: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), color).save(buffer, format="JPEG")
    return buffer.getvalue()


def test_bundle_holds_summary_tables_photos_and_chain(
    counter_day: CounterDay, tmp_path: Path
) -> None:
    app = counter_day.app
    evidence = app.services.evidence
    photo = evidence.save_photo(counter_day.during[0].entry_id, jpeg((200, 10, 10)))
    with bundle_of(counter_day, tmp_path / "b.zip") as bundle:
        names = set(bundle.namelist())
        assert {"summary.txt", "operations.csv", "operations.xlsx", "chain/chain.jsonl"} <= names
        assert f"photos/{photo.sha256}.jpg" in names
        assert hashlib.sha256(bundle.read(f"photos/{photo.sha256}.jpg")).hexdigest() == photo.sha256
        summary = bundle.read("summary.txt").decode("utf-8")
        operations = bundle.read("operations.csv").decode("utf-8-sig")
    assert "Длительность: 1 ч 30 мин" in summary
    assert counter_day.incident_id in summary
    assert all(entry.entry_id in summary for entry in counter_day.during)
    assert "проверка пройдена" in summary
    # personal data masked by default: neither name nor full phone anywhere in the bundle
    assert "Иванов" not in operations and "123-45-02" not in operations
    assert "И***** П***" in operations and "+* *** ***-**-02" in operations


def test_bundle_can_show_personal_data_when_asked(counter_day: CounterDay, tmp_path: Path) -> None:
    with bundle_of(counter_day, tmp_path / "b.zip", show_personal_data=True) as bundle:
        operations = bundle.read("operations.csv").decode("utf-8-sig")
    assert "Иванов Пётр 2" in operations and "+7 916 123-45-02" in operations


def test_chain_file_matches_the_journal_encoding(counter_day: CounterDay) -> None:
    for entry in counter_day.app.store.journal.entries():
        # the stored hash was computed when the entry was written; the text must reproduce it
        assert hashlib.sha256(hashed_text(entry).encode("utf-8")).hexdigest() == entry.hash


def run_verifier(bundle: zipfile.ZipFile, folder: Path) -> subprocess.CompletedProcess[str]:
    bundle.extractall(folder)
    return subprocess.run(
        [sys.executable, "verify_chain.py", "chain.jsonl"],
        cwd=folder / "chain",
        capture_output=True,
        text=True,
        check=False,
    )


def test_bundle_chain_file_checks_out(counter_day: CounterDay, tmp_path: Path) -> None:
    with bundle_of(counter_day, tmp_path / "b.zip") as bundle:
        result = run_verifier(bundle, tmp_path / "x")
        lines = bundle.read("chain/chain.jsonl").decode("utf-8").splitlines()
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("OK")
    assert [json.loads(line)["seq"] for line in lines] == list(range(9, 17))


def test_bundle_verification_file_detects_a_tampered_journal(
    counter_day: CounterDay, tmp_path: Path
) -> None:
    target = counter_day.during[2]
    tamper_entry(counter_day, target.seq)
    with bundle_of(counter_day, tmp_path / "b.zip") as bundle:
        result = run_verifier(bundle, tmp_path / "x")
        chain_text = bundle.read("chain/chain.jsonl").decode("utf-8")
        summary = bundle.read("summary.txt").decode("utf-8")
    assert result.returncode == 1
    assert f"#{target.seq}" in result.stdout
    assert check_chain_jsonl(chain_text) == (False, target.seq)
    assert "НЕ ПРОЙДЕНА" in summary


def test_a_bundle_made_before_tampering_exposes_the_edit(
    counter_day: CounterDay, tmp_path: Path
) -> None:
    with bundle_of(counter_day, tmp_path / "before.zip") as bundle:
        before = bundle.read("chain/chain.jsonl").decode("utf-8")
    tamper_entry(counter_day, counter_day.during[0].seq)
    with bundle_of(counter_day, tmp_path / "after.zip") as bundle:
        after = bundle.read("chain/chain.jsonl").decode("utf-8")
    changed = [
        json.loads(a)["seq"]
        for a, b in zip(before.splitlines(), after.splitlines(), strict=True)
        if a != b
    ]
    assert changed == [counter_day.during[0].seq]
