"""Pre-annotation: entities, quotes, speakers and persons suggested by spaCy plus our rules.

Imports point inward: this package may use `annotator.models` and `annotator.store`; core
never imports it.
"""

from .extract import Analysis, analyse
from .persons import PersonDraft

__all__ = ["Analysis", "analyse", "PersonDraft"]
