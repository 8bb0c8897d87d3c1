"""The settings registry (``workbench/settings.py``, Qt-backed, so tested with the views)."""

import pytest
from PySide6.QtCore import QByteArray

from workbench import settings


def test_the_file_is_redirected_to_the_test_home(workbench_home):
    assert settings.settings_path() == workbench_home / "config" / "workbench.ini"


def test_defaults_before_anything_is_written():
    assert settings.read("recent_projects") == []
    assert settings.read("last_project") == ""
    assert settings.read("window/stage") == "project"
    assert settings.read("window/geometry") == QByteArray()
    assert settings.read("ui/font_family") == ""


def test_unknown_keys_are_refused_with_the_known_ones_named():
    with pytest.raises(KeyError, match="window/stage"):
        settings.read("window/stag")
    with pytest.raises(KeyError, match="recent_project"):
        settings.write("recent", [])


def test_values_of_the_wrong_type_are_refused():
    with pytest.raises(TypeError):
        settings.write("recent_projects", "a.wbproj")
    with pytest.raises(TypeError):
        settings.write("window/stage", 2)


def test_values_survive_a_round_trip():
    settings.write("window/geometry", b"\x01\x02\x00")
    settings.write("last_open_dir", "D:/考核/2019")
    assert settings.read("window/geometry") == QByteArray(b"\x01\x02\x00")
    assert settings.read("last_open_dir") == "D:/考核/2019"
    settings.reset("last_open_dir")
    assert settings.read("last_open_dir") == ""


def test_an_ini_file_written_elsewhere_is_read_with_the_declared_types(workbench_home):
    # A one-item list comes back from an INI file as a plain string.
    path = settings.settings_path()
    path.write_text("[General]\nrecent_projects=D:/项目/一季度.wbproj\n", encoding="utf-8")
    assert settings.read("recent_projects") == ["D:/项目/一季度.wbproj"]


def test_recent_projects_newest_first_without_duplicates_at_most_ten(tmp_path):
    paths = [tmp_path / f"{i}.wbproj" for i in range(12)]
    for path in paths:
        settings.add_recent_project(path)
    settings.add_recent_project(paths[5])
    recent = settings.read("recent_projects")
    assert len(recent) == settings.MAX_RECENT_PROJECTS == 10
    assert recent[0] == str(paths[5])
    assert recent[1:4] == [str(paths[11]), str(paths[10]), str(paths[9])]
    assert len(set(recent)) == len(recent)
    assert settings.remove_recent_project(paths[5])[0] == str(paths[11])
