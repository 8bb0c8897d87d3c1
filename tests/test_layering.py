"""The core knows no screen (STYLE rule 1), checked statically and at run time."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contracts_hold():
    lint_imports = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint_imports), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_importing_every_core_module_loads_no_qt_and_no_pyplot():
    code = (
        "import importlib, json, pkgutil, sys\n"
        "import workbench.models as core\n"
        "for info in pkgutil.walk_packages(core.__path__, 'workbench.models.'):\n"
        "    if not info.name.endswith('__main__'):\n"
        "        importlib.import_module(info.name)\n"
        "print(json.dumps(sorted(m for m in sys.modules"
        " if m.split('.')[0] in {'PySide6', 'shiboken6'} or m == 'matplotlib.pyplot')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
