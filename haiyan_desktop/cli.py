"""`haiyan-desktop` command line: a thin layer over the core services.

Exit status: 0 success; 1 the data or document failed a check; 2 usage, missing file or
unreadable input. Errors go to stderr as one sentence each, in the chosen language.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import __version__
from .catalogue import (
    Catalogue,
    CatalogueError,
    available_years,
    catalogue_for_year,
    default_catalogue,
    load_catalogue,
)
from .catalogue.serialize import catalogue_to_dict
from .exchange.values_file import ValuesFileError
from .messages import DEFAULT_LANGUAGE, LANGUAGES, Message, msg, render
from .services import Assessment, assess_file, find_unit

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """A clear, expected failure: printed as one sentence, then exit with ``status``."""

    def __init__(self, message: Message, status: int = EXIT_USAGE):
        super().__init__(message.en)
        self.message = message
        self.status = status


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

    cat = commands.add_parser("catalogue", parents=[common],
                              help="指标目录 / the assessment catalogue")
    cat_commands = cat.add_subparsers(dest="catalogue_command", required=True,
                                      parser_class=_Parser)
    show = cat_commands.add_parser("show", parents=[common],
                                   help="显示指标树 / print the indicator tree")
    show.add_argument("file", nargs="?",
                      help="目录文件，默认内置 / catalogue file (default: built-in)")
    show.add_argument("--unit", help="只显示适用于该单位的指标 / only indicators for this unit")
    show.add_argument("--json", action="store_true", help="JSON 输出 / JSON output")
    show.set_defaults(handler=cmd_catalogue_show)
    chk = cat_commands.add_parser("check", parents=[common],
                                  help="校验目录文件 / validate a catalogue file")
    chk.add_argument("file")
    chk.add_argument("--json", action="store_true", help="JSON 输出 / JSON output")
    chk.set_defaults(handler=cmd_catalogue_check)

    check = commands.add_parser("check", parents=[common],
                                help="校验数值文件（不保存）/ "
                                     "validate a values file, store nothing")
    check.add_argument("file", help="CSV 或 XLSX：code, value, comment")
    check.add_argument("--year", type=int, required=True, help="考核年度 / assessment year")
    check.add_argument("--unit", help="单位代码或名称 / unit code or name")
    check.add_argument("--catalogue", metavar="FILE", help="使用指定目录 / use this catalogue file")
    check.add_argument("--previous", metavar="FILE",
                       help="上年数值文件，用于变化幅度检查 / last year's values file")
    check.add_argument("--json", action="store_true", help="JSON 输出 / JSON output")
    check.set_defaults(handler=cmd_check)
    return parser


# --- helpers ------------------------------------------------------------------------------
def _existing(path: str) -> Path:
    p = Path(path)
    if not p.is_file():
        raise CliError(msg("cli.file_missing", path=path))
    return p


def _load(path: str | None) -> Catalogue:
    if path is None:
        return default_catalogue()
    return load_catalogue(_existing(path))


def _unit(catalogue: Catalogue, text: str | None):
    if text is None:
        return None
    unit = find_unit(catalogue, text)
    if unit is None:
        units = ", ".join(f"{u.code} ({u.name.zh})" for u in catalogue.units)
        raise CliError(msg("cli.unknown_unit", unit=text, units=units))
    return unit


def _print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# --- commands -----------------------------------------------------------------------------
def cmd_catalogue_show(args: argparse.Namespace) -> int:
    catalogue = _load(args.file)
    unit = _unit(catalogue, args.unit)
    kind = unit.kind if unit else None
    if args.json:
        _print_json(catalogue_to_dict(catalogue, kind))
        return EXIT_OK
    lang = args.lang
    print(f"{catalogue.title.get(lang)}  [{catalogue.id} {catalogue.version}]")
    for domain in catalogue.domains:
        print(f"{domain.code}  {domain.name.get(lang)}  ({domain.weight:g})")
        for first in domain.indicators:
            if kind and not first.applies(kind):
                continue
            print(f"  {first.code}  {first.name.get(lang)}  ({first.weight:g})")
            for child in first.children:
                if not kind or child.applies(kind):
                    print(f"    {child.code}  {child.name.get(lang)}  ({child.weight:g})")
    print(render("cat.ok", lang, domains=len(catalogue.domains),
                 first=catalogue.first_level_count, second=catalogue.second_level_count,
                 rules=len(catalogue.rules)))
    return EXIT_OK


def cmd_catalogue_check(args: argparse.Namespace) -> int:
    path = _existing(args.file)
    try:
        catalogue = load_catalogue(path)
    except CatalogueError as exc:
        if args.json:
            _print_json({"valid": False,
                         "problems": [p.to_json(args.lang) for p in exc.problems]})
        else:
            for problem in exc.problems:
                print(problem.render(args.lang))
            print(render("cat.summary", args.lang, count=len(exc.problems)), file=sys.stderr)
        return EXIT_FAILED
    summary = render("cat.ok", args.lang, domains=len(catalogue.domains),
                     first=catalogue.first_level_count, second=catalogue.second_level_count,
                     rules=len(catalogue.rules))
    if args.json:
        _print_json({"valid": True, "problems": [], "id": catalogue.id,
                     "version": catalogue.version, "sha256": catalogue.sha256})
    else:
        print(summary)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    path = _existing(args.file)
    previous = _existing(args.previous) if args.previous else None
    if args.catalogue:
        catalogue = _load(args.catalogue)
    else:
        found = catalogue_for_year(args.year)
        if found is None:
            years = ", ".join(str(y) for y in available_years())
            raise CliError(msg("cli.no_catalogue_for_year", year=args.year, years=years))
        catalogue = found
    unit = _unit(catalogue, args.unit)
    result = assess_file(catalogue, path, unit, previous)
    if args.json:
        _print_json(assessment_json(result, args.lang))
    else:
        _print_assessment(catalogue, result, args.lang)
    return EXIT_OK if result.check.passed else EXIT_FAILED


def assessment_json(result: Assessment, lang: str) -> dict[str, Any]:
    return {
        "passed": result.check.passed,
        "errors": [p.to_json(lang) for p in result.check.errors],
        "warnings": [p.to_json(lang) for p in result.check.warnings],
        "score": result.score.to_json(lang),
    }


def _print_assessment(catalogue: Catalogue, result: Assessment, lang: str) -> None:
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


def cmd_start(args: argparse.Namespace) -> int:
    """No command: what `./run` shows until the window exists (issue 4)."""
    print(render("cli.no_command", args.lang))
    catalogue = default_catalogue()
    print(render("cat.ok", args.lang, domains=len(catalogue.domains),
                 first=catalogue.first_level_count, second=catalogue.second_level_count,
                 rules=len(catalogue.rules)))
    return EXIT_OK


# --- entry point ------------------------------------------------------------------------------
def _language(argv: Sequence[str]) -> str:
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
    env = os.environ.get("HAIYAN_LANG", "")
    return env if env in LANGUAGES else DEFAULT_LANGUAGE


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = _language(argv)
    args = build_parser(lang).parse_args(argv)
    args.lang = args.lang or lang
    handler = getattr(args, "handler", cmd_start)
    try:
        return handler(args)
    except CliError as exc:
        print(exc.message.render(args.lang), file=sys.stderr)
        return exc.status
    except CatalogueError as exc:
        for problem in exc.problems:
            print(problem.render(args.lang), file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # output piped into `head` and closed: not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except ValuesFileError as exc:
        print(exc.message.render(args.lang), file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:
        detail = exc.strerror or str(exc)
        print(render("cli.values_unreadable", args.lang, path=exc.filename or "", detail=detail),
              file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # never a traceback for the user; HAIYAN_DEBUG=1 shows it
        if os.environ.get("HAIYAN_DEBUG"):
            raise
        print(render("cli.internal_error", args.lang, detail=type(exc).__name__),
              file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
