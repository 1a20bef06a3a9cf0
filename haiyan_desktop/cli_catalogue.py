"""`haiyan-desktop catalogue ...`: show, check (and the county's authoring and signing).

Each subcommand gathers its options, calls one function of the catalogue or jobs layer, prints.
New catalogue subcommands register in :func:`add_catalogue_commands`, one block each.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from .catalogue import load_catalogue
from .catalogue.serialize import catalogue_to_dict
from .cli_common import EXIT_FAILED, EXIT_OK, print_json
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
    show.add_argument("--json", action="store_true", help="JSON 输出 / JSON output")
    show.set_defaults(handler=cmd_catalogue_show)
    chk = cat_commands.add_parser("check", parents=[common],
                                  help="校验目录文件 / validate a catalogue file")
    chk.add_argument("file")
    chk.add_argument("--json", action="store_true", help="JSON 输出 / JSON output")
    chk.set_defaults(handler=cmd_catalogue_check)


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
