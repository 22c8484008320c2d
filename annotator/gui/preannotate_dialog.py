"""Project ▸ Pre-annotate New Articles: on this computer, or on a Dask cluster the user configured.

The cluster's scheduler address lives in the app settings (QSettings), not in the project: it
names a machine on this user's network, while a project file is copied, backed up and opened on
other machines, where that address would mean nothing (or someone else's cluster). The project
keeps what belongs to the data, such as the model pre-annotation uses.
"""

from __future__ import annotations

import importlib.util

from PySide6.QtWidgets import QButtonGroup, QDialog, QHBoxLayout, QLineEdit, QRadioButton, QVBoxLayout, QWidget

from .dialog_parts import action_buttons, muted, wrapped
from .settings import AppSettings

# Said without importing annotator.nlp (that loads spaCy, seconds the dialog should not wait).
NEEDS_DASK = "Running on a Dask cluster needs Dask distributed: pip install 'annotator[cluster]'."
ON_WORKERS = ("Every worker needs the same annotator[cluster] and the same model installed; articles this "
              "model and this annotator already did are skipped, so a stopped run picks up where it stopped.")


def dask_installed() -> bool:
    return importlib.util.find_spec("distributed") is not None


class PreannotateDialog(QDialog):
    """Where to run: this computer (the default) or the cluster at a scheduler address."""

    def __init__(self, n_new: int, settings: AppSettings, cluster_installed: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("preannotateDialog")
        self.setWindowTitle("Pre-annotate New Articles")
        self.settings = settings
        v = QVBoxLayout(self)
        v.addWidget(wrapped(f"Suggest entities, quotes and speakers for the {n_new:,} new article(s). "
                           "Reviewed work and articles in progress are never touched."))
        self.local = QRadioButton("On this computer")
        self.local.setObjectName("preannotateLocal")
        self.cluster = QRadioButton("On the Dask cluster at")
        self.cluster.setObjectName("preannotateCluster")
        group = QButtonGroup(self)
        for b in (self.local, self.cluster):
            group.addButton(b)
            b.toggled.connect(self._update)
        self.address = QLineEdit(settings.scheduler or "")
        self.address.setObjectName("preannotateScheduler")
        self.address.setPlaceholderText("tcp://scheduler-host:8786")
        self.address.setAccessibleName("Dask scheduler address")
        self.address.setMinimumWidth(280)
        self.address.textChanged.connect(self._update)
        row = QHBoxLayout()
        row.addWidget(self.cluster)
        row.addWidget(self.address, 1)
        v.addWidget(self.local)
        v.addLayout(row)
        self.note = muted(wrapped(ON_WORKERS if cluster_installed else NEEDS_DASK))
        self.note.setObjectName("preannotateNote")
        v.addWidget(self.note)
        self.run_btn = action_buttons(self, v, "Pre-annotate", "preannotateRun")
        self.cluster.setEnabled(cluster_installed)
        self.address.setEnabled(cluster_installed)
        (self.cluster if cluster_installed and settings.use_cluster and settings.scheduler else self.local).setChecked(True)
        self._update()
        self.resize(max(520, self.sizeHint().width()), self.sizeHint().height())

    @property
    def scheduler(self) -> str | None:
        """The address to run on, or None for this computer."""
        return self.address.text().strip() if self.cluster.isChecked() else None

    def _update(self) -> None:
        self.run_btn.setEnabled(self.local.isChecked() or bool(self.address.text().strip()))

    def accept(self) -> None:
        if not self.run_btn.isEnabled():
            return
        self.settings.use_cluster = self.cluster.isChecked()
        if self.address.text().strip():
            self.settings.scheduler = self.address.text().strip()
        super().accept()
