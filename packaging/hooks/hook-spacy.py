# Replaces the contrib hook for spaCy: the same collection without spacy.tests (hundreds of test
# modules the spec excludes anyway, each a "hidden import not found" warning otherwise).
from PyInstaller.utils.hooks import collect_data_files, collect_submodules

datas = collect_data_files("spacy", excludes=["tests"])
hiddenimports = collect_submodules("spacy", filter=lambda name: ".tests" not in name)
