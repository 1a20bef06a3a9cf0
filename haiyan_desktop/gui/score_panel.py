"""The score panel: overall realization degree and a bar per domain, updated live."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QProgressBar, QVBoxLayout, QWidget

from ..session import EntrySession


class ScorePanel:
    """Fills the form's ``overallScore`` label and ``scoreBars`` container."""

    def __init__(self, overall: QLabel, bars: QWidget):
        self.overall = overall
        self.bars = bars
        self.layout: QVBoxLayout = bars.layout()
        self._bars: dict[str, QProgressBar] = {}
        font = overall.font()
        font.setPointSizeF(font.pointSizeF() * 2)
        font.setBold(True)
        overall.setFont(font)

    def fill(self, session: EntrySession) -> None:
        for bar in self._bars.values():
            bar.deleteLater()
        self._bars.clear()
        for domain in session.domains():
            bar = QProgressBar(self.bars)
            bar.setRange(0, 10000)
            bar.setTextVisible(True)
            bar.setAccessibleName(domain.name.get(session.lang))
            self.layout.addWidget(bar)
            self._bars[domain.code] = bar
        self.update(session)

    def update(self, session: EntrySession) -> None:
        report = session.score
        self.overall.setText(f"{report.overall:.2f}")
        names = {d.code: d.name.get(session.lang) for d in session.domains()}
        for node in report.domains:
            bar = self._bars.get(node.code)
            if bar is None:
                continue
            score = node.score or 0.0
            bar.setValue(round(score * 100))
            shown = "—" if node.score is None else f"{score:.2f}"
            bar.setFormat(f"{self._fitted(bar, names[node.code], shown)}  {shown}")
            bar.setToolTip(f"{names[node.code]}  {shown}")

    def _fitted(self, bar: QProgressBar, name: str, shown: str) -> str:
        """Long (English) names are shortened to fit the bar; the tooltip has them whole."""
        metrics = bar.fontMetrics()
        room = max(bar.width(), self.bars.width(), 220) - metrics.horizontalAdvance(
            f"  {shown}") - 16
        if metrics.horizontalAdvance(name) <= room:
            return name  # the usual case, with no use of Qt's enums (see roles.py)
        from PySide6.QtCore import Qt

        return metrics.elidedText(name, Qt.TextElideMode.ElideRight, room)
