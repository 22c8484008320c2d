"""A spaCy component that fails on purpose, for the cluster's fault tests (never used by the app).

In a text it finds:
- `CRASH-ONCE`: the worker process dies the first time (a marker file remembers), not again;
- `CRASH-ALWAYS`: the worker process dies every time;
- `RAISE-ALWAYS`: raises ValueError every time.
Dask workers import this module through `Register`, a worker plugin (so a replacement worker
registers the factory too); the test's own sys.path reaches them as spawned processes.
"""

from __future__ import annotations

import os
from pathlib import Path

from distributed.diagnostics.plugin import WorkerPlugin
from spacy.language import Language


@Language.factory("faulty_on_purpose", default_config={"marker_dir": ""})
def make_faulty(nlp, name, marker_dir: str):
    def component(doc):
        if "CRASH-ALWAYS" in doc.text:
            os._exit(3)
        if "RAISE-ALWAYS" in doc.text:
            raise ValueError("this article breaks the model on purpose")
        if "CRASH-ONCE" in doc.text:
            marker = Path(marker_dir) / "crashed-once"
            if not marker.exists():
                marker.write_text(str(os.getpid()))
                os._exit(3)
        return doc
    return component


class Register(WorkerPlugin):
    """Unpickling it on a worker imports this module, which registers the factory before the
    worker loads the test's pipeline."""

    name = "register-faulty-component"
