"""`haiyan-desktop county ...`: the county desk (receiving reports, status, comparison).

Each subcommand gathers its options, calls one job of haiyan_desktop/jobs, prints.
New county subcommands register in :func:`add_county_commands`, one block each.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from .cli_common import (
    EXIT_FAILED,
    EXIT_OK,
    folder,
    json_option,
    passphrase_option,
    print_json,
    year_option,
)
from .messages import MESSAGES, render


def add_county_commands(commands: Any, common: argparse.ArgumentParser,
                        parser_class: type) -> None:
    county = commands.add_parser("county", parents=[common],
                                 help="县级汇总 / the county desk")
    county_commands = county.add_subparsers(dest="county_command", required=True,
                                            parser_class=parser_class)
    # --- receiving reports (county/receive.py, county/status.py) ---
    imp = county_commands.add_parser("import", parents=[common],
                                     help="接收并核验镇（街道）报告 / receive and verify "
                                          "the units' signed reports")
    imp.add_argument("paths", nargs="+", metavar="PATH",
                     help="PDF 文件或文件夹（含子文件夹）/ PDF files or folders (searched "
                          "recursively)")
    json_option(imp)
    imp.set_defaults(handler=cmd_county_import)
    status = county_commands.add_parser("status", parents=[common],
                                        help="各单位报告的接收情况 / which reports have "
                                             "arrived")
    year_option(status)
    json_option(status)
    status.set_defaults(handler=cmd_county_status)
    # --- (the statistics' subcommands go below, one block each) ---
    # --- comparison and equalization (county/equalization.py) ---
    compare = county_commands.add_parser("compare", parents=[common],
                                         help="各单位比较与均等化指标 / compare the units: "
                                              "ranking, dispersion, Theil index, weak "
                                              "indicators")
    year_option(compare)
    json_option(compare)
    compare.set_defaults(handler=cmd_county_compare)
    # --- the year's tables in Excel (county/workbook.py) ---
    export = county_commands.add_parser("export", parents=[common],
                                        help="导出年度汇总表（Excel）/ the year's tables as an "
                                             "Excel workbook")
    year_option(export)
    export.add_argument("-o", "--output", required=True, metavar="F.xlsx",
                        help="输出 .xlsx / output file")
    json_option(export)
    export.set_defaults(handler=cmd_county_export)
    # --- the summary report (county/summary.py, jobs/summary.py) ---
    report = county_commands.add_parser("report", parents=[common],
                                        help="县级汇总报告（PDF）/ the county summary report "
                                             "(PDF)")
    year_option(report)
    report.add_argument("-o", "--output", required=True, metavar="F.pdf",
                        help="输出 .pdf / output file")
    report.add_argument("--sign", action="store_true",
                        help="由县评估办公室签名 / signed by the county assessment office")
    report.add_argument("--p12", metavar="FILE.p12",
                        help="县评估办公室的证书 / the county office's certificate")
    passphrase_option(report)
    json_option(report)
    report.set_defaults(handler=cmd_county_report)


# --- receiving reports ------------------------------------------------------------------------
def cmd_county_import(args: argparse.Namespace) -> int:
    from .jobs import county

    lang = args.lang

    def line(done: int, total: int, path: Any, outcome: Any) -> None:
        print(_outcome_line(outcome, lang), flush=True)

    result = county.import_reports(folder(args), args.paths,
                                   progress=None if args.json else line)
    if args.json:
        print_json(result.to_json(lang))
    else:
        print(render("county.summary", lang, total=len(result.files),
                     accepted=result.accepted, superseded=result.count("superseded"),
                     quarantined=result.quarantined, duplicates=result.count("duplicate"),
                     skipped=result.skipped, seconds=f"{result.seconds:.1f}"))
    return EXIT_FAILED if result.quarantined else EXIT_OK


def _outcome_line(outcome: Any, lang: str) -> str:
    """One file's outcome: 已接收：F（武原街道 2019 年度） / quarantined: F [reason] why."""
    what = ""
    if outcome.outcome == "quarantined":
        what = f"  [{outcome.reason}] {outcome.message.render(lang)}"
    elif outcome.unit_code is not None and outcome.year is not None:
        name = outcome.unit_name.get(lang) if outcome.unit_name else outcome.unit_code
        what = render("county.line_unit", lang, unit=name, year=outcome.year)
        if outcome.outcome == "duplicate" and outcome.message is not None:
            what += "  " + outcome.message.render(lang)
    return render(f"county.line.{outcome.outcome}", lang, name=str(outcome.path), what=what)


