# Replaces the contrib hook for thinc: the same collection without thinc.tests (see hook-spacy.py).
from PyInstaller.utils.hooks import collect_data_files, collect_submodules

datas = collect_data_files("thinc", excludes=["tests"])
hiddenimports = collect_submodules("thinc", filter=lambda name: ".tests" not in name)
