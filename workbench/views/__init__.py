"""Everything PySide6: the main window, one module per view, Qt table models and workers."""