def cmd_county_status(args: argparse.Namespace) -> int:
    from .jobs import county

    lang = args.lang
    status = county.county_status(folder(args), args.year)
    if args.json:
        print_json(status.to_json(lang))
        return EXIT_OK
    cat = status.catalogue
    print(render("county.status_title", lang, year=status.year,
                 catalogue=f"{cat['id']} {cat['version']}"))
    for unit in status.units:
        state = render(f"county.state.{unit.state}", lang)
        print(f"  {unit.code:<14} {unit.name.get(lang)}  {state}")
        if unit.report is not None:
            report = unit.report
            signed = report.signed_at.astimezone().strftime("%Y-%m-%d %H:%M") \
                if report.signed_at else "—"
            signers = "、".join(s.name for s in report.signers)
            print(f"      {report.file_name}  {signed}  {signers}  {report.sha256[:16]}")
        if unit.superseded:
            print("      " + render("county.status_superseded", lang,
                                   count=len(unit.superseded)))
        if unit.state != "accepted":
            for entry in unit.quarantined:
                print(f"      {entry.file_name}  [{entry.reason}] {entry.message.get(lang)}")
    if status.unassigned:
        print(render("county.status_unassigned", lang, count=len(status.unassigned)))
        for entry in status.unassigned:
            unit = entry.unit_code or "—"
            year = "" if entry.year is not None else \
                f" ({render('county.status_year_unknown', lang)})"
            print(f"      {entry.file_name}  {unit}{year}  [{entry.reason}] "
                  f"{entry.message.get(lang)}")
    print(render("county.status_summary", lang, units=len(status.units),
                 accepted=status.count("accepted"), quarantined=status.count("quarantined"),
                 missing=status.count("missing")))
    return EXIT_OK


# --- the summary report (county/summary.py, jobs/summary.py) ----------------------------------
def cmd_county_report(args: argparse.Namespace) -> int:
    from .cli_common import read_passphrase
    from .errors import HaiyanError
    from .jobs import signing, summary
    from .messages import msg

    lang = args.lang
    if args.sign and not args.p12:
        raise HaiyanError(msg("summary.sign_needs_p12"))
    if args.p12 and not args.sign:
        raise HaiyanError(msg("summary.p12_without_sign"))
    credential = None
    if args.sign:
        what = render("pki.what_p12", lang, path=str(args.p12))
        credential = signing.load_credential(
            args.p12, read_passphrase(args.passphrase_file, what, lang, "--passphrase-file"))
    result = summary.county_report(folder(args), args.year, args.output, lang=lang,
                                   credential=credential)
    if args.json:
        print_json(result.to_json())
        return EXIT_OK
    print(render("summary.done", lang, path=str(result.path), pages=result.pages,
                 units=result.units, fingerprint=result.fingerprint[:16]))
    if result.signature is not None:
        from .signing import ROLE_LABELS

        who = result.signature
        print(render("summary.done_signed", lang, role=ROLE_LABELS[who.role], name=who.name,
                     time=f"{who.signed_at.astimezone():%Y-%m-%d %H:%M}"))
    return EXIT_OK


# --- comparison and equalization (county/equalization.py, jobs/equalization.py) ---------------
WEAK_SHOWN = 5  # weak indicators a unit's text shows (the largest gaps); --json has all


def cmd_county_compare(args: argparse.Namespace) -> int:
    from .county.equalization import collector_paused

    # One pause for reading, comparing and writing: a province's reports and result are
    # some million objects, none in a cycle. Ending a pause makes the collector scan all
    # that is still alive, so it ends once, when only the text is left.
    with collector_paused():
        text = _comparison_text(args)
    print(text)
    return EXIT_OK


def _comparison_text(args: argparse.Namespace) -> str:
    """The comparison of ``args.year`` as the command prints it (JSON or text)."""
    from .jobs.equalization import compare_year

    result = compare_year(folder(args), args.year)
    if args.json:
        return json_text(result.to_json())
    return "\n".join(comparison_lines(result, args.lang))


def cmd_county_export(args: argparse.Namespace) -> int:
    from .jobs.equalization import export_year

    info = export_year(folder(args), args.year, args.output)
    if args.json:
        print_json(info.to_json())
    else:
        print(render("cxlsx.done", args.lang, year=info.year, path=str(info.path),
                     sheets=len(info.sheets), units=info.units))
    return EXIT_OK


