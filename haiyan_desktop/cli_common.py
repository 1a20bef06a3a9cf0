"""What every command of `haiyan-desktop` shares: the data folder from the options, JSON out.

Both cli.py and cli_sign.py import it; neither imports the other's helpers.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from .errors import EXIT_FAILED, EXIT_OK, EXIT_USAGE
from .jobs import DataFolder

__all__ = ["EXIT_FAILED", "EXIT_OK", "EXIT_USAGE", "folder", "print_json"]


def folder(args: argparse.Namespace) -> DataFolder:
    """The data folder, database and actor the global options name."""
    return DataFolder.at(args.data_dir, demo=args.demo, actor=args.actor)


def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))
