"""One open submission as the entry window sees it — without any Qt.

The window's models are thin adapters over this: rows as display strings, per-domain progress,
problems, the score, and edits that go straight to the store (validated, committed, audited).
Input with an error is kept here as *pending* (shown in red, never stored) until the clerk
fixes or cancels it.
"""

from __future__ import annotations

from typing import NamedTuple

from .assessment import Assessment
from .catalogue.indicator_types import indicator_type
from .catalogue.model import Catalogue, Domain, Indicator
from .messages import msg
from .scoring import ScoreReport
from .store import Store, Submission, ValueRejected
from .store.workflow import EDITABLE, LABELS
from .validation import Entry, Problem, check_field

OK, ERROR, WARNING, MISSING, NOT_APPLICABLE = "ok", "error", "warning", "missing", "na"


class RowView(NamedTuple):
    """Everything one row of the entry grid shows, already formatted."""

    code: str
    name: str
    definition: str
    unit: str
    value: str  # as shown (formatted value, 不适用, or the pending raw text)
    edit_text: str  # what the editor starts with
    last_year: str
    change: str
    target: str
    attainment: str
    status: str  # ok | error | warning | missing | na | empty
    messages: list[str]
    comment: str
    na: bool
    calculated: bool
    editable: bool
    allow_na: bool
    choices: list[str]  # the drop-down's entries (empty: typed)


class Blocker(NamedTuple):
    """One thing that stops "checked", on the cell where the clerk fixes it."""

    code: str  # a value the clerk enters (a calculated cell names its inputs instead)
    name: str
    reason: str
    severity: str  # error | warning | missing
    column: str  # "value" or "comment": where the fix is typed


class EditResult(NamedTuple):
    accepted: bool
    changed: bool
    problems: list[Problem]


class DomainProgress(NamedTuple):
    filled: int
    total: int
    errors: int
    warnings: int


