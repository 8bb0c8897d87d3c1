"""Where the workbench keeps projects, settings and logs on this PC.

Windows: ``%APPDATA%\\workbench`` (settings) and ``%LOCALAPPDATA%\\workbench`` (data, logs);
elsewhere the XDG folders. ``WORKBENCH_HOME`` puts everything under one folder, which the
tests and portable installs use.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_DIR = "workbench"


def _home() -> Path | None:
    value = os.environ.get("WORKBENCH_HOME")
    return Path(value) if value else None


def _base(windows_var: str, xdg_var: str, xdg_default: str) -> Path:
    if sys.platform == "win32":
        root = os.environ.get(windows_var)
        if root:
            return Path(root) / APP_DIR
    root = os.environ.get(xdg_var)
    return Path(root if root else Path.home() / xdg_default) / APP_DIR


def config_dir() -> Path:
    """Settings (``workbench.ini``)."""
    home = _home()
    path = home / "config" if home else _base("APPDATA", "XDG_CONFIG_HOME", ".config")
    path.mkdir(parents=True, exist_ok=True)
    return path


def data_dir() -> Path:
    """Application data: the prepared demo project and other generated files."""
    home = _home()
    path = home / "data" if home else _base("LOCALAPPDATA", "XDG_DATA_HOME", ".local/share")
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    """Log files."""
    home = _home()
    path = home / "logs" if home else _base("LOCALAPPDATA", "XDG_STATE_HOME", ".local/state") / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def projects_dir() -> Path:
    """The default folder offered for new projects (``文档/workbench``)."""
    home = _home()
    path = home / "projects" if home else Path.home() / "Documents" / APP_DIR
    path.mkdir(parents=True, exist_ok=True)
    return path
