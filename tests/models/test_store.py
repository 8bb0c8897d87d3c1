"""The project file, checked the way a user would: data survives, nothing is lost or
overwritten, and files that are not (or not yet) ours are refused untouched."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import zipfile
from contextlib import closing
from pathlib import Path

import pytest
from sqlite_utils import Database, Migrations

from workbench.models.store import (
    MIGRATION_SET,
    PROJECT_SUFFIX,
    NotAProject,
    Project,
    ProjectError,
    ProjectExists,
    ProjectMigrationFailed,
    ProjectNotFound,
    ProjectTooNew,
    backup_path,
    known_migrations,
    lock_path,
    sha256_of,
)
from workbench.models.store import schema

ROOT = Path(__file__).resolve().parents[2]
PLAN = "jiaxing-smes-2018-2020"
ROWS = [
    {"indicator": "新增小微企业", "region": "330402", "period": "2019年1-9月", "year": 2019,
     "first_month": 1, "last_month": 9, "basis": "本年累计", "value": 1234.0, "unit": "家",
     "sheet": "Sheet1", "cell": "C5", "raw_text": "1,234", "conversions": ["去掉千分位"]},
    {"indicator": "新增小微企业", "region": "330481", "period": "2019年1-9月", "year": 2019,
     "first_month": 1, "last_month": 9, "basis": "本年累计", "value": None, "unit": "家",
     "sheet": "Sheet1", "cell": "C6", "merged_range": "C6:D6", "raw_text": "—"},
]


def _run_python(code: str, *args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    return subprocess.run([sys.executable, "-c", code, *args], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120, **kwargs)


def _add_workbook(project: Project, tmp_path: Path, name: str = "市场监管局.xlsx") -> int:
    workbook = tmp_path / name
    if not workbook.exists():
        workbook.write_bytes(name.encode("utf-8") * 100)
    return project.add_import(workbook.name, workbook, workbook.stat().st_size,
                              sha256_of(workbook), department="市场监管局")


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / f"2019年三季度考核{PROJECT_SUFFIX}"


def test_create_and_reopen_keeps_everything(path, tmp_path):
    with Project.create(path, PLAN) as project:
        assert project.lock_warning is None
        import_id = _add_workbook(project, tmp_path)
        assert project.add_observations(import_id, ROWS) == 2
        project.set_target("新增小微企业", "330402", 8000, "计划分解表", estimated=True)
        project.set_setting("进度阈值", {"严重欠进度": 10, "县": ["南湖", "海宁"]})
        project.add_alias("南 湖 区", "330402")

    with Project.open(path) as project:
        assert project.plan_id == PLAN
        [record] = project.list_imports()
        assert record["name"] == "市场监管局.xlsx"
        assert record["sha256"] == sha256_of(tmp_path / "市场监管局.xlsx")
        assert project.find_import_by_sha256(record["sha256"])["id"] == record["id"]
        assert project.find_import_by_sha256("0" * 64) is None

        frame = project.observations()
        assert list(frame["cell"]) == ["C5", "C6"]
        assert frame.loc[0, "value"] == 1234.0 and frame["value"].isna().iloc[1]
        assert json.loads(frame.loc[0, "conversions"]) == ["去掉千分位"]
        assert frame.loc[1, "merged_range"] == "C6:D6"
        assert list(project.observations(region=["330481"])["cell"]) == ["C6"]
        assert list(project.observations(merged_range=None)["cell"]) == ["C5"]
        assert project.observations(indicator="不存在的指标").empty
        with pytest.raises(ValueError):
            project.observations(no_such_column=1)

        targets = project.targets()
        assert targets.to_dict("records") == [{"indicator": "新增小微企业", "region": "330402",
                                               "value": 8000.0, "source": "计划分解表",
                                               "estimated": True}]
        assert project.get_setting("进度阈值") == {"严重欠进度": 10, "县": ["南湖", "海宁"]}
        assert project.get_setting("未设置", default=5) == 5
        assert project.aliases() == {"南 湖 区": "330402"}

        summary = project.summary()
        assert summary["plan_id"] == PLAN and summary["path"] == str(path)
        assert summary["schema_version"] == len(known_migrations())
        assert summary["counts"]["observations"] == 2 and summary["counts"]["imports"] == 1
    assert not lock_path(path).exists()


def test_target_and_setting_are_replaced_not_duplicated(path):
    with Project.create(path, PLAN) as project:
        project.set_target("新增小微企业", "330402", 8000, "计划")
        project.set_target("新增小微企业", "330402", 9000, "调整后的计划")
        project.set_setting("容差", 0.5)
        project.set_setting("容差", 1)
        assert project.targets()[["value", "source"]].values.tolist() == [[9000.0, "调整后的计划"]]
        assert project.get_setting("容差") == 1


def test_create_refuses_an_existing_file(path):
    path.write_text("别人的东西", encoding="utf-8")
    with pytest.raises(ProjectExists, match="已存在") as error:
        Project.create(path, PLAN)
    assert isinstance(error.value, ProjectError)
    assert path.read_text(encoding="utf-8") == "别人的东西"


def test_open_missing_file(path):
    with pytest.raises(ProjectNotFound, match=path.name):
        Project.open(path)


def test_wal_is_on(path):
    with Project.create(path, PLAN):
        with closing(sqlite3.connect(path)) as conn:
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_older_file_is_migrated_and_backed_up(path, tmp_path):
    migrations = known_migrations()
    assert len(migrations) >= 2
    with Project.create(path, PLAN, stop_before=migrations[-1]) as old:
        import_id = _add_workbook(old, tmp_path)
        old.add_observations(import_id, ROWS[:1])
        assert old.summary()["schema_version"] == len(migrations) - 1

    with Project.open(path) as project:
        summary = project.summary()
        assert summary["schema_version"] == len(migrations)
        assert summary["latest_migration"] == migrations[-1]
        assert [r["name"] for r in project.list_imports()] == ["市场监管局.xlsx"]
        assert list(project.observations()["value"]) == [1234.0]
        assert "explained_by" in project.db["findings"].columns_dict

    backup = backup_path(path)
    assert backup.name == path.name + ".bak" and backup.parent == path.parent
    with closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as conn:
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
        assert applied == migrations[:-1]
        assert conn.execute("SELECT name FROM imports").fetchall() == [("市场监管局.xlsx",)]

    backup_hash = sha256_of(backup)
    with Project.open(path):  # nothing pending: the backup is left alone
        pass
    assert sha256_of(backup) == backup_hash


def test_failed_migration_leaves_the_file_as_it_was(path, tmp_path, monkeypatch):
    migrations = known_migrations()
    with Project.create(path, PLAN, stop_before=migrations[-1]) as old:
        _add_workbook(old, tmp_path)
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        schema_before = conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall()

    with Database(memory=True) as empty:
        functions = {m.name: m.fn for m in schema.MIGRATIONS.pending(empty)}
    broken = Migrations(MIGRATION_SET)
    for name in migrations[:-1]:
        broken(name=name)(functions[name])

    def fails_half_way(db):
        functions[migrations[-1]](db)
        raise RuntimeError("磁盘已满")

    broken(name=migrations[-1])(fails_half_way)
    monkeypatch.setattr(schema, "MIGRATIONS", broken)
    with pytest.raises(ProjectMigrationFailed, match="磁盘已满") as error:
        Project.open(path)
    assert backup_path(path).name in str(error.value)
    assert backup_path(path).exists()
    assert not lock_path(path).exists()
    monkeypatch.undo()

    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        applied = [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")]
        assert applied == migrations[:-1]
        # nothing the failed migration did is left behind (its new columns, indexes, views)
        assert conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name").fetchall() == schema_before
    with Project.open(path) as project:
        assert len(project.list_imports()) == 1
        assert project.summary()["schema_version"] == len(migrations)


def test_newer_file_is_refused_and_left_unchanged(path):
    with Project.create(path, PLAN):
        pass
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES (?, ?, ?)", [MIGRATION_SET, "0099_from_a_newer_workbench", "2030"])
    before = sha256_of(path)

    with pytest.raises(ProjectTooNew) as error:
        Project.open(path)
    message = str(error.value)
    assert "更新版本" in message and "请升级" in message and path.name in message
    assert sha256_of(path) == before
    assert not backup_path(path).exists() and not lock_path(path).exists()


def _xlsx_like(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")


def _other_sqlite(path: Path) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE 企业名录 (名称 TEXT)")
        conn.execute("INSERT INTO 企业名录 VALUES ('嘉兴某某有限公司')")


@pytest.mark.parametrize("make", [
    pytest.param(lambda p: p.write_text("地区,新增小微企业\n南湖区,1234\n", encoding="gbk"), id="text"),
    pytest.param(_xlsx_like, id="xlsx-like zip"),
    pytest.param(_other_sqlite, id="sqlite without meta"),
    pytest.param(lambda p: p.write_bytes(b""), id="empty"),
])
def test_non_project_file_is_refused_and_left_unchanged(tmp_path, make):
    path = tmp_path / "报表.wbproj"
    make(path)
    before = sha256_of(path)
    with pytest.raises(NotAProject, match=path.name):
        Project.open(path)
    assert sha256_of(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_opening_twice_in_one_program_warns(path):
    with Project.create(path, PLAN) as first:
        with Project.open(path) as second:
            assert first.lock_warning is None
            assert "已被" in second.lock_warning and path.name in second.lock_warning
        assert lock_path(path).exists(), "closing the second window must keep the first one's lock"
    assert not lock_path(path).exists()


def test_opened_by_another_running_workbench_warns(path):
    with Project.create(path, PLAN):
        pass
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys\nfrom workbench.models.store import Project\n"
         "with Project.open(sys.argv[1]):\n    print('ready', flush=True)\n    sys.stdin.read()\n",
         str(path)],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, cwd=ROOT, text=True,
        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with Project.open(path) as project:
            assert "已被" in project.lock_warning and str(holder.pid) in project.lock_warning
    finally:
        holder.stdin.close()
        assert holder.wait(timeout=60) == 0
        holder.stdout.close()
    assert not lock_path(path).exists()


def test_lock_held_on_another_computer_warns_and_is_kept(path):
    with Project.create(path, PLAN):
        pass
    theirs = {"pid": 4242, "host": socket.gethostname() + "-财务科", "user": "张三",
              "opened_at": "2019-10-08T09:30:00+08:00"}
    lock_path(path).write_text(json.dumps(theirs, ensure_ascii=False), encoding="utf-8")
    with Project.open(path) as project:
        assert "张三" in project.lock_warning and "2019-10-08 09:30" in project.lock_warning
        assert theirs["host"] in project.lock_warning
    assert json.loads(lock_path(path).read_text(encoding="utf-8")) == theirs


def test_stale_lock_is_taken_over_silently(path):
    with Project.create(path, PLAN):
        pass
    dead_pid = int(_run_python("import os; print(os.getpid())").stdout)
    stale = {"pid": dead_pid, "host": socket.gethostname(), "user": "李四",
             "opened_at": "2019-10-08T09:30:00+08:00"}
    lock_path(path).write_text(json.dumps(stale), encoding="utf-8")
    with Project.open(path) as project:
        assert project.lock_warning is None
        assert json.loads(lock_path(path).read_text(encoding="utf-8"))["pid"] == os.getpid()
    assert not lock_path(path).exists()


CRASHING_SESSION = """
import os, sys
from workbench.models.store import Project
rows = [{"indicator": "新增小微企业", "region": r, "value": 1.0} for r in ("330402", "330411")]
project = Project.open(sys.argv[1])
with project.transaction():                       # action 1: committed
    project.add_observations(project.add_import("一.xlsx", "一.xlsx", 1, "1" * 64), rows)
