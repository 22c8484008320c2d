"""What a spaCy export leaves out and why: parts with nothing to learn, notes for the user, and
the command line that checks and trains an exported folder with the interpreter that has spaCy."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from spacy.tokens import DocBin

from .corpus_format import CHECKWORTHY

if TYPE_CHECKING:
    from .corpus_format import Manifest



def _labels(b: DocBin, what: str) -> set[str]:
    """The labels a classifier corpus teaches: stance categories are "LABEL: TARGET", and what must
    vary is the label."""
    return {k.split(": ")[0] if what == "stance" else k for cats in b.cats for k, v in cats.items()
            if v and k != CHECKWORTHY}


def skip_reasons(bins: dict, m: "Manifest", scheme, base: str | None) -> dict[str, str]:
    """Parts with nothing spaCy can learn or score, and why (one line each): they are not written."""
    out: dict[str, str] = {}
    main = bins["main"]
    if not main["train"] or not main["dev"]:
        side = "training" if not main["train"] else "dev"
        out["main"] = f"no article of the {side} split has every quote reviewed"
    elif not sum(m.quotes.values()) and not (base or sum(m.entities.values())):
        out["main"] = "no reviewed entity or quote"
    for name, what in (("stance", "stance"), ("claims", "claim")):
        b = bins[name]
        if name == "stance" and not scheme.stance_targets:
            out[name] = "the scheme has no stance targets"
        elif not b["train"] and not b["dev"]:
            out[name] = f"no {what} labelled in the reviewed quotes" if name == "claims" else "no reviewed quote"
        elif not b["train"] or not b["dev"]:
            side = "training" if not b["train"] else "dev"
            out[name] = f"no reviewed quote with a {what} label in the {side} articles"
        elif len(labels := _labels(b["train"], name)) < 2:
            out[name] = f"only one {what} label ({', '.join(sorted(labels)) or 'none'}) in the training quotes"
    return out


def remove_part(folder: Path) -> None:
    """A skipped part leaves no corpus behind (not even an earlier export's)."""
    for name in ("train.spacy", "dev.spacy", "config.cfg"):
        (folder / name).unlink(missing_ok=True)
    if folder.name in ("stance", "claims") and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()


def corpus_notes(m: "Manifest") -> list[str]:
    """What an export left out of the labels, one line each (CLI and app show these)."""
    lines = []
    if m.entities_unreviewed:
        lines.append(f"{m.entities_unreviewed} entities nobody reviewed are missing in the corpus (not labels)")
    for reason, ids in m.left_out.items():
        lines.append(f"{len(ids)} article(s) with {reason} left out of train/dev.spacy "
                     f"(ids {', '.join(map(str, ids[:10]))}{'…' if len(ids) > 10 else ''})")
    for part, why in m.skipped.items():
        lines.append(f"{part}: not written: {why}")
    return lines


def spacy_command(args: str) -> str:
    """`python -m spacy ARGS` with this interpreter: a bare `python` may be one without spaCy."""
    import shlex
    import sys

    if getattr(sys, "frozen", False):  # the installed app carries no interpreter of its own to name
        return f"python -m spacy {args}"
    return f"{shlex.quote(sys.executable)} -m spacy {args}"
