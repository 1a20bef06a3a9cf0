"""What is wrong with a catalogue file: each problem with its place (no YAML needed here)."""

from __future__ import annotations

from typing import Any, NamedTuple

from ..errors import HaiyanError
from ..messages import Message, msg


class CatalogueProblem(NamedTuple):
    file: str
    line: int
    code: str | None
    field: str | None
    message: Message

    def render(self, lang: str = "zh") -> str:
        place = f"{self.file}:{self.line}"
        what = " ".join(p for p in (self.code, self.field) if p)
        return f"{place}: {what + ': ' if what else ''}{self.message.render(lang)}"

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "code": self.code, "field": self.field,
                "message": self.message.render(lang)}


class CatalogueError(HaiyanError):
    """The catalogue could not be loaded; ``problems`` lists every reason."""

    def __init__(self, problems: list[CatalogueProblem]):
        super().__init__(msg("cat.summary", count=len(problems)))
        self.problems = problems

    def lines(self, lang: str) -> list[str]:
        return [p.render(lang) for p in self.problems]
