"""`haiyan-desktop catalogue ...`: show, check (and the county's authoring and signing).

Each subcommand gathers its options, calls one function of the catalogue or jobs layer, prints.
New catalogue subcommands register in :func:`add_catalogue_commands`, one block each.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .catalogue import load_catalogue
from .catalogue.serialize import catalogue_to_dict
from .cli_common import (
    EXIT_FAILED,
    EXIT_OK,
    folder,
    json_option,
    passphrase_option,
    print_json,
    read_passphrase,
)
from .jobs.folder import catalogue_file, existing_file, unit_named
from .messages import render


def add_catalogue_commands(commands: Any, common: argparse.ArgumentParser,
                           parser_class: type) -> None:
    cat = commands.add_parser("catalogue", parents=[common],
                              help="指标目录 / the assessment catalogue")
    cat_commands = cat.add_subparsers(dest="catalogue_command", required=True,
                                      parser_class=parser_class)
    show = cat_commands.add_parser("show", parents=[common],
                                   help="显示指标树 / print the indicator tree")
    show.add_argument("file", nargs="?",
                      help="目录文件，默认内置 / catalogue file (default: built-in)")
    show.add_argument("--unit", help="只显示适用于该单位的指标 / only indicators for this unit")
    json_option(show)
    show.set_defaults(handler=cmd_catalogue_show)
    chk = cat_commands.add_parser("check", parents=[common],
                                  help="校验目录文件 / validate a catalogue file")
    chk.add_argument("file")
    json_option(chk)
    chk.set_defaults(handler=cmd_catalogue_check)
    # authoring in Excel (catalogue/workbook.py); `check` also reads a workbook
    exp = cat_commands.add_parser("export-xlsx", parents=[common],
                                  help="把目录导出为可编辑的 Excel 工作簿 / write the catalogue "
                                       "as a workbook to edit")
    exp.add_argument("file", nargs="?",
                     help="目录文件，默认内置 / catalogue file (default: built-in)")
    exp.add_argument("-o", "--output", required=True, metavar="X.xlsx",
                     help="输出的工作簿 / the workbook to write")
    exp.set_defaults(handler=cmd_catalogue_export_xlsx)
    imp = cat_commands.add_parser("import-xlsx", parents=[common],
                                  help="由 Excel 工作簿生成目录文件 / make the catalogue file "
                                       "from a workbook")
    imp.add_argument("workbook", metavar="X.xlsx")
    imp.add_argument("-o", "--output", required=True, metavar="FILE.yaml",
                     help="输出的目录文件（已存在则覆盖）/ the catalogue to write "
                          "(replaced if it exists)")
    json_option(imp)
    imp.set_defaults(handler=cmd_catalogue_import_xlsx)
    # signed catalogues: the county office signs, a township installs (jobs/catalogues.py)
    sign = cat_commands.add_parser("sign", parents=[common],
                                   help="县评估办公室签署目录 / the county office signs a "
                                        "catalogue")
    sign.add_argument("file", help="目录文件（.yaml）/ catalogue file")
    sign.add_argument("--p12", required=True, metavar="FILE.p12",
                      help="县评估办公室的证书（pki issue --role county）/ the county "
                           "office's certificate")
    sign.add_argument("-o", "--output", required=True, metavar="PKG.hycat",
                      help="输出的目录包 / the package to write")
    passphrase_option(sign)
    json_option(sign)
    sign.set_defaults(handler=cmd_catalogue_sign)
    install = cat_commands.add_parser("install", parents=[common],
                                      help="核验并安装县里签发的目录包 / verify and install "
                                           "a signed catalogue package")
    install.add_argument("package", metavar="PKG.hycat")
    json_option(install)
    install.set_defaults(handler=cmd_catalogue_install)
    installed = cat_commands.add_parser("installed", parents=[common],
                                        help="本机已安装的目录 / the catalogues installed here")
    json_option(installed)
    installed.set_defaults(handler=cmd_catalogue_installed)
    # years that follow each other (catalogue/diff.py)
    diff = cat_commands.add_parser("diff", parents=[common],
                                   help="比较两个年度的目录 / what changed between two "
                                        "catalogues")
    diff.add_argument("old", help="上一年度的目录文件 / last year's catalogue")
    diff.add_argument("new", help="本年度的目录文件 / this year's catalogue")
    json_option(diff)
    diff.set_defaults(handler=cmd_catalogue_diff)


def cmd_catalogue_show(args: argparse.Namespace) -> int:
    catalogue = catalogue_file(args.file)
    unit = unit_named(catalogue, args.unit) if args.unit else None
    kind = unit.scope if unit else None
    if args.json:
        print_json(catalogue_to_dict(catalogue, kind))
        return EXIT_OK
    lang = args.lang
    print(f"{catalogue.title.get(lang)}  [{catalogue.id} {catalogue.version}]")
    for domain in catalogue.domains:
        print(f"{domain.code}  {domain.name.get(lang)}  ({domain.weight:g})")
        for first in domain.indicators:
            if kind and not first.applies(kind):
                continue
            print(f"  {first.code}  {first.name.get(lang)}  ({first.weight:g})")
            _print_data_items(first, "    ", lang)
            for child in first.children:
                if not kind or child.applies(kind):
                    print(f"    {child.code}  {child.name.get(lang)}  ({child.weight:g})")
                    _print_data_items(child, "      ", lang)
    print(_catalogue_summary(catalogue, lang))
    return EXIT_OK


def _print_data_items(indicator: Any, indent: str, lang: str) -> None:
    """A leaf's data items under it, marked: entered and checked, never weighted."""
    mark = render("cat.data_item_mark", lang)
    for item in indicator.data_items:
        print(f"{indent}· {item.code}  {item.name.get(lang)}  [{mark}]")


