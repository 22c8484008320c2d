"""The main window: article list | document | inspector, menus, status bar; wires views to the session."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QFont, QIcon, QKeySequence
from PySide6.QtWidgets import (QDialog, QFileDialog, QLabel, QMainWindow, QMenu, QSplitter, QStackedWidget,
                               QVBoxLayout, QWidget)

from ..errors import AnnotatorError
from ..scheme import RESOURCES, Scheme
from ..store import Project
from . import jobs, team_menu, window_extras
from .actions import build_actions, claim_actions
from .article_panel import ArticlePanel
from .commands import Commands
from .dialogs import PersonsDialog, about, error_box
from .document_pane import DocumentPane
from .empty_state import EmptyState
from ..exporters import FORMATS, ExportResult
from .export_dialog import ExportDialog, spacy_summary_box
from .inspector import Inspector
from .model_dialogs import ModelsDialog, TrainDialog, TrainResultsDialog, training, warm_up
from .overlay import ShortcutsOverlay
from .safety import SaveStatus
from .session import Session
from .settings import AppSettings
from .theme import Theme
from .workers import JobRunner

PROJECT_FILTER = "Annotator projects (*.annotator);;All files (*)"


class MainWindow(QMainWindow):
    def __init__(self, settings: AppSettings, user: str | None = None):
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("Annotator")
        icon = RESOURCES / "annotator.svg"
        if icon.exists():
            self.setWindowIcon(QIcon(str(icon)))
        self.settings = settings
        self.session = Session(user=user, parent=self)
        self.theme = Theme([])
        self.jobs = JobRunner(self)

        # --- widgets ---------------------------------------------------------------------
        self.articles = ArticlePanel()
        self.document = DocumentPane(self.theme)
        self.view = self.document.view
        self.inspector = Inspector(self.session, self.theme)
        self.left = window_extras.left_panel(self)  # the article list, and the label guidelines
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        for w, stretch in ((self.left, 0), (self.document, 1), (self.inspector, 0)):
            self.splitter.addWidget(w)
            self.splitter.setStretchFactor(self.splitter.indexOf(w), stretch)
        self.splitter.setChildrenCollapsible(False)
        self.articles.setMinimumWidth(220)
        self.inspector.setMinimumWidth(300)
        self.document.setMinimumWidth(320)
        self.empty = EmptyState()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.splitter)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.setCentralWidget(central)
        self.commands = Commands(self.session, self.view, self.inspector, self)
        for w, name in ((self.articles.table, "Articles"), (self.articles.search, "Search articles"),
                        (self.view, "Article text"), (self.inspector.view, "Quotes in this article")):
            w.setAccessibleName(name)

        self._build_status_bar()
        self._build_actions()
        self.safety = SaveStatus(self)  # the save label, the banner, who else has the project open
        column.addWidget(self.safety.banner)
        column.addWidget(self.pages, 1)
        self.overlay = ShortcutsOverlay(self.pages, self.actions, self.claim_actions, fallback_focus=self.view)
        self._wire()
        window_extras.install(self)
        team_menu.install(self)  # Project ▸ Team: assign, merge, adjudicate, statistics
        self._apply_font(settings.font_size)
        self._list_refresh = QTimer(self)
        self._list_refresh.setSingleShot(True)
        self._list_refresh.setInterval(150)
        self._list_refresh.timeout.connect(self.articles.model.refresh)
        self.show_no_project()

    # --- construction --------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        sb.setObjectName("statusBar")
        self.saved_label = QLabel("")
        self.article_progress = QLabel("")
        self.project_progress = QLabel("")
        self.user_label = QLabel("")
        for lab in (self.saved_label, self.article_progress, self.project_progress, self.user_label):
            lab.setTextFormat(Qt.PlainText)
            lab.setContentsMargins(8, 0, 8, 0)
            sb.addPermanentWidget(lab)

    def _build_actions(self) -> None:
        c = self.commands
        slots = {
            "new_project": self.new_project, "open_project": self.open_project_dialog,
            "save_copy": lambda: self.safety.save_copy(),
            "import": self.import_articles, "preannotate": self.preannotate,
            **{f"export_{key}": (lambda key=key: self.export_as(key)) for key in FORMATS},
            "train": self.train, "models": self.show_models,
            "persons": self.show_persons, "your_name": self.change_name, "quit": self.close,
            "undo": self.session.undo, "redo": self.session.redo,
            "quote_from_selection": c.quote_from_selection, "entity_from_selection": c.entity_from_selection,
            "delete": c.delete, "find": self.focus_search,
            "next_quote": lambda: c.step_quote(1), "prev_quote": lambda: c.step_quote(-1),
            "next_quote_arrow": lambda: c.step_quote(1), "prev_quote_arrow": lambda: c.step_quote(-1),
            "confirm": c.confirm, "speaker": c.open_speaker_chooser,
            "favor": lambda: c.stance("FAVOR"), "against": lambda: c.stance("AGAINST"),
            "none": lambda: c.stance("NONE"),
            "next_target": lambda: c.stance_target(1), "prev_target": lambda: c.stance_target(-1),
            "checkworthy": c.toggle_checkworthy, "done_next": self.done_and_next,
            "next_article": lambda: self.articles.step(1), "prev_article": lambda: self.articles.step(-1),
            "skip_article": lambda: c.set_status("skipped"),
            "bigger": lambda: self._apply_font(self.settings.font_size + 1),
            "smaller": lambda: self._apply_font(self.settings.font_size - 1),
            "shortcuts": self.toggle_overlay, "about": lambda: about(self),
        }
        self.actions = build_actions(self, slots, [self.view, self.inspector.view])
        self.claim_actions: list = []
        self.menus: dict[str, QMenu] = {}
        self._build_menus()

    def _build_menus(self) -> None:
        a = self.actions
        mb = self.menuBar()
        mb.clear()
        m = mb.addMenu("&Project")
        m.addActions([a["new_project"], a["open_project"]])
        self.recent_menu = m.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        m.addAction(a["save_copy"])
        m.addSeparator()
        m.addActions([a["import"], a["preannotate"]])
        self.export_menu = m.addMenu("&Export")
        files = [f.key for f in FORMATS.values() if not f.folder]
        self.export_menu.addActions([a[f"export_{key}"] for key in files])
        self.export_menu.addSeparator()  # then the folders (spaCy corpora)
        self.export_menu.addActions([a[f"export_{f.key}"] for f in FORMATS.values() if f.folder])
        m.addSeparator()
        m.addActions([a["persons"], a["your_name"]])
        m.addSeparator()
        m.addAction(a["quit"])
        e = mb.addMenu("&Edit")
        e.addActions([a["undo"], a["redo"]])
        e.addSeparator()
        e.addActions([a["quote_from_selection"], a["entity_from_selection"], a["delete"]])
        e.addSeparator()
        e.addAction(a["find"])
        r = mb.addMenu("&Review")
        r.addActions([a["next_quote"], a["prev_quote"], a["confirm"]])
        r.addSeparator()
        r.addAction(a["speaker"])
        st = r.addMenu("S&tance")
        st.addActions([a["favor"], a["against"], a["none"]])
        st.addSeparator()
        st.addActions([a["next_target"], a["prev_target"]])
        self.claim_menu = r.addMenu("C&laim Type")
        r.addAction(a["checkworthy"])
        ar = mb.addMenu("&Articles")
        ar.addActions([a["done_next"], a["next_article"], a["prev_article"], a["skip_article"]])
        md = mb.addMenu("&Model")
        md.addActions([a["train"], a["models"]])
        md.aboutToShow.connect(warm_up)
        v = mb.addMenu("&View")
        v.addActions([a["bigger"], a["smaller"]])
        v.addSeparator()
        v.addAction(a["shortcuts"])
        h = mb.addMenu("&Help")
        h.addActions([a["shortcuts"], a["about"]])
        self.menus = {"project": m, "edit": e, "review": r, "articles": ar, "model": md, "view": v, "help": h}

    def _set_claim_actions(self, claim_types: list[str]) -> None:
        for act in self.claim_actions:
            self.removeAction(act)
            act.deleteLater()
        self.claim_menu.clear()
        self.claim_actions = claim_actions(self, claim_types, self.commands.claim_key)
        self.claim_menu.addActions(self.claim_actions)
        if hasattr(self, "overlay"):
            self.overlay.deleteLater()
            self.overlay = ShortcutsOverlay(self.pages, self.actions, self.claim_actions, fallback_focus=self.view)

    def _wire(self) -> None:
        s, c = self.session, self.commands
        s.projectChanged.connect(self._on_project)
        s.articleChanged.connect(self._on_article)
        s.annotationsChanged.connect(self._on_annotations)
        s.selectionChanged.connect(self._on_selection)
        s.changed.connect(self._on_changed)
        s.message.connect(lambda m: self.statusBar().showMessage(m, 5000))
        s.error.connect(self.show_error)
        self.articles.articleChosen.connect(self._choose_article)
        self.articles.table.activated.connect(lambda _: self.view.setFocus())  # Enter in the list: to the text
        self.articles.model.progressChanged.connect(self._on_project_progress)
        self.view.itemClicked.connect(lambda kind, i: s.select(kind or None, i))
        self.view.speakerClicked.connect(c.speaker_from_text)
        self.view.menu_provider = self._document_menu
        self.view.selectionChanged.connect(self._on_text_selection)
        qf, ef = self.inspector.quote_form, self.inspector.entity_form
        qf.speakerChosen.connect(c.choose_speaker)
        qf.speakerCancelled.connect(self.view.setFocus)
        qf.stanceRequested.connect(c.set_stance)
        qf.claimChosen.connect(c.set_claim)
        qf.checkworthyChosen.connect(c.set_checkworthy)
        qf.noteEdited.connect(c.set_note)
        qf.note.done.connect(self.view.setFocus)
        qf.kindChosen.connect(c.set_kind)
        qf.confirmRequested.connect(c.confirm)
        qf.deleteRequested.connect(c.delete)
        ef.labelChosen.connect(c.relabel)
        ef.personChosen.connect(c.entity_person)
        ef.person.cancelled.connect(self.view.setFocus)
        ef.confirmRequested.connect(c.confirm)
        ef.deleteRequested.connect(c.delete)
        self.empty.openRequested.connect(self.open_project_dialog)
        self.empty.newRequested.connect(self.new_project)
        self.empty.importRequested.connect(self.import_articles)
        self.empty.recentChosen.connect(self.open_project)
        self.jobs.done.connect(self._job_done)
        self.jobs.failed.connect(lambda title, msg: self.show_error(f"{title} failed: {msg}", dialog=True))
        self.jobs.cancelled.connect(lambda title: self.statusBar().showMessage(f"{title}: cancelled.", 6000))

    # --- projects ------------------------------------------------------------------------
    def open_project(self, path: str, article: int | None = None) -> bool:
        try:
            self.session.open(path)
        except AnnotatorError as exc:
            self.show_no_project(error=(path, str(exc)))
            return False
        self.settings.add_recent(str(Path(path).resolve()))
        self._show_first(article)
        return True

    def _show_first(self, article: int | None = None) -> None:
        p = self.session.project
        if p is None:
            return
        if p.count_articles() == 0:
            self.empty.show_state("This project has no articles yet",
                                  f"{p.path}\n\nImport a .txt file (several articles run together are split at "
                                  "their headlines), a folder of .txt files, JSONL (Prodigy, doccano, our own export), Label Studio's JSON "
                                  "export or CSV.",
                                  [], can_import=True)
            self.pages.setCurrentWidget(self.empty)
            return
        self.pages.setCurrentWidget(self.splitter)
        target = article if article is not None else (p.next_article(0) or p.article_ids()[0])
        self.session.show_article(target)
        self.view.setFocus()

    def show_no_project(self, error: tuple[str, str] | None = None) -> None:
        recent = [r for r in self.settings.recent if Path(r).exists()]
        if error:
            path, msg = error
            more = ", or pick a recent one below." if recent else "."
            self.empty.show_state("The project could not be opened",
                                  f"{msg}\n\nOpen another project or create a new one{more}", recent)
        else:
            self.empty.show_state("No project open",
                                  "A project is one file holding your articles and every annotation; edits are "
                                  "saved as you make them.\n\nOpen a project, or create a new one and import "
                                  "articles into it.", recent)
        self.pages.setCurrentWidget(self.empty)

    def open_project_dialog(self) -> None:
        start = str(Path(self.session.path).parent) if self.session.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open project", start, PROJECT_FILTER)
        if path:
            self.open_project(path)

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "New project", "project.annotator", PROJECT_FILTER)
        if not path:
            return
        if not path.endswith(".annotator"):
            path += ".annotator"
        scheme_path, _ = QFileDialog.getOpenFileName(self, "Label scheme (Cancel for the default scheme)", "",
                                                     "Scheme (*.json)")
        try:
            scheme = Scheme.load(scheme_path) if scheme_path else Scheme.default()
            Project.create(path, scheme, user=self.session.user).close()
        except AnnotatorError as exc:
            self.show_error(str(exc), dialog=True)
            return
        self.open_project(path)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent
        for path in recent:
            act = self.recent_menu.addAction(Path(path).name)
            act.setStatusTip(path)
            act.triggered.connect(lambda _=False, p=path: self.open_project(p))
        if not recent:
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    # --- session events ------------------------------------------------------------------
    def _on_project(self) -> None:
        p = self.session.project
        self.articles.set_project(str(p.path) if p else None)
        if p is None:
            self.setWindowTitle("Annotator")
            self.show_no_project()
            return
        scheme = p.scheme
        self.theme = Theme(scheme.entity_labels)
        self.document.set_theme(self.theme)
        self.inspector.theme = self.theme
        self.inspector.view.itemDelegate().theme = self.theme
        self.inspector.set_scheme(scheme)
        self._set_claim_actions(scheme.claim_types)
        self.setWindowTitle(f"{p.path.name} — Annotator" + (" (read-only)" if p.read_only else ""))
        self.user_label.setText(f"Annotator: {p.user}")

    def _choose_article(self, article_id: int) -> None:
        self.session.show_article(article_id)

    def _on_article(self) -> None:
        self.document.show_article(self.session.doc)
        self.view.set_current(self.session.current)
        self.inspector.refresh()
        self.articles.select_id(self.session.article_id)
        self._update_status()

    def _on_annotations(self) -> None:
        self.document.show_article(self.session.doc)
        self.view.set_current(self.session.current, scroll=False)
        self.inspector.refresh()
        self._update_status()

    def _on_selection(self) -> None:
        self.view.set_current(self.session.current)
        self.inspector.refresh()

    def _on_changed(self, changes) -> None:
        self._list_refresh.start()
        if changes is None and self.session.project is not None and self.pages.currentWidget() is self.empty:
            self._show_first()  # an import from elsewhere filled an empty project

    def _on_text_selection(self) -> None:
        if self.view.textCursor().hasSelection():
            self.statusBar().showMessage("Q: make it a quote · E: an entity · S then “New … from selection”", 4000)

    def _update_status(self) -> None:
        doc = self.session.doc
        if doc is None:
            self.article_progress.setText("")
            return
        n = len(doc.quotes)
        done = sum(q.reviewed for q in doc.quotes)
        self.article_progress.setText(f"Article: {done}/{n} quotes reviewed" if n else "Article: no quotes")

    def _on_project_progress(self, done: int, total: int) -> None:
        self.project_progress.setText(f"Project: {done:,}/{total:,} articles done")

    def show_error(self, message: str, dialog: bool = False) -> None:
        line = " ".join(str(message).split())
        self.statusBar().showMessage(f"⚠ {line}", 10000)
        if dialog:
            error_box(self, "Annotator", line)

    # --- articles ------------------------------------------------------------------------
    def done_and_next(self) -> None:
        nxt = self.commands.mark_done_and_next()
        if nxt is not None:
            self.view.setFocus()

    def focus_search(self) -> None:
        self.articles.search.setFocus(Qt.ShortcutFocusReason)
        self.articles.search.selectAll()

    def _document_menu(self, menu: QMenu) -> None:
        a = self.actions
        has_sel = self.view.textCursor().hasSelection()
        for name in ("quote_from_selection", "entity_from_selection"):
            act = a[name]
            menu.addAction(act)
            act.setEnabled(True)
        menu.actions()[0].setEnabled(has_sel)
        menu.actions()[1].setEnabled(has_sel)
        menu.addSeparator()
        menu.addActions([a["confirm"], a["speaker"], a["delete"]])
        menu.addSeparator()
        copy = menu.addAction("Copy")
        copy.setShortcut(QKeySequence.Copy)
        copy.setEnabled(has_sel)
        copy.triggered.connect(self.view.copy)

    # --- long work -----------------------------------------------------------------------
    def _require_project(self) -> bool:
        if self.session.project is None:
            self.show_error("Open or create a project first.", dialog=True)
            return False
        if self.jobs.busy:
            self.show_error("Another task is still running.")
            return False
        return True

    def import_articles(self) -> None:
        if not self._require_project():
            return
        paths, _ = QFileDialog.getOpenFileNames(self, "Import articles", "",
                                                "Articles (*.txt *.jsonl *.ndjson *.json *.csv *.tsv);;All files (*)")
        if paths:
            self.jobs.start("Import", self.session.path, self.session.user, jobs.import_job(paths),
                            f"Importing {len(paths)} file(s)…")

    def preannotate(self) -> None:
        """Project ▸ Pre-annotate: where to run (this computer or a Dask cluster), then a worker."""
        if not self._require_project():
            return
        from .preannotate_dialog import PreannotateDialog, dask_installed

        dlg = PreannotateDialog(self.session.project.count_articles(status="new"), self.settings, dask_installed(),
                                self)
        if dlg.exec() != QDialog.Accepted:
            return
        where = dlg.scheduler
        self.jobs.start("Pre-annotation", self.session.path, self.session.user, jobs.preannotate_job(scheduler=where),
                        f"Connecting to {where}…" if where else "Loading the language model…")

    def export_as(self, key: str) -> None:
        """Project ▸ Export ▸ <format>: the export dialog (target, which articles), then a worker."""
        if not self._require_project():
            return
        fmt = FORMATS[key]
        p = self.session.project
        folder = self.settings.export_folder
        if not folder or not Path(folder).is_dir():
            folder = str(p.path.parent)
        target = Path(folder) / f"{p.path.stem}{fmt.suffix}"
        dlg = ExportDialog(fmt, target, p.count_articles(status="done"), p.count_articles(), self)
        if dlg.exec() != QDialog.Accepted:
            return
        out = dlg.path
        self.settings.export_folder = str(Path(out).parent)
        self.jobs.start("Export", self.session.path, self.session.user,
                        jobs.export_job(out, key, dlg.include_all, dlg.dev_fraction, dlg.seed_value),
                        f"Exporting {fmt.label}…")

    def train(self) -> None:
        """Model ▸ Train: options, then training in a worker; the results dialog when it is done."""
        if not self._require_project():
            return
        p = self.session.project
        try:
            current = training().current_model(p)
        except ImportError as exc:
            self.show_error(f"Training is not installed: {exc}", dialog=True)
            return
        dlg = TrainDialog(p.count_articles(status="done"), p.count_articles(), current, self)
        if dlg.exec() != QDialog.Accepted:
            return
        window_extras.start_training(self, jobs.train_job(dlg.max_steps, dlg.dev_fraction, dlg.seed_value))

    def show_models(self) -> None:
        if self.session.project is None:
            self.show_error("Open or create a project first.", dialog=True)
            return
        try:
            training()
        except ImportError as exc:
            self.show_error(f"Training is not installed: {exc}", dialog=True)
            return
        ModelsDialog(self.session, self).exec()

    def show_train_results(self, outcome) -> TrainResultsDialog:
        path = str(outcome.result.model_path)

        def use_new() -> None:
            try:
                training().use_model(self.session.project, path)
            except AnnotatorError as exc:
                self.show_error(str(exc), dialog=True)
                return
            self.statusBar().showMessage(f"Pre-annotation now uses {path}", 10000)

        dlg = TrainResultsDialog(outcome, self, on_models=self.show_models, on_use=use_new)
        dlg.setAttribute(Qt.WA_DeleteOnClose)
        self.train_results = dlg
        dlg.open()  # window-modal, not blocking
        return dlg

    def _job_done(self, title: str, result) -> None:
        if isinstance(result, jobs.TrainOutcome):
            self.statusBar().showMessage(
                f"Training: done; pre-annotation now uses {result.result.model_path}" if result.result.used else
                "Training: done; the new model scores lower and is not in use", 10000)
            self.show_train_results(result)
            return
        self.statusBar().showMessage(f"{title}: {jobs.describe(result)}", 10000)
        for failure in getattr(result, "failures", None) or []:  # batches a cluster could not do twice
            self.show_error(f"{failure} (pre-annotate again to retry them)", dialog=True)
        if isinstance(result, ExportResult) and result.manifest is not None:
            spacy_summary_box(self, result)
        if not jobs.changes_project(result):
            return
        self.session.refresh()
        if self.pages.currentWidget() is self.empty and self.session.project is not None:
            self._show_first()

    def change_name(self) -> None:
        from .dialogs import ask_user_name

        name = ask_user_name(self, self.session.user)
        if name:
            self.settings.user = name
            self.session.user = name
            if self.session.project is not None:
                self.session.project.user = name  # the audit log records it from the next edit on
                self.user_label.setText(f"Annotator: {name}")

    def show_persons(self) -> None:
        if self.session.project is None:
            return
        PersonsDialog(self.session, self).exec()

    # --- view ----------------------------------------------------------------------------
    def _apply_font(self, size: int) -> None:
        size = max(8, min(28, size))
        self.settings.font_size = size
        f = QFont(self.view.font())
        f.setPointSize(size)
        self.view.setFont(f)
        self.view.rehighlight()

    def toggle_overlay(self) -> None:
        self.overlay.toggle()

    # --- lifetime ------------------------------------------------------------------------
    def restore_geometry(self) -> None:
        geo, state, split = self.settings.geometry()
        restored = geo is not None and self.restoreGeometry(geo)
        window_extras.fit_to_screen(self, restored)  # never larger than the screen
        if state is not None:
            self.restoreState(state)
        if split is not None:
            self.splitter.restoreState(split)
        else:
            self.splitter.setSizes([400, 580, 380])
        QTimer.singleShot(0, self.inspector.fit)

    def closeEvent(self, event) -> None:
        self.settings.save_geometry(self.saveGeometry(), self.saveState(), self.splitter.saveState())
        self.settings.sync()
        self.jobs.cancel()
        self.jobs.wait(30000)  # training stops at its next step; packaging a model is not cut short
        self.articles.model.shutdown()
        self.session.close()
        super().closeEvent(event)

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.PaletteChange, QEvent.ThemeChange):
            self.retheme()
        super().changeEvent(event)

    def retheme(self) -> None:
        """Light or dark changed (the system's, or View ▸ Theme): recolour what paints itself."""
        if self.session.project is None:
            return
        theme = Theme(self.session.project.scheme.entity_labels)
        if theme.dark != self.theme.dark:
            self.theme = theme
            self.document.set_theme(theme)
            self.inspector.theme = theme
            self.inspector.view.itemDelegate().theme = theme
