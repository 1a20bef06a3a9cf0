"""`catalogue export-xlsx`, `import-xlsx` and `check X.xlsx` run as a real process: output,
JSON, exit statuses (0 done, 1 the workbook has problems, 2 usage or unreadable file), and
nothing written when a workbook is refused."""

from __future__ import annotations

import json

import openpyxl

from haiyan_desktop.catalogue import load_catalogue
from haiyan_desktop.catalogue.serialize import catalogue_to_dict
from tests.conftest import CATALOGUES

SMALL = CATALOGUES / "valid-small.yaml"
INDICATORS = "指标 indicators"


def _run(cli, tmp_path, *args):
    return cli("--data-dir", str(tmp_path / "data"), "catalogue", *args)


def _same(a, b) -> bool:
    one, two = catalogue_to_dict(a), catalogue_to_dict(b)
    one.pop("sha256")
    two.pop("sha256")
    return one == two


def _spoil_direction(path, value="highr"):
    book = openpyxl.load_workbook(path)
    sheet = book[INDICATORS]
    column = next(c.column_letter for c in sheet[1] if str(c.value).endswith(" direction"))
    row = next(c.row for c in sheet["D"] if c.value == "EDU02")
    sheet[f"{column}{row}"] = value
    book.save(path)
    return row, column


def test_export_then_import_gives_the_same_catalogue(cli, tmp_path):
    xlsx, yaml_out = tmp_path / "small.xlsx", tmp_path / "small.yaml"
    result = _run(cli, tmp_path, "export-xlsx", str(SMALL), "-o", str(xlsx))
    assert result.returncode == 0, result.stderr
    assert str(xlsx) in result.stdout and xlsx.exists()

    result = _run(cli, tmp_path, "import-xlsx", str(xlsx), "-o", str(yaml_out))
    assert result.returncode == 0, result.stderr
    assert str(yaml_out) in result.stdout
    assert _same(load_catalogue(yaml_out), load_catalogue(SMALL))

    result = _run(cli, tmp_path, "--lang", "en", "check", str(xlsx))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("The catalogue is valid: 2 domains")

    result = _run(cli, tmp_path, "check", str(xlsx), "--json")
    data = json.loads(result.stdout)
    assert result.returncode == 0
    assert data["valid"] is True and data["problems"] == [] and data["id"] == "valid-small"
    assert data["sha256"] == load_catalogue(yaml_out).sha256  # the YAML import-xlsx wrote


def test_export_without_a_file_writes_the_builtin_catalogue(cli, tmp_path, builtin):
    xlsx = tmp_path / "builtin.xlsx"
    result = _run(cli, tmp_path, "export-xlsx", "-o", str(xlsx))
    assert result.returncode == 0, result.stderr
    indicators = sum(1 for i in builtin.walk() if not i.is_data_item)
    assert f"{indicators} 项指标" in result.stdout
    codes = {c.value for c in openpyxl.load_workbook(xlsx)[INDICATORS]["D"]}
    assert {i.code for i in builtin.walk() if not i.is_data_item} <= codes


def test_a_bad_workbook_is_listed_by_sheet_row_and_column_and_nothing_is_written(
        cli, tmp_path):
    xlsx, yaml_out = tmp_path / "small.xlsx", tmp_path / "small.yaml"
    assert _run(cli, tmp_path, "export-xlsx", str(SMALL), "-o", str(xlsx)).returncode == 0
    row, column = _spoil_direction(xlsx)

    result = _run(cli, tmp_path, "check", str(xlsx))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"工作表“{INDICATORS}”第 {row} 行 {column} 列: EDU02 direction: “highr”不是下拉列表中的值；"
        "可选：higher, lower, threshold, yesno, choice，是否应为“higher”？"]
    assert "1 个问题" in result.stderr

    result = _run(cli, tmp_path, "--lang", "en", "check", str(xlsx), "--json")
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False
    assert [(p["sheet"], p["row"], p["column"], p["code"], p["field"])
            for p in data["problems"]] == [(INDICATORS, row, column, "EDU02", "direction")]
    assert "did you mean “higher”" in data["problems"][0]["message"]

    result = _run(cli, tmp_path, "import-xlsx", str(xlsx), "-o", str(yaml_out))
    assert result.returncode == 1
    assert f"第 {row} 行 {column} 列" in result.stdout
    assert "未写入任何文件" in result.stderr
    assert not yaml_out.exists()


def test_import_replaces_the_file_the_user_named_only_when_the_workbook_is_good(
        cli, tmp_path):
    xlsx, yaml_out = tmp_path / "small.xlsx", tmp_path / "small.yaml"
    assert _run(cli, tmp_path, "export-xlsx", str(SMALL), "-o", str(xlsx)).returncode == 0
    yaml_out.write_text("old", "utf-8")
    assert _run(cli, tmp_path, "import-xlsx", str(xlsx), "-o", str(yaml_out)).returncode == 0
    assert _same(load_catalogue(yaml_out), load_catalogue(SMALL))

    good = yaml_out.read_bytes()
    _spoil_direction(xlsx)
    assert _run(cli, tmp_path, "import-xlsx", str(xlsx), "-o", str(yaml_out)).returncode == 1
    assert yaml_out.read_bytes() == good
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "small.xlsx", "small.yaml"]


def test_unreadable_input_and_wrong_names_are_one_sentence_and_exit_2(cli, tmp_path):
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"this is no workbook")
    for args in (("check", str(fake)), ("import-xlsx", str(fake), "-o",
                                        str(tmp_path / "x.yaml"))):
        result = _run(cli, tmp_path, *args)
        assert result.returncode == 2
        assert result.stderr.strip().splitlines() == [
            f"{fake} 不是有效的 Excel 工作簿（.xlsx），无法读取；旧版 .xls 文件请先在 Excel 或 WPS "
            "中另存为 .xlsx"]
        assert "Traceback" not in result.stderr and result.stdout == ""
    missing = _run(cli, tmp_path, "import-xlsx", str(tmp_path / "none.xlsx"), "-o",
                   str(tmp_path / "x.yaml"))
    assert missing.returncode == 2 and "文件不存在" in missing.stderr
    suffix = _run(cli, tmp_path, "--lang", "en", "export-xlsx", str(SMALL), "-o",
                  str(tmp_path / "x.csv"))
    assert suffix.returncode == 2 and "must end in .xlsx" in suffix.stderr
    suffix = _run(cli, tmp_path, "import-xlsx", str(fake), "-o", str(tmp_path / "x.txt"))
    assert suffix.returncode == 2 and ".yaml" in suffix.stderr
    nowhere = _run(cli, tmp_path, "export-xlsx", str(SMALL), "-o",
                   str(tmp_path / "no" / "such" / "x.xlsx"))
    assert nowhere.returncode == 2 and "无法写入" in nowhere.stderr
    assert "Traceback" not in nowhere.stderr
    assert not (tmp_path / "x.yaml").exists() and not (tmp_path / "x.csv").exists()


def test_a_broken_catalogue_is_not_exported(cli, tmp_path):
    xlsx = tmp_path / "broken.xlsx"
    result = _run(cli, tmp_path, "export-xlsx", str(CATALOGUES / "broken" / "weights-not-100.yaml"),
                  "-o", str(xlsx))
    assert result.returncode == 1
    assert "weights-not-100.yaml:" in result.stdout
    assert not xlsx.exists()
