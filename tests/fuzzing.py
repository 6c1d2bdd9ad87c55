"""Structure-aware mutations of the example protocol, shared by the property-based tests
(tests/test_fuzz.py, a bounded number of cases in CI) and the long campaign
(benchmarks/fuzz.py, 100,000 cases or more).

A case is the example with one to three mutations: on its data (deleted and renamed keys,
swapped types, odd dates, unicode and control characters, duplicate and dangling ids, huge
strings and lists, moved parts) or on its text (YAML oddities, stray bytes, deep nesting,
truncation). Everything is drawn from one `random.Random`, so a seed reproduces a case.
"""

from __future__ import annotations

import copy
import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

EXAMPLE = Path(__file__).resolve().parents[1] / "protocols" / "lindenwaard.yaml"
TEXT = EXAMPLE.read_text(encoding="utf-8")
DATA: dict[str, Any] = yaml.safe_load(TEXT)

ODD_VALUES: list[Any] = [
    None, 0, -1, 1, 10**30, 1.5, float("inf"), True, False, "", " ", "\t", "x\n", "n.v.t.",
    "N.V.T.", "\u202eomgekeerd", "emoji 🚨", "a" * 5000, [], {}, [1, 2], {"a": 1}, [[[]]],
    dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(2024, 2, 29), dt.date(2026, 9, 15),
    dt.datetime(2026, 9, 15, 10, 30), "2026-02-30", "2026-9-5", "15-09-2026",
    "<script>alert(1)</script>", "[link](javascript:alert(1))", "![img](file:///etc/passwd)",
    "../../etc/passwd", "999 jaar", "0 dagen", "riec", "extern", "casusregisseur", "intake",
]
CONTROL = ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff",
           "\ud800", "\uffff", "\r"]
YAML_BITS = ["&a ", "*a", "!!binary ", "!!set ", "!!python/name:os.system ", "!local ", "? ",
             "- ", ": ", "{", "}", "[", "]", "---\n", "...\n", "%YAML 1.1\n", "|\n", ">-\n",
             "'", '"', "#", "\t", "<<: *a\n", "!!timestamp ", "!!int ", "0x1F", "1e999",
             "2026-09-15 10:00:00", ".nan", "~"]

Path_ = tuple[Any, ...]
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: six times faster


def case(rng: random.Random) -> bytes:
    """Return the bytes of one mutated protocol."""
    data = copy.deepcopy(DATA)
    for _ in range(rng.randint(1, 3)):
        data = rng.choice(DATA_MUTATIONS)(rng, data)
    try:
        text = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=100)
    except UnicodeEncodeError:  # a lone surrogate: only PyYAML's own emitter escapes it
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    if rng.random() < 0.3:
        text = rng.choice(TEXT_MUTATIONS)(rng, text if rng.random() < 0.5 else TEXT)
    raw = text.encode("utf-8", "surrogatepass")
    if rng.random() < 0.03:
        raw = _bytes(rng, raw)
    return raw


def _places(node: Any, path: Path_ = ()) -> list[tuple[Path_, Any]]:
    """Return every (path, value) below `node`, the root included."""
    found = [(path, node)]
    if isinstance(node, dict):
        for key, sub in node.items():
            found += _places(sub, (*path, key))
    elif isinstance(node, list):
        for i, sub in enumerate(node):
            found += _places(sub, (*path, i))
    return found


def _set(data: Any, path: Path_, value: Any) -> Any:
    if not path:
        return value
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = value
    return data


def _pick(rng: random.Random, data: Any, kind: type | tuple[type, ...] = object
          ) -> tuple[Path_, Any] | None:
    places = [(p, v) for p, v in _places(data) if isinstance(v, kind)]
    return rng.choice(places) if places else None


def delete_key(rng: random.Random, data: Any) -> Any:
    found = _pick(rng, data, dict)
    if found and found[1]:
        del found[1][rng.choice(list(found[1]))]
    return data


def rename_key(rng: random.Random, data: Any) -> Any:
    found = _pick(rng, data, dict)
    if found and found[1]:
        key = rng.choice(list(found[1]))
        new = rng.choice([key[:-1], key + "x", key.upper(), "x_" + key, key.replace("_", " "),
                          key + "\u0301", rng.choice(CONTROL) + key, ""])
        if new not in found[1]:
            found[1][new] = found[1].pop(key)
    return data


