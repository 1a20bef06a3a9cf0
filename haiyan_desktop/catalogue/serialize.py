"""The catalogue as plain JSON-ready data, shaped like the YAML file (for --json and the PDF).

The data items are listed apart (``data_items``, each naming its indicator); an indicator lists
the codes of its own.
"""

from __future__ import annotations

from typing import Any

from ..messages import Bilingual
from .model import Catalogue, Indicator


def _pair(data: dict[str, Any], key: str, text: Bilingual | None) -> None:
    if text is not None:
        data[key], data[f"{key}_en"] = text.zh, text.en


def _keep(ind: Indicator, kind: str | None) -> bool:
    return kind is None or ind.applies(kind)


def indicator_to_dict(ind: Indicator, kind: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"code": ind.code}
    if ind.is_data_item:
        data["indicator"] = ind.parent  # the indicator it belongs to
    else:
        data["level"] = ind.level
    _pair(data, "name", ind.name)
    if not ind.is_data_item:
        data["weight"] = ind.weight
    _pair(data, "definition", ind.definition)
    if ind.children:
        data["children"] = [indicator_to_dict(c, kind) for c in ind.children if _keep(c, kind)]
    else:
        data["type"] = ind.type
        _pair(data, "unit", ind.unit)
        data.update(decimals=ind.decimals, required=ind.required, min=ind.min, max=ind.max,
                    expected_min=ind.expected_min, expected_max=ind.expected_max,
                    max_change=ind.max_change, target=ind.target, direction=ind.direction)
        if ind.direction == "threshold":
            data["compare"] = ind.compare
        if ind.choices:
            data["choices"] = [{"value": c.value, "label": c.label.zh, "label_en": c.label.en,
                                "score": c.score} for c in ind.choices]
        data["formula"] = ind.formula.text if ind.formula else None
        data["allow_na"] = ind.allow_na
        if ind.is_data_item:
            for key in ("target", "direction"):
                del data[key]
            data["aggregate"] = ind.aggregate
        else:
            data["data_items"] = [i.code for i in ind.data_items if _keep(i, kind)]
    data["applies_to"] = sorted(ind.applies_to)
    _pair(data, "source", ind.source)
    data["lead_unit"] = ind.lead
    _pair(data, "lead_unit_name", ind.lead_unit)
    data["replaces"] = ind.replaces
    return data


def catalogue_to_dict(catalogue: Catalogue, kind: str | None = None) -> dict[str, Any]:
    """The whole tree; with a unit kind, only the indicators that apply to that kind."""
    return {
        "id": catalogue.id,
        "version": catalogue.version,
        "sha256": catalogue.sha256,
        "title": catalogue.title.zh,
        "title_en": catalogue.title.en,
        "years": list(catalogue.years),
        "units": [{"code": u.code, "name": u.name.zh, "name_en": u.name.en, "kind": u.kind}
                  for u in catalogue.units],
        "counts": {"domains": len(catalogue.domains),
                   "first_level": catalogue.first_level_count,
                   "second_level": catalogue.second_level_count,
                   "data_items": catalogue.data_item_count},
        "domains": [
            {"code": d.code, "name": d.name.zh, "name_en": d.name.en, "weight": d.weight,
             "indicators": [indicator_to_dict(i, kind) for i in d.indicators if _keep(i, kind)]}
            for d in catalogue.domains
        ],
        # the 基础数据项 apart from the indicators: entered and checked, never counted or scored
        "data_items": [indicator_to_dict(i, kind) for i in catalogue.data_items()
                       if _keep(i, kind)],
        "rules": [
            {"id": r.id, "left": r.left.text, "operator": r.operator,
             "right": r.right.text if r.right else None, "severity": r.severity,
             "missing": r.missing, "message": r.message.zh, "message_en": r.message.en}
            for r in catalogue.rules
        ],
    }