with project.transaction():                       # action 2: the power goes out
    project.add_observations(project.add_import("二.xlsx", "二.xlsx", 1, "2" * 64), rows * 500)
    os._exit(17)
"""


def test_crash_in_the_middle_of_an_action_loses_only_that_action(path):
    with Project.create(path, PLAN):
        pass
    crashed = _run_python(CRASHING_SESSION, str(path))
    assert crashed.returncode == 17, crashed.stderr  # died inside action 2, not of an error

    with Project.open(path) as project:
        assert project.lock_warning is None  # the crashed session's lock is stale
        assert [r["name"] for r in project.list_imports()] == ["一.xlsx"]
        assert len(project.observations()) == 2
        assert project.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_failed_action_is_rolled_back_completely(path, tmp_path):
    with Project.create(path, PLAN) as project:
        project.set_setting("容差", 0.5)
        with pytest.raises(RuntimeError):
            with project.transaction():
                import_id = _add_workbook(project, tmp_path)
                project.add_observations(import_id, ROWS)
                project.set_setting("容差", 2)
                project.set_target("新增小微企业", "330402", 8000, "计划")
                project.add_alias("南湖", "330402")
                raise RuntimeError("用户在中途取消")

        import_id = _add_workbook(project, tmp_path)
        with pytest.raises(ValueError, match="bogus"):
            project.add_observations(import_id, [ROWS[0], {"indicator": "x", "bogus": 1}])
        with pytest.raises(ProjectError, match="#999"):
            project.add_observations(999, ROWS)

    with Project.open(path) as project:
        assert [r["id"] for r in project.list_imports()] == [import_id]
        assert project.observations().empty
        assert project.get_setting("容差") == 0.5
        assert project.targets().empty and project.aliases() == {}


def test_sha256_of_streams_without_touching_the_file(tmp_path):
    import hashlib

    workbook = tmp_path / "统计局.xls"
    content = os.urandom(3 * 1024 + 17)
    workbook.write_bytes(content)
    assert sha256_of(workbook, chunk_size=1024) == hashlib.sha256(content).hexdigest()
    assert workbook.read_bytes() == content


def test_importing_the_store_loads_no_qt_and_no_pyplot():
    # pandas is not checked: sqlite_utils.db imports it whenever it is installed.
    result = _run_python(
        "import sys, workbench.models.store\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')"
        " or m == 'matplotlib.pyplot']\n"
        "print(bad)")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
