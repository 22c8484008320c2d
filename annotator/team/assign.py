"""Deal a team project's articles out to annotators, one project file each.

`assign(team, ["ana", "ben", "cho"], out_dir, overlap=0.2)` takes the articles no annotator has
been given yet, shuffles them with `seed` (deterministic), and makes a round:

- `overlap` is the share of the round's articles that go to `copies` annotators (default 2), the
  rest to one. Overlap articles go to annotator groups in turn (ana+ben, cho+ana, ben+cho, ...),
  so each annotator gets the same number of them (within one) and each pair meets as often as
  any other; single articles then go to whoever has the fewest, so batches are balanced too.
- `per_annotator` caps each batch at N articles (the round is then as large as that allows);
  without it the round takes every article not yet assigned.

Each annotator's file is an ordinary project: the team's scheme, all its persons (same ids, so
the speaker chooser knows every name), the batch's articles (same ids and text, status new) with
the model's *unreviewed* suggestions only (annotators work blind to each other and to gold), and
in its settings the team project's id, the annotator's name and the round. Files are written
beside their final names and renamed at the end: a failure leaves no batch half-written, and no
file is ever overwritten. The team project records who got what (`team_assignments`).
"""

from __future__ import annotations

import json
import random
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .. import rows
from ..errors import AnnotatorError
from . import ANNOTATOR, ROUND, TEAM_ID, TEAM_NAME
from .layers import is_annotator_file

from ..store import Project

NAME = re.compile(r"^[\w][\w.\- ]{0,63}$")


@dataclass
class Assignment:
    round: int
    files: dict[str, Path]
    batches: dict[str, list[int]]  # annotator -> article ids
    overlap_ids: list[int] = field(default_factory=list)  # given to `copies` annotators

    @property
    def articles(self) -> int:
        return len({a for ids in self.batches.values() for a in ids})


def check_names(names: list[str]) -> list[str]:
    names = [n.strip() for n in names if n.strip()]
    if len(names) < 1:
        raise AnnotatorError("name at least one annotator")
    bad = [n for n in names if not NAME.match(n)]
    if bad:
        raise AnnotatorError(f"annotator name {bad[0]!r}: use letters, digits, '.', '-', '_' or spaces (up to 64)")
    dupes = sorted({n for n in names if [m.casefold() for m in names].count(n.casefold()) > 1})
    if dupes:
        raise AnnotatorError(f"annotator {dupes[0]!r} named twice")
    return names


def plan(pool: list[int], names: list[str], overlap: float, copies: int, per_annotator: int | None,
         seed: int) -> tuple[dict[str, list[int]], list[int]]:
    """Which annotator gets which article (see module doc); returns (batches, overlap ids)."""
    n = len(names)
    if not 0 <= overlap <= 1:
        raise AnnotatorError(f"--overlap {overlap}: a share between 0 and 1")
    if overlap > 0 and not 2 <= copies <= n:
        raise AnnotatorError(f"an overlap needs {copies} annotators per shared article, and there are {n}")
    order = sorted(pool)
    random.Random(seed).shuffle(order)
    extra = (copies - 1) * overlap if overlap > 0 else 0.0
    size = len(order)
    if per_annotator is not None:
        if per_annotator < 1:
            raise AnnotatorError("--per-annotator must be at least 1")
        size = min(size, int(n * per_annotator / (1 + extra)))
    chosen = order[:size]
    n_overlap = round(size * overlap) if overlap > 0 else 0
    batches: dict[str, list[int]] = {a: [] for a in names}
    shared = chosen[:n_overlap]
    for i, aid in enumerate(shared):
        for j in range(copies):
            batches[names[(i * copies + j) % n]].append(aid)
    for aid in chosen[n_overlap:]:
        fewest = min(names, key=lambda a: (len(batches[a]), names.index(a)))
        if per_annotator is not None and len(batches[fewest]) >= per_annotator:
            break
        batches[fewest].append(aid)
    return {a: sorted(ids) for a, ids in batches.items()}, sorted(shared)


