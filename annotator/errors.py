"""Errors the user can act on.

Every error that reaches the CLI or the GUI is an `AnnotatorError` whose `str()` is one line
naming the problem; anything else is a bug and is reported as such.
"""


class AnnotatorError(Exception):
    """Base of all errors shown to the user as one line."""


class ProjectOpenError(AnnotatorError):
    """The file cannot be opened as a project (missing, not a project, corrupt, newer)."""


class NewerVersionError(ProjectOpenError):
    """The project was written by a newer version of the app."""


class SchemeError(AnnotatorError):
    """The label scheme is invalid or a label is not in it."""


class SpanError(AnnotatorError):
    """A character span is out of range, empty or not on the article text."""


class NotFoundError(AnnotatorError):
    """An article, entity, quote or person id that does not exist."""


class ConflictError(AnnotatorError):
    """Someone else changed the same field since the caller read it."""


class ImportFailed(AnnotatorError):
    """An import was rejected as a whole; the message starts with FILE:LINE."""


class NothingToUndo(AnnotatorError):
    """Undo or redo was asked for with an empty stack."""


class ReadOnlyError(AnnotatorError):
    """The project can be read but not written (file or folder permissions, a read-only disk)."""


class DamagedError(AnnotatorError):
    """SQLite found the project file damaged ("malformed"): `annotator check` says more."""


class SaveFailed(AnnotatorError):
    """A write did not reach the file (disk full, I/O error, the file gone): nothing of it was kept."""


class UnreviewedError(AnnotatorError):
    """An article cannot be marked done: suggestions in it were never reviewed."""

    def __init__(self, article_id: int, n_quotes: int, n_entities: int):
        self.article_id, self.n_quotes, self.n_entities = article_id, n_quotes, n_entities
        parts = [f"{n} unreviewed {what if n == 1 else plural}"
                 for n, what, plural in ((n_quotes, "quote", "quotes"), (n_entities, "entity", "entities")) if n]
        how = "confirm the quotes as suggested" if n_quotes else "mark it done anyway"
        super().__init__(f"article {article_id} still has {' and '.join(parts)}: review them, or {how} "
                         "(set-status --confirm-suggestions; entities nobody reviewed are left out of training)")
