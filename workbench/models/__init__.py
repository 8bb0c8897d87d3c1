"""The Qt-free core: plan, regions, periods, store and everything computed from them.

Nothing under this package imports PySide6, shiboken6, ``workbench.views`` or
``matplotlib.pyplot``; import-linter and a subprocess test enforce it.
"""
