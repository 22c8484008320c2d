"""The project's label scheme: configuration validated by pydantic, never hard-coded labels."""

from __future__ import annotations

import sys
from functools import cached_property
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from .errors import SchemeError

# The frozen app (PyInstaller) carries resources/ beside its code; a source checkout has it at the top.
RESOURCES = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent.parent)) / "resources"


def _unique_nonempty(values: list[str], what: str) -> list[str]:
    cleaned = [v.strip() for v in values]
    if any(not v for v in cleaned):
        raise ValueError(f"{what}: empty label")
    dupes = sorted({v for v in cleaned if cleaned.count(v) > 1})
    if dupes:
        raise ValueError(f"{what}: duplicate labels {dupes}")
    return cleaned


class Scheme(BaseModel):
    """Labels an annotator may use in one project."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = "default"
    entity_labels: list[str]
    quote_kinds: list[str] = ["direct", "partial", "indirect"]
    stance_labels: list[str] = ["FAVOR", "AGAINST", "NONE"]
    stance_targets: list[str] = []
    claim_types: list[str]
    checkworthy: bool = True  # whether quotes carry a check-worthy flag in this project
    # What each label means, as the annotation guidelines say it (shown in the app's Guidelines pane
    # and in tooltips): keys are labels of this scheme, or "checkworthy".
    descriptions: dict[str, str] = {}

    @field_validator("entity_labels", "quote_kinds", "stance_labels", "claim_types")
    @classmethod
    def _labels(cls, v: list[str], info) -> list[str]:
        if not v:
            raise ValueError(f"{info.field_name} must not be empty")
        return _unique_nonempty(v, info.field_name)

    @field_validator("stance_targets")
    @classmethod
    def _targets(cls, v: list[str]) -> list[str]:
        return _unique_nonempty(v, "stance_targets")

    @model_validator(mode="after")
    def _person_label(self) -> "Scheme":
        if "PERSON" not in self.entity_labels:
            raise ValueError("entity_labels must include PERSON (speakers are persons)")
        return self

    @model_validator(mode="after")
    def _described_labels(self) -> "Scheme":
        known = set(self.all_labels()) | {"checkworthy"}
        unknown = sorted(k for k in self.descriptions if k not in known)
        if unknown:
            raise ValueError(f"descriptions: {unknown} are not labels of this scheme")
        if any(not v.strip() for v in self.descriptions.values()):
            raise ValueError("descriptions: empty description")
        return self

    def all_labels(self) -> list[str]:
        return [*self.entity_labels, *self.quote_kinds, *self.stance_labels, *self.stance_targets, *self.claim_types]

    def describe(self, label: str | None) -> str:
        """The guidelines' description of a label ("" when the scheme gives none)."""
        return self.descriptions.get(label or "", "")

    # --- loading -----------------------------------------------------------------------
    @classmethod
    def from_json(cls, text: str, source: str = "scheme") -> "Scheme":
        try:
            return cls.model_validate_json(text)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"]) or "scheme"
            raise SchemeError(f"{source}: {where}: {first['msg']}") from None

    @classmethod
    def load(cls, path: str | Path) -> "Scheme":
        p = Path(path)
        try:
            text = p.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise SchemeError(f"{p}: no such scheme file") from None
        except UnicodeDecodeError:
            raise SchemeError(f"{p}: scheme file is not UTF-8") from None
        return cls.from_json(text, str(p))

    @classmethod
    def default(cls) -> "Scheme":
        return cls.from_json(default_scheme_text(), "default scheme")

    def to_json(self) -> str:
        return self.model_dump_json(indent=2)

    # --- checks used by operations ------------------------------------------------------
    @cached_property
    def _allowed(self) -> dict[str, frozenset[str]]:  # a frozen scheme: worked out once (an import checks 100,000s)
        return {"entity label": frozenset(self.entity_labels), "quote kind": frozenset(self.quote_kinds),
                "stance label": frozenset(self.stance_labels), "stance target": frozenset(self.stance_targets),
                "claim type": frozenset(self.claim_types)}

    def check(self, kind: str, value: str | None) -> None:
        if value is not None and value not in self._allowed[kind]:
            allowed = {"entity label": self.entity_labels, "quote kind": self.quote_kinds,
                       "stance label": self.stance_labels, "stance target": self.stance_targets,
                       "claim type": self.claim_types}[kind]
            raise SchemeError(f"{kind} {value!r} is not in the project's scheme ({', '.join(allowed) or 'none defined'})")


def default_scheme_text() -> str:
    return (RESOURCES / "default_scheme.json").read_text(encoding="utf-8")