def assign(team: "Project", names: list[str], out_dir: str | Path, overlap: float = 0.2, copies: int = 2,
           per_annotator: int | None = None, seed: int = 0) -> Assignment:
    """Make one round of batches and write each annotator's file (see module doc)."""
    names = check_names(names)
    if is_annotator_file(team):
        raise AnnotatorError(f"{team.path}: is an annotator's file; assign from the team project")
    out = Path(out_dir)
    files = {a: out / f"{_file_stem(a)}.annotator" for a in names}
    if len({p.name.casefold() for p in files.values()}) < len(files):
        raise AnnotatorError("two annotator names give the same file name")
    for p in files.values():
        if p.exists():
            raise AnnotatorError(f"{p}: already exists; choose another --out folder")
    if out.resolve() == team.path.resolve().parent and any(p.resolve() == team.path.resolve() for p in files.values()):
        raise AnnotatorError(f"{team.path}: an annotator's file would replace the team project")
    pool = [r[0] for r in team.conn.execute(
        "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM team_assignments) ORDER BY id")]
    if not pool:
        raise AnnotatorError(f"{team.path}: every article is already assigned (import more articles first)")
    batches, shared = plan(pool, names, overlap, copies, per_annotator, seed)
    if not any(batches.values()):
        raise AnnotatorError("no article to assign with these settings")
    tid = team.setting(TEAM_ID) or uuid.uuid4().hex
    rnd = (team.conn.execute("SELECT max(round) FROM team_assignments").fetchone()[0] or 0) + 1
    out.mkdir(parents=True, exist_ok=True)
    parts = {a: p.with_name(p.name + ".part") for a, p in files.items()}
    try:
        for a in names:
            parts[a].unlink(missing_ok=True)
            _write_batch(team, parts[a], batches[a], {TEAM_ID: tid, ANNOTATOR: a, ROUND: str(rnd),
                                                      TEAM_NAME: team.path.name})
        with team.transaction() as c:
            if team.setting(TEAM_ID) is None:
                c.execute("INSERT INTO settings (key, value) VALUES (?, ?)", (TEAM_ID, tid))
            c.executemany("INSERT INTO team_assignments (annotator, article_id, round) VALUES (?, ?, ?)",
                          [(a, aid, rnd) for a in names for aid in batches[a]])
            c.execute("INSERT INTO audit (ts, user, op, tbl, row_id, article_id, field, old, new) "
                      "VALUES (?, ?, ?, 'team_assignments', NULL, NULL, '*', NULL, ?)",
                      (rows.now(), team.user, f"assign round {rnd}",
                       json.dumps({a: len(b) for a, b in batches.items()}, ensure_ascii=False)))
            for a in names:
                parts[a].replace(files[a])
    except BaseException:
        for a in names:
            for suffix in ("", "-wal", "-shm"):
                Path(str(parts[a]) + suffix).unlink(missing_ok=True)
        raise
    return Assignment(round=rnd, files=files, batches=batches, overlap_ids=shared)


def _file_stem(name: str) -> str:
    return re.sub(r"[^\w.\-]+", "_", name).strip("._") or "annotator"


def _write_batch(team: "Project", path: Path, ids: list[int], settings: dict[str, str]) -> None:
    """One annotator's project: scheme, persons, the batch with its unreviewed suggestions."""
    c = team.conn
    with Project.create(path, team.scheme, user=team.user) as p, p.transaction() as w:
        w.executemany("INSERT INTO settings (key, value) VALUES (?, ?)", settings.items())
        # Sources keep their ids, kinds and ties; organisations before the spokesmen who speak for
        # them, and a source an article only describes after that article, if it is in the batch.
        pcols = ("id", "name", "aliases", "kind", "org_id", "article_id", "origin")
        rows.insert_many(w, "persons", pcols, c.execute(
            f"SELECT {rows.cols(pcols)} FROM persons WHERE article_id IS NULL ORDER BY org_id IS NOT NULL, id").fetchall())
        c.execute("CREATE TEMP TABLE IF NOT EXISTS assign_ids (id INTEGER PRIMARY KEY)")
        c.execute("DELETE FROM temp.assign_ids")
        c.executemany("INSERT INTO temp.assign_ids (id) VALUES (?)", [(i,) for i in ids])
        cols = ("id", "title", "place", "text", "source", "published", "meta", "model", "content_hash", "created_at",
                "updated_at")
        rows.insert_many(w, "articles", cols, c.execute(
            f"SELECT {rows.cols(cols)} FROM articles WHERE id IN temp.assign_ids ORDER BY id"))
        rows.insert_many(w, "persons", pcols, c.execute(
            f"SELECT {rows.cols(pcols)} FROM persons WHERE article_id IN temp.assign_ids ORDER BY id"))
        ecols = ("article_id", "start", "end", "label", "person_id", "origin", "confidence")
        rows.insert_many(w, "entities", ecols, c.execute(
            f"SELECT {rows.cols(ecols)} FROM entities WHERE reviewed = 0 AND article_id IN temp.assign_ids"
            " ORDER BY article_id, start, id"))
        qcols = ("article_id", "start", "end", "kind", "cue_start", "cue_end", "speaker_id", "speaker_start",
                 "speaker_end", "stances", "claim", "claim_confidence", "checkworthy", "origin", "confidence")
        rows.insert_many(w, "quotes", qcols, c.execute(
            f"SELECT {rows.cols(qcols)} FROM quotes WHERE reviewed = 0 AND article_id IN temp.assign_ids"
            " ORDER BY article_id, start, id"))
        c.execute("DELETE FROM temp.assign_ids")