class EntrySession:
    def __init__(self, store: Store, submission: Submission, lang: str = "zh"):
        self.store = store
        self.submission = submission
        self.lang = lang
        self.catalogue: Catalogue = store.catalogue(submission.catalogue_sha256)
        self.previous = store.previous_values(submission)
        self.pending: dict[str, tuple[str, list[Problem]]] = {}
        self.reload()

    # --- state --------------------------------------------------------------------------
    def reload(self) -> None:
        self.submission = self.store.submission(self.submission.unit.code, self.submission.year)
        self.entries: dict[str, Entry] = self.store.entries(self.submission)
        # last year's values are read once per session: nothing here can change them
        self.assessment: Assessment = self.store.assess(self.submission, self.previous,
                                                        self.entries)

    @property
    def kind(self) -> str:
        """The unit's scope (:attr:`Unit.scope`): what decides the indicators it is shown."""
        return self.submission.unit.scope

    @property
    def editable(self) -> bool:
        return self.submission.state in EDITABLE

    @property
    def state_label(self) -> str:
        return LABELS[self.submission.state].get(self.lang)

    @property
    def demo(self) -> bool:
        return self.store.is_demo

    @property
    def score(self) -> ScoreReport:
        return self.assessment.score

    def domains(self) -> list[Domain]:
        return [d for d in self.catalogue.domains
                if any(i.applies(self.kind) for i in d.indicators)]

    def leaves(self, domain_code: str) -> list[Indicator]:
        return [i for i in self.catalogue.leaves(self.kind) if i.domain == domain_code]

    def problems(self) -> list[Problem]:
        """Every problem of the submission, typed-but-rejected input first."""
        pending = [p for _, problems in self.pending.values() for p in problems]
        return pending + self.assessment.check.problems

    def progress(self, domain_code: str | None = None) -> DomainProgress:
        leaves = [i for i in self.catalogue.leaves(self.kind)
                  if not i.is_calculated and (domain_code is None or i.domain == domain_code)]
        codes = {i.code for i in leaves}
        given = set(self.assessment.check.values) | self.assessment.check.na
        problems = [p for p in self.problems() if p.code in codes or (
            domain_code and self.catalogue.index.get(p.code) is not None
            and self.catalogue.index[p.code].domain == domain_code)]
        return DomainProgress(
            filled=sum(1 for c in codes if c in given), total=len(codes),
            errors=sum(1 for p in problems if p.is_error and p.rule != "required"),
            warnings=sum(1 for p in problems if not p.is_error and not p.commented))

    def blockers(self) -> list[Blocker]:
        """Everything that stops "checked" now, in the catalogue's order: rejected input,
        errors, warnings without a comment and missing values. A problem of a calculated
        indicator is listed on the values it is computed from (that is where it is fixed)."""
        lang, index = self.lang, self.catalogue.index
        found: dict[tuple[str, str], Blocker] = {}

        def add(code: str, reason: str, severity: str, column: str = "value") -> None:
            ind = index.get(code)
            if ind is None:
                return
            if ind.is_calculated:
                via = msg("session.via_formula", code=code, name=ind.name.get(lang),
                          reason=reason).render(lang) if index[code].formula else reason
                for source in self.inputs_of(code):
                    add(source, via, severity)
                return
            found.setdefault((code, reason), Blocker(code, ind.name.get(lang), reason,
                                                     severity, column))

        for code, (_, problems) in self.pending.items():
            for p in problems:
                add(code, p.message.render(lang), "error")
        for p in self.assessment.check.problems:
            if p.rule == "required" or not p.is_open:
                continue
            add(p.code, p.message.render(lang), p.severity,
                "value" if p.is_error else "comment")
        missing = msg("session.missing").render(lang)
        given = set(self.assessment.check.values) | self.assessment.check.na
        for code in self.score.missing:
            for source in self.inputs_of(code):  # a calculated value: its empty inputs
                if source not in self.pending and source not in given:
                    add(source, missing, MISSING)
        order = {i.code: n for n, i in enumerate(self.catalogue.leaves(self.kind))}
        return sorted(found.values(), key=lambda b: (order.get(b.code, len(order)),
                                                     b.severity != ERROR))

    def inputs_of(self, code: str) -> list[str]:
        """The entered values a calculated indicator is computed from (through other
        calculated ones), in formula order."""
        ind = self.catalogue.index[code]
        if ind.formula is None:
            return [code]
        inputs: list[str] = []
        for name in ind.formula.names:
            for source in (self.inputs_of(name) if name in self.catalogue.index else []):
                if source not in inputs:
                    inputs.append(source)
        return inputs

    # --- rows -----------------------------------------------------------------------------
    def row(self, code: str) -> RowView:
        ind = self.catalogue.index[code]
        lang = self.lang
        entry = self.entries.get(code, Entry())
        check = self.assessment.check
        value = check.values.get(code)
        leaf = self.score.leaves.get(code)
        problems = [p for p in check.problems if p.code == code]
        pending = self.pending.get(code)
        if pending:  # what is typed is not a value yet: no figures computed from it
            shown, edit_text, problems = pending[0], pending[0], pending[1] + problems
            value, leaf = None, None
        elif code in check.na:
            shown, edit_text = ("不适用" if lang == "zh" else "N/A"), ""
        else:
            shown = self._display(ind, value)
            edit_text = "" if entry.raw is None else str(entry.raw)
            if ind.is_calculated:
                edit_text = shown
        status = self._status(code, problems, value)
        last = self.previous.get(code)
        return RowView(
            code=code, name=ind.name.get(lang),
            definition=ind.definition.get(lang) if ind.definition else "",
            unit=ind.unit.get(lang) if ind.unit else "", value=shown, edit_text=edit_text,
            last_year=self._display(ind, last), change=self._change(ind, value, last),
            target=self._target(ind), attainment=(
                "" if leaf is None or leaf.attainment is None else f"{leaf.attainment:.0%}"),
            status=status, messages=[p.message.render(lang) for p in problems],
            comment=entry.comment, na=code in check.na, calculated=ind.is_calculated,
            editable=self.editable and not ind.is_calculated, allow_na=ind.allow_na,
            choices=indicator_type(ind.type).options(ind, lang))

    def _display(self, ind: Indicator, value: object) -> str:
        if value is None:
            return ""
        return indicator_type(ind.type).display(value, ind, self.lang)

    def _change(self, ind: Indicator, value: object, last: object) -> str:
        if not isinstance(value, float) or not isinstance(last, int | float) or isinstance(
                last, bool):
            return ""
        diff = value - last
        return f"{diff:+.{ind.decimals or 0}f}"

    def _target(self, ind: Indicator) -> str:
        if not ind.is_scored:
            return ""
        return indicator_type(ind.type).target_text(ind, self.lang)

    def _status(self, code: str, problems: list[Problem], value: object) -> str:
        if any(p.is_error and p.rule != "required" for p in problems):
            return ERROR
        if any(not p.is_error and not p.commented for p in problems):
            return WARNING
        if code in self.assessment.check.na:
            return NOT_APPLICABLE
        if value is None:
            return MISSING
        return OK

    # --- edits ----------------------------------------------------------------------------
    def validate(self, code: str, raw: str) -> list[Problem]:
        """Check typed text without storing it (live feedback while typing)."""
        ind = self.catalogue.index[code]
        entry = self.entries.get(code, Entry())
        result = check_field(ind, Entry(raw, entry.comment, False), self.previous.get(code))
        return [p for p in result.problems if p.is_error]

    def apply(self, code: str, entry: Entry, reason: str | None = None) -> EditResult:
        """Store ``entry`` for ``code`` (one audited transaction) or keep it pending."""
        try:
            changed = self.store.set_value(self.submission, code, entry.raw, entry.comment,
                                           entry.na, reason=reason)
        except ValueRejected as exc:
            if not entry.na:
                self.pending[code] = ("" if entry.raw is None else str(entry.raw),
                                      exc.problems)
            return EditResult(False, False, exc.problems)
        self.pending.pop(code, None)
        self.reload()
        return EditResult(True, changed, [])

    def cancel_pending(self, code: str) -> None:
        self.pending.pop(code, None)

    def entry(self, code: str) -> Entry:
        return self.entries.get(code, Entry())
