"""The :class:`Project`: one open ``.wbproj`` file and the user actions that change it.

Every public write runs inside :meth:`Project.transaction`, so one user action is
one transaction and a crash loses at most the action in progress.  Source
workbooks are only ever read (for their size and SHA-256), never written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from workbench import __version__ as APP_VERSION
from workbench.models.store import schema
from workbench.models.store.errors import (
    NotAProject,
    ProjectError,
    ProjectExists,
    ProjectMigrationFailed,
    ProjectNotFound,
)
from workbench.models.store.lock import ProjectLock

if TYPE_CHECKING:
    import pandas as pd

PROJECT_SUFFIX = ".wbproj"
IMPORT_STATUS_IMPORTED = "imported"

_SQLITE_HEADER = b"SQLite format 3\x00"
_INSERT_BATCH = 1000


def sha256_of(path: str | os.PathLike, chunk_size: int = 1 << 20) -> str:
    """Return the SHA-256 hex digest of a file, read in chunks.

    Parameters
    ----------
    path : str or os.PathLike
        The file; it is opened read-only and never changed.
    chunk_size : int, optional
        Bytes read at a time, so large workbooks never sit in memory whole.

    Returns
    -------
    str
        64 lowercase hex digits.
    """
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(chunk_size):
            digest.update(chunk)
    return digest.hexdigest()


def _now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _connect(path: Path) -> Database:
    db = Database(path)
    db.execute("PRAGMA foreign_keys = ON")
    return db


class Project:
    """An open project file.  Use :meth:`create` or :meth:`open`, then :meth:`close`
    (or a ``with`` block).

    Attributes
    ----------
    lock_warning : str or None
        Set when the project is already open elsewhere (Chinese, for the user).
    """

    def __init__(self, path: Path, db: Database):
        # Private: callers go through create() or open(), which validate the file first.
        self._path = path
        self._db: Database | None = db
        self._lock = ProjectLock(path)
        self.lock_warning: str | None = self._lock.acquire()

    # -- life cycle --

    @classmethod
    def create(cls, path: str | os.PathLike, plan_id: str, *,
               stop_before: str | None = None) -> Project:
        """Create a new, empty project file.

        Parameters
        ----------
        path : str or os.PathLike
            Where to create it; conventionally ends with :data:`PROJECT_SUFFIX`.
        plan_id : str
            The plan the project assesses.
        stop_before : str, optional
            Name of a migration to stop before: builds a file as an older
            workbench would have (for tests and fixtures).

        Returns
        -------
        Project

        Raises
        ------
        ProjectExists
            If anything already exists at ``path``; it is never overwritten.
        ProjectError
            If the file cannot be created there.
        """
        path = Path(path)
        try:
            with open(path, "xb"):  # exclusive: no check-then-create race
                pass
        except FileExistsError:
            raise ProjectExists(path) from None
        except OSError as exc:
            raise ProjectError(f"无法创建项目文件“{path}”：{exc.strerror or exc}", path) from exc
        db = None
        try:
            db = _connect(path)
            db.enable_wal()
            schema.MIGRATIONS.apply(db, stop_before=stop_before)
            with db.atomic():
                now = _now()
                db["meta"].insert_all([
                    {"key": "plan_id", "value": plan_id},
                    {"key": "created_at", "value": now},
                    {"key": "app_version", "value": APP_VERSION},
                    {"key": "created_by_version", "value": APP_VERSION},
                ])
        except BaseException:
            if db is not None:
                db.close()
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                leftover.unlink(missing_ok=True)
            raise
        return cls(path, db)

    @classmethod
    def open(cls, path: str | os.PathLike) -> Project:
        """Open a project file, upgrading an older schema after backing it up.

        Parameters
        ----------
        path : str or os.PathLike
            The project file.

        Returns
        -------
        Project
            Check :attr:`lock_warning`: it is set when the project is open elsewhere.

        Raises
        ------
        ProjectNotFound
            If there is no file at ``path``.
        NotAProject
            If the file is not SQLite or lacks the project tables; it is not changed.
        ProjectTooNew
            If a newer workbench wrote it; it is not changed.
        ProjectMigrationFailed
            If upgrading failed; the file stays as it was, the backup is kept.
        """
        path = Path(path)
        if not path.is_file():
            if path.exists():
                raise NotAProject(path, "这是一个文件夹")
            raise ProjectNotFound(path)
        # Checking the header before SQLite touches the file keeps it from ever
        # writing into a workbook or other file that was picked by mistake.
        with open(path, "rb") as fh:
            if fh.read(len(_SQLITE_HEADER)) != _SQLITE_HEADER:
                raise NotAProject(path, "不是 SQLite 数据库")
        db = _connect(path)
        try:
            schema.check_is_project(path, db)  # before any write: a refused file stays untouched
        except BaseException:
            db.close()
            raise
        project = cls(path, db)
        try:
            db.enable_wal()
            if schema.MIGRATIONS.pending(db):
                backup = schema.backup_path(path)
                schema.write_backup(db, backup)
                try:
                    schema.MIGRATIONS.apply(db)
                except Exception as exc:
                    raise ProjectMigrationFailed(path, backup, exc) from exc
            if project._meta().get("app_version") != APP_VERSION:
                with project.transaction():
                    db["meta"].upsert({"key": "app_version", "value": APP_VERSION}, pk="key")
        except BaseException:
            project.close()
            raise
        return project

    def close(self) -> None:
        """Close the database and remove this project's own lock file; idempotent."""
        if self._db is None:
            return
        db, self._db = self._db, None
        try:
            db.close()
        finally:
            self._lock.release()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "open" if self._db is not None else "closed"
        return f"<Project {str(self._path)!r} {state}>"

    # -- transactions --

    @property
    def db(self) -> Database:
        """The sqlite-utils database, for core modules that own tables; write inside
        :meth:`transaction`."""
        if self._db is None:
            raise ProjectError(f"项目“{self._path.name}”已关闭。", self._path)
        return self._db

    @property
    def path(self) -> Path:
        """The project file."""
        return self._path

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Project]:
        """Run one user action as one transaction.

        ``BEGIN IMMEDIATE`` takes the write lock up front, so a concurrent
        writer waits here rather than failing half-way through the action.
        Everything commits at the end of the block, or rolls back if it raises.
        A nested block becomes a savepoint of the outer transaction.

        Yields
        ------
        Project
        """
        db = self.db
        if db.conn.in_transaction:
            with db.atomic():
                yield self
            return
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self
            db.conn.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise

    # -- meta, settings, aliases --

    def _meta(self) -> dict[str, str]:
        return {r["key"]: r["value"] for r in self.db["meta"].rows}

    @property
    def plan_id(self) -> str | None:
        """The id of the plan this project assesses."""
        return self._meta().get("plan_id")

    def get_setting(self, key: str, default: Any = None) -> Any:
        """Return the setting ``key`` decoded from JSON, or ``default`` if unset."""
        row = self.db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, key: str, value: Any) -> None:
        """Store ``value`` (anything JSON can hold) as the setting ``key``."""
        text = json.dumps(value, ensure_ascii=False)
        with self.transaction():
            self.db["settings"].upsert({"key": key, "value": text}, pk="key")

    def add_alias(self, alias: str, region_code: str) -> None:
        """Record that ``alias`` (as written in workbooks) means ``region_code``."""
        with self.transaction():
            self.db["region_aliases"].upsert({"alias": alias, "region_code": region_code},
                                             pk="alias")

    def remove_alias(self, alias: str) -> str | None:
        """Forget the alias ``alias``; returns the region code it meant, or None if unknown."""
        with self.transaction():
            row = self.db.execute("SELECT region_code FROM region_aliases WHERE alias = ?", [alias]).fetchone()
            self.db.execute("DELETE FROM region_aliases WHERE alias = ?", [alias])
        return row[0] if row else None

    def aliases(self) -> dict[str, str]:
        """Return all recorded aliases as ``{alias: region_code}``."""
        return {r["alias"]: r["region_code"] for r in self.db["region_aliases"].rows}

    # -- imports and observations --

    def add_import(self, name: str, path: str | os.PathLike, size: int, sha256: str,
                   department: str | None = None, template_id: int | None = None,
                   status: str = IMPORT_STATUS_IMPORTED) -> int:
        """Record one imported workbook and return its id.

        Parameters
        ----------
        name : str
            File name shown to users.
        path : str or os.PathLike
            Where it was read from.
        size : int
            Size in bytes.
        sha256 : str
            Content hash (see :func:`sha256_of`), to recognise the same file again.
        department, template_id, status : optional
            Sending department, mapping template used, import status.

        Returns
        -------
        int
        """
        row = {"name": name, "path": str(path), "size": size, "sha256": sha256,
               "imported_at": _now(), "department": department, "template_id": template_id,
               "status": status}
        with self.transaction():
            return self.db["imports"].insert(row).last_pk

    def find_import_by_sha256(self, sha256: str) -> dict | None:
        """Return the latest import of a file with this content hash, or None."""
        return next(self.db.query(
            "SELECT * FROM imports WHERE sha256 = ? ORDER BY id DESC LIMIT 1", [sha256]), None)

    def list_imports(self) -> list[dict]:
        """Return every import, oldest first."""
        return list(self.db.query("SELECT * FROM imports ORDER BY id"))

    def add_observations(self, import_id: int, rows: Iterable[dict]) -> int:
        """Store observations read from one import.

        Parameters
        ----------
        import_id : int
            The import they came from (set on every row).
        rows : iterable of dict
            Keys are ``observations`` columns; ``conversions`` may be a list or
            dict (stored as JSON).  ``value`` is in the indicator's unit.

        Returns
        -------
        int
            Rows stored.

        Raises
        ------
        ProjectError
            If the import does not exist.
        ValueError
            If a row has a key that is not a column.
        """
        columns = [c for c in self.db["observations"].columns_dict if c != "id"]
        allowed = set(columns)
        sql = "INSERT INTO observations ({}) VALUES ({})".format(
            ", ".join(columns), ", ".join("?" * len(columns)))
        count = 0
        with self.transaction():
            if self.db.execute("SELECT 1 FROM imports WHERE id = ?", [import_id]).fetchone() is None:
                raise ProjectError(f"找不到导入记录 #{import_id}。", self._path)
            batch: list[tuple] = []
            for row in rows:
                if extra := set(row) - allowed:
                    raise ValueError(f"观测值含有未知字段：{', '.join(sorted(extra))}")
                row = {**row, "import_id": import_id}
                conv = row.get("conversions")
                if conv is not None and not isinstance(conv, str):
                    row["conversions"] = json.dumps(conv, ensure_ascii=False)
                batch.append(tuple(row.get(c) for c in columns))
                if len(batch) >= _INSERT_BATCH:
                    self.db.conn.executemany(sql, batch)
                    count, batch = count + len(batch), []
            self.db.conn.executemany(sql, batch)
            count += len(batch)
        return count

    def observations(self, current: bool = False, **filters: Any) -> pd.DataFrame:
        """Return observations as a DataFrame, one row each, in storage order.

        Parameters
        ----------
        current : bool, optional
            Only the figures that count now: those of imports that are neither
            superseded by a newer workbook nor waiting for a layout-drift review
            (the ``current_observations`` view).  By default every stored figure,
            history included.
        **filters
            ``column=value`` equality tests; a list, tuple or set means "any
            of", None means "missing".

        Returns
        -------
        pandas.DataFrame
            All observation columns, even when no row matches.
        """
        import pandas as pd

        columns = list(self.db["observations"].columns_dict)
        where, params = [], []
        for column, wanted in filters.items():
            if column not in columns:
                raise ValueError(f"观测值没有字段“{column}”")
            if wanted is None:
                where.append(f"[{column}] IS NULL")
            elif isinstance(wanted, (list, tuple, set, frozenset)):
                where.append(f"[{column}] IN ({', '.join('?' * len(wanted))})")
                params.extend(wanted)
            else:
                where.append(f"[{column}] = ?")
                params.append(wanted)
        sql = "SELECT * FROM current_observations" if current else "SELECT * FROM observations"
        if where:
            sql += " WHERE " + " AND ".join(where)
        cursor = self.db.execute(sql + " ORDER BY id", params)
        frame = pd.DataFrame.from_records(cursor.fetchall(), columns=columns)
        frame["value"] = frame["value"].astype("float64")
        return frame

    # -- targets --

    def set_target(self, indicator: str, region: str, value: float | None, source: str,
                   estimated: bool = False) -> None:
        """Set (or replace) the target of one indicator for one region.

        Parameters
        ----------
        indicator, region : str
            What and where.
        value : float or None
            The target, in the indicator's unit.
        source : str
            Where it comes from (document, decomposition), shown beside it.
        estimated : bool, optional
            True when the target was estimated rather than given.
        """
        with self.transaction():
            self.db["targets"].upsert(
                {"indicator": indicator, "region": region, "value": value, "source": source,
                 "estimated": int(bool(estimated))}, pk=("indicator", "region"))

    def targets(self) -> pd.DataFrame:
        """Return all targets (``estimated`` as bool), sorted by indicator and region."""
        import pandas as pd

        columns = ["indicator", "region", "value", "source", "estimated"]
        cursor = self.db.execute(
            f"SELECT {', '.join(columns)} FROM targets ORDER BY indicator, region")
        frame = pd.DataFrame.from_records(cursor.fetchall(), columns=columns)
        frame["value"] = frame["value"].astype("float64")
        frame["estimated"] = frame["estimated"].astype(bool)
        return frame

    # -- overview --

    def summary(self) -> dict[str, Any]:
        """Return an overview: path, plan, versions, schema version and row counts.

        Returns
        -------
        dict
            Keys ``path``, ``plan_id``, ``created_at``, ``app_version``,
            ``created_by_version``, ``schema_version`` (migrations applied),
            ``latest_migration`` and ``counts`` (``{table: rows}``).
        """
        meta = self._meta()
        applied = [m.name for m in schema.MIGRATIONS.applied(self.db)]
        existing = set(self.db.table_names())
        return {
            "path": str(self._path),
            "plan_id": meta.get("plan_id"),
            "created_at": meta.get("created_at"),
            "app_version": meta.get("app_version"),
            "created_by_version": meta.get("created_by_version"),
            "schema_version": len(applied),
            "latest_migration": applied[-1] if applied else None,
            "counts": {t: self.db[t].count for t in schema.TABLES if t in existing},
        }

