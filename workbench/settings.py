"""The one registry of user settings, kept in ``workbench.ini`` (QSettings, INI format).

Every setting is declared once in :data:`REGISTRY` with its default and type; reading
or writing any other key raises :class:`KeyError`, so a typo cannot silently create a
new setting.  The file lives in :func:`workbench.locations.config_dir`, looked up on
every call, so setting ``WORKBENCH_HOME`` (as the tests do) redirects it.

Models never see this module: views read a value here and pass the plain value on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from workbench import locations

SETTINGS_FILE = "workbench.ini"
MAX_RECENT_PROJECTS = 10


@dataclass(frozen=True)
class Setting:
    """Declaration of one setting: its default, its type and what it is for."""

    default: Any
    kind: type
    doc: str


REGISTRY: dict[str, Setting] = {
    "recent_projects": Setting(
        [], list, f"最近打开的项目文件（完整路径），最新的在前，最多 {MAX_RECENT_PROJECTS} 个"
    ),
    "last_project": Setting("", str, "退出时仍打开着的项目，下次启动时重新打开；空表示没有"),
    "window/geometry": Setting(QByteArray(), QByteArray, "主窗口的位置和大小"),
    "window/state": Setting(QByteArray(), QByteArray, "主窗口工具栏和停靠窗口的布局"),
    "window/stage": Setting("project", str, "主窗口上次显示的环节（环节代码，如 plan）"),
    "last_open_dir": Setting("", str, "上次打开或新建项目时所在的文件夹"),
    "last_import_dir": Setting("", str, "上次在“导入”中添加文件或文件夹时所在的文件夹"),
    "ui/font_family": Setting("", str, "用户指定的界面字体；空表示自动选择中文字体"),
    "user/name": Setting("", str, "填写审核说明时记录的填写人；空表示使用系统登录名"),
    "export/period": Setting("", str, "“导出”上次选的考核时点（YYYY-MM）；空表示最新一季"),
    "export/period_latest": Setting(
        "", str, "选上述考核时点时项目数据最新到哪一季；有了更新一季的数据就改回最新一季"
    ),
    "export/outputs": Setting(
        ["docx", "xlsx", "pptx", "charts", "index"], list, "“导出”要生成的材料：docx、xlsx、pptx、charts、index"
    ),
    "export/chart_formats": Setting(["png"], list, "“导出”图表的格式：png、svg、pdf"),
    "export/folder": Setting("", str, "考核材料写入的文件夹；空表示项目文件所在的文件夹"),
    "export/issuer": Setting("", str, "考核通报的发文机关；空表示用计划中的发文机关"),
    "index/period": Setting("", str, "“成长指数”上次选的期别（2019 或 2019-09）；空表示数据最新的一期"),
    "index/samples": Setting(1000, int, "“成长指数”稳健性分析的抽样次数"),
    "index/chart": Setting("ranking", str, "“成长指数”上次看的图：ranking、dimensions、series 或 sensitivity"),
}


def settings_path() -> Path:
    """Path of the INI file the settings are stored in."""
    return locations.config_dir() / SETTINGS_FILE


def _store() -> QSettings:
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


def _declaration(key: str) -> Setting:
    try:
        return REGISTRY[key]
    except KeyError:
        known = "、".join(REGISTRY)
        raise KeyError(f"未声明的设置项 {key!r}；可用的设置项：{known}") from None


def _coerce(key: str, spec: Setting, value: Any) -> Any:
    """Turn what QSettings hands back from an INI file into the declared type."""
    if value is None:
        return _copy(spec.default)
    if spec.kind is list:
        # An INI file stores a one-item list as a plain string and an empty one as @Invalid().
        if isinstance(value, str):
            return [value] if value else []
        return [str(item) for item in value]
    if spec.kind is QByteArray:
        return value if isinstance(value, QByteArray) else QByteArray(value)
    if spec.kind is int:
        try:
            return int(value)
        except (TypeError, ValueError):
            return _copy(spec.default)
    if spec.kind is str:
        return str(value)
    raise TypeError(f"设置项 {key!r} 的类型 {spec.kind!r} 无法读取")


def _copy(default: Any) -> Any:
    if isinstance(default, list):
        return list(default)
    if isinstance(default, QByteArray):
        return QByteArray(default)
    return default


def read(key: str) -> Any:
    """Return the value of a declared setting, or its default when it was never written.

    Parameters
    ----------
    key : str
        A key of :data:`REGISTRY`, e.g. ``"window/stage"``.

    Returns
    -------
    object
        A value of the declared type (``list`` of ``str``, ``str``, ``int`` or ``QByteArray``).

    Raises
    ------
    KeyError
        If ``key`` is not declared.
    """
    spec = _declaration(key)
    return _coerce(key, spec, _store().value(key, None))


def write(key: str, value: Any) -> None:
    """Store the value of a declared setting.

    Parameters
    ----------
    key : str
        A key of :data:`REGISTRY`.
    value : object
        A value of the declared type; ``bytes`` are accepted for ``QByteArray`` settings.

    Raises
    ------
    KeyError
        If ``key`` is not declared.
    TypeError
        If ``value`` does not have the declared type.
    """
    spec = _declaration(key)
    if spec.kind is QByteArray and isinstance(value, (bytes, bytearray)):
        value = QByteArray(bytes(value))
    if spec.kind is list and isinstance(value, tuple):
        value = list(value)
    if not isinstance(value, spec.kind) or (spec.kind is int and isinstance(value, bool)):
        raise TypeError(
            f"设置项 {key!r} 应为 {spec.kind.__name__}，得到的是 {type(value).__name__}"
        )
    if spec.kind is list:
        value = [str(item) for item in value]
    store = _store()
    store.setValue(key, value)
    store.sync()


def reset(key: str) -> None:
    """Forget a declared setting, so that :func:`read` returns its default again."""
    _declaration(key)
    store = _store()
    store.remove(key)
    store.sync()


def _same_file(a: str, b: str) -> bool:
    return os.path.normcase(os.path.normpath(a)) == os.path.normcase(os.path.normpath(b))


def add_recent_project(path: str | os.PathLike) -> list[str]:
    """Put a project first in the recent list, dropping duplicates and the oldest ones.

    Parameters
    ----------
    path : str or os.PathLike
        The project file; stored as an absolute path.

    Returns
    -------
    list of str
        The recent list as stored, newest first, at most :data:`MAX_RECENT_PROJECTS`.
    """
    entry = str(Path(path).absolute())
    recent = [p for p in read("recent_projects") if not _same_file(p, entry)]
    recent = [entry, *recent][:MAX_RECENT_PROJECTS]
    write("recent_projects", recent)
    return recent


def remove_recent_project(path: str | os.PathLike) -> list[str]:
    """Drop a project from the recent list (e.g. when its file is gone); return the list."""
    entry = str(Path(path).absolute())
    recent = [p for p in read("recent_projects") if not _same_file(p, entry)]
    write("recent_projects", recent)
    return recent
