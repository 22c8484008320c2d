"""Plain-text news files, possibly several articles run together ("seed style").

An article starts at a headline line that is followed by a dateline paragraph ("London – ..."),
or at a dateline paragraph with no headline before it. A file with neither is one article.
The article text keeps its headline (headlines carry quotes too); `title` is the headline and
`place` the dateline's place.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from ..fsutil import reason
from ..limits import MAX_DEPTH
from ..models import ArticleDraft
from ..text import OPEN_MARKS, char_class
from .base import Unreadable, fail, file_kind, read_text, unreadable

# "London – ", "PARIS — ", "New York - ", "Washington, D.C. – ": a short capitalised place, a dash, text.
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
DATELINE = re.compile(
    r"^(?P<place>(?:[A-Z][\w'’.]*|[A-Z]{2,})(?:[ ,]+(?:[A-Z][\w'’.]*|[A-Z]{2,}|de|du|la|el|al|am|upon|on)){0,4}?)"
    rf"(?:,\s*{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?)?"  # "LONDON, March 3 (Reuters) - "
    # a story starts with a capital ("London – UK Prime Minister ..."); "Macron – who has ..." is an aside
    rf"(?:\s*\([^)]{{1,40}}\))?\s+[–—-]{{1,2}}\s+(?=[A-Z0-9(]|{char_class(OPEN_MARKS)})")
_SMALL = {"a", "an", "the", "and", "or", "but", "for", "nor", "of", "on", "in", "to", "at", "by", "with", "as",
          "from", "into", "over", "vs", "via", "per", "up", "off", "out", "is", "are", "be"}


def dateline_place(line: str) -> str | None:
    m = DATELINE.match(line)
    if not m:
        return None
    place = m.group("place").strip(" ,")
    return place if len(place) <= 40 else None


def is_headline(line: str) -> bool:
    """A short line without final punctuation whose words are mostly capitalised."""
    s = line.strip()
    if not s or len(s) > 200 or s.endswith((".", "!", "?", ",", ";")):
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", s)]
    if len(words) < 2:
        return False
    content = [w for w in words if w.lower() not in _SMALL]
    if not content:
        return False
    caps = sum(1 for w in content if w[0].isupper())
    return caps / len(content) >= 0.7


def split_articles(text: str) -> list[tuple[int, int, str | None, str | None]]:
    """(start, end, title, place) for each article in `text`; offsets into `text`."""
    lines = text.split("\n")
    offsets, pos = [], 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln) + 1
    starts: list[tuple[int, str | None, str | None]] = []  # (line index, title, place)
    i = 0
    while i < len(lines):
        place = dateline_place(lines[i])
        if place:
            prev = i - 1
            while prev >= 0 and not lines[prev].strip():
                prev -= 1
            claimed = starts and starts[-1][0] == prev
            if prev >= 0 and is_headline(lines[prev]) and not claimed:
                starts.append((prev, lines[prev].strip(), place))
            elif not claimed:
                starts.append((i, None, place))
            else:
                starts[-1] = (starts[-1][0], starts[-1][1], starts[-1][2] or place)
        i += 1
    first_text = next((k for k, ln in enumerate(lines) if ln.strip()), None)
    if first_text is None:
        return []
    if not starts or starts[0][0] > first_text:
        # Text before the first dateline (or no dateline at all) is an article of its own.
        head = lines[first_text]
        title = head.strip() if is_headline(head) and len(lines) > first_text + 1 else None
        starts.insert(0, (first_text, title, None))
    out = []
    for n, (li, title, place) in enumerate(starts):
        a = offsets[li]
        b = offsets[starts[n + 1][0]] if n + 1 < len(starts) else len(text)
        chunk = text[a:b]
        stripped = chunk.rstrip()
        if stripped.strip():
            out.append((a, a + len(stripped), title, place))
    return out


def read_txt(path: Path, encoding: str | None = None, split: bool = True) -> list[ArticleDraft]:
    text = read_text(path, encoding)
    if not text.strip():
        raise fail(path, None, "empty file, no article to import")
    parts = split_articles(text) if split else [(0, len(text.rstrip()), None, None)]
    drafts = []
    for a, b, title, place in parts:
        drafts.append(ArticleDraft(title=title, place=place, text=text[a:b], source=path.name,
                                   line=text.count("\n", 0, a) + 1))
    return drafts


def read_folder(path: Path, encoding: str | None = None, skipped: list[str] | None = None) -> list[ArticleDraft]:
    """Every .txt under `path`. Anything unreadable in it (a folder or file without permission, a
    broken link, a named pipe or device named .txt) fails the import, unless `skipped` is given:
    then it is listed there by name and left out."""
    drafts = []
    files = txt_files(path, skipped)
    if not files and not skipped:
        raise fail(path, None, "no .txt files in this folder")
    for f in files:
        try:
            parts = read_txt(f, encoding)
        except Unreadable as exc:
            if skipped is None:
                raise
            skipped.append(str(exc))
            continue
        for d in parts:
            d.source = str(f.relative_to(path))
            drafts.append(d)
    return drafts


def txt_files(root: Path, skipped: list[str] | None = None) -> list[Path]:
    """The .txt files under `root` (following links, each folder once), sorted."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    stack = [(root, 0)]

    def cannot(p: Path, what: str) -> None:
        if skipped is None:
            raise unreadable(p, what)
        skipped.append(f"{p}: {what}")

    while stack:
        folder, depth = stack.pop()
        try:
            st = folder.stat()
            if (st.st_dev, st.st_ino) in seen:  # a link back up the tree: walked already
                continue
            seen.add((st.st_dev, st.st_ino))
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            cannot(folder, f"cannot read this folder ({reason(exc)})")
            continue
        if depth > MAX_DEPTH:
            raise fail(folder, None, f"folders nested more than {MAX_DEPTH} deep")
        for e in entries:
            p = Path(e.path)
            try:
                if e.is_dir():  # follows a link to a folder
                    stack.append((p, depth + 1))
                    continue
            except OSError as exc:
                cannot(p, f"cannot read ({reason(exc)})")
                continue
            if not e.name.lower().endswith(".txt"):
                continue
            try:
                mode = os.stat(p).st_mode
            except FileNotFoundError:
                cannot(p, "a broken link (its target does not exist)")
                continue
            except OSError as exc:
                cannot(p, f"cannot read ({reason(exc)})")
                continue
            if not stat.S_ISREG(mode):
                cannot(p, f"not a regular file ({file_kind(mode)}); only files can be imported")
                continue
            found.append(p)
    return sorted(found)
