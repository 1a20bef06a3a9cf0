"""File → 安装考核目录… in the real window: a signed package is checked off the GUI thread and
installed; the window is opened again when the catalogue covers its year, and a new
submission of that year is entered with it. A bad package is refused with its sentence and
nothing is installed."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from haiyan_desktop.catalogue import default_catalogue
from haiyan_desktop.jobs.folder import catalogue_of_year
from haiyan_desktop.signing.catalogue_package import read_package
from tests.catalogue_packages import (
    OFFICE_NAME,
    bad_package,
    catalogue_bytes,
    make_office,
    package,
)


@pytest.fixture(scope="module")
def packages(county, tmp_path_factory):
    folder = tmp_path_factory.mktemp("window-packages")
    office = make_office(county, folder / "office")
    credential = office.credential("office")
    paths = {}
    for name, content in (
            ("2019", package(catalogue_bytes("2019.9"), credential)),
            ("2031", package(catalogue_bytes("2031.1", [2031]), credential))):
        paths[name] = folder / f"{name}.hycat"
        paths[name].write_bytes(content)
    paths["tampered"] = folder / "tampered.hycat"
    paths["tampered"].write_bytes(bad_package(office, paths["2019"].read_bytes(), "tampered"))
    return SimpleNamespace(office=office, **paths)


@pytest.fixture
def answers(monkeypatch):
    """The file dialog answers ``answers.file``; message boxes are recorded."""
    said = SimpleNamespace(file="", info=[], warning=[], asked_in=[])

    def open_file(parent, title, folder, filters):
        said.asked_in.append((title, folder, filters))
        return str(said.file), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", open_file)
    monkeypatch.setattr(QMessageBox, "information",
                        lambda parent, title, text, *a, **k: said.info.append(text))
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a, **k: said.warning.append(text))
    return said


def install(app, qtbot, answers, path) -> None:
    answers.file = path
    action = app.window.ui.actionInstallCatalogue
    assert action.isEnabled() and action.text() == "安装考核目录…"
    assert action in app.window.ui.menuFile.actions()
    action.trigger()
    qtbot.waitUntil(lambda: bool(answers.info or answers.warning), timeout=30000)


def test_installing_a_catalogue_of_the_year_reopens_the_window_on_it(
        make_app, qtbot, data_dir, packages, answers):
    packages.office.trust(data_dir)
    app = make_app(unit="wuyuan", year=2019)
    old = app.window.ui
    install(app, qtbot, answers, packages.__dict__["2019"])
    assert not answers.warning
    text = answers.info[0]
    assert "已安装考核目录" in text and "haiyan-2019" in text and "2019.9" in text
    years = ", ".join(str(y) for y in default_catalogue().years)  # those of the built-in
    assert years in text and OFFICE_NAME in text and "县评估办公室" in text
    assert "2019 年度新建的填报将使用该目录" in text
    assert "*.hycat" in answers.asked_in[0][2]
    qtbot.waitUntil(lambda: app.window.ui is not old, timeout=30000)  # opened again
    assert app.window.ui.isVisible() and app.window.session.submission.year == 2019

    sha = read_package(packages.__dict__["2019"])[1].manifest["catalogue"]["sha256"]
    assert catalogue_of_year(2019, data_dir).sha256 == sha  # the year's catalogue now
    assert (data_dir / "catalogues" / "haiyan-2019-2019.9.yaml").is_file()
    # a submission begun now (the real database of this folder) is entered with it
    assert app.open(False, "wuyuan", 2019)
    assert app.window.session.catalogue.sha256 == sha
    assert app.window.session.catalogue.version == "2019.9"


def test_a_catalogue_of_another_year_is_installed_and_offered_at_the_next_switch(
        make_app, qtbot, data_dir, packages, answers, monkeypatch):
    packages.office.trust(data_dir)
    app = make_app(unit="wuyuan", year=2019)
    old = app.window.ui
    install(app, qtbot, answers, packages.__dict__["2031"])
    assert "2031.1" in answers.info[0] and "不适用于当前打开的 2019 年度" in answers.info[0]
    assert app.window.ui is old  # nothing to open again
    offered = []

    def ask_start(catalogue, lang, clerk, parent=None, years=None):
        offered.extend(years)
        return None

    monkeypatch.setattr("haiyan_desktop.gui.dialogs.ask_start", ask_start)
    app.window.ui.actionSwitch.trigger()
    qtbot.waitUntil(lambda: bool(offered), timeout=30000)
    assert 2031 in offered and 2019 in offered


def test_a_tampered_package_is_refused_with_its_sentence_and_nothing_installed(
        make_app, qtbot, data_dir, packages, answers):
    packages.office.trust(data_dir)
    app = make_app(unit="wuyuan", year=2019)
    old = app.window.ui
    install(app, qtbot, answers, packages.tampered)
    assert not answers.info
    assert answers.warning == ["目录包中的目录文件在签名之后被修改过，未安装"]
    assert not (data_dir / "catalogues").exists()
    assert catalogue_of_year(2019, data_dir).sha256 == default_catalogue().sha256
    assert app.window.ui is old and old.isVisible()


def test_without_the_county_root_the_window_says_what_to_do(make_app, qtbot, packages,
                                                             answers):
    app = make_app(unit="wuyuan", year=2019)
    install(app, qtbot, answers, packages.__dict__["2019"])
    assert len(answers.warning) == 1 and "trust install" in answers.warning[0]


def test_cancelling_the_file_dialog_does_nothing(make_app, data_dir, answers):
    app = make_app(unit="wuyuan", year=2019)
    answers.file = ""
    app.window.ui.actionInstallCatalogue.trigger()
    assert not answers.info and not answers.warning
    assert not (data_dir / "catalogues").exists()
