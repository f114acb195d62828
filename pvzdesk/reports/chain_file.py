"""A chain-verification file anyone can check with SHA-256 alone.

Each line of ``chain.jsonl`` holds one entry: ``hashed`` is the exact text the journal hashed (a
JSON array of every field, ending with the previous entry's hash) and ``hash`` its SHA-256. The
check: sha256(hashed) == hash, and each line's ``prev_hash`` is the line before's ``hash``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from pvzdesk.domain.chain import hashed_text
from pvzdesk.domain.models import Entry


def chain_line(entry: Entry) -> str:
    record = {
        "seq": entry.seq,
        "entry_id": entry.entry_id,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
        "hashed": hashed_text(entry),
    }
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def chain_jsonl(entries: Iterable[Entry]) -> str:
    return "".join(chain_line(entry) + "\n" for entry in entries)


def check_chain_jsonl(text: str) -> tuple[bool, int | None]:
    """The same check as the bundled script: (intact, first bad seq)."""
    previous: str | None = None
    for line in text.splitlines():
        record = json.loads(line)
        digest = hashlib.sha256(record["hashed"].encode("utf-8")).hexdigest()
        fields = json.loads(record["hashed"])
        linked = previous is None or record["prev_hash"] == previous
        if digest != record["hash"] or fields[-1] != record["prev_hash"] or not linked:
            return False, int(record["seq"])
        previous = record["hash"]
    return True, None


VERIFY_SCRIPT = '''\
"""Check chain.jsonl from a pvzdesk ticket bundle: python3 verify_chain.py chain.jsonl"""
import hashlib
import json
import sys

previous = None
path = sys.argv[1] if len(sys.argv) > 1 else "chain.jsonl"
with open(path, encoding="utf-8") as handle:
    for number, line in enumerate(handle, start=1):
        record = json.loads(line)
        digest = hashlib.sha256(record["hashed"].encode("utf-8")).hexdigest()
        fields = json.loads(record["hashed"])
        if digest != record["hash"]:
            print(f"BROKEN at entry #{record['seq']}: its content does not match its hash")
            sys.exit(1)
        if fields[-1] != record["prev_hash"] or (previous and record["prev_hash"] != previous):
            print(f"BROKEN at entry #{record['seq']}: the entry before it is missing or changed")
            sys.exit(1)
        previous = record["hash"]
print(f"OK: {number} entries, chain head {previous}")
'''

README = """\
Проверка цепочки журнала pvzdesk / Checking the pvzdesk journal chain

chain.jsonl — одна запись журнала в строке. Поле "hashed" — ровно тот текст, от которого
журнал вычислил SHA-256; поле "hash" — сам хеш. Последний элемент "hashed" — хеш предыдущей
записи, так записи связаны в цепочку: изменить, удалить или вставить запись незаметно нельзя.

Проверить (Python 3):      python3 verify_chain.py chain.jsonl
Проверить вручную (jq и sha256sum): в каждой паре строк два хеша должны совпасть:
    while IFS= read -r line; do
      printf '%s' "$line" | jq -j .hashed | sha256sum | cut -d' ' -f1
      printf '%s' "$line" | jq -r .hash
    done < chain.jsonl

Each line is one journal entry. "hashed" is exactly the text the journal hashed with SHA-256;
"hash" is that hash. The last element of "hashed" is the previous entry's hash, which links the
entries: no entry can be changed, removed or inserted unnoticed. Check with the script above, or
compare sha256("hashed") with "hash" line by line.
"""
