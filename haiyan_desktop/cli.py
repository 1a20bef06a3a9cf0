"""`haiyan-desktop` command line: each command gathers its options, calls one job, prints.

Exit status: 0 success; 1 the data or document failed a check; 2 usage, missing file or
unreadable input. Errors go to stderr as one sentence each, in the chosen language.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from . import __version__, jobs
from .cli_catalogue import add_catalogue_commands
from .cli_common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    folder,
    json_option,
    print_json,
    year_option,
)
from .cli_county import add_county_commands
from .cli_sign import add_signing_commands, passphrase_option, report_and_sign
from .errors import HaiyanError
from .jobs.assess import Assessment
from .jobs.folder import catalogue_file, catalogue_of_year, existing_file, unit_named
from .messages import DEFAULT_LANGUAGE, LANGUAGES, os_reason, render
from .store.workflow import LABELS

WINDOW_FLAGS = ("--smoke",)


class _Parser(argparse.ArgumentParser):
    lang = DEFAULT_LANGUAGE

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(render("cli.usage", self.lang, detail=message) + "\n")
        raise SystemExit(EXIT_USAGE)


def _global_options(parser: argparse.ArgumentParser, defaults: bool) -> None:
    default = None if defaults else argparse.SUPPRESS
    parser.add_argument("--data-dir", default=default, metavar="DIR",
                        help="数据目录 / data folder")
    parser.add_argument("--lang", choices=LANGUAGES, default=default,
                        help="界面语言 / language (zh, en)")
    parser.add_argument("--demo", action="store_true", default=False if defaults else default,
                        help="使用示例数据库 / use the demo database")
    parser.add_argument("--actor", default=default, metavar="NAME",
                        help="记录在审计中的填报人 / who is recorded in the audit trail")
    parser.add_argument("-v", "--verbose", action="store_true",
                        default=False if defaults else default,
                        help="同时把日志打印到标准错误 / also print the log on stderr")


def build_parser(lang: str = DEFAULT_LANGUAGE) -> argparse.ArgumentParser:
    _Parser.lang = lang
    parser = _Parser(prog="haiyan-desktop",
                     description="海盐县基本公共服务均等化实现度评估 / "
                                 "Haiyan equalization assessment")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _global_options(parser, defaults=True)
    common = _Parser(add_help=False)
    _global_options(common, defaults=False)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)

    add_catalogue_commands(commands, common, _Parser)

    check = commands.add_parser("check", parents=[common],
                                help="校验数值文件（不保存）/ "
                                     "validate a values file, store nothing")
    check.add_argument("file", help="CSV 或 XLSX：code, value, comment")
    year_option(check)
    check.add_argument("--unit", help="单位代码或名称 / unit code or name")
    check.add_argument("--catalogue", metavar="FILE", help="使用指定目录 / use this catalogue file")
    check.add_argument("--previous", metavar="FILE",
                       help="上年数值文件，用于变化幅度检查 / last year's values file")
    json_option(check)
    check.set_defaults(handler=cmd_check)
    _store_commands(commands, common)
    add_signing_commands(commands, common, _Parser)
    add_county_commands(commands, common, _Parser)
    return parser


def _unit_year(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--unit", required=True, help="单位代码或名称 / unit code or name")
    year_option(parser)


def _store_commands(commands: Any, common: argparse.ArgumentParser) -> None:
    def add(name: str, help_text: str, handler: Any, unit_year: bool = True
            ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, parents=[common], help=help_text)
        if unit_year:
            _unit_year(sub)
        sub.set_defaults(handler=handler)
        return sub

    status = add("status", "填报状态、进度与得分 / state, progress and score", cmd_status)
    json_option(status)
    add("mark-checked", "标记为已校验 / mark the submission checked", cmd_mark_checked)
    reopen = add("reopen", "重开已签名的填报 / reopen a signed submission", cmd_reopen)
    reopen.add_argument("--reason", required=True, help="重开原因 / why it is reopened")
    imp = add("import", "导入数值文件并保存 / validate and store a values file", cmd_import)
    imp.add_argument("file", help="CSV 或 XLSX")
    imp.add_argument("--catalogue", metavar="FILE", help="新建填报时使用的目录 / catalogue for "
                     "a new submission")
    exp = add("export", "导出数值或空白模板 / export values or a blank template", cmd_export)
    exp.add_argument("-o", "--output", required=True, help="输出 .xlsx 或 .csv / output file")
    exp.add_argument("--catalogue", metavar="FILE", help="新建填报时使用的目录 / catalogue for "
                     "a new submission")
    report = add("report", "生成 PDF 评估报告 / build the PDF assessment report", cmd_report)
    report.add_argument("-o", "--output", required=True, help="输出 .pdf / output file")
    report.add_argument("--clerk", metavar="NAME", help="填报人（默认：最后修改数据的人）/ "
                        "the clerk named in the report (default: who made the latest edit)")
    report.add_argument("--sign", metavar="FILE.p12", help="生成后立即用该证书签名 / sign it "
                        "with this certificate at once")
    passphrase_option(report)
    report_data = add("report-data", "显示报告附带的数据（JSON）/ print a report's attached "
                      "data (JSON)", cmd_report_data, unit_year=False)
    report_data.add_argument("file", help="haiyan-desktop report 生成的 PDF / a report PDF")
    add("demo", "生成示例数据 / fill the demo database", cmd_demo, unit_year=False)
    add("backup", "立即备份数据库 / back the database up now", cmd_backup, unit_year=False)
    diagnostics = add("diagnostics", "导出诊断信息（不含填报数据）/ export diagnostics for "
                      "support (no submitted data)", cmd_diagnostics, unit_year=False)
    diagnostics.add_argument("-o", "--output", metavar="FILE.zip",
                             help="输出文件（默认 haiyan-diagnostics-时间.zip）/ output file")
    diagnostics.add_argument("--trust", metavar="ROOT.pem",
                             help="也描述该根证书 / also describe this root certificate")
    restore = add("restore", "从备份恢复 / restore a backup", cmd_restore, unit_year=False)
    restore.add_argument("file", help="备份文件 / backup file")
    audit = commands.add_parser("audit", parents=[common], help="审计记录 / the audit trail")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True,
                                          parser_class=_Parser)
    verify = audit_commands.add_parser("verify", parents=[common],
                                       help="检查审计链是否被改动 / check the audit chain")
    _unit_year(verify)
    verify.set_defaults(handler=cmd_audit_verify)
    show = audit_commands.add_parser("show", parents=[common],
                                     help="显示审计记录 / list the audit rows")
    _unit_year(show)
    show.add_argument("--code", help="只看该指标 / only this indicator")
    show.set_defaults(handler=cmd_audit_show)


# --- commands -----------------------------------------------------------------------------
def cmd_check(args: argparse.Namespace) -> int:
    path = existing_file(args.file)
    previous = existing_file(args.previous) if args.previous else None
    catalogue = (catalogue_file(args.catalogue) if args.catalogue
                 else catalogue_of_year(args.year, folder(args)))
    unit = unit_named(catalogue, args.unit) if args.unit else None
    result = jobs.assess.check_values_file(catalogue, path, unit, previous)
    if args.json:
        print_json(assessment_json(result, args.lang))
    else:
        _print_assessment(result, args.lang)
    return EXIT_OK if result.check.passed else EXIT_FAILED


def assessment_json(result: Assessment, lang: str) -> dict[str, Any]:
    return {
        "passed": result.check.passed,
        "errors": [p.to_json(lang) for p in result.check.errors],
        "warnings": [p.to_json(lang) for p in result.check.warnings],
        "score": result.score.to_json(lang),
    }


def _print_assessment(result: Assessment, lang: str) -> None:
    checked = result.check
    for title_key, problems in (("cli.errors", checked.errors), ("cli.warnings", checked.warnings)):
        if not problems:
            continue
        print(render(title_key, lang) + ":")
        for p in problems:
            note = ""
            if not p.is_error and not p.commented:
                note = f" ({render('check.warning_needs_comment', lang)})"
            print(f"  {p.code} [{p.rule}] {p.message.render(lang)}{note}")
    report = result.score
    print(f"{render('cli.score', lang)}: {report.overall:.2f}")
    for domain in report.domains:
        shown = "—" if domain.score is None else f"{domain.score:.2f}"
        print(f"  {domain.code}  {domain.name.get(lang)}  {shown}")
    if report.missing:
        print(f"{render('cli.missing', lang)}: {', '.join(report.missing)}")
    if checked.passed:
        print(render("cli.check_passed", lang))
    else:
        print(render("cli.check_failed", lang, errors=len(checked.errors),
                     open_warnings=len(checked.open_warnings)), file=sys.stderr)


# --- store commands -----------------------------------------------------------------------
def cmd_status(args: argparse.Namespace) -> int:
    st = jobs.assess.status(folder(args), args.unit, args.year)
    lang, sub = args.lang, st.submission
    if args.json:
        print_json({"unit": sub.unit.code, "year": sub.year, "state": sub.state,
                    "demo": st.demo, "filled": st.filled, "total": st.total,
                    "errors": st.errors, "open_warnings": st.open_warnings,
                    "warnings": st.warnings, "missing": st.score.missing,
                    "score": st.score.to_json(lang)})
        return EXIT_OK
    title = render("status.title", lang, unit=sub.unit.name, year=sub.year)
    print(title + (" " + render("status.demo", lang) if st.demo else ""))
    print(f"{render('status.state', lang)}: {LABELS[sub.state].get(lang)}")
    print(f"{render('status.progress', lang)}: {st.filled} / {st.total}")
    print(render("status.problems", lang, errors=st.errors, open_warnings=st.open_warnings,
                 warnings=st.warnings, missing=len(st.score.missing)))
    print(f"{render('cli.score', lang)}: {st.score.overall:.2f}")
    for domain in st.score.domains:
        shown = "—" if domain.score is None else f"{domain.score:.2f}"
        print(f"  {domain.code}  {domain.name.get(lang)}  {shown}")
    return EXIT_OK


def cmd_mark_checked(args: argparse.Namespace) -> int:
    jobs.assess.mark_checked(folder(args), args.unit, args.year)
    print(render("store.marked_checked", args.lang))
    return EXIT_OK


def cmd_reopen(args: argparse.Namespace) -> int:
    moved = jobs.assess.reopen(folder(args), args.unit, args.year, args.reason)
    print(render("store.reopened", args.lang))
    for path in moved.superseded:
        print(render("report.superseded_file", args.lang, name=str(path)))
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    report = jobs.values.import_values(folder(args), args.unit, args.year, args.file,
                                       args.catalogue)
    outcome = report.outcome
    for code, problems in outcome.rejected.items():
        for p in problems:
            print(f"  {code} [{p.rule}] {p.message.render(args.lang)}")
    print(render("import.summary", args.lang, rows=report.total_rows, stored=len(outcome.stored),
                 unchanged=len(outcome.unchanged), rejected=len(outcome.rejected)))
    return EXIT_FAILED if outcome.rejected else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    out = jobs.values.export_values(folder(args), args.unit, args.year, args.output,
                                    args.lang, args.catalogue)
    print(render("export.done", args.lang, path=str(out)))
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    if args.sign:
        info = report_and_sign(args)
    else:
        info = jobs.report.build_report(folder(args), args.unit, args.year, args.output,
                                        lang=args.lang, clerk=args.clerk)
    print(render("report.done", args.lang, path=str(info.path), pages=info.pages,
                 fingerprint=info.fingerprint[:16]))
    return EXIT_OK


def cmd_report_data(args: argparse.Namespace) -> int:
    print_json(jobs.report.report_data(args.file))
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    built = jobs.data.build_demo(folder(args).path)
    print(render("store.demo_built", args.lang, units=built.units, years=built.years,
                 path=str(built.path)))
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    print(render("store.backup_done", args.lang, path=str(jobs.data.backup(folder(args)))))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    path = jobs.data.restore(folder(args), args.file)
    print(render("store.restored", args.lang, path=str(path), backup=str(args.file)))
    return EXIT_OK


def cmd_diagnostics(args: argparse.Namespace) -> int:
    from .jobs.diagnostics import default_diagnostics_name, write_diagnostics

    out = args.output or default_diagnostics_name()
    path = write_diagnostics(folder(args).path, out, trust_root=args.trust)
    print(render("diagnostics.done", args.lang, path=str(path)))
    return EXIT_OK


def cmd_audit_verify(args: argparse.Namespace) -> int:
    checked = jobs.data.verify_audit(folder(args), args.unit, args.year)
    if not checked.findings:
        print(render("audit.intact", args.lang, count=checked.rows))
        return EXIT_OK
    for finding in checked.findings:
        print(finding.message.render(args.lang))
    return EXIT_FAILED


def cmd_audit_show(args: argparse.Namespace) -> int:
    for r in jobs.data.history(folder(args), args.unit, args.year, args.code):
        change = f"{r['old_json'] or '—'} → {r['new_json'] or '—'}"
        reason = f"  ({r['reason']})" if r["reason"] else ""
        print(f"{r['seq']:>5}  {r['at']}  {r['actor']}  {r['action']}  {r['code'] or ''}  "
              f"{change}{reason}")
    return EXIT_OK


def cmd_start(args: argparse.Namespace) -> int:
    """No command: open the window (Qt is imported only here: the core stays Qt-free)."""
    from .gui.startup import pause_collection

    pause_collection()  # until the first paint (gui/startup.py)
    from .gui.app import main as window_main

    argv = []
    if args.data_dir:
        argv += ["--data-dir", args.data_dir]
    if args.lang_given:
        argv += ["--lang", args.lang]
    if args.demo:
        argv.append("--demo")
    if args.actor:
        argv += ["--actor", args.actor]
    if args.verbose:
        argv.append("--verbose")
    return window_main(argv + args.qt_args)


# --- entry point ------------------------------------------------------------------------------
def _language(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
    env = os.environ.get("HAIYAN_LANG", "")
    return env if env in LANGUAGES else DEFAULT_LANGUAGE


def window_options(argv: Sequence[str]) -> argparse.Namespace | None:
    """The options of a plain start of the window (global options, no command) as the
    parser would give them, else None: the window then opens without building the parser
    of every command first (12 ms of its start)."""
    options: dict[str, Any] = {"data_dir": None, "lang": None, "demo": False, "actor": None,
                               "verbose": False}
    rest = iter(argv)
    for arg in rest:
        name, given, value = arg.partition("=")
        if arg in ("--demo", "--verbose", "-v"):
            options["verbose" if arg != "--demo" else "demo"] = True
            continue
        if name not in ("--data-dir", "--lang", "--actor"):
            return None  # a command, --help, an abbreviation...: the parser decides
        if not given:
            value = next(rest, None)
            if value is None or value.startswith("-"):
                return None
        if name == "--lang" and value not in LANGUAGES:
            return None
        options[name[2:].replace("-", "_")] = value
    return argparse.Namespace(**options, command=None)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _language(argv)
    window_flags = [a for a in argv if a in WINDOW_FLAGS]  # e.g. --smoke for the window
    argv = [a for a in argv if a not in WINDOW_FLAGS]
    args = window_options(argv) or build_parser(lang).parse_args(argv)
    args.lang_given = args.lang is not None
    args.lang = args.lang or lang
    args.qt_args = window_flags
    handler = getattr(args, "handler", cmd_start)
    if handler is cmd_start:
        return cmd_start(args)  # the window keeps its own log (gui/app.py)
    return run_logged(handler, args)


def run_logged(handler: Any, args: argparse.Namespace) -> int:
    """Run a command with the support log on: its start, outcome and any traceback go to
    ``<data>/logs/haiyan.log`` (never a figure, comment or passphrase)."""
    from . import logs

    lang = args.lang
    session = logs.start_logging(folder(args).path, verbose=args.verbose, program="cli")
    fallback = session.fallback_message()
    if fallback is not None:
        print(fallback.render(lang), file=sys.stderr)
    crash = logs.previous_crash(session.logs_dir)
    if crash is not None:
        print(render("logs.previous_crash", lang, path=str(crash)), file=sys.stderr)
    try:
        with logs.log_job(f"command {args.command}", expected=(HaiyanError, OSError)):
            return handler(args)
    except HaiyanError as exc:
        for line in exc.lines(lang):
            print(line, file=sys.stderr)
        for line in exc.details(lang):
            print(line)
        return exc.status
    except BrokenPipeError:  # output piped into `head` and closed: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except OSError as exc:
        print(render("cli.values_unreadable", lang, path=exc.filename or "",
                     detail=os_reason(exc)),
              file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # never a traceback for the user: it is in the log; HAIYAN_DEBUG=1
        if os.environ.get("HAIYAN_DEBUG"):
            raise
        log = logs.log_file_path()
        print(render("cli.internal_error_logged", lang, detail=type(exc).__name__,
                     path=str(log)) if log else
              render("cli.internal_error", lang, detail=type(exc).__name__), file=sys.stderr)
        return EXIT_USAGE
    finally:
        logs.stop_logging()


if __name__ == "__main__":
    raise SystemExit(main())
