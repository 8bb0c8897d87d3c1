"""The advisory lock file that warns when a project is opened twice.

``<name>.wbproj.lock`` holds JSON ``{pid, host, user, opened_at, token}``.  It
never blocks opening: a second opener gets a warning naming who holds it.  A
lock whose process is gone (same host, dead pid) is stale and taken over.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sys
import uuid
from datetime import datetime
from pathlib import Path

# Tokens of the locks held by this process: tells a lock written by this very
# process apart from one left by a crashed process whose pid we now reuse.
_HELD_TOKENS: set[str] = set()


def lock_path(path: str | os.PathLike) -> Path:
    """Return the lock file that marks a project as open (``<name>.wbproj.lock``)."""
    path = Path(path)
    return path.with_name(path.name + ".lock")


class ProjectLock:
    """The lock of one open project.

    Parameters
    ----------
    project_path : pathlib.Path
        The project file the lock sits next to.
    """

    def __init__(self, project_path: Path):
        self.project_path = project_path
        self.path = lock_path(project_path)
        self.token = uuid.uuid4().hex
        self.owned = False

    def acquire(self) -> str | None:
        """Take the lock unless someone live holds it.

        Returns
        -------
        str or None
            A Chinese warning naming who has the project open, or None.
        """
        info = _read(self.path)
        if info is not None and _is_live(info):
            return _warning(self.project_path, info)  # the first opener keeps the lock
        if info is not None:
            self.path.unlink(missing_ok=True)  # stale: its process is gone
        record = {"pid": os.getpid(), "host": socket.gethostname(), "user": _user(),
                  "opened_at": datetime.now().astimezone().isoformat(timespec="seconds"),
                  "token": self.token}
        try:
            with open(self.path, "x", encoding="utf-8") as fh:
                json.dump(record, fh, ensure_ascii=False)
        except FileExistsError:  # another opener won the race
            info = _read(self.path)
            return _warning(self.project_path, info) if info else None
        except OSError:
            return None  # advisory only: a read-only folder must not block opening
        self.owned = True
        _HELD_TOKENS.add(self.token)
        return None

    def release(self) -> None:
        """Remove the lock file if it is still ours; leave anyone else's alone."""
        if self.owned and (_read(self.path) or {}).get("token") == self.token:
            with contextlib.suppress(OSError):
                self.path.unlink()
        self.owned = False
        _HELD_TOKENS.discard(self.token)


def _read(lock: Path) -> dict | None:
    try:
        info = json.loads(lock.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return {}  # garbled (a crash while writing it): stale
    return info if isinstance(info, dict) else {}


def _is_live(info: dict) -> bool:
    if not info:
        return False
    if info.get("host") != socket.gethostname():
        return True  # another machine's processes cannot be checked from here
    pid = info.get("pid")
    if not isinstance(pid, int):
        return False
    if pid == os.getpid():
        return info.get("token") in _HELD_TOKENS
    return _pid_alive(pid)


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        # os.kill(pid, 0) would terminate the process on Windows.
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # access denied: it exists
        try:
            code = ctypes.c_ulong()
            ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
            return not ok or code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def _warning(project_path: Path, info: dict) -> str:
    when = str(info.get("opened_at", "?")).replace("T", " ")[:16]
    who = info.get("user") or "未知用户"
    if info.get("host") != socket.gethostname():
        where = f"在计算机“{info.get('host', '?')}”上"
    elif info.get("pid") == os.getpid():
        where = "在本程序的另一个窗口中"
    else:
        where = f"在本机另一个工作台（进程 {info.get('pid')}）中"
    return (f"项目“{project_path.name}”已被 {who} 于 {when} {where}打开。"
            "两处同时修改可能互相覆盖，建议关闭另一处后再编辑。")


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getuser() raises when no login name is set (services, containers)
        return ""
