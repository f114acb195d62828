"""Finding a customer by what they say at the counter: a name and the last digits of the phone.
Pure: the storage gives the candidates, this decides which match."""

from __future__ import annotations

import re
from dataclasses import dataclass

_QUERY_RE = re.compile(r"^\s*(?P<name>.*?)[\s,]*(?P<digits>\d{4})\s*$")


@dataclass(frozen=True)
class NamePhoneQuery:
    name: str  # a part of the name, case-insensitive; may be empty
    last_digits: str  # the last 4 digits of the phone


def parse_name_phone(text: str) -> NamePhoneQuery | None:
    """«Иванова 4567» → name «иванова», digits «4567»; ``None`` without 4 final digits."""
    match = _QUERY_RE.match(text)
    if match is None:
        return None
    return NamePhoneQuery(match.group("name").strip().casefold(), match.group("digits"))


def matches(query: NamePhoneQuery, name: str, phone: str) -> bool:
    digits = "".join(ch for ch in phone if ch.isdigit())
    if not digits.endswith(query.last_digits):
        return False
    return all(word in name.casefold() for word in query.name.split())
