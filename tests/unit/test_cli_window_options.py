"""Opening the window skips building the commands' parser: its shortcut must read the options
exactly as the parser does, and leave everything else to the parser."""

from __future__ import annotations

import pytest

from haiyan_desktop.cli import build_parser, window_options

PLAIN_STARTS = [
    [], ["--demo"], ["--data-dir", "/tmp/x"], ["--data-dir=/tmp/x"], ["--data-dir="],
    ["--lang", "en"], ["--lang=zh", "--demo", "--actor", "李四"],
    ["--data-dir", "a", "--data-dir", "b", "--lang", "zh", "--lang", "en"],
]
NOT_PLAIN = [
    ["status", "--unit", "baibu", "--year", "2019"], ["--help"], ["--version"],
    ["--lang", "fr"], ["--lang"], ["--data-dir"], ["--data-dir", "--demo"], ["--dat", "x"],
    ["--data-dir", "/x", "demo"], ["-h"],
]


@pytest.mark.parametrize("argv", PLAIN_STARTS, ids=repr)
def test_a_plain_start_reads_like_the_parser(argv):
    assert vars(window_options(argv)) == vars(build_parser("zh").parse_args(argv))


@pytest.mark.parametrize("argv", NOT_PLAIN, ids=repr)
def test_anything_else_is_left_to_the_parser(argv):
    assert window_options(argv) is None


def test_demo_and_actor_reach_the_window(monkeypatch):
    """--demo and --actor were parsed and then dropped when the window opened."""
    from haiyan_desktop import cli
    from haiyan_desktop.gui import app

    seen = []
    monkeypatch.setattr(app, "main", lambda argv: seen.append(argv) or 0)
    assert cli.main(["--data-dir", "/tmp/d", "--demo", "--actor", "李四"]) == 0
    argv = seen[0]
    assert "--demo" in argv and argv[argv.index("--actor") + 1] == "李四"
    assert argv[argv.index("--data-dir") + 1] == "/tmp/d"
