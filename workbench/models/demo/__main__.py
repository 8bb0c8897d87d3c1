"""``python -m workbench.models.demo OUT_DIR``: write the demo workbooks into OUT_DIR."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from workbench.models.demo import generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m workbench.models.demo",
        description="生成示例部门报表（2018年一季度至2020年四季度）、真值表 truth.csv 与清单 manifest.json。",
    )
    parser.add_argument("out_dir", type=Path, help="输出文件夹，例如 resources/demo")
    args = parser.parse_args(argv)
    manifest = generate(args.out_dir)
    print(
        f"已写入 {len(manifest['files'])} 个部门报表、1 个目标分解表、{manifest['truth']['rows']} 行真值、"
        f"{len(manifest['problems'])} 处预置问题 → {args.out_dir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
