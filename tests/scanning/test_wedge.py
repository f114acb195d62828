"""The keyboard-wedge parser: a person typing versus a scanner's burst."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from pvzdesk.domain.barcodes import GS, CodeKind, classify
from pvzdesk.domain.scan import ScanRead, ScanSource
from pvzdesk.scanning.wedge import (
    BACKSPACE,
    ENTER,
    TAB,
    Typed,
    WedgeOutput,
    WedgeParser,
    WedgeSettings,
)

T0 = 1_750_000_000.0  # POSIX seconds, 2025-06-15

# Recorded at a counter: an operator types a posting number, mistypes one digit, corrects it with
# Backspace and presses Enter. Gaps 80–250 ms; one fast roll of two keys (60 ms) as people do.
HUMAN_TYPING: list[tuple[str, float]] = [
    ("0", 0.000),
    ("1", 0.182),
    ("3", 0.351),
    ("2", 0.497),
    ("1", 0.690),
    ("1", 0.812),
    ("2", 0.951),
    ("2", 1.149),
    ("8", 1.330),
    (BACKSPACE, 1.792),
    ("7", 2.010),
    ("7", 2.132),
    ("-", 2.371),
    ("0", 2.605),
    ("1", 2.725),
    ("0", 2.806),
    ("1", 2.866),
    ("-", 3.115),
    ("1", 3.301),
    (ENTER, 3.547),
]


def burst(
    text: str, start: float, rng: np.random.Generator, end: str = ENTER
) -> list[tuple[str, float]]:
    """A scanner typing ``text``: 2–25 ms between keys, then ``end``."""
    events, time = [], start
    for key in [*text, end]:
        events.append((key, time))
        time += float(rng.uniform(0.002, 0.025))
    return events


def human(text: str, start: float, rng: np.random.Generator) -> list[tuple[str, float]]:
    """A person typing ``text`` with typos fixed by Backspace, 80–250 ms between keys, then Enter."""
    events, time = [], start
    for char in text:
        if rng.random() < 0.15:
            events.append(("x", time))
            time += float(rng.uniform(0.08, 0.25))
            events.append((BACKSPACE, time))
            time += float(rng.uniform(0.08, 0.25))
        events.append((char, time))
        time += float(rng.uniform(0.08, 0.25))
    events.append((ENTER, time))
    return events


def run(
    parser: WedgeParser, events: Iterable[tuple[str, float]], idle_after: float = 1.0
) -> list[WedgeOutput]:
    out: list[WedgeOutput] = []
    last = T0
    for key, time in events:
        out += parser.feed(key, time)
        last = time
    return out + parser.flush(last + idle_after)


def scans(out: list[WedgeOutput]) -> list[ScanRead]:
    return [item for item in out if isinstance(item, ScanRead)]


def typed_keys(out: list[WedgeOutput]) -> list[str]:
    return [key for item in out if isinstance(item, Typed) for key in item.keys]


def test_recorded_human_typing_is_never_a_scan() -> None:
    events = [(key, T0 + t) for key, t in HUMAN_TYPING]
    out = run(WedgeParser(), events)
    assert scans(out) == []
    # Every key comes back, in order, Backspace and Enter included: nothing a person typed is lost.
    assert typed_keys(out) == [key for key, _ in HUMAN_TYPING]


def test_generated_human_typing_is_never_a_scan() -> None:
    rng = np.random.default_rng(7)
    for number in range(50):
        text = f"{rng.integers(10**9, 10**10)}-{rng.integers(0, 10**4):04d}-{number % 3 + 1}"
        events = human(text, T0 + number * 100, rng)
        out = run(WedgeParser(), events)
        assert scans(out) == []
        assert typed_keys(out) == [key for key, _ in events]


def test_a_scanner_burst_is_one_read() -> None:
    rng = np.random.default_rng(1)
    for end in (ENTER, TAB, "\r"):
        out = run(WedgeParser(), burst("%101%60198883580", T0, rng, end))
        (read,) = scans(out)
        assert typed_keys(out) == []
        assert read.text == "%101%60198883580" and read.raw_bytes == b"%101%60198883580"
        assert read.source is ScanSource.WEDGE and read.symbology == ""
        assert T0 < read.time.timestamp() < T0 + 1
        assert read.time.tzinfo is UTC


def test_typing_and_scans_interleave_in_order() -> None:
    rng = np.random.default_rng(3)
    first, second = human("12", T0, rng), human("ok", T0 + 10, rng)
    events = (
        first
        + burst("0132112277-0101-1", T0 + 5, rng)
        + second
        + burst("200012345678901", T0 + 15, rng)
    )
    out = run(WedgeParser(), events)
    assert [r.text for r in scans(out)] == ["0132112277-0101-1", "200012345678901"]
    assert typed_keys(out) == [key for key, _ in first + second]
    # Typing before each scan is handed back before that scan.
    kinds = ["scan" if isinstance(item, ScanRead) else "typed" for item in out]
    assert kinds[-1] == "scan" and kinds.index("scan") > 0
    assert kinds[kinds.index("scan") + 1] == "typed"


def test_gs_substitutes_are_turned_back_into_gs() -> None:
    rng = np.random.default_rng(4)
    marking = "0104601234567893215Abc1234567" + GS + "91EE10" + GS + "92abcdefgh"
    parser = WedgeParser(WedgeSettings(gs_text=("<GS>",), gs_keys=frozenset({"F8"})))
    typed_with_text = marking.replace(GS, "<GS>")
    (read,) = scans(run(parser, burst(typed_with_text, T0, rng)))
    assert read.text == marking and read.raw_bytes.count(b"\x1d") == 2
    assert classify(read.text).kind is CodeKind.GS1_DATAMATRIX
    keys = [("F8" if char == GS else char) for char in marking]
    events = [(key, T0 + 5 + n * 0.01) for n, key in enumerate([*keys, ENTER])]
    (read,) = scans(run(parser, events))
    assert read.text == marking


def test_a_real_gs_character_is_kept() -> None:
    events = [
        (key, T0 + n * 0.005) for n, key in enumerate([*"0104601234567893", GS, *"21AB", ENTER])
    ]
    (read,) = scans(run(WedgeParser(), events))
    assert read.text == "0104601234567893" + GS + "21AB"


def test_prefix_and_suffix_are_required_and_removed() -> None:
    rng = np.random.default_rng(5)
    parser = WedgeParser(WedgeSettings(prefix="@@", suffix="##"))
    (read,) = scans(run(parser, burst("@@0132112277-0101-1##", T0, rng)))
    assert read.text == "0132112277-0101-1"
    out = run(parser, burst("0132112277-0101-1", T0 + 10, rng))
    assert scans(out) == [] and "".join(typed_keys(out)).startswith("0132112277")


def test_too_short_bursts_and_fast_rolls_are_typing() -> None:
    parser = WedgeParser(WedgeSettings(min_length=4))
    out = run(parser, [("1", T0), ("2", T0 + 0.01), (ENTER, T0 + 0.02)])
    assert scans(out) == [] and typed_keys(out) == ["1", "2", ENTER]


def test_a_slow_enter_after_a_fast_burst_is_typing() -> None:
    events = [(key, T0 + n * 0.005) for n, key in enumerate("0132112277")]
    out = run(WedgeParser(), [*events, (ENTER, T0 + 1.0)])
    assert scans(out) == [] and typed_keys(out) == [*"0132112277", ENTER]


def test_modifiers_inside_a_burst_are_ignored() -> None:
    keys = ["Shift", "I", "Shift", "I", *"1234567", ENTER]
    events = [(key, T0 + n * 0.004) for n, key in enumerate(keys)]
    (read,) = scans(run(WedgeParser(), events))
    assert read.text == "II1234567"


def test_held_keys_are_released_by_flush_after_the_deadline() -> None:
    parser = WedgeParser()
    assert parser.deadline() is None
    assert parser.feed("5", T0) == []
    deadline = parser.deadline()
    assert deadline is not None and deadline > T0
    assert parser.flush(T0 + 0.001) == []
    assert parser.flush(deadline + 0.001) == [Typed(("5",))]
    assert parser.deadline() is None


def test_wall_time_converter_is_used() -> None:
    when = datetime(2025, 6, 27, 12, 0, tzinfo=UTC)
    parser = WedgeParser(wall_time=lambda _: when)
    (read,) = scans(run(parser, [(k, 5.0 + n * 0.01) for n, k in enumerate([*"ii123456", ENTER])]))
    assert read.time == when


KEYS = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from([ENTER, TAB, BACKSPACE, "Shift", "F8", "Escape", "", "\r", "\t", "\b", GS]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(KEYS, st.floats(0, 2, allow_nan=False)), max_size=60), st.booleans())
def test_any_key_sequence_is_handled(events: list[tuple[str, float]], with_prefix: bool) -> None:
    settings_ = WedgeSettings(
        prefix="]C1" if with_prefix else "", gs_text=("~",), gs_keys=frozenset({"F8"})
    )
    parser = WedgeParser(settings_)
    time = T0
    out: list[WedgeOutput] = []
    for key, gap in events:
        time += gap
        out += parser.feed(key, time)
    out += parser.flush(time + 10)
    assert parser.deadline() is None
    for item in out:
        if isinstance(item, ScanRead):
            assert len(item.text) >= settings_.min_length and "~" not in item.text
        else:
            assert item.keys


BURST_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"), exclude_characters="~")
    | st.just(GS),
    min_size=4,
    max_size=80,
)


@settings(max_examples=300, deadline=None)
@given(
    BURST_TEXT, st.lists(st.floats(0, 0.029), min_size=81, max_size=81), st.sampled_from(["", "@"])
)
def test_a_burst_always_round_trips(text: str, gaps: list[float], prefix: str) -> None:
    parser = WedgeParser(WedgeSettings(prefix=prefix, gs_text=("~",)))
    typed = prefix + text.replace(GS, "~")
    out: list[WedgeOutput] = []
    out += parser.feed("q", T0 - 5)  # a person's leftover key before the scan must not join it
    time = T0
    for key, gap in zip([*typed, ENTER], gaps, strict=False):
        out += parser.feed(key, time)
        time += gap
    out += parser.flush(time + 1)
    assert [r.text for r in scans(out)] == [text]
    assert typed_keys(out) == ["q"]
