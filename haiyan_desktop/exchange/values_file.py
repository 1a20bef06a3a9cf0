"""Read a values file (CSV or .xlsx) into entries: columns code, value, comment[, na].

Headers may be English or Chinese (指标代码, 数值, 备注, 不适用); extra columns are ignored.
CSV may be UTF-8 (with or without BOM) or GB18030, which Excel in China writes. A cell
formatted as a percentage in Excel (0.9832 shown as 98.32%) is read as 98.32.
"""

from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ..messages import msg
from ..validation.engine import Entry
from ..validation.problems import ERROR, Problem
from .errors import ValuesFileError

HEADERS = {
    "code": ("code", "指标代码", "代码", "指标编码", "编码"),
    "value": ("value", "数值", "值", "填报值", "本年数值", "本年度数值"),
    "comment": ("comment", "备注", "说明"),
    "na": ("na", "不适用", "not applicable"),
}
NA_WORDS = frozenset({"不适用", "n/a", "na", "not applicable"})
TRUE_WORDS = frozenset({"是", "1", "true", "yes", "y", "√", "✓", "x", "不适用"})
HEADER_SEARCH_ROWS = 10


@dataclass(frozen=True)
class ValueRow:
    row: int  # 1-based row in the file (sheet name in ``sheet`` for .xlsx)
    code: str
    value: object
    comment: str
    na: bool
    sheet: str = ""


def _fold(text: object) -> str:
    return unicodedata.normalize("NFKC", str(text or "")).strip().casefold()


def _header_map(row: list[object]) -> dict[str, int] | None:
    folded = [_fold(c) for c in row]
    columns: dict[str, int] = {}
    for key, names in HEADERS.items():
        for i, cell in enumerate(folded):
            if cell in names or any(cell.startswith(n + "(") or cell.startswith(n + "（")
                                    for n in names):
                columns.setdefault(key, i)
    return columns if "code" in columns and "value" in columns else None


def _rows_to_values(rows: list[tuple[int, list[object]]], sheet: str) -> list[ValueRow] | None:
    header: dict[str, int] | None = None
    out: list[ValueRow] = []
    for number, row in rows:
        if header is None:
            if number > HEADER_SEARCH_ROWS:
                return None
            header = _header_map(row)
            continue

        def cell(key: str, row: list[object] = row, header: dict[str, int] = header) -> object:
            i = header.get(key)
            return row[i] if i is not None and i < len(row) else None

        code = unicodedata.normalize("NFKC", str(cell("code") or "")).strip().upper()
        if not code:
            continue
        value = cell("value")
        na = _fold(cell("na")) in TRUE_WORDS
        if isinstance(value, str) and _fold(value) in NA_WORDS:
            na, value = True, None
        comment = str(cell("comment") or "").strip()
        out.append(ValueRow(number, code, value, comment, na, sheet))
    return out if header is not None else None


def read_values(path: str | Path) -> list[ValueRow]:
    """Every value row of a CSV or .xlsx file; raises :class:`ValuesFileError`."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path.read_bytes())
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raise ValuesFileError(msg("cli.bad_extension", suffix=suffix or path.name))


def _read_csv(data: bytes) -> list[ValueRow]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes nearly any byte string
        raise ValuesFileError(msg("cli.bad_encoding"))
    if "\x00" in text:
        raise ValuesFileError(msg("cli.bad_encoding"))
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = [(n, list(r)) for n, r in enumerate(reader, start=1)]
    except csv.Error as exc:
        raise ValuesFileError(msg("cli.values_unreadable", path="CSV", detail=str(exc))) from None
    values = _rows_to_values(rows, "")
    if values is None:
        raise ValuesFileError(msg("cli.no_code_column"))
    return values


def _read_xlsx(path: Path) -> list[ValueRow]:
    import openpyxl  # imported here: only needed for Excel files
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise ValuesFileError(msg("cli.bad_xlsx")) from None
    found: list[ValueRow] = []
    any_sheet = False
    try:
        for sheet in book.worksheets:
            rows = [(n, [_xlsx_cell(c) for c in row])
                    for n, row in enumerate(sheet.iter_rows(), start=1)]
            values = _rows_to_values(rows, sheet.title)
            if values is not None:
                any_sheet = True
                found.extend(values)
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise ValuesFileError(msg("cli.bad_xlsx")) from None
    finally:
        book.close()
    if not any_sheet:
        raise ValuesFileError(msg("cli.no_code_column"))
    return found


def _xlsx_cell(cell: object) -> object:
    value = getattr(cell, "value", None)
    fmt = getattr(cell, "number_format", "") or ""
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in fmt:
        return str((Decimal(repr(value)) * 100).normalize())
    return value


def rows_to_entries(rows: list[ValueRow]) -> tuple[dict[str, Entry], list[Problem]]:
    """Entries by code; a code given twice is an error and neither row is used."""
    by_code: dict[str, list[ValueRow]] = {}
    for row in rows:
        by_code.setdefault(row.code, []).append(row)
    entries: dict[str, Entry] = {}
    problems: list[Problem] = []
    for code, found in by_code.items():
        if len(found) > 1:
            lines = ", ".join(f"{r.sheet + '!' if r.sheet else ''}{r.row}" for r in found)
            problems.append(Problem(code, "duplicate_row", ERROR, None,
                                    msg("check.duplicate_row", code=code, lines=lines)))
            continue
        row = found[0]
        entries[code] = Entry(row.value, row.comment, row.na)
    return entries, problems