_ENCODER = json.JSONEncoder(ensure_ascii=False)  # one for all the pieces of json_text


def json_text(data: Any, depth: int = 0) -> str:
    """``data`` as JSON text, as print_json writes it but laid out by hand: a key or a list
    entry a line, dictionaries two levels deep and lists three, anything deeper compact.
    The pieces come from json's C encoder; ``indent=`` would take its pure-Python one, ten
    times slower on a province's comparison (megabytes of figures)."""
    dumps = _ENCODER.encode
    if (isinstance(data, dict) and data and depth < 2
            and all(isinstance(key, str) for key in data)):
        pad, inner, ends = "  " * depth, "  " * (depth + 1), "{}"
        entries = [f"{inner}{dumps(k)}: {json_text(v, depth + 1)}" for k, v in data.items()]
    elif isinstance(data, list) and data and depth < 3:
        pad, inner, ends = "  " * depth, "  " * (depth + 1), "[]"
        entries = [inner + dumps(v) for v in data]
    else:
        return dumps(data)
    return f"{ends[0]}\n" + ",\n".join(entries) + f"\n{pad}{ends[1]}"


def _width(text: str) -> int:
    import unicodedata

    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(rows: list[list[str]], right: set[int]) -> list[str]:
    """Rows of cells as aligned lines (Chinese characters count double); columns in
    ``right`` are right-aligned, the last column is never padded."""
    measured = [[_width(cell) for cell in row] for row in rows]  # each cell measured once
    widths = [max(m[c] for m in measured if c < len(m)) for c in range(len(rows[0]))]
    lines = []
    for row, sizes in zip(rows, measured, strict=True):
        cells = []
        for c, cell in enumerate(row):
            gap = " " * (widths[c] - sizes[c]) if c < len(row) - 1 or c in right else ""
            cells.append(gap + cell if c in right else cell + gap)
        lines.append("  " + "  ".join(cells).rstrip())
    return lines


def _fixed(value: float | None, digits: int = 2) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.2f}%"


