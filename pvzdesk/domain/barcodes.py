"""What a scanned code is: a posting number, a label barcode, a return code, a marking code...

Classification is pure and total: every string gets exactly one ``CodeKind``; nothing raises.
Resolving a label or return code to its posting needs the manifest (``storage``), not this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

GS = "\x1d"


class CodeKind(StrEnum):
    POSTING = "posting"  # 0132112277-0101-1
    ORDER = "order"  # 0132112277-0101: the posting number without its last segment
    LABEL_UPPER = "label_upper"  # %101%...: upper barcode of the parcel label
    LABEL_LOWER = "label_lower"  # 14–15 digits: lower barcode of the parcel label
    RETURN_CODE = "return_code"  # ii...: return / refusal code
    GS1_DATAMATRIX = "gs1_datamatrix"  # a goods marking code (01 GTIN, 21 serial, GS-separated)
    CUSTOMER_CODE = "customer_code"  # the code a customer shows; only the platform can check it
    CELL = "cell"  # a shelf cell's label (CELL-<hex of the name>), printed by the app
    UNKNOWN = "unknown"


POSTING_RE = re.compile(r"^(\d{8,10})-(\d{4})-(\d{1,2})$")
ORDER_RE = re.compile(r"^\d{8,10}-\d{4}$")
LABEL_UPPER_RE = re.compile(r"^%101%[0-9A-Za-z]{4,40}$")
LABEL_LOWER_RE = re.compile(r"^\d{14,15}$")
RETURN_CODE_RE = re.compile(r"^ii\d{6,20}$", re.IGNORECASE)
GS1_RE = re.compile(r"^01\d{14}21[\x21-\x7e]{1,20}(\x1d[\x21-\x7e]+)*$")
# The codes a customer shows or says at an Ozon counter: «12345678*1234» (the order's digits and a
# 4-digit check the platform verifies), the 12-digit daily code, and the short codes some
# platforms still use. ASSUMPTION (not documented publicly): the app's pickup QR/barcode carries
# one of these same forms, possibly behind a short text prefix, which ``customer_code_of`` strips.
CUSTOMER_CODE_RE = re.compile(r"^(\d{8}\*\d{4}|\d{12}|\d{4,8})$")
_APP_CODE_RE = re.compile(r"^[A-Za-z]{0,12}[:=/]?(\d{8}\*\d{4}|\d{12})$")
# A cell label: Code 128 carries ASCII only and names like «А-01» are Cyrillic, so the label holds
# the name's UTF-8 as hex (which also survives a Russian keyboard layout, undone by ``normalise``).
CELL_RE = re.compile(r"^CELL-((?:[0-9A-F]{2}){1,24})$", re.IGNORECASE)
# AIM symbology identifiers some scanners prefix: ]d2 = GS1 DataMatrix, ]C1 = GS1-128, ]Q3 = QR...
AIM_PREFIX_RE = re.compile(r"^\][A-Za-z][0-9A-Za-z]")

# A keyboard-wedge scanner "types" keys; on a Russian layout the same keys give Cyrillic letters.
_RU_TO_EN_LAYOUT = str.maketrans(
    "йцукенгшщзхъфывапролджэячсмитьбюЙЦУКЕНГШЩЗХЪФЫВАПРОЛДЖЭЯЧСМИТЬБЮ",
    "qwertyuiop[]asdfghjkl;'zxcvbnm,.QWERTYUIOP[]ASDFGHJKL;'ZXCVBNM,.",
)


@dataclass(frozen=True)
class ClassifiedCode:
    kind: CodeKind
    text: str  # normalised: trimmed, layout fixed, AIM prefix removed; GS kept
    posting: str = ""  # the posting number when the code itself says it
    cell: str = ""  # the cell's name (А-01) when the code is a cell label


def normalise(text: str) -> str:
    """Trim what scanners add and undo a Russian keyboard layout; keep GS separators."""
    cleaned = text.strip(" \t\r\n")
    if AIM_PREFIX_RE.match(cleaned):
        cleaned = cleaned[3:]
    cleaned = cleaned.lstrip(GS) if cleaned.startswith(GS + "01") else cleaned
    return cleaned.translate(_RU_TO_EN_LAYOUT)


def cell_code(name: str) -> str:
    """What a cell label's barcode says for the cell ``name``."""
    return "CELL-" + name.strip().encode("utf-8").hex().upper()


def classify(text: str) -> ClassifiedCode:
    code = normalise(text)
    if match := CELL_RE.match(code):
        try:
            name = bytes.fromhex(match.group(1)).decode("utf-8")
        except UnicodeDecodeError:
            return ClassifiedCode(CodeKind.UNKNOWN, code)
        return ClassifiedCode(CodeKind.CELL, code.upper(), cell=name)
    if match := POSTING_RE.match(code):
        # "12345678-0001-01" and "12345678-0001-1" are written differently on labels; keep as given.
        return ClassifiedCode(CodeKind.POSTING, code, posting=match.group(0))
    if ORDER_RE.match(code):
        return ClassifiedCode(CodeKind.ORDER, code)
    if LABEL_UPPER_RE.match(code):
        return ClassifiedCode(CodeKind.LABEL_UPPER, code)
    if LABEL_LOWER_RE.match(code):
        return ClassifiedCode(CodeKind.LABEL_LOWER, code)
    if RETURN_CODE_RE.match(code):
        return ClassifiedCode(CodeKind.RETURN_CODE, "ii" + code[2:])
    if GS1_RE.match(code):
        return ClassifiedCode(CodeKind.GS1_DATAMATRIX, code)
    if CUSTOMER_CODE_RE.match(code):
        return ClassifiedCode(CodeKind.CUSTOMER_CODE, code)
    if match := _APP_CODE_RE.match(code):
        return ClassifiedCode(CodeKind.CUSTOMER_CODE, match.group(1))
    return ClassifiedCode(CodeKind.UNKNOWN, code)


def order_of(posting: str) -> str:
    """The order number: the posting number without its last segment."""
    return posting.rsplit("-", 1)[0]


def looks_like_parcel(kind: CodeKind) -> bool:
    """Codes that name a parcel (directly or through the manifest)."""
    return kind in (
        CodeKind.POSTING,
        CodeKind.LABEL_UPPER,
        CodeKind.LABEL_LOWER,
        CodeKind.RETURN_CODE,
    )
