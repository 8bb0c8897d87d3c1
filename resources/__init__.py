"""Data files shipped with the workbench (plans, regions, demo workbooks, templates).

Installed as the package ``workbench.resources`` and read with ``importlib.resources``.
"""
