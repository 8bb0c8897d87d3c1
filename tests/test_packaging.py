"""Packaging is declared once, in pyproject.toml, and the resources are reachable through it."""

import tomllib
from pathlib import Path

from workbench.models.resources import resource

ROOT = Path(__file__).resolve().parents[1]


def test_every_package_directory_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "workbench").rglob("__init__.py")
    }
    # Resource folders with importable names count as packages too: an unlisted one is
    # left out of the wheel (folders such as 2019Q3 are not importable and ride along).
    found |= {
        ".".join(("workbench", *path.relative_to(ROOT).parts))
        for path in [ROOT / "resources", *(ROOT / "resources").rglob("*")]
        if path.is_dir() and all(part.isidentifier() for part in path.relative_to(ROOT).parts)
        and path.name != "__pycache__"
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_resources_are_found_through_importlib_resources():
    assert resource("plans").is_dir()
    assert any(entry.name.endswith(".toml") for entry in resource("plans").iterdir())
    assert resource("regions", "jiaxing.csv").is_file()


def test_console_and_gui_entry_points_are_declared():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["project"]["scripts"]["workbench"] == "workbench.cli:main"
    assert "workbench-gui" in config["project"]["gui-scripts"]
