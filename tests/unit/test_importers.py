"""Importers: the seed file's four articles, other formats, and all-or-nothing failure."""

import json

import pytest

from annotator.errors import ImportFailed, SchemeError
from annotator.importers import import_paths, read_any, split_articles
from tests.conftest import SEED


def test_seed_file_gives_four_articles_with_titles_and_places(gold):
    drafts = read_any(SEED)
    assert [d.title for d in drafts] == [a["title"] for a in gold["articles"]]
    assert [d.place for d in drafts] == ["London", "Paris", "London", "Paris"]
    # Every article is an exact slice of the file, headline included (headlines carry quotes).
    for d in drafts:
        assert d.text in gold["text"] and d.text == d.text.strip()
    assert drafts[0].text.startswith("Starmer: Ukraine Peace Deal")
    assert drafts[3].text.startswith("Paris – UK Prime Minister")
    covered = sum(len(d.text) for d in drafts)
    assert covered >= len(gold["text"].strip()) - 10  # nothing but separating newlines is dropped


def test_every_gold_quote_lies_inside_one_article(gold):
    drafts = read_any(SEED)
    spans = [(gold["text"].index(d.text), gold["text"].index(d.text) + len(d.text)) for d in drafts]
    for q in gold["quotes"]:
        assert sum(a <= q["start"] and q["end"] <= b for a, b in spans) == 1


@pytest.mark.parametrize("text, expected", [
    ("Just one paragraph of text without a dateline.", [(None, None)]),
    ("Big Storm Hits Coast\nMIAMI – A storm hit.\nMore text.", [("Big Storm Hits Coast", "MIAMI")]),
    ("New York – First story.\nSecond para.\nWashington, D.C. — Second story.", [(None, "New York"), (None, "Washington, D.C.")]),
    ("Intro words that are a sentence.\nBerlin – Story.", [(None, None), (None, "Berlin")]),
    ("NEW YORK (Reuters) - Stocks fell.\nMore.\n\nLONDON, March 3 (Reuters) - Sales rose.", [(None, "NEW YORK"), (None, "LONDON")]),
    ("WASHINGTON, Jan. 5, 2025 (AP) — The vote failed.", [(None, "WASHINGTON")]),
    ("Paris – Talks began.\nMacron – who hosted them – was upbeat.", [(None, "Paris")]),  # an aside, not a dateline
])
def test_splitting_rules(text, expected):
    got = [(t, p) for _, _, t, p in split_articles(text)]
    assert got == expected


def test_reimport_is_a_no_op(seeded):
    res = import_paths(seeded, [SEED])
    assert (res.added, res.skipped) == (0, 4)
    assert seeded.count_articles() == 4


def test_folder_of_txt(project, tmp_path):
    folder = tmp_path / "news"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Rome – Alpha story text.", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("Beta story text without dateline.", encoding="utf-8")
    (folder / "ignored.md").write_text("# not news", encoding="utf-8")
    res = import_paths(project, [folder])
    assert res.added == 2
    assert sorted(r.source for r in project.list_articles()) == ["a.txt", "sub/b.txt"]


def test_prodigy_jsonl_with_spans_and_relations(project, tmp_path):
    text = '"We will win," said Anna Berg in Oslo.'
    rec = {"text": text, "meta": {"id": "x1", "url": "http://example.org"},
           "spans": [{"start": 20, "end": 29, "label": "PERSON"}, {"start": 33, "end": 37, "label": "GPE"},
                     {"start": 1, "end": 12, "label": "QUOTE"}],
           "relations": [{"head": 0, "child": 5, "label": "SPEAKER", "head_span": {"start": 1, "end": 12},
                          "child_span": {"start": 20, "end": 29}}]}
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    import_paths(project, [f])
    ann = project.load_article(1)
    assert ann.article.meta == {"id": "x1", "url": "http://example.org"}
    assert [(e.label, e.origin, e.reviewed) for e in ann.entities] == [("PERSON", "model", False), ("GPE", "model", False)]
    (q,) = ann.quotes
    assert (q.start, q.end, q.speaker_start, q.reviewed) == (1, 12, 20, False)
    assert ann.persons[q.speaker_id].name == "Anna Berg"


