"""Exporters: project -> files other tools read (JSONL for Prodigy and our checks; spaCy corpora)."""
