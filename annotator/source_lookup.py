"""Which source a name means: the one rule the operations, the app, the bulk writer and the team
merge share (pre-annotation's `nlp.persons.NameIndex`, which links a draft to the stored sources,
follows the same rules and adds its surname guess).

The rule: names are compared case-insensitively (Unicode case folding, so "ÉTAT" is "état");
a source's canonical name beats another's alias; an alias two sources share ("Smith") names
neither of them, since a new source is easier to fix than a wrong merge; a person asked for by
a full name is found by its full forms alone (not by the "Ibarra" another Ibarra is known by).
Only sources of the kind asked for count (any kind when none is asked for).

Where to look is the caller's: a project-wide source is everybody's, a source an article only
describes ("a spokesman") is that article's alone. `find(..., article_id=A)` looks at both, the
article's own first; `only_article=True` looks at the article's alone, and `article_id=None` at
the project-wide ones alone. Creating a source is not done here: `ops` (undoable) and the bulk
writers (`suggestions`, `team.merge`) create what `find` did not find, and `add` it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import NamedTuple

# Sources an article only describes ("a spokesman", "protesters", "the report") are that article's.
ARTICLE_KINDS = ("unnamed", "group", "document")


class Known(NamedTuple):
    id: int
    name: str
    kind: str
    article_id: int | None


def name_key(name: str) -> str:
    return name.strip().casefold()


class SourceLookup:
    """An index of sources by canonical name and by alias, for `find`."""

    def __init__(self, sources: Iterable[tuple[int, str, Iterable[str], str, int | None]] = ()):
        self._by_name: dict[str, list[Known]] = {}
        self._by_alias: dict[str, list[Known]] = {}
        for sid, name, aliases, kind, article_id in sources:
            self.add(sid, name, aliases, kind, article_id)

    @classmethod
    def of(cls, conn: sqlite3.Connection, where: str = "", args: tuple = ()) -> "SourceLookup":
        """The project's sources (those `where` selects), read on `conn` (inside a transaction, to
        see what the writer will write against)."""
        rows = conn.execute(f"SELECT id, name, aliases, kind, article_id FROM persons {where} ORDER BY id", args)
        return cls((sid, name, json.loads(aliases), kind, aid) for sid, name, aliases, kind, aid in rows)

    def add(self, sid: int, name: str, aliases: Iterable[str] = (), kind: str = "person",
            article_id: int | None = None) -> Known:
        known = Known(sid, name, kind, article_id)
        self._by_name.setdefault(name_key(name), []).append(known)
        self.add_aliases(known, aliases)
        return known

    def add_aliases(self, known: Known, aliases: Iterable[str]) -> None:
        for a in aliases:
            self._by_alias.setdefault(name_key(a), []).append(known)

    def find(self, names: str | Iterable[str], kind: str | None = None, article_id: int | None = None, *,
             only_article: bool = False) -> Known | None:
        """The source `names` (a name, or a name with its aliases) means; None when there is none
        or an alias is ambiguous (see the module's rule and where it looks)."""
        keys = [name_key(n) for n in ([names] if isinstance(names, str) else names) if n and n.strip()]
        if kind == "person" and keys and len(keys[0].split()) > 1:
            # "Dorian Ibarra" (also "Ibarra") is not whoever else is known as "Ibarra": a person's full
            # name is found by its full forms ("WHO" does name the World Health Organization).
            keys = [k for k in keys if len(k.split()) > 1]

        def seen(k: Known) -> bool:
            if kind is not None and k.kind != kind:
                return False
            return k.article_id == article_id if only_article else k.article_id in (None, article_id)

        # The article's own source first, then the oldest: one answer whatever order they came in.
        mine_first = lambda k: (k.article_id is None or k.article_id != article_id, k.id)
        named = [k for key in keys for k in self._by_name.get(key, ()) if seen(k)]
        if named:
            return min(named, key=mine_first)
        aliased = {k.id: k for key in keys for k in self._by_alias.get(key, ()) if seen(k)}
        return next(iter(aliased.values())) if len(aliased) == 1 else None


def home_of(kind: str, article_id: int | None) -> int | None:
    """The article a new source of `kind` named in `article_id` belongs to: that article for a
    source it only describes, None (the whole project) for a person or an organisation."""
    return article_id if kind in ARTICLE_KINDS else None
