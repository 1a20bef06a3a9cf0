"""The parsed-catalogue cache gives exactly what parsing the YAML gives, and never a stale,
damaged or foreign result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from haiyan_desktop.catalogue import (
    CatalogueError,
    builtin_catalogue_paths,
    load_cached,
    parse_catalogue,
)
from haiyan_desktop.catalogue import cache as catalogue_cache
from haiyan_desktop.catalogue.cache import cached_catalogue, from_data, to_data

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "catalogues"
SOURCES = [*builtin_catalogue_paths(), FIXTURES / "scoring.yaml", FIXTURES / "valid-small.yaml"]


@pytest.fixture
def folder(tmp_path):
    catalogue_cache.forget()  # every test starts from the files, not this process's memory
    yield tmp_path / "cache"
    catalogue_cache.forget()


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_the_json_form_gives_back_an_equal_catalogue(source):
    parsed = parse_catalogue(source.read_bytes(), str(source))
    again = from_data(json.loads(json.dumps(to_data(parsed), ensure_ascii=False)))
    again.path = parsed.path
    assert again == parsed  # every field of every domain, indicator, choice and rule
    assert again.index.keys() == parsed.index.keys()
    assert again.calculation_order == parsed.calculation_order
    for code in parsed.calculation_order:  # formulas work, not only compare equal
        formula, copy = parsed.index[code].formula, again.index[code].formula
        values = {name: 3.0 + n for n, name in enumerate(formula.names)}
        assert copy.evaluate(values) == formula.evaluate(values)
    assert again.leaves("town") == parsed.leaves("town")


def test_a_second_process_reads_the_json_and_skips_the_yaml(folder):
    source = builtin_catalogue_paths()[0]
    script = ("import sys\n"
              "from pathlib import Path\n"
              "from haiyan_desktop.catalogue.cache import cached_catalogue\n"
              "c = cached_catalogue(Path(sys.argv[1]).read_bytes(), sys.argv[1], "
              "Path(sys.argv[2]))\n"
              "print(c.sha256, 'yaml' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", script, str(source), str(folder)],
                           capture_output=True, text=True, cwd=ROOT, check=True).stdout.split()
            for _ in range(2)]
    assert [r[1] for r in runs] == ["True", "False"]  # parsed once, then read
    assert runs[0][0] == runs[1][0]
    assert [p.name for p in folder.iterdir()] == [f"{runs[0][0]}.json"]


def test_same_bytes_under_two_names_keep_their_own_path(folder):
    data = (FIXTURES / "scoring.yaml").read_bytes()
    first = cached_catalogue(data, "a.yaml", folder)
    second = cached_catalogue(data, "b.yaml", folder)
    assert (first.path, second.path) == ("a.yaml", "b.yaml")
    assert first.domains is second.domains  # one parse serves both
    catalogue_cache.forget()
    assert cached_catalogue(data, "c.yaml", folder).path == "c.yaml"  # from the file


def test_a_changed_catalogue_file_is_parsed_again(tmp_path, folder, monkeypatch):
    monkeypatch.setenv("HAIYAN_CACHE_DIR", str(folder))
    path = tmp_path / "catalogue.yaml"
    text = (FIXTURES / "scoring.yaml").read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    before = load_cached(path)
    edited = text.replace("title_en: Scoring test catalogue", "title_en: Edited catalogue")
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10**9))
    after = load_cached(path)
    assert after.sha256 != before.sha256
    assert (before.title.en, after.title.en) == ("Scoring test catalogue", "Edited catalogue")
    assert after == parse_catalogue(edited.encode(), str(path.resolve()))
    assert len(list((folder / "catalogues").glob("*.json"))) == 2  # one file per content


@pytest.mark.parametrize("junk", [b"", b"{not json", b"\xff\xfe\x00", b"[]", b'{"code": 1}'])
def test_a_damaged_cache_file_is_ignored_and_rewritten(folder, junk):
    data = (FIXTURES / "scoring.yaml").read_bytes()
    good = cached_catalogue(data, "scoring.yaml", folder)
    (cache_file,) = folder.iterdir()
    cache_file.write_bytes(junk)
    catalogue_cache.forget()
    assert cached_catalogue(data, "scoring.yaml", folder) == good
    assert json.loads(cache_file.read_bytes())["sha256"] == good.sha256  # rebuilt


def test_a_foreign_or_stale_cache_file_is_ignored(folder):
    small = (FIXTURES / "valid-small.yaml").read_bytes()
    scoring = (FIXTURES / "scoring.yaml").read_bytes()
    other = cached_catalogue(small, "small.yaml", folder)
    wanted = cached_catalogue(scoring, "scoring.yaml", folder)
    wanted_file = folder / f"{wanted.sha256}.json"
    foreign = json.loads((folder / f"{other.sha256}.json").read_bytes())
    wanted_file.write_text(json.dumps(foreign), encoding="utf-8")  # another catalogue's parse
    catalogue_cache.forget()
    assert cached_catalogue(scoring, "scoring.yaml", folder) == wanted
    stale = json.loads(wanted_file.read_bytes())
    stale["code"] = "made by another version of the app"
    stale["title"] = ["旧", "old"]
    wanted_file.write_text(json.dumps(stale), encoding="utf-8")
    catalogue_cache.forget()
    assert cached_catalogue(scoring, "scoring.yaml", folder) == wanted


def test_a_broken_catalogue_is_reported_every_time_and_never_kept(folder):
    broken = (FIXTURES / "scoring.yaml").read_text(encoding="utf-8") + "\nbogus_field: 1\n"
    for _ in range(2):
        with pytest.raises(CatalogueError):
            cached_catalogue(broken, "broken.yaml", folder)
    assert not folder.exists() or not list(folder.iterdir())


def test_an_unwritable_cache_folder_only_costs_a_parse(tmp_path):
    catalogue_cache.forget()
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    data = (FIXTURES / "scoring.yaml").read_bytes()
    assert cached_catalogue(data, "s.yaml", blocker / "cache") == parse_catalogue(data, "s.yaml")
    catalogue_cache.forget()