def _catalogue_summary(catalogue, lang: str) -> str:
    return render("cat.ok", lang, domains=len(catalogue.domains),
                  first=catalogue.first_level_count, second=catalogue.second_level_count,
                  items=catalogue.data_item_count,
                  rules=len(catalogue.rules))


def cmd_catalogue_check(args: argparse.Namespace) -> int:
    from .catalogue import CatalogueError

    if Path(args.file).suffix.lower() in WORKBOOK_SUFFIXES:
        return _check_workbook(args)
    try:
        catalogue = load_catalogue(existing_file(args.file))
    except CatalogueError as exc:
        if args.json:
            print_json({"valid": False,
                        "problems": [p.to_json(args.lang) for p in exc.problems]})
        else:
            for problem in exc.problems:
                print(problem.render(args.lang))
            print(exc.message.render(args.lang), file=sys.stderr)
        return EXIT_FAILED
    if args.json:
        print_json({"valid": True, "problems": [], "id": catalogue.id,
                    "version": catalogue.version, "sha256": catalogue.sha256})
    else:
        print(_catalogue_summary(catalogue, args.lang))
    return EXIT_OK


# --- authoring in Excel (catalogue/workbook.py) ----------------------------------------------
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def _output(path: str, suffixes: tuple[str, ...]) -> Path:
    from .errors import HaiyanError
    from .messages import msg

    out = Path(path)
    if out.suffix.lower() not in suffixes:
        raise HaiyanError(msg("wb.bad_suffix", suffix=suffixes[0], path=path))
    return out


def _not_written(path: Path, exc: OSError) -> Exception:
    """A file that cannot be written, as one sentence (exit 2)."""
    from .errors import HaiyanError
    from .messages import msg, os_reason

    return HaiyanError(msg("wb.write_failed", path=str(path), detail=os_reason(exc)))


def _print_workbook_problems(args: argparse.Namespace, problems: list[Any]) -> int:
    if args.json:
        print_json({"valid": False, "problems": [p.to_json(args.lang) for p in problems]})
    else:
        for problem in problems:
            print(problem.render(args.lang))
        print(render("wb.summary", args.lang, count=len(problems)), file=sys.stderr)
    return EXIT_FAILED


def _check_workbook(args: argparse.Namespace) -> int:
    from .catalogue.workbook import check_workbook

    catalogue, problems = check_workbook(existing_file(args.file))
    if problems:
        return _print_workbook_problems(args, problems)
    if args.json:
        print_json({"valid": True, "problems": [], "id": catalogue.id,
                    "version": catalogue.version, "sha256": catalogue.sha256})
    else:
        print(_catalogue_summary(catalogue, args.lang))
    return EXIT_OK


def cmd_catalogue_export_xlsx(args: argparse.Namespace) -> int:
    from .catalogue import CatalogueError
    from .catalogue.workbook import write_workbook

    source = Path(catalogue_file(None).path) if args.file is None else existing_file(args.file)
    out = _output(args.output, (".xlsx",))
    try:
        catalogue = load_catalogue(source)
    except CatalogueError as exc:
        for problem in exc.problems:
            print(problem.render(args.lang))
        print(exc.message.render(args.lang), file=sys.stderr)
        return EXIT_FAILED
    try:
        write_workbook(source, out)
    except OSError as exc:
        raise _not_written(out, exc) from None
    print(render("wb.exported", args.lang, path=str(out),
                 indicators=sum(1 for _ in catalogue.indicators()),
                 items=catalogue.data_item_count))
    return EXIT_OK


