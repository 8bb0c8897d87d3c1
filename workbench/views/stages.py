"""The stages of the quarterly work, in the order the navigation lists them.

Labels are marked for translation in the
``MainWindow`` context, where they are shown.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP

_CONTEXT = "MainWindow"


@dataclass(frozen=True)
class Stage:
    """One step of the quarterly work, as the navigation lists it."""

    key: str
    label: str
    summary: str = ""


STAGES: tuple[Stage, ...] = (
    Stage("project", QT_TRANSLATE_NOOP(_CONTEXT, "项目")),
    Stage("plan", QT_TRANSLATE_NOOP(_CONTEXT, "计划指标")),
    Stage("regions", QT_TRANSLATE_NOOP(_CONTEXT, "地区")),
    Stage(
        "imports",
        QT_TRANSLATE_NOOP(_CONTEXT, "导入"),
        QT_TRANSLATE_NOOP(_CONTEXT, "把各部门每季度报送的工作簿登记进项目，原文件只读不改。"),
    ),
    Stage(
        "mapping",
        QT_TRANSLATE_NOOP(_CONTEXT, "映射"),
        QT_TRANSLATE_NOOP(_CONTEXT, "把报表中的行和列对应到计划指标和县（市、区）。"),
    ),
    Stage(
        "checks",
        QT_TRANSLATE_NOOP(_CONTEXT, "审核"),
        QT_TRANSLATE_NOOP(_CONTEXT, "在数据用于考核之前找出错误和可疑之处。"),
    ),
    Stage(
        "assessment",
        QT_TRANSLATE_NOOP(_CONTEXT, "目标与考核"),
        QT_TRANSLATE_NOOP(_CONTEXT, "对照分解目标和序时进度，给各县（市、区）打分排名。"),
    ),
    Stage(
        "index",
        QT_TRANSLATE_NOOP(_CONTEXT, "成长指数"),
        QT_TRANSLATE_NOOP(_CONTEXT, "按县（市、区）编制小微企业成长指数。"),
    ),
    Stage(
        "exports",
        QT_TRANSLATE_NOOP(_CONTEXT, "导出"),
        QT_TRANSLATE_NOOP(_CONTEXT, "生成可直接使用的考核材料，Office 和 WPS 均可打开。"),
    ),
)
STAGE_KEYS = tuple(stage.key for stage in STAGES)
