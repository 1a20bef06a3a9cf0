"""The `haiyan-desktop` command's entry point (the installer's and pyproject's script)."""

from __future__ import annotations


def main() -> int:
    from .cli import main as cli_main

    return cli_main()