def cmd_catalogue_import_xlsx(args: argparse.Namespace) -> int:
    from .catalogue.workbook import WorkbookError, import_workbook

    source = existing_file(args.workbook)
    out = _output(args.output, (".yaml", ".yml"))
    try:
        catalogue = import_workbook(source, out)
    except WorkbookError as exc:  # nothing was written
        return _print_workbook_problems(args, exc.problems)
    except OSError as exc:
        raise _not_written(out, exc) from None
    if args.json:
        print_json({"valid": True, "problems": [], "file": str(out), "id": catalogue.id,
                    "version": catalogue.version, "sha256": catalogue.sha256})
        return EXIT_OK
    print(render("wb.imported", args.lang, path=str(out)))
    print(_catalogue_summary(catalogue, args.lang))
    return EXIT_OK


# --- signed catalogues ------------------------------------------------------------------------
def cmd_catalogue_sign(args: argparse.Namespace) -> int:
    from .jobs import catalogues, signing
    from .signing.catalogue_package import check_output, signer_label

    existing_file(args.file)  # before any passphrase is asked
    check_output(Path(args.output))
    what = render("pki.what_p12", args.lang, path=str(args.p12))
    credential = signing.load_credential(args.p12, read_passphrase(
        args.passphrase_file, what, args.lang, "--passphrase-file"))
    signed = catalogues.sign_catalogue(args.file, args.output, credential, folder(args))
    cat = signed.catalogue
    if args.json:
        print_json({"file": str(signed.path), "id": cat.id, "version": cat.version,
                    "years": list(cat.years), "sha256": signed.sha256,
                    "signer": signed.signer.name, "signed_at": signed.signed_at.isoformat()})
        return EXIT_OK
    print(render("catpkg.signed", args.lang, id=cat.id, version=cat.version,
                 years=", ".join(str(y) for y in cat.years),
                 signer=signer_label(signed.signer), path=str(signed.path)))
    return EXIT_OK


def cmd_catalogue_install(args: argparse.Namespace) -> int:
    from .jobs import catalogues

    done = catalogues.install_catalogue(folder(args), args.package)
    record = done.record
    if args.json:
        print_json({**record.to_json(), "already_installed": done.already})
        return EXIT_OK
    print(render("catpkg.already_installed" if done.already else "catpkg.installed",
                 args.lang, title=record.title, id=record.id, version=record.version,
                 years=done.years_text(), signer=catalogues.signed_by(record)))
    return EXIT_OK


def cmd_catalogue_installed(args: argparse.Namespace) -> int:
    from .jobs import catalogues

    found = catalogues.installed_catalogues(folder(args))
    if args.json:
        print_json([r.to_json() for r in found])
        return EXIT_OK
    if not found:
        print(render("catpkg.none_installed", args.lang))
    for r in found:
        years = ",".join(str(y) for y in r.years)
        print(f"{r.id}  {r.version}  [{years}]  {r.title.get(args.lang)}  {r.signer}  "
              f"{r.installed_at[:16].replace('T', ' ')}  {r.sha256[:16]}")
    return EXIT_OK


# --- years that follow each other -------------------------------------------------------------
def cmd_catalogue_diff(args: argparse.Namespace) -> int:
    from .catalogue.diff import diff_catalogues

    old, new = (load_catalogue(existing_file(f)) for f in (args.old, args.new))
    result = diff_catalogues(old, new)
    if args.json:
        print_json(result.to_json())
        return EXIT_OK
    lang = args.lang
    print(render("catdiff.header", lang, old=f"{old.id} {old.version}",
                 new=f"{new.id} {new.version}"))
    for change in result.changes:
        what = render(f"catdiff.kind.{change.kind}", lang)
        status = render(f"catdiff.{change.status}", lang)
        renamed = f" ← {change.old_code}" if change.old_code else ""
        print(f"{status}  {what} {change.code}{renamed}  {change.name}".rstrip())
        for f in change.fields:
            print(f"    {f.field}: {_shown(f.old)} → {_shown(f.new)}")
    summary = result.to_json()["summary"]
    print(render("catdiff.summary", lang, **summary))
    return EXIT_OK


def _shown(value: Any) -> str:
    return "—" if value is None else str(value)
