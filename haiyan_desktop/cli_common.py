"""What every command of `haiyan-desktop` shares: the data folder from the options, JSON out,
and passphrases (from a file or typed at the terminal, never echoed or printed).

cli.py, cli_sign.py and cli_catalogue.py import it; none imports another's helpers.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from .errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE, HaiyanError
from .jobs import DataFolder
from .messages import msg, render

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "folder", "passphrase_option",
           "print_json", "read_passphrase"]


def folder(args: argparse.Namespace) -> DataFolder:
    """The data folder, database and actor the global options name."""
    return DataFolder.at(args.data_dir, demo=args.demo, actor=args.actor)


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


# --- passphrases ----------------------------------------------------------------------------
def json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="JSON 输出 / JSON output")


def year_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--year", type=int, required=True, help="考核年度 / assessment year")


def passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--passphrase-file", metavar="F", help="证书口令文件（默认在终端输入）/ "
                        "file with the certificate's passphrase (default: typed)")


def read_passphrase(file: str | None, what: str, lang: str, option: str, new: bool = False
                    ) -> str:
    """From ``file`` (its first line) or typed at the terminal (twice when ``new``)."""
    import getpass  # (this module's imports stay light: `haiyan-desktop` loads it at start)

    from .jobs.folder import existing_file
    from .signing import passphrase_from_file

    if file:
        return passphrase_from_file(existing_file(file))
    if not sys.stdin.isatty():
        raise HaiyanError(msg("pki.no_terminal", option=option))
    first = getpass.getpass(render("pki.passphrase_prompt", lang, what=what))
    if new and getpass.getpass(render("pki.passphrase_again", lang)) != first:
        raise HaiyanError(msg("pki.passphrase_mismatch"))
    return first
