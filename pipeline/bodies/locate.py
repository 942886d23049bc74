"""Where a body's name, as normalised, stands in the raw responsible cell (Body.span)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from schemas import Span

# Between two characters of a name the cell may hold a line break, several spaces, a soft hyphen or a
# hyphen that wrapped a word ("департа-\nменті"), an OCR'd Latin twin is matched by the look-alike key.
_GAP = r"(?:[\s\u00ad]*-?[\s\u00ad]*)"


@lru_cache(maxsize=16384)
def _pattern(name: str, loose: bool) -> re.Pattern:
    words = name.split()
    if not loose:
        return re.compile(r"\s+".join(re.escape(w) for w in words))
    return re.compile(r"[\s\u00ad]*".join(_GAP.join(re.escape(ch) for ch in w) for w in words), re.IGNORECASE)


def locate(raw: str, name: str, start: int = 0) -> Optional[Span]:
    """The span of `name` in `raw` at or after `start` (else anywhere), or None when it cannot be found."""
    if not name.strip():
        return None
    for loose in (False, True):
        pattern = _pattern(name, loose)
        m = pattern.search(raw, start) or pattern.search(raw)
        if m:
            return Span(start=m.start(), end=m.end())
    return None
