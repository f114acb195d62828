"""The one check that a person's text carries no internal identifiers or English words, used on
screens, report files, the support bundle and the CLI's human output alike.

An identifier is a run of ``[a-z_]{4,}`` inside a Latin word (``code_kind``, ``server_error``,
``already_applied``) — and, for machine codes, an upper-case run with an underscore
(``TRANSITION_IS_NOT_POSSIBLE``). Legitimate Latin text is named in ``ALLOWED`` (one place):
product and file-type names, key caps, the platform's own name; URLs, file names and e-mail
addresses are taken out before the words are read.
"""

from __future__ import annotations

import re

IDENTIFIER = re.compile(r"[a-z_]{4,}")
MACHINE_CODE = re.compile(r"\b[A-Z]+(?:_[A-Z]+)+\b")
WORD = re.compile(r"[A-Za-z_]+")
# A URL, a file name with its extension, a path: data a person may need as it is.
_VERBATIM = re.compile(
    r"(?:https?://\S+)"
    r"|(?:\S+@\S+\.\w+)"
    r"|(?:[\w./\\-]*[\w-]+\.(?:pdf|xlsx|csv|zip|jsonl|json|toml|txt|log|db|sqlite|png|jpg|sig))\b"
    r"|(?:(?:~|\.{1,2})?/[\w./-]+)"
)
# Words a Russian text may show as they are: key caps, product, library and file-type names.
ALLOWED = frozenset(
    {
        "pvzdesk",
        "zxing",
        "pyzbar",
        "https",
        "http",
        "ozon",
        "shift",
        "enter",
        "excel",
        "ctrl",
        "space",
        "delete",
        "sha",  # SHA-256
    }
)


def identifiers_in(text: str) -> list[str]:
    """The identifiers and English words in ``text`` a Russian reader should not meet."""
    plain = _VERBATIM.sub(" ", text)
    found = [
        word
        for word in WORD.findall(plain)
        if IDENTIFIER.search(word) and word.lower() not in ALLOWED
    ]
    found.extend(MACHINE_CODE.findall(plain))
    return found
