"""Project ▸ Pre-annotate: the dialog choosing this computer or a configured Dask cluster, and a run on
a cluster (a LocalCluster reached by its address, as a user's scheduler would be)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog

from annotator.gui import preannotate_dialog
from annotator.gui.preannotate_dialog import PreannotateDialog
from annotator.store import Project


def test_this_computer_by_default_and_no_cluster_without_an_address_or_dask(qtbot, settings):
    dlg = PreannotateDialog(12, settings, cluster_installed=True)
    qtbot.addWidget(dlg)
    assert dlg.local.isChecked() and dlg.scheduler is None and dlg.run_btn.isEnabled()
    dlg.cluster.setChecked(True)
    assert not dlg.run_btn.isEnabled()  # a cluster needs its address
    dlg.address.setText("  tcp://10.1.2.3:8786 ")
    assert dlg.run_btn.isEnabled() and dlg.scheduler == "tcp://10.1.2.3:8786"
    dlg.accept()
    assert settings.scheduler == "tcp://10.1.2.3:8786" and settings.use_cluster
    again = PreannotateDialog(12, settings, cluster_installed=True)  # remembered, in the app settings
    qtbot.addWidget(again)
    assert again.cluster.isChecked() and again.scheduler == "tcp://10.1.2.3:8786"

    without = PreannotateDialog(12, settings, cluster_installed=False)
    qtbot.addWidget(without)
    assert without.local.isChecked() and not without.cluster.isEnabled() and not without.address.isEnabled()
    assert "pip install 'annotator[cluster]'" in without.note.text()


def test_the_window_pre_annotates_on_the_configured_cluster(open_window, sample_db, qtbot, monkeypatch, settings):
    import dask
    import distributed

    from annotator.nlp import cluster

    with dask.config.set(cluster.SCHEDULER_CONFIG), \
            distributed.LocalCluster(n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address=None,
                                     silence_logs=50) as lc:
        settings.scheduler, settings.use_cluster = lc.scheduler_address, True
        seen = {}

        def exec_(self):
            seen["dialog"] = self
            return QDialog.Accepted

        monkeypatch.setattr(PreannotateDialog, "exec", exec_)
        win = open_window(sample_db)
        with qtbot.waitSignal(win.jobs.done, timeout=120000) as done:
            win.actions["preannotate"].trigger()
    assert seen["dialog"].scheduler == lc.scheduler_address
    title, outcome = done.args
    assert title == "Pre-annotation" and outcome.failures == [] and outcome.counts["articles"] == 4
    assert "failed: 0" in win.statusBar().currentMessage()
    with Project.open(sample_db) as p:
        assert {p.get_article(i).model for i in p.article_ids()} == {outcome.counts["model"]}


def test_dask_installed_is_what_the_dialog_is_told(monkeypatch):
    assert preannotate_dialog.dask_installed() is True  # the test environment installs annotator[cluster]
    monkeypatch.setattr(preannotate_dialog.importlib.util, "find_spec", lambda name: None)
    assert preannotate_dialog.dask_installed() is False


@pytest.fixture(autouse=True)
def _no_leftover_default_client():
    yield
    import distributed

    with pytest.raises(ValueError):
        distributed.default_client()  # the engine never installs a global client in the app
