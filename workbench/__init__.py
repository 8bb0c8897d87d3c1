"""嘉兴市小微企业成长计划考核工作台 (workbench)."""

__version__ = "0.1.0"
APP_NAME = "workbench"
APP_TITLE = "小微企业成长计划考核工作台"
