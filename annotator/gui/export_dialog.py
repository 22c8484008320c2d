"""Project ▸ Export: where to, which articles, and (spaCy) the dev split; then a summary."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QPushButton, QRadioButton, QVBoxLayout, QWidget)

from ..exporters import ExportFormat, ExportResult
from .dialog_parts import SplitFields, SplitOptions, action_buttons, muted, wrapped

# What a spaCy export writes into its folder (a folder holding these is an earlier export).
SPACY_FILES = ("train.spacy", "dev.spacy", "config.cfg", "manifest.json", "stance", "claims")


class ExportDialog(SplitOptions, QDialog):
    """Target (typed, or chosen with Browse…), done-only or all articles; Export starts the job."""

    def __init__(self, fmt: ExportFormat, target: Path, n_done: int, n_all: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(f"Export — {fmt.label}")
        self.fmt = fmt
        self._confirmed: str | None = None  # a path the file dialog already asked about replacing
        self.n_done = n_done
        self.hint: QLabel | None = None
        v = QVBoxLayout(self)
        about = muted(QLabel(fmt.help[:1].upper() + fmt.help[1:] + "."))
        about.setTextFormat(Qt.PlainText)
        about.setWordWrap(True)
        v.addWidget(about)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        row = QHBoxLayout()
        self.path_edit = QLineEdit(str(target))
        self.path_edit.setObjectName("exportPath")
        self.path_edit.setMinimumWidth(380)
        self.path_edit.setAccessibleName("Export to")
        self.path_edit.textChanged.connect(self._update)
        self.browse_btn = QPushButton("Browse…")
        self.browse_btn.setObjectName("exportBrowse")
        self.browse_btn.clicked.connect(self.browse)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_btn)
        form.addRow("Folder:" if fmt.folder else "Save to:", row)
        self.done_only = QRadioButton(f"Only articles marked done ({n_done:,})")
        self.done_only.setObjectName("exportDoneOnly")
        self.all_articles = QRadioButton(f"All articles ({n_all:,}), reviewed or not")
        self.all_articles.setObjectName("exportAll")
        group = QButtonGroup(self)
        for b in (self.done_only, self.all_articles):
            group.addButton(b)
            b.toggled.connect(self._update)
        self.done_only.setChecked(True)
        which = QVBoxLayout()
        which.setSpacing(2)
        which.addWidget(self.done_only)
        which.addWidget(self.all_articles)
        form.addRow("Articles:", which)
        self.split = SplitFields("export", "of the articles go to dev.spacy, to score a model",
                                 "the same seed gives the same split")
        self.dev, self.seed = self.split.dev, self.split.seed
        if fmt.folder:
            self.split.add_rows(form)
        v.addLayout(form)
        self.hint = wrapped("")
        self.hint.setObjectName("exportHint")
        v.addWidget(self.hint)
        self.export_btn = action_buttons(self, v, "Export", "exportButton")
        self._update()
        self.resize(max(560, self.sizeHint().width()), self.sizeHint().height())

    # --- values -------------------------------------------------------------------------------
    @property
    def path(self) -> str:
        return str(Path(self.path_edit.text().strip()).expanduser())

    @property
    def include_all(self) -> bool:
        return self.all_articles.isChecked()

    # --- behaviour ------------------------------------------------------------------------------
    def browse(self) -> None:
        current = self.path_edit.text().strip()
        if self.fmt.folder:
            start = current if Path(current).is_dir() else str(Path(current).parent)
            path = QFileDialog.getExistingDirectory(self, f"Folder for the {self.fmt.label.split(' (')[0]}", start)
        else:
            path, _ = QFileDialog.getSaveFileName(self, f"Export {self.fmt.label}", current, self.fmt.filter)
            if path and not Path(path).suffix:
                path += "." + self.fmt.suffix.rsplit(".", 1)[-1]
            self._confirmed = path or None  # the save dialog asked about replacing it
        if path:
            self.path_edit.setText(path)

    def _update(self) -> None:
        if self.hint is None:
            return  # still being built
        empty = not self.path_edit.text().strip()
        nothing = self.done_only.isChecked() and self.n_done == 0
        self.hint.setText("No article is marked done yet: mark reviewed ones done (Ctrl+Enter), or export all."
                          if nothing else "")
        self.hint.setVisible(nothing)
        self.export_btn.setEnabled(not empty and not nothing)

    def accept(self) -> None:
        if not self.export_btn.isEnabled():
            return
        out = Path(self.path)
        if self.fmt.folder:
            if out.exists() and not out.is_dir():
                self._say(f"{out} is a file; choose a folder.")
                return
            if out.is_dir() and any(out.iterdir()):
                earlier = any((out / n).exists() for n in SPACY_FILES)
                question = (f"Replace the spaCy corpora in {out}?" if earlier else
                            f"{out} is not empty. Write the corpora among its files?")
                if not self._ask(question, "Replace" if earlier else "Write"):
                    return
        else:
            if out.is_dir():
                self._say(f"{out} is a folder; give a file name.")
                return
            if out.exists() and self._confirmed != str(out) and not self._ask(f"Replace {out.name}?", "Replace"):
                return
        super().accept()

    def _say(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Warning, self.windowTitle(), text, QMessageBox.Ok, self)
        box.setTextFormat(Qt.PlainText)
        box.exec()

    def _ask(self, text: str, yes: str) -> bool:
        box = QMessageBox(QMessageBox.Question, self.windowTitle(), text, QMessageBox.Cancel, self)
        box.setTextFormat(Qt.PlainText)
        ok = box.addButton(yes, QMessageBox.AcceptRole)
        box.setDefaultButton(ok)
        box.exec()
        return box.clickedButton() is ok


def spacy_summary_box(parent: QWidget, result: ExportResult) -> QMessageBox:
    """The manifest in a few lines and how to train from the folder; non-blocking, text selectable."""
    box = QMessageBox(QMessageBox.Information, "spaCy corpora written", f"Wrote the spaCy corpora to\n{result.out}",
                      QMessageBox.Ok, parent)
    box.setObjectName("exportSummary")
    box.setTextFormat(Qt.PlainText)
    box.setInformativeText("\n".join(result.summary()) +
                           "\n\n(Model ▸ Train on Reviewed Articles… does this for you and keeps the model.)")
    box.setTextInteractionFlags(Qt.TextSelectableByMouse)
    info = box.findChild(QLabel, "qt_msgbox_informativelabel")
    if info is not None:
        info.setTextFormat(Qt.PlainText)  # paths are shown as they are
    box.setAttribute(Qt.WA_DeleteOnClose)
    box.open()
    return box
