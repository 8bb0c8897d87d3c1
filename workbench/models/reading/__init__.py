"""Reading workbooks of every format into :class:`~workbench.models.reading.workbook.Workbook`."""
