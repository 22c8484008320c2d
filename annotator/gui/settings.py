"""What the app remembers between runs (QSettings): window geometry, font size, theme, annotator
name, recent projects, the last export folder, the Dask scheduler to pre-annotate on. Project data
never lives here."""

from __future__ import annotations

import os

from PySide6.QtCore import QByteArray, QSettings

ORG, APP = "annotator", "annotator"
MAX_RECENT = 8


class AppSettings:
    def __init__(self, qsettings: QSettings | None = None):
        self.q = qsettings or QSettings(ORG, APP)

    # --- identity -----------------------------------------------------------------------
    @property
    def user(self) -> str | None:
        env = os.environ.get("ANNOTATOR_USER")
        if env:
            return env
        v = self.q.value("user/name", None)
        return str(v) if v else None

    @user.setter
    def user(self, name: str) -> None:
        self.q.setValue("user/name", name.strip())

    # --- appearance ---------------------------------------------------------------------
    @property
    def font_size(self) -> int:
        try:
            return max(8, min(28, int(self.q.value("view/font_size", 12))))
        except (TypeError, ValueError):
            return 12

    @font_size.setter
    def font_size(self, size: int) -> None:
        self.q.setValue("view/font_size", int(size))

    @property
    def theme(self) -> str:
        """View ▸ Theme: "system", "light" or "dark"."""
        v = str(self.q.value("view/theme", "system") or "system")
        return v if v in ("system", "light", "dark") else "system"

    @theme.setter
    def theme(self, mode: str) -> None:
        self.q.setValue("view/theme", mode)

    def geometry(self) -> tuple[QByteArray | None, QByteArray | None, QByteArray | None]:
        return (self.q.value("window/geometry", None), self.q.value("window/state", None),
                self.q.value("window/splitter", None))

    def save_geometry(self, geometry: QByteArray, state: QByteArray, splitter: QByteArray) -> None:
        self.q.setValue("window/geometry", geometry)
        self.q.setValue("window/state", state)
        self.q.setValue("window/splitter", splitter)

    # --- recent projects ----------------------------------------------------------------
    @property
    def recent(self) -> list[str]:
        v = self.q.value("projects/recent", [])
        if isinstance(v, str):
            v = [v]
        return [str(x) for x in (v or []) if x]

    def add_recent(self, path: str) -> None:
        items = [path] + [p for p in self.recent if p != path]
        self.q.setValue("projects/recent", items[:MAX_RECENT])

    # --- exports ------------------------------------------------------------------------
    @property
    def export_folder(self) -> str | None:
        v = self.q.value("export/folder", None)
        return str(v) if v else None

    @export_folder.setter
    def export_folder(self, folder: str) -> None:
        self.q.setValue("export/folder", str(folder))

    # --- pre-annotation on a Dask cluster (why here and not in the project: preannotate_dialog) --
    @property
    def scheduler(self) -> str | None:
        v = self.q.value("cluster/scheduler", None)
        return str(v) if v else None

    @scheduler.setter
    def scheduler(self, address: str) -> None:
        self.q.setValue("cluster/scheduler", address.strip())

    @property
    def use_cluster(self) -> bool:
        return str(self.q.value("cluster/use", "false")).lower() == "true"

    @use_cluster.setter
    def use_cluster(self, on: bool) -> None:
        self.q.setValue("cluster/use", "true" if on else "false")

    def sync(self) -> None:
        self.q.sync()
