"""What changed between two catalogues (last year's and this year's): `catalogue diff`.

Indicators and data items are matched by code, and across a rename by ``replaces``: a code
that names an old one there is *renamed* (its other changes are listed too), a code only in
the new catalogue is *added*, one only in the old is *removed*. Every field that differs is
listed as old and new value, in the form the YAML file writes them. Units, domains, rules
and the catalogue's settings are compared the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .model import Catalogue, Indicator
from .serialize import catalogue_to_dict, indicator_to_dict

# shown by the listing, not compared: where it sits is compared through "parent"
_NOT_COMPARED = ("code", "data_items", "children", "replaces")


@dataclass
class FieldChange:
    field: str
    old: Any
    new: Any

    def to_json(self) -> dict[str, Any]:
        return {"field": self.field, "old": self.old, "new": self.new}


@dataclass
class Change:
    """One indicator, data item, unit, domain or rule that differs."""

    kind: str  # indicator | data_item | unit | domain | rule | setting
    code: str
    status: str  # added | removed | renamed | changed
    old_code: str | None = None  # renamed: the code it replaces
    name: str = ""
    fields: list[FieldChange] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = {"kind": self.kind, "code": self.code, "status": self.status, "name": self.name,
                "fields": [f.to_json() for f in self.fields]}
        if self.old_code:
            data["old_code"] = self.old_code
        return data


@dataclass
class CatalogueDiff:
    old: Catalogue
    new: Catalogue
    changes: list[Change]

    def of(self, status: str, kind: str | None = None) -> list[Change]:
        return [c for c in self.changes if c.status == status and kind in (None, c.kind)]

    def to_json(self) -> dict[str, Any]:
        def ident(c: Catalogue) -> dict[str, Any]:
            return {"id": c.id, "version": c.version, "sha256": c.sha256, "years": list(c.years)}

        return {"old": ident(self.old), "new": ident(self.new),
                "summary": {s: len(self.of(s)) for s in ("added", "removed", "renamed",
                                                         "changed")},
                "changes": [c.to_json() for c in self.changes]}


def diff_catalogues(old: Catalogue, new: Catalogue) -> CatalogueDiff:
    changes: list[Change] = []
    changes += _settings(old, new)
    changes += _keyed("unit", _units(old), _units(new))
    changes += _keyed("domain", _domains(old), _domains(new))
    changes += _indicators(old, new)
    changes += _keyed("rule", _rules(old), _rules(new))
    return CatalogueDiff(old, new, changes)


# --- the parts ------------------------------------------------------------------------------
def _settings(old: Catalogue, new: Catalogue) -> list[Change]:
    a, b = catalogue_to_dict(old), catalogue_to_dict(new)
    fields = [FieldChange(k, a[k], b[k]) for k in ("id", "version", "title", "title_en", "years")
              if a[k] != b[k]]
    return [Change("setting", new.id, "changed", fields=fields)] if fields else []


def _units(c: Catalogue) -> dict[str, dict[str, Any]]:
    return {u.code: {"name": u.name.zh, "name_en": u.name.en, "kind": u.kind} for u in c.units}


def _domains(c: Catalogue) -> dict[str, dict[str, Any]]:
    return {d.code: {"name": d.name.zh, "name_en": d.name.en, "weight": d.weight}
            for d in c.domains}


def _rules(c: Catalogue) -> dict[str, dict[str, Any]]:
    return {r["id"]: {k: v for k, v in r.items() if k != "id"}
            for r in catalogue_to_dict(c)["rules"]}


def _keyed(kind: str, old: dict[str, dict[str, Any]], new: dict[str, dict[str, Any]]
           ) -> list[Change]:
    out = []
    for code, fields in new.items():
        name = str(fields.get("name", ""))
        if code not in old:
            out.append(Change(kind, code, "added", name=name))
        else:
            changed = _fields(old[code], fields)
            if changed:
                out.append(Change(kind, code, "changed", name=name, fields=changed))
    out += [Change(kind, code, "removed", name=str(f.get("name", "")))
            for code, f in old.items() if code not in new]
    return out


def _described(ind: Indicator) -> dict[str, Any]:
    data = indicator_to_dict(ind)
    data.pop("indicator", None)
    data["parent"] = ind.parent
    data["domain"] = ind.domain
    return {k: v for k, v in data.items() if k not in _NOT_COMPARED}


def _indicators(old: Catalogue, new: Catalogue) -> list[Change]:
    before = {i.code: i for i in old.walk()}
    out = []
    matched: set[str] = set()
    for ind in new.walk():
        kind = "data_item" if ind.is_data_item else "indicator"
        if ind.code in before:
            source, status = before[ind.code], "changed"
        elif ind.replaces and ind.replaces in before:
            source, status = before[ind.replaces], "renamed"
        else:
            out.append(Change(kind, ind.code, "added", name=ind.name.zh))
            continue
        matched.add(source.code)
        changed = _fields(_described(source), _described(ind))
        if status == "renamed" or changed:
            out.append(Change(kind, ind.code, status, old_code=source.code
                              if status == "renamed" else None, name=ind.name.zh,
                              fields=changed))
    out += [Change("data_item" if i.is_data_item else "indicator", code, "removed",
                   name=i.name.zh) for code, i in before.items() if code not in matched]
    return out


def _fields(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    keys = list(dict.fromkeys([*new, *old]))
    return [FieldChange(k, old.get(k), new.get(k)) for k in keys if old.get(k) != new.get(k)]
