"""The interchange formats' contract, written once for the importers, the exporters and `validate`:
the names and shapes of the records other tools read and write.
"""

from __future__ import annotations


def stance_control(target: str) -> str:
    """Label Studio: the name of the per-region Choices for one stance target, e.g. "stance_ukraine_in_nato"."""
    return "stance_" + "".join(ch if ch.isalnum() else "_" for ch in target.lower()).strip("_")
