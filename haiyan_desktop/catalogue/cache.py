"""Parsed catalogues kept under the sha256 of their file: in memory, and on disk as JSON.

Reading a catalogue's YAML (and importing PyYAML for it) is the slowest step of opening a
submission, and the same few files are read over and over: at every start of the window, by
every command, for every report. A parsed catalogue depends only on the file's bytes (and on
this package's code), so it is kept under their sha256 — once per process in memory, and
across processes as plain JSON in the user's cache folder (data only, never pickle). A missing,
stale, damaged or foreign cache file only means the YAML is parsed again and the file rewritten.
Only catalogues without problems are kept: a broken one is reported in full every time.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

from .. import __version__
from ..files import write_atomically
from ..messages import Bilingual
from ..paths import cache_dir
from . import expressions
from .model import Catalogue, Choice, Domain, Indicator, Rule, Unit

FORMAT = 1
_BILINGUAL = ("name", "definition", "unit", "source", "lead_unit")
_memory: dict[str, Catalogue] = {}  # sha256 -> the catalogue first parsed from those bytes


def default_cache_dir() -> Path:
    return cache_dir() / "catalogues"


def cached_catalogue(data: bytes | str, file: str,
                     folder: Path | None = None) -> Catalogue:
    """The catalogue in ``data`` (as :func:`.loader.parse_catalogue` gives it), parsed once.

    ``file`` names it in problems and becomes its ``path``; ``folder`` holds the JSON files
    (default: :func:`default_cache_dir`). Raises :class:`.CatalogueError` like the parser.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    sha = hashlib.sha256(raw).hexdigest()
    catalogue = _memory.get(sha)
    if catalogue is None:
        path = (folder or default_cache_dir()) / f"{sha}.json"
        catalogue = _read(path, sha, file)
        if catalogue is None:
            from .loader import parse_catalogue  # PyYAML is imported only here

            catalogue = parse_catalogue(raw, file)
            _write(path, catalogue)
        _memory[sha] = catalogue
    # One parse serves every name of the same bytes (a built-in file, its copy in a database).
    return catalogue if catalogue.path == file else replace(catalogue, path=file)


def forget() -> None:
    """Drop the in-memory copies (tests; the files on disk stay)."""
    _memory.clear()


def code_version() -> str:
    """What a cached parse depends on besides the file: this format, the app's version, and
    the modules that read and describe a catalogue, the registry of indicator types included
    (their size and time, like bytecode)."""
    parts = [str(FORMAT), __version__]
    here = Path(__file__).parent
    types = sorted(p.relative_to(here).as_posix() for p in (here / "indicator_types").glob("*.py"))
    for name in ("cache.py", "loader.py", "model.py", "expressions.py", *types):
        try:
            stat = (here / name).stat()
            parts.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
        except OSError:  # a frozen build has no source files: its version says it all
            parts.append(name)
    return "|".join(parts)


# --- disk ------------------------------------------------------------------------------------
def _read(path: Path, sha: str, file: str) -> Catalogue | None:
    try:
        data = json.loads(path.read_bytes())
        if data["code"] != code_version() or data["sha256"] != sha:
            return None
        catalogue = from_data(data)
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None  # missing, damaged or foreign: parse the YAML again
    catalogue.path = file
    return catalogue


def _write(path: Path, catalogue: Catalogue) -> None:
    data = to_data(catalogue)
    data["code"] = code_version()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except OSError:  # read-only or full disk: parse again next time
        pass


# --- the model as JSON-ready data and back -----------------------------------------------------
def to_data(catalogue: Catalogue) -> dict[str, Any]:
    return {
        "sha256": catalogue.sha256, "id": catalogue.id, "version": catalogue.version,
        "title": _pair(catalogue.title), "years": list(catalogue.years),
        "units": [[u.code, _pair(u.name), u.kind] for u in catalogue.units],
        "domains": [{"code": d.code, "name": _pair(d.name), "weight": d.weight, "line": d.line,
                     "indicators": [_indicator(i) for i in d.indicators]}
                    for d in catalogue.domains],
        "rules": [[r.id, r.left.text, r.operator, r.right.text if r.right else None,
                   r.severity, r.missing, _pair(r.message), r.line] for r in catalogue.rules],
        "calculation_order": catalogue.calculation_order,
    }


def from_data(data: dict[str, Any]) -> Catalogue:
    catalogue = Catalogue(
        id=data["id"], version=data["version"], title=_bilingual(data["title"]),
        years=tuple(data["years"]),
        units=[Unit(code, _bilingual(name), kind) for code, name, kind in data["units"]],
        domains=[Domain(d["code"], _bilingual(d["name"]), d["weight"],
                        [_from_indicator(i) for i in d["indicators"]], d["line"])
                 for d in data["domains"]],
        rules=[Rule(rule_id, expressions.parse(left), operator,
                    expressions.parse(right) if right is not None else None, severity,
                    missing, _bilingual(message), line)
               for rule_id, left, operator, right, severity, missing, message, line
               in data["rules"]],
        sha256=data["sha256"], calculation_order=list(data["calculation_order"]))
    for ind in catalogue.walk():  # as the loader does: the first of a code wins
        catalogue.index.setdefault(ind.code, ind)
    return catalogue


def _pair(text: Bilingual | None) -> list[str] | None:
    return None if text is None else [text.zh, text.en]


def _bilingual(pair: list[str] | None) -> Bilingual | None:
    return None if pair is None else Bilingual(*pair)


def _indicator(ind: Indicator) -> dict[str, Any]:
    data = {f.name: getattr(ind, f.name) for f in fields(Indicator)}
    for key in _BILINGUAL:
        data[key] = _pair(data[key])
    data["children"] = [_indicator(c) for c in ind.children]
    data["data_items"] = [_indicator(c) for c in ind.data_items]
    data["choices"] = [[c.value, _pair(c.label), c.score] for c in ind.choices]
    data["formula"] = ind.formula.text if ind.formula else None
    data["applies_to"] = sorted(ind.applies_to)
    return data


def _from_indicator(data: dict[str, Any]) -> Indicator:
    values = dict(data)
    for key in _BILINGUAL:
        values[key] = _bilingual(values[key])
    values["choices"] = tuple(Choice(value, _bilingual(label), score)
                              for value, label, score in data["choices"])
    formula = data["formula"]
    values["formula"] = expressions.parse(formula) if formula is not None else None
    values["applies_to"] = frozenset(data["applies_to"])
    values["children"] = [_from_indicator(c) for c in data["children"]]
    values["data_items"] = [_from_indicator(c) for c in data["data_items"]]
    return Indicator(**values)
