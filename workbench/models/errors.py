"""The common base of the core's typed errors.

Every error meant for the user derives from :class:`WorkbenchError` and carries a Chinese
message naming the file (and sheet or cell) where it can; the CLI and the views show it as
it is, and treat any other exception as a bug.
"""


class WorkbenchError(Exception):
    """An error whose message is written for the user."""
