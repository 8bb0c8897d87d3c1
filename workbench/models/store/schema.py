"""The project schema, changed only through sqlite-utils migrations.

A migration once released is never edited: a later change is a new migration,
so every older file follows the same path to the current schema.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlite_utils import Database, Migrations

from workbench.models.store.errors import NotAProject, ProjectTooNew

MIGRATION_SET = "workbench.project"
TABLES = ("meta", "imports", "observations", "targets", "templates", "findings",
          "settings", "region_aliases")

MIGRATIONS = Migrations(MIGRATION_SET)


@MIGRATIONS(name="0001_initial")
def _m0001_initial(db: Database) -> None:
    db["meta"].create({"key": str, "value": str}, pk="key")
    db["settings"].create({"key": str, "value": str}, pk="key")
    db["region_aliases"].create({"alias": str, "region_code": str}, pk="alias",
                                not_null=["region_code"])
    db["templates"].create(
        {"id": int, "department": str, "fingerprint": str, "name": str, "mapping": str,
         "created_at": str}, pk="id")
    db["imports"].create(
        {"id": int, "name": str, "path": str, "size": int, "sha256": str, "imported_at": str,
         "department": str, "template_id": int, "status": str, "superseded_by": int},
        pk="id", not_null=["name", "sha256", "imported_at", "status"],
        foreign_keys=[("template_id", "templates", "id"), ("superseded_by", "imports", "id")])
    db["observations"].create(
        {"id": int, "import_id": int, "indicator": str, "region": str, "period": str,
         "year": int, "first_month": int, "last_month": int, "basis": str, "value": float,
         "unit": str, "sheet": str, "cell": str, "merged_range": str, "raw_text": str,
         "conversions": str},
        pk="id", not_null=["import_id", "indicator", "region"],
        foreign_keys=[("import_id", "imports", "id")])
    db["targets"].create(
        {"indicator": str, "region": str, "value": float, "source": str, "estimated": int},
        pk=("indicator", "region"), defaults={"estimated": 0})
    db["findings"].create(
        {"id": int, "rule": str, "severity": str, "indicator": str, "region": str,
         "period": str, "import_id": int, "sheet": str, "cell": str, "message": str,
         "status": str, "explanation": str, "explained_at": str},
        pk="id", not_null=["rule", "severity", "message"],
        foreign_keys=[("import_id", "imports", "id")])


@MIGRATIONS(name="0002_indexes_and_explained_by")
def _m0002_indexes_and_explained_by(db: Database) -> None:
    db["observations"].create_index(["import_id"])
    db["observations"].create_index(["indicator", "region", "period"])
    db["imports"].create_index(["sha256"])
    db["findings"].create_index(["status"])
    # An explanation of an overridden error is only auditable with its author.
    db["findings"].add_column("explained_by", str)


@MIGRATIONS(name="0003_import_provenance_templates_finding_keys")
def _m0003_import_provenance_templates_finding_keys(db: Database) -> None:
    # Findings: a stable identity across re-runs of the checks, and structured details (JSON).
    db["findings"].add_column("key", str)
    db["findings"].add_column("details", str)
    db["findings"].create_index(["key"])
    # Provenance of every stored figure, beside sheet/cell/raw_text/conversions.
    db["observations"].add_column("header_path", str)
    db["observations"].add_column("source_unit", str)
    db["observations"].add_column("confidence", float)
    # An import knows the report period it covers (YYYY-MM, the last month), the layout
    # fingerprint, the layout and mapping it was read with (JSON), its drift against the
    # department's template and what changed against the import it superseded (JSON lists).
    db["imports"].add_column("period", str)
    db["imports"].add_column("fingerprint", str)
    db["imports"].add_column("layout", str)
    db["imports"].add_column("drift", str)
    db["imports"].add_column("changes", str)
    db["imports"].add_column("message", str)
    db["imports"].create_index(["department", "period"])
    # Templates: where the mapping came from (auto | confirmed | imported), the layout it
    # was confirmed on (JSON, for drift) and when it last changed.
    db["templates"].add_column("origin", str)
    db["templates"].add_column("layout", str)
    db["templates"].add_column("updated_at", str)
    db["templates"].create_index(["department", "fingerprint"])
    # Figures that count now: from imports neither superseded nor waiting for a drift review.
    db.create_view("current_observations", """
        SELECT observations.* FROM observations
        JOIN imports ON imports.id = observations.import_id
        WHERE imports.status = 'imported' AND imports.superseded_by IS NULL
    """)


def known_migrations() -> list[str]:
    """Return the names of all migrations this code knows, in order."""
    with Database(memory=True) as empty:  # on an empty database every migration is pending
        return [m.name for m in MIGRATIONS.pending(empty)]


def check_is_project(path: Path, db: Database) -> None:
    """Raise unless ``db`` is a project this code understands; reads only.

    Parameters
    ----------
    path : pathlib.Path
        The file, named in the error messages.
    db : sqlite_utils.Database
        The open file.

    Raises
    ------
    NotAProject
        If the file is damaged or lacks the project tables.
    ProjectTooNew
        If it holds migrations of this set that this code does not know.
    """
    try:
        tables = set(db.table_names())
        applied = [m.name for m in MIGRATIONS.applied(db)]
    except sqlite3.DatabaseError as exc:
        raise NotAProject(path, "文件已损坏或不是 SQLite 数据库") from exc
    if "meta" not in tables or not applied:
        raise NotAProject(path, "缺少项目信息表（meta）")
    known = set(known_migrations())
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise ProjectTooNew(path, unknown)


def backup_path(path: str | os.PathLike) -> Path:
    """Return where the copy taken before a schema upgrade goes (``<name>.wbproj.bak``)."""
    path = Path(path)
    return path.with_name(path.name + ".bak")


def write_backup(db: Database, target: Path) -> None:
    """Copy the open database to ``target``, replacing an older backup.

    Parameters
    ----------
    db : sqlite_utils.Database
        The project, before it is migrated.
    target : pathlib.Path
        Where the copy goes (see :func:`backup_path`).
    """
    # The SQLite backup API, unlike a file copy, includes commits still in the -wal file;
    # writing aside and renaming means a crash never leaves half a backup in place.
    partial = target.with_name(target.name + ".tmp")
    partial.unlink(missing_ok=True)
    dest = sqlite3.connect(partial)
    try:
        db.conn.backup(dest)
    finally:
        dest.close()
    os.replace(partial, target)
