"""Typed errors of the project file; ``str()`` of each is a Chinese message for users."""

from __future__ import annotations

import os
from pathlib import Path

from workbench.models.errors import WorkbenchError


class ProjectError(WorkbenchError):
    """A project file could not be created, opened or changed; ``str()`` is for users."""

    def __init__(self, message: str, path: str | os.PathLike | None = None):
        super().__init__(message)
        self.path = Path(path) if path is not None else None


class ProjectExists(ProjectError):
    """``Project.create`` was given a path that already exists."""

    def __init__(self, path: Path):
        super().__init__(f"文件“{path}”已存在，不会覆盖。请换一个文件名，或直接打开该项目。", path)


class ProjectNotFound(ProjectError):
    """The project file does not exist."""

    def __init__(self, path: Path):
        super().__init__(f"找不到项目文件“{path}”。", path)


class NotAProject(ProjectError):
    """The file is not a workbench project (not SQLite, or no project tables)."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"“{path.name}”不是工作台项目文件：{reason}。", path)


class ProjectTooNew(ProjectError):
    """The file was written by a newer workbench whose schema this one does not know."""

    def __init__(self, path: Path, unknown: list[str]):
        super().__init__(
            f"项目文件“{path.name}”由更新版本的工作台创建（含本版本不认识的结构：{'、'.join(unknown)}），"
            "为免损坏数据，本版本不会打开它。请升级工作台后再打开。", path)
        self.unknown_migrations = unknown


class ProjectMigrationFailed(ProjectError):
    """Upgrading an older file failed; the file is left as it was and a backup exists."""

    def __init__(self, path: Path, backup: Path, error: BaseException):
        super().__init__(
            f"升级项目文件“{path.name}”的结构时出错（{error}），文件保持原样；"
            f"升级前的副本保存在“{backup.name}”。", path)
        self.backup = backup


