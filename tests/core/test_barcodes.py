from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pvzdesk.domain.barcodes import GS, CodeKind, classify, normalise, order_of

postings = st.builds(
    lambda a, b, c: f"{a}-{b}-{c}",
    st.from_regex(r"\A\d{8,10}\Z"),
    st.from_regex(r"\A\d{4}\Z"),
    st.from_regex(r"\A\d{1,2}\Z"),
)


def test_known_kinds() -> None:
    assert classify("0132112277-0101-1").kind is CodeKind.POSTING
    assert classify("0132112277-0101").kind is CodeKind.ORDER
    assert classify("%101%2000012345678").kind is CodeKind.LABEL_UPPER
    assert classify("200001234567890").kind is CodeKind.LABEL_LOWER
    assert classify("ii1234567890").kind is CodeKind.RETURN_CODE
    assert classify("123456").kind is CodeKind.CUSTOMER_CODE
    marking = "0104600439931256215Ne3yR" + GS + "93dGVz"
    assert classify(marking).kind is CodeKind.GS1_DATAMATRIX
    assert classify("hello world").kind is CodeKind.UNKNOWN
    assert classify("").kind is CodeKind.UNKNOWN


def test_posting_keeps_leading_zeros() -> None:
    code = classify("  0012345678-0001-01\r\n")
    assert code.posting == "0012345678-0001-01"
    assert order_of(code.posting) == "0012345678-0001"


def test_russian_keyboard_layout_is_undone() -> None:
    # a wedge scanner on a Russian layout types "шш" for "ii"
    assert classify("шш1234567890").kind is CodeKind.RETURN_CODE
    assert classify("шш1234567890").text == "ii1234567890"


def test_aim_prefix_removed_and_gs_kept() -> None:
    raw = "]d2" + "0104600439931256215Ne3yR" + GS + "93dGVz"
    code = classify(raw)
    assert code.kind is CodeKind.GS1_DATAMATRIX
    assert GS in code.text


@given(postings)
def test_every_posting_number_is_a_posting(number: str) -> None:
    code = classify(number)
    assert code.kind is CodeKind.POSTING
    assert code.posting == number


@given(st.text())
def test_classification_is_total_and_stable(text: str) -> None:
    first = classify(text)
    assert isinstance(first.kind, CodeKind)
    # classifying the normalised text again gives the same answer
    assert classify(first.text).kind is first.kind
    assert normalise(first.text) == first.text or first.kind is CodeKind.UNKNOWN


@given(st.from_regex(r"\A\d{14,15}\Z"))
def test_lower_label_barcodes(digits: str) -> None:
    assert classify(digits).kind is CodeKind.LABEL_LOWER
