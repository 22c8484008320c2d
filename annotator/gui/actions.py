"""Every command as a QAction with its shortcut, so menus and the `?` overlay show the same keys.

Scopes: "window" shortcuts work anywhere in the window except while typing in a text field (a
text field keeps plain letters for itself); "review" shortcuts (Enter, Delete, arrows) work only
while the document or the quote list has the focus, so they never steal Enter from a dialog or a
chooser.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from ..exporters import FORMATS

EXPORT_KEYS = {"jsonl": ("Ctrl+Shift+E",)}  # the export most reviews end with


@dataclass(frozen=True)
class Spec:
    name: str
    text: str
    keys: tuple[str, ...]
    group: str
    scope: str = "window"  # "window" | "review"
    menu: bool = True  # shown in a menu (hidden duplicates such as the arrow keys are not)
    help: str = ""
    overlay: str = ""  # the `?` overlay's wording when the menu text needs its submenu to make sense
    checkable: bool = False


SPECS: list[Spec] = [
    Spec("new_project", "&New Project…", ("Ctrl+N",), "Project"),
    Spec("open_project", "&Open Project…", ("Ctrl+O",), "Project"),
    Spec("save_copy", "Save a &Copy…", (), "Project",
         help="the project as it is now, with any edit that could not be saved, in a new file this window then edits"),
    Spec("import", "&Import Articles…", ("Ctrl+I",), "Project"),
    Spec("preannotate", "&Pre-annotate New Articles…", ("Ctrl+Shift+P",), "Project"),
    # Project ▸ Export ▸ one entry per format of `exporters.FORMATS`, in its order
    *(Spec(f"export_{f.key}", f"&{f.label}…", EXPORT_KEYS.get(f.key, ()), "Project", help=f.help,
           overlay=f"Export {f.label}…") for f in FORMATS.values()),
    Spec("backup", "&Back Up Project…", (), "Project", help="a consistent copy, safe while you and others work"),
    Spec("persons", "Sour&ces (Rename, Kind, Merge)…", ("Ctrl+Shift+R",), "Project"),
    Spec("your_name", "Your &Name…", (), "Project", help="recorded with each edit"),
    Spec("quit", "&Quit", ("Ctrl+Q",), "Project"),
    Spec("train", "&Train on Reviewed Articles…", ("Ctrl+Shift+T",), "Model"),
    Spec("models", "&Models…", (), "Model", help="the project's trained models; choose the one pre-annotation uses"),
    Spec("stop_job", "&Stop Background Task", (), "Model", help="training stops at its next step; nothing is registered"),
    Spec("undo", "&Undo", ("Ctrl+Z",), "Edit"),
    Spec("redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "Edit"),
    Spec("quote_from_selection", "Selection to &Quote", ("Q",), "Edit",
         help="snapped to whole words, marks left out; over the selected quote: its new extent"),
    Spec("entity_from_selection", "Selection to &Entity…", ("E",), "Edit",
         help="then pick the label (1, 2, …); over the selected entity: its new extent"),
    Spec("delete", "&Delete Selected Item", ("Delete", "Backspace"), "Edit", scope="review"),
    Spec("find", "&Find Articles", ("Ctrl+F",), "Edit"),
    Spec("next_quote", "&Next Quote", ("J",), "Review", help="or ↓ in the text or the quote list"),
    Spec("prev_quote", "&Previous Quote", ("K",), "Review", help="or ↑"),
    Spec("next_quote_arrow", "Next Quote", ("Down",), "Review", scope="review", menu=False),
    Spec("prev_quote_arrow", "Previous Quote", ("Up",), "Review", scope="review", menu=False),
    Spec("confirm", "&Confirm and Go On", ("Return", "Enter"), "Review", scope="review",
         help="accepts the suggestion as it is"),
    Spec("next_unreviewed", "Next &Unreviewed Item", ("U",), "Review",
         help="quote or entity, in text order; Enter on an entity confirms it and goes on the same way"),
    Spec("prev_unreviewed", "Previous Unreviewed Item", ("Shift+U",), "Review"),
    Spec("speaker", "Choose &Speaker…", ("S",), "Review",
         help="a person, organisation, group, unnamed person or document: type a few letters, Enter; Esc goes back"),
    Spec("favor", "Stance &FAVOR", ("F",), "Stance", help="toward the highlighted target; again clears"),
    Spec("against", "Stance &AGAINST", ("A",), "Stance"),
    Spec("none", "Stance &NONE", ("N",), "Stance"),
    Spec("next_target", "Next Stance &Target", ("T",), "Stance"),
    Spec("prev_target", "Previous Stance Target", ("Shift+T",), "Stance"),
    Spec("checkworthy", "Check-&worthy On/Off", ("C",), "Review"),
    Spec("done_next", "&Mark Article Done, Open Next", ("Ctrl+Return", "Ctrl+Enter"), "Articles"),
    Spec("next_article", "Next &Article", ("Alt+Down",), "Articles"),
    Spec("prev_article", "Previous A&rticle", ("Alt+Up",), "Articles"),
    Spec("skip_article", "Mark Article &Skipped", ("Ctrl+Shift+K",), "Articles"),
    Spec("reopen", "&Reopen Article", ("Ctrl+R",), "Articles", help="a done or skipped article back in progress"),
    Spec("flag", "&Flag Article", ("Ctrl+Shift+F",), "Articles", help="for a second look or a question to the team",
         checkable=True),
    Spec("comment", "Article &Comment…", ("Ctrl+Shift+M",), "Articles", help="Enter saves, Esc cancels"),
    Spec("order_id", "In &Import Order", (), "Articles", checkable=True),
    Spec("order_uncertainty", "&Least Sure First", (), "Articles", checkable=True,
         help="the articles whose suggestions the model is least sure of first; Ctrl+Enter follows this order"),
    Spec("order_updated", "Last &Edited First", (), "Articles", checkable=True),
    Spec("bigger", "&Larger Text", ("Ctrl++", "Ctrl+="), "View"),
    Spec("smaller", "&Smaller Text", ("Ctrl+-",), "View"),
    Spec("show_links", "Show All Speaker &Links", ("L",), "View", checkable=True,
         help="every quote's speaker, linked in the margin"),
    Spec("guidelines", "Label &Guidelines", ("F2",), "View", checkable=True,
         help="what each label means, in the left panel"),
    Spec("theme_system", "Follow the &System", (), "View", checkable=True),
    Spec("theme_light", "&Light", (), "View", checkable=True),
    Spec("theme_dark", "&Dark", (), "View", checkable=True),
    Spec("shortcuts", "&Keyboard Shortcuts", ("?", "F1"), "View"),
    Spec("about", "&About Annotator", (), "Help"),
]
CLAIM_KEYS = "0123456789"

# Lines of the overlay that no single action covers.
NOTES = [
    ("Shift+arrows", "select text from the caret (a click puts the caret)"),
    ("Ctrl+click", "a name (or “he”): make it the selected quote’s speaker"),
    ("Esc", "leave a chooser or the search box, close this overlay"),
    ("Enter / ↓", "in the search box: open the first match / go to the list"),
]


def build_actions(window, slots: dict[str, Callable], review_widgets: list) -> dict[str, QAction]:
    actions: dict[str, QAction] = {}
    for spec in SPECS:
        act = QAction(spec.text, window)
        act.setObjectName(f"action_{spec.name}")
        act.setCheckable(spec.checkable)
        if spec.keys:
            act.setShortcuts([QKeySequence(k) for k in spec.keys])
        if spec.scope == "review":
            act.setShortcutContext(Qt.WidgetShortcut)
            for w in review_widgets:
                w.addAction(act)
        else:
            act.setShortcutContext(Qt.WindowShortcut)
            window.addAction(act)
        if spec.help:
            act.setStatusTip(spec.help)
        slot = slots.get(spec.name)
        if slot is not None:
            act.triggered.connect(lambda _=False, f=slot: f())
        actions[spec.name] = act
    return actions


def claim_actions(window, claim_types: list[str], slot: Callable[[int], None]) -> list[QAction]:
    out = []
    for n in range(0, min(9, len(claim_types)) + 1):
        text = "&0  No Claim Type" if n == 0 else f"&{n}  {claim_types[n - 1].replace('_', ' ').capitalize()}"
        act = QAction(text, window)
        act.setObjectName(f"action_claim_{n}")
        act.setShortcut(QKeySequence(str(n)))
        act.setShortcutContext(Qt.WindowShortcut)
        act.triggered.connect(lambda _=False, k=n: slot(k))
        window.addAction(act)
        out.append(act)
    return out


def key_text(act: QAction) -> str:
    """The action's keys as people say them (Return and keypad Enter are both "Enter")."""
    out: list[str] = []
    for s in act.shortcuts():
        t = s.toString(QKeySequence.NativeText).replace("Return", "Enter")
        if t not in out:
            out.append(t)
    return " / ".join(out)
