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
# Data a person may need exactly as it is: a URL, an e-mail address, a file or folder name, a
# path; entry and incident ids (UUIDs, their 8-digit short form), hashes; the signed anchor
# line of the chain head (``v1 head <seq> <hash> <device> <signature>``); a command to run, as it
# is typed (``pvzdesk journal restore``).
_VERBATIM = re.compile(
    r"(?:https?://\S+)"
    r"|(?:\bpvzdesk(?: [a-z][a-z-]*){1,2}\b)"
    r"|(?:\S+@\S+\.\w+)"
    r"|(?:\bv\d+ head \d+ [0-9a-f]{64}(?: \S+){0,2})"
    r"|(?:[\w./\\-]*[\w-]+\.(?:pdf|xlsx|csv|zip|jsonl|json|toml|txt|log|db|sqlite|png|jpg|sig))\b"
    r"|(?:\b[\w.-]+/[\w./-]*)"
    r"|(?:(?:~|\.{1,2})?/[\w./-]+)"
    r"|(?:\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b)"
    r"|(?:\b[0-9a-f]{16,}\b)"
    r"|(?:\b(?=[0-9a-f]*\d)[0-9a-f]{8}\b)"
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
        if IDENTIFIER.search(word) and word.strip("_") and word.lower() not in ALLOWED
    ]
    found.extend(MACHINE_CODE.findall(plain))
    return found