def test_doccano_jsonl_both_shapes(project, tmp_path):
    f = tmp_path / "doccano.jsonl"
    lines = [{"text": "Anna Berg visited Oslo.", "label": [[0, 9, "PERSON"], [18, 22, "GPE"]], "id": 7},
             {"text": "Paris is big.", "entities": [{"id": 1, "start_offset": 0, "end_offset": 5, "label": "GPE"}]}]
    f.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    assert import_paths(project, [f]).added == 2
    assert project.get_article(1).meta == {"id": 7}
    assert [e.label for e in project.load_article(2).entities] == ["GPE"]


def test_csv_with_text_column(project, tmp_path):
    f = tmp_path / "news.csv"
    f.write_text('id,title,text,published\n1,One,"First, with a comma.",2025-02-17\n2,Two,"Second\nline",\n',
                 encoding="utf-8")
    assert import_paths(project, [f]).added == 2
    a = project.get_article(1)
    assert (a.title, a.text, str(a.published), a.meta) == ("One", "First, with a comma.", "2025-02-17", {"id": "1"})
    with pytest.raises(ImportFailed, match="no 'body' column"):
        import_paths(project, [f], text_column="body")


@pytest.mark.parametrize("lines, where, what", [
    (['{"text": "ok"}', '{"text": "broken"'], ":2:", "not valid JSON"),
    (['{"text": "ok"}', '{"meta": {}}'], ":2:", "empty \"text\""),
    (['{"text": "ok"}', '[1, 2]'], ":2:", "JSON object"),
    (['{"text": "ok"}', '{"text": "short", "spans": [{"start": 0, "end": 99, "label": "PERSON"}]}'], ":2:", "out of range"),
    (['{"text": "ok text", "spans": [{"start": 0, "end": 2, "label": "ALIEN"}]}'], ":1:", "not in the project's scheme"),
    (['{"text": "ok", "label": [[0, "x", "PERSON"]]}'], ":1:", "integer"),
])
def test_malformed_jsonl_fails_whole_import_with_file_and_line(project, tmp_path, lines, where, what):
    good = tmp_path / "good.txt"
    good.write_text("A good article that would otherwise be imported.", encoding="utf-8")
    f = tmp_path / "bad.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises((ImportFailed, SchemeError)) as exc:
        import_paths(project, [good, f])
    msg = str(exc.value)
    assert f"bad.jsonl{where}" in msg and what in msg and "\n" not in msg
    assert project.count_articles() == 0  # nothing from the good file either


def test_malformed_csv_row(project, tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("text,title\nfine,One\n,Two\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"bad.csv:3: empty 'text'"):
        import_paths(project, [f])
    assert project.count_articles() == 0


def test_non_utf8_is_an_error_unless_encoding_given(project, tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("Zürich – Ein Bericht über Käse.".encode("cp1252"))
    with pytest.raises(ImportFailed, match=r"latin.txt:1: not valid UTF-8 .*--encoding"):
        import_paths(project, [f])
    assert project.count_articles() == 0
    assert import_paths(project, [f], encoding="cp1252").added == 1
    assert project.get_article(1).text.startswith("Zürich")
    assert project.get_article(1).place == "Zürich"


def test_unknown_encoding_and_binary_and_empty(project, tmp_path):
    f = tmp_path / "x.txt"
    f.write_text("text", encoding="utf-8")
    with pytest.raises(ImportFailed, match="unknown encoding"):
        import_paths(project, [f], encoding="klingon")
    b = tmp_path / "b.txt"
    b.write_bytes(b"abc\x00def")
    with pytest.raises(ImportFailed, match="NUL"):
        import_paths(project, [b])
    e = tmp_path / "e.txt"
    e.write_text("  \n", encoding="utf-8")
    with pytest.raises(ImportFailed, match="empty file"):
        import_paths(project, [e])
    with pytest.raises(ImportFailed, match="no such file"):
        import_paths(project, [tmp_path / "missing.txt"])


def test_crlf_is_normalised(project, tmp_path):
    f = tmp_path / "w.txt"
    f.write_bytes(b"Oslo \xe2\x80\x93 Line one.\r\nLine two.\r\n")
    import_paths(project, [f])
    assert project.get_article(1).text == "Oslo – Line one.\nLine two."
