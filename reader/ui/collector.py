"""Python's cyclic garbage collector held off while the reader starts.

The start makes hundreds of thousands of objects that live as long as the reader (modules,
classes, widgets, the stored list of articles) and next to no garbage in cycles; the
collector, run every few hundred allocations, scanned them over and over: two full and some
three hundred young collections, a sixth of the CPU of a warm start to the first frame at
20,000 articles. `hold` turns it off before the UI is imported; `release`, after the first
frame, freezes what the start made (later collections skip it: it lives on; what of it turns
to garbage in a cycle is never collected, a few widgets at most) and turns it back on.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """The collector off until `release` (`reader` with the TUI, before its imports)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """The collector on again, what the start made frozen (nothing when not held)."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()
