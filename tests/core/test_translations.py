"""Every user-facing sentence has a Russian translation, and the catalogues are valid."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from pvzdesk.i18n import catalogue_files, tr

PACKAGE = Path(__file__).resolve().parents[2] / "pvzdesk"


def tr_literals() -> set[tuple[str, str]]:
    """(file, source text) for every tr("...") call of pvzdesk.i18n outside the Qt UI."""
    found: set[tuple[str, str]] = set()
    for path in PACKAGE.rglob("*.py"):
        if "ui" in path.relative_to(PACKAGE).parts[:1]:
            continue  # the UI translates through Qt; its own test checks its contexts
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.add((str(path.relative_to(PACKAGE)), node.args[0].value))
    return found


def russian_sources() -> set[str]:
    sources: set[str] = set()
    for path in catalogue_files("ru"):
        for message in ElementTree.parse(path).getroot().iter("message"):
            translation = message.find("translation")
            if (
                translation is not None
                and translation.text
                and translation.get("type") != "unfinished"
            ):
                sources.add(message.findtext("source") or "")
    return sources


def test_every_tr_literal_has_a_russian_translation() -> None:
    translated = russian_sources()
    missing = sorted(f"{file}: {text!r}" for file, text in tr_literals() if text not in translated)
    assert missing == []


def test_catalogues_parse_and_keep_placeholders() -> None:
    for path in catalogue_files("ru"):
        for message in ElementTree.parse(path).getroot().iter("message"):
            source = message.findtext("source") or ""
            translation = message.findtext("translation") or ""
            fields = sorted(part.split("}")[0] for part in source.split("{")[1:])
            assert sorted(part.split("}")[0] for part in translation.split("{")[1:]) == fields, (
                source
            )


def test_russian_is_the_default_and_english_follows_lang(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert tr("Error: {message}", message="x") == "Ошибка: x"
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert tr("Error: {message}", message="x") == "Error: x"


def test_one_source_has_one_translation_per_context() -> None:
    """Catalogues are split by part of the program; the same sentence must not read two ways."""
    seen: dict[tuple[str, str], set[str]] = {}
    for path in catalogue_files("ru"):
        for context in ElementTree.parse(path).getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                key = (name, message.findtext("source") or "")
                seen.setdefault(key, set()).add(message.findtext("translation") or "")
    assert {key: values for key, values in seen.items() if len(values) > 1} == {}
