"""What attribution decides for one quote, shared by the attribution modules."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Attribution:
    speaker: int | None = None  # local source key (a person, organisation, group, unnamed person or document)
    speaker_span: tuple[int, int] | None = None  # the words naming the speaker here (name, "he", "who", "a spokesman")
    cue_span: tuple[int, int] | None = None
    confidence: float = 0.0
    how: str = "none"  # which rule decided: for tests and debugging


@dataclass
class Found:
    """A source found for a word: its key, the words naming it, how sure we are."""

    key: int | None
    span: tuple[int, int] | None
    conf: float
