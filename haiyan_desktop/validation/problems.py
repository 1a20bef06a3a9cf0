"""What a check finds: one :class:`Problem` per failed check, in both languages."""

from __future__ import annotations

from typing import Any, NamedTuple

from ..messages import Message

ERROR, WARNING = "error", "warning"


class Problem(NamedTuple):
    code: str  # indicator code the clerk should look at
    rule: str  # built-in check name (required, min, max, ...) or a cross-field rule id
    severity: str  # error | warning
    value: str | None  # the value as entered or computed, for the message and the report
    message: Message
    commented: bool = False  # a warning is accepted only once the clerk has commented on it

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def is_open(self) -> bool:
        """Blocks the submission: an error, or a warning nobody has explained yet."""
        return self.is_error or not self.commented

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "rule": self.rule, "severity": self.severity,
                                "value": self.value, "message": self.message.render(lang)}
        if self.severity == WARNING:
            data["commented"] = self.commented
        return data
