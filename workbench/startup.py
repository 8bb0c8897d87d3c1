"""When this process was launched, so the start-up time counts the interpreter's own start too.

The operating system knows when the process began: Linux from ``/proc`` (its start and the
uptime, both counted from boot), Windows from ``GetProcessTimes``. Elsewhere, or if that fails, the
time this module was first imported is the best estimate (it misses the interpreter's start,
some tens of milliseconds).
"""

from __future__ import annotations

import os
import sys
import time

_IMPORTED_AT = time.time()

HEAVY_MODULES = ("pandas", "numpy", "matplotlib", "openpyxl", "sqlite_utils", "python_calamine", "pptx", "docx")
"""What must not be loaded before the main window shows (they load on demand or in the background)."""


def _linux_start() -> float | None:
    try:
        with open(f"/proc/{os.getpid()}/stat", encoding="ascii") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22 (starttime): since boot
        with open("/proc/uptime", encoding="ascii") as f:
            uptime = float(f.read().split()[0])  # since boot too; /proc/stat's btime is whole seconds
        return time.time() - (uptime - started)
    except (OSError, ValueError, IndexError):
        return None


def _windows_start() -> float | None:
    try:
        import ctypes
        from ctypes import wintypes

        created, exited, kernel, user = (wintypes.FILETIME() for _ in range(4))
        handle = ctypes.windll.kernel32.GetCurrentProcess()
        if not ctypes.windll.kernel32.GetProcessTimes(handle, ctypes.byref(created), ctypes.byref(exited),
                                                      ctypes.byref(kernel), ctypes.byref(user)):
            return None
        hundreds_ns = (created.dwHighDateTime << 32) | created.dwLowDateTime
        return hundreds_ns / 1e7 - 11_644_473_600  # FILETIME counts from 1601
    except (AttributeError, OSError, ValueError):
        return None


def process_start_time() -> float:
    """Epoch seconds at which this process started (see the module's docstring)."""
    started = _windows_start() if sys.platform == "win32" else _linux_start()
    if started is None or started > _IMPORTED_AT:
        return _IMPORTED_AT
    return started


def seconds_since_launch() -> float:
    return time.time() - process_start_time()


def heavy_modules_loaded() -> list[str]:
    """The :data:`HEAVY_MODULES` already imported."""
    return [name for name in HEAVY_MODULES if name in sys.modules]
