"""Worksheet names Excel and WPS accept: :func:`sheet_title`.

Excel refuses a sheet name longer than 31 characters, one holding ``[ ] : * ? / \\``,
one beginning or ending with an apostrophe, an empty one and the reserved name
"History"; names are compared without regard to case.
"""

from __future__ import annotations

import re

MAX_SHEET_TITLE = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_RESERVED = {"history"}


def sheet_title(name: object, taken: set[str], fallback: str = "工作表") -> str:
    """A valid, unused sheet name made from ``name``; it is added to ``taken``.

    Forbidden characters become "_"; the name is cut to 31 characters; a name already in
    ``taken`` (compared case-insensitively) gets a suffix "(2)", "(3)" … within the limit.

    Parameters
    ----------
    name : object
        The wished-for name (an indicator's short name, a county's name).
    taken : set of str
        Names in use, lower-cased; updated in place.
    fallback : str
        Used when nothing of ``name`` is left.

    Returns
    -------
    str
    """
    text = _FORBIDDEN.sub("_", "" if name is None else str(name)).strip().strip("'").strip()
    if not text or text.lower() in _RESERVED:
        text = f"{text}_" if text else fallback
    text = text[:MAX_SHEET_TITLE].rstrip("'") or fallback
    candidate, number = text, 1
    while candidate.lower() in taken:
        number += 1
        suffix = f"({number})"
        candidate = text[:MAX_SHEET_TITLE - len(suffix)].rstrip("'") + suffix
    taken.add(candidate.lower())
    return candidate