def _plain(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return "—" if value is None else str(value)
    if isinstance(value, int | float):
        return f"{value:.2f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:g}"
    return str(value)


def _template(key: str, lang: str) -> str:
    """The sentence ``key`` in ``lang`` with its parameters unfilled: ``.format`` of it is
    what :func:`render` gives for plain-text parameters."""
    zh, en = MESSAGES[key]
    return en if lang == "en" else zh


def comparison_lines(result: Any, lang: str) -> list[str]:
    """``county compare`` as text: ranking, Theil index, the most unequal indicators, weak
    indicators, the change against last year, county-level figures, departments."""
    def t(key: str, **params: Any) -> str:
        return render(key, lang, **params)

    def name(item: Any) -> str:
        return item.name.get(lang)

    domains = [d.code for d in result.domains]
    out = [t("equal.heading", year=result.year, n=len(result.units)),
           t("equal.catalogue", id=result.catalogue["id"],
             version=result.catalogue["version"])]
    if result.other_catalogue:
        out.append(t("equal.other_catalogue", units=", ".join(result.other_catalogue)))
    sep = "，" if lang == "zh" else ", "
    out.append(t("equal.domains_legend",
                 legend=sep.join(f"{d.code} {name(d)}" for d in result.domains)))

    out += ["", t("equal.section.ranking")]
    rows = [[t("equal.col.rank"), t("equal.col.unit"), t("equal.col.overall"), *domains]]
    rows += [[str(u.rank), name(u), _fixed(u.overall),
              *(_fixed(u.domains.get(c)) for c in domains)] for u in result.units]
    for key, attr in (("equal.mean", "mean"), ("equal.median", "median")):
        rows.append(["", t(key), _fixed(getattr(result.overall, attr)),
                     *(_fixed(getattr(result.domain_stats[c], attr)) for c in domains)])
    out += _table(rows, right={0, 2, *range(3, 3 + len(domains))})

    out += ["", t("equal.section.theil")]
    rows = [[t("equal.col.measure"), t("equal.col.total"), t("equal.col.between"),
             t("equal.col.within"), t("equal.col.between_share")]]
    labels = {d.code: f"{d.code} {name(d)}" for d in result.domains}
    for theil in result.theil:
        share = (None if not theil.total or theil.between is None
                 else theil.between / theil.total)
        rows.append([labels.get(theil.measure, t("equal.overall")), _fixed(theil.total, 6),
                     _fixed(theil.between, 6), _fixed(theil.within, 6), _percent(share)])
    out += _table(rows, right={1, 2, 3, 4})

    unequal = result.most_unequal(10)
    out += ["", t("equal.section.cv", count=len(unequal))]
    rows = [[t("equal.col.code"), t("equal.col.mean"), t("equal.col.range"), t("equal.col.sd"),
             t("equal.col.cv"), t("equal.col.ratio"), t("equal.col.below"),
             t("equal.col.indicator")]]
    for ind in unequal:
        s = ind.stats
        unit = f" ({ind.unit.get(lang)})" if ind.unit and ind.basis == "value" else ""
        basis = t("equal.on_attainment") if ind.basis == "attainment" else ""
        rows.append([ind.code, _fixed(s.mean), f"{_fixed(s.min)}–{_fixed(s.max)}",
                     _fixed(s.sd), _fixed(s.cv, 4), _fixed(s.max_min_ratio),
                     f"{ind.below_target}/{s.n}", f"{name(ind)}{unit}{basis}"])
    out += _table(rows, right={1, 2, 3, 4, 5, 6}) if unequal else [f"  {t('equal.none')}"]

    out += ["", t("equal.section.weak")]
    weak_item = _template("equal.weak_item", lang)  # thousands of lines: looked up once
    for unit in result.weak:
        items = [weak_item.format(code=w.code, name=name(w),
                                  attainment=_percent(w.attainment), mean=_percent(w.county_mean))
                 for w in unit.indicators[:WEAK_SHOWN]]  # (only those shown are written)
        out.append(f"  {name(unit)}：" if lang == "zh" else f"  {name(unit)}:")
        out += [f"    {item}" for item in items] or [f"    {t('equal.none')}"]
        if len(unit.indicators) > WEAK_SHOWN:
            out.append("    " + t("equal.weak_more", count=len(unit.indicators) - WEAK_SHOWN))

    if result.changes is not None:
        changes = result.changes
        out += ["", t("equal.section.change", year=changes.previous_year)]
        rows = [[t("equal.col.unit"), t("equal.col.overall"), t("equal.col.previous"),
                 t("equal.col.change"), t("equal.col.rank"), t("equal.col.previous_rank")]]
        for u in changes.units:
            mark = "*" if u.source == "report" else ""
            change = "—" if u.change is None else f"{u.change:+.2f}"
            rows.append([name(u), _fixed(u.overall), _fixed(u.previous) + mark, change,
                         str(u.rank), "—" if u.previous_rank is None else str(u.previous_rank)])
        out += _table(rows, right={1, 2, 3, 4, 5})
        if any(u.source == "report" for u in changes.units):
            out.append("  " + t("equal.from_own_report"))
        if changes.indicators:
            out.append("  " + t("equal.cv_change", more=changes.more_equal,
                                 less=changes.less_equal))
        for measure, now, before in changes.theil:
            if measure == "overall":
                out.append("  " + t("equal.theil_change", measure=t("equal.overall"),
                                     before=_fixed(before, 6), now=_fixed(now, 6)))

    out += ["", t("equal.section.county")]
    for f in result.county_figures:
        unit = f.unit.get(lang) if f.unit else ""
        value = f"{f.value:.2f}{unit if unit in ('%', '‰') else ' ' + unit if unit else ''}"
        mean = "—" if f.mean_of_units is None else f"{f.mean_of_units:.2f}"
        out.append("  " + t("equal.county_item", code=f.code, name=name(f), value=value,
                            target=_plain(f.target), attainment=_percent(f.attainment),
                            units=f.units, mean=mean))
    for n in result.not_formed:
        out.append("  " + t(f"equal.not_formed.{n.reason}", code=n.code, name=name(n)))
    if not result.county_figures and not result.not_formed:
        out.append(f"  {t('equal.none')}")

    out += ["", t("equal.section.departments")]
    for d in result.departments:
        key = "equal.department" if d.reported else "equal.department_missing"
        out.append("  " + t(key, name=name(d), score=_fixed(d.overall),
                            count=len(d.indicators)))
    if not result.departments:
        out.append(f"  {t('equal.none')}")
    return out