def swap_value(rng: random.Random, data: Any) -> Any:
    found = _pick(rng, data)
    return _set(data, found[0], copy.deepcopy(rng.choice(ODD_VALUES))) if found else data


def odd_date(rng: random.Random, data: Any) -> Any:
    found = _pick(rng, data, dt.date)
    if found:
        try:
            shifted = found[1] + dt.timedelta(days=rng.randint(-4000, 4000))
        except OverflowError:  # a date near year 1 or 9999 from an earlier mutation
            shifted = found[1]
        value = rng.choice([dt.date(rng.randint(1, 9999), rng.randint(1, 12), rng.randint(1, 28)),
                            shifted, dt.datetime(2026, 1, 1, 12), str(found[1]), found[1].year])
        data = _set(data, found[0], value)
    return data


def edit_text(rng: random.Random, data: Any) -> Any:
    found = _pick(rng, data, str)
    if found:
        text, at = found[1], rng.randint(0, len(found[1]))
        piece = rng.choice([*CONTROL, "é", "ß", "𝔘", "\u200b", "  ", "\n", "'", '"', "<b>",
                            "&amp;", "{{ 1 + 1 }}", "{% raw %}", "**", "[x](#y)"])
        data = _set(data, found[0], text[:at] + piece + text[at:])
    return data


def duplicate_id(rng: random.Random, data: Any) -> Any:
    items = [(p, v) for p, v in _places(data) if isinstance(v, dict) and "id" in v]
    if len(items) >= 2:
        (_, a), (_, b) = rng.sample(items, 2)
        a["id"] = b["id"]
    return data


def dangling_reference(rng: random.Random, data: Any) -> Any:
    ids = sorted({str(v["id"]) for _, v in _places(data) if isinstance(v, dict) and "id" in v})
    found = _pick(rng, data, str)
    if found and ids:
        value = rng.choice(ids)
        data = _set(data, found[0], rng.choice([value, value + "x", value[:-1], "onbekend"]))
    return data


def grow(rng: random.Random, data: Any) -> Any:
    found = _pick(rng, data, (list, str))
    if found:
        times = rng.choice([2, 10, 100, 1000])
        data = _set(data, found[0], found[1] * times if found[1] else found[1])
    return data


def move(rng: random.Random, data: Any) -> Any:
    a, b = _pick(rng, data), _pick(rng, data)
    if a and b and a[0] and b[0] and a[0][:len(b[0])] != b[0] and b[0][:len(a[0])] != a[0]:
        data = _set(data, a[0], copy.deepcopy(b[1]))
    return data


DATA_MUTATIONS: list[Callable[[random.Random, Any], Any]] = [
    delete_key, rename_key, swap_value, odd_date, edit_text, duplicate_id, dangling_reference,
    grow, move]


def insert_yaml(rng: random.Random, text: str) -> str:
    at = rng.randint(0, len(text))
    return text[:at] + rng.choice(YAML_BITS + CONTROL) + text[at:]


def line_edit(rng: random.Random, text: str) -> str:
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    choice = rng.randrange(4)
    if choice == 0:
        del lines[i]
    elif choice == 1:
        lines.insert(i, lines[i])
    elif choice == 2:
        lines[i] = " " * rng.choice([1, 2, 3, 8]) + lines[i]
    else:
        lines[i] = lines[i].lstrip()
    return "\n".join(lines)


def deep(rng: random.Random, text: str) -> str:
    depth = rng.choice([30, 41, 500, 10_000])
    return text.replace("\nrollen:", f"\nx: {'[' * depth}{']' * depth}\nrollen:", 1)


def truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randint(0, len(text))]


def line_endings(rng: random.Random, text: str) -> str:
    return rng.choice(["\ufeff" + text, text.replace("\n", "\r\n"), text.replace("\n", "\r"),
                       text.replace("  ", "\t", 1)])


TEXT_MUTATIONS: list[Callable[[random.Random, str], str]] = [
    insert_yaml, line_edit, deep, truncate, line_endings]


def _bytes(rng: random.Random, raw: bytes) -> bytes:
    at = rng.randint(0, len(raw))
    junk = rng.choice([b"\x00", b"\xff\xfe", b"\xc3", b"\x89PNG\r\n\x1a\n", bytes(
        rng.randrange(256) for _ in range(16))])
    return raw[:at] + junk + raw[at:]
