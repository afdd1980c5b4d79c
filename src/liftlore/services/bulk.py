"""For work that makes millions of small objects at once: a large import, the strength overview."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cycle collector while a computation makes a few million small tuples and no cycles: otherwise it
    walks the growing heap again and again and takes as long as the computation itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
