"""Write a Qt .ts catalogue from a Python dict of English source -> Russian (a maintainer tool)."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path


def write_ts(path: Path, context: str, translations: dict[str, str]) -> None:
    root = ElementTree.Element("TS", version="2.1", language="ru_RU")
    ctx = ElementTree.SubElement(root, "context")
    ElementTree.SubElement(ctx, "name").text = context
    for source, translation in translations.items():
        message = ElementTree.SubElement(ctx, "message")
        ElementTree.SubElement(message, "source").text = source
        ElementTree.SubElement(message, "translation").text = translation
    ElementTree.indent(root)
    body = ElementTree.tostring(root, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    namespace: dict[str, object] = {}
    exec(Path(sys.argv[1]).read_text(encoding="utf-8"), namespace)
    write_ts(Path(sys.argv[2]), "pvzdesk", namespace["RU"])  # type: ignore[arg-type]
