"""Pausing Python's cyclic garbage collector for a burst of allocations.

Diffing two large agreements, or reading a PA-X release, makes hundreds of
thousands of small objects (scores, pairs, records) that hold no reference
cycles: reference counting frees them. The cyclic collector still walks
every live object each time enough of them pile up, which cost about a fifth
of a 10,000-clause diff. :func:`paused` turns it off for such a burst and back
on after, even on an error, and leaves it off if the caller had turned it off.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["paused"]


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """The cyclic garbage collector off inside the block, as it was after.

    >>> import gc
    >>> with paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
