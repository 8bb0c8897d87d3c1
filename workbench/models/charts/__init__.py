"""Charts as :class:`matplotlib.figure.Figure` objects (never pyplot), for views and exports alike.

The views embed them with ``FigureCanvasQTAgg``; the exporters save the same figures.
:mod:`~workbench.models.charts.palette` holds the colours and symbols shared with the
tables, chosen to survive grey printing and colour-blind readers.
"""
