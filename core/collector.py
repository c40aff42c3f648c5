"""Python's cyclic garbage collector paused while a request reads many rows.

Reading thousands of rows (an engine's hits, the facet columns of every
match) makes a few objects per row, garbage once counted. Collected midway,
they would be moved to the oldest generation and set off a full collection
of the whole process every few searches."""

import gc
from contextlib import contextmanager


@contextmanager
def collector_paused():
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
