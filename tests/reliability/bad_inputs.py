"""The generated bad-input corpus: malformed, hostile and borderline inputs for every importer, each
with its expected outcome. Used by tests/reliability/test_bad_inputs.py and benchmarks/reliability.py.

A case is a set of files to create and what `import` must do with them: add N articles (and
optionally check what was added), or fail with one line `FILE[:LINE]: reason`.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from annotator.limits import MAX_ARTICLE_CHARS, MAX_DEPTH, MAX_FIELD_CHARS, MAX_FILE_BYTES, MAX_META_CHARS, MAX_SPANS

ARTICLE = "Oslo – Anna Berg said the talks would go on. \"We are not done,\" she told reporters."


@dataclass
class Case:
    name: str
    files: dict  # relative path -> bytes | str | a special-file maker (callable taking the path)
    target: str  # what is passed to import (relative path)
    error: tuple[str, int | None, str] | None = None  # (file, line, regex) of the one-line error
    added: int | None = None  # articles added when it succeeds
    check: Callable | None = None  # (project) -> None, more checks on what was added
    options: dict = field(default_factory=dict)  # import_paths keyword arguments
    unreadable: tuple[str, ...] = ()  # paths made unreadable before the import
    skipped: int = 0  # entries listed as unreadable (with skip_unreadable)


def fifo(path: Path) -> None:
    os.mkfifo(path)


def unix_socket(path: Path) -> None:
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(path))
    s.close()


def link_to(target: str) -> Callable:
    def make(path: Path) -> None:
        os.symlink(target, path)
    return make


def sparse(size: int) -> Callable:
    def make(path: Path) -> None:
        with open(path, "wb") as fh:
            fh.truncate(size)  # takes no disk space
    return make


def jl(*records) -> bytes:
    return ("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n").encode()


def nested(depth: int, leaf="x") -> str:
    return "[" * depth + json.dumps(leaf) + "]" * depth


def _text_is(expected: str) -> Callable:
    def check(p) -> None:
        got = p.get_article(1).text
        assert got == expected, (got[:80], expected[:80])
    return check


def _title_is(expected: str) -> Callable:
    def check(p) -> None:
        assert p.get_article(1).title == expected, p.get_article(1).title
    return check


def ok(name, files, target=None, added=1, check=None, **options) -> Case:
    return Case(name, files, target or next(iter(files)), added=added, check=check, options=options)


def bad(name, files, line, regex, target=None, file=None, **options) -> Case:
    target = target or next(iter(files))
    return Case(name, files, target, error=(file or target, line, regex), options=options)


def txt_cases() -> list[Case]:
    a = ARTICLE
    return [
        ok("txt plain", {"a.txt": a}),
        ok("txt utf-8 BOM", {"a.txt": b"\xef\xbb\xbf" + a.encode()}, check=_text_is(a)),
        ok("txt CRLF", {"a.txt": a.replace(". ", ".\r\n").encode()}),
        ok("txt CR only", {"a.txt": a.replace(". ", ".\r").encode()}),
        ok("txt cp1252 with --encoding", {"a.txt": "Zürich – Käse.".encode("cp1252")}, encoding="cp1252"),
        ok("txt utf-16 with --encoding", {"a.txt": a.encode("utf-16")}, encoding="utf-16"),
        ok("txt escape sequences kept as text", {"a.txt": "Oslo – \x1b[2J\x1b]0;pwned\x07 cleared."}),
        ok("txt bidi override kept as text", {"a.txt": "Oslo – abc \u202edcba\u202c done."}),
        ok("txt line separators", {"a.txt": "Oslo – one\u2028two\u2029three."}),
        ok("txt emoji (a surrogate pair in UTF-16 terms)", {"a.txt": "Oslo – 😀 fine."}),
        ok("txt several articles", {"a.txt": "Talks Resume In Oslo\nOslo – One.\n\nTalks End In Paris\nParis – Two."},
           added=2),
        ok("txt exactly the largest article", {"a.txt": "x" * MAX_ARTICLE_CHARS}),
        bad("txt NUL byte", {"a.txt": b"Oslo - fine\nline two\nbad \x00 here\n"}, 3, "NUL character"),
        bad("txt NUL at start", {"a.txt": b"\x00abc"}, 1, "NUL character"),
        bad("txt invalid UTF-8", {"a.txt": b"Oslo - fine\n\xff\xfe broken\n"}, 2, r"not valid UTF-8 .*--encoding"),
        bad("txt CESU surrogate bytes", {"a.txt": b"Oslo - \xed\xa0\x80 x"}, 1, "not valid UTF-8"),
        bad("txt utf-16 without --encoding", {"a.txt": a.encode("utf-16")}, 1, "not valid UTF-8"),
        bad("txt lone surrogate in utf-16", {"a.txt": b"\xff\xfe\x00\xd8a\x00"}, 1, "not valid utf-16",
            encoding="utf-16"),
        bad("txt latin-1 bytes", {"a.txt": "Zürich – Käse.".encode("cp1252")}, 1, "not valid UTF-8"),
        bad("txt unknown encoding", {"a.txt": a}, None, "unknown encoding", encoding="klingon"),
        bad("txt empty", {"a.txt": b""}, None, "empty file"),
        bad("txt whitespace only", {"a.txt": b"  \n\t\n"}, None, "empty file"),
        bad("txt form feeds only", {"a.txt": b"\x0c\x0c\n"}, None, "empty file"),
        bad("txt one character over the largest article", {"a.txt": "x" * (MAX_ARTICLE_CHARS + 1)}, 1,
            r"1,000,001 characters long; at most 1,000,000"),
        bad("txt missing", {}, None, "no such file", target="missing.txt"),
        bad("txt named pipe", {"a.txt": fifo}, None, r"not a regular file \(a named pipe\)"),
        bad("txt socket", {"a.txt": unix_socket}, None, r"not a regular file \(a socket\)"),
        bad("txt link to /dev/zero", {"a.txt": link_to("/dev/zero")}, None, r"not a regular file \(a character device\)"),
        bad("txt link to /dev/null", {"a.txt": link_to("/dev/null")}, None, r"not a regular file \(a character device\)"),
        bad("txt broken link", {"a.txt": link_to("nowhere.txt")}, None, "broken link"),
        bad("txt larger than a file may be", {"a.txt": sparse(MAX_FILE_BYTES + 1)}, None, "split it into several files"),
        bad("txt unreadable", {"a.txt": a}, None, r"cannot read \(permission denied\)"),
    ]


def jsonl_cases() -> list[Case]:
    t = ARTICLE
    cases = [
        ok("jsonl prodigy", {"a.jsonl": jl({"text": t, "spans": [{"start": 7, "end": 16, "label": "PERSON"}]})}),
        ok("jsonl doccano", {"a.jsonl": jl({"text": t, "label": [[7, 16, "PERSON"]]})}),
        ok("jsonl ours", {"a.jsonl": jl({"text": t, "meta": {"title": "T", "status": "done"}, "quotes": [],
                                         "spans": [], "persons": []})}),
        ok("jsonl BOM and CRLF", {"a.jsonl": b"\xef\xbb\xbf" + jl({"text": t}).replace(b"\n", b"\r\n")}),
        ok("jsonl blank lines", {"a.jsonl": b"\n\n" + jl({"text": t}) + b"\n  \n"}),
        ok("jsonl surrogate pair escape", {"a.jsonl": b'{"text": "Oslo \\ud83d\\ude00 fine."}\n'},
           check=_text_is("Oslo 😀 fine.")),
        ok("jsonl escape sequences in title kept", {"a.jsonl": jl({"text": t, "meta": {"title": "\x1b[2Jx"}})},
           check=_title_is("\x1b[2Jx")),
        ok("jsonl markup in title kept as text", {"a.jsonl": jl({"text": t, "meta": {"title": "<img src=x>"}})},
           check=_title_is("<img src=x>")),
        ok("jsonl the same article twice", {"a.jsonl": jl({"text": t}, {"text": t})}),
        ok("jsonl meta nested to the limit", {"a.jsonl": jl('{"text": "Oslo x.", "meta": {"a": ' +
                                                             nested(MAX_DEPTH - 3) + "}}")}),
        ok("jsonl exactly the largest article", {"a.jsonl": jl({"text": "y" * MAX_ARTICLE_CHARS})}),
        ok("jsonl title at the limit", {"a.jsonl": jl({"text": t, "meta": {"title": "T" * MAX_FIELD_CHARS}})}),
        bad("jsonl \\u0000 in text", {"a.jsonl": jl({"text": "ok"}, '{"text": "bad \\u0000 here"}')}, 2, "NUL character"),
        bad("jsonl \\u0000 in meta", {"a.jsonl": jl('{"text": "x y", "meta": {"k": "a\\u0000"}}')}, 1,
            r"record\.meta\.k contains a NUL"),
        bad("jsonl \\u0000 in a meta key", {"a.jsonl": jl('{"text": "x y", "meta": {"a\\u0000": 1}}')}, 1,
            "a key contains a NUL"),
        bad("jsonl \\u0000 in a label", {"a.jsonl": jl('{"text": "x y", "spans": [{"start": 0, "end": 1, "label": '
                                                       '"PER\\u0000"}]}')}, 1, "NUL character"),
        bad("jsonl raw NUL byte", {"a.jsonl": b'{"text": "a"}\n{"text": "b\x00"}\n'}, 2, "NUL character"),
        bad("jsonl lone high surrogate", {"a.jsonl": b'{"text": "bad \\ud800 here"}\n'}, 1,
            r"lone surrogate \(\\ud800\)"),
        bad("jsonl lone low surrogate in title", {"a.jsonl": b'{"text": "x y", "meta": {"title": "\\udc00"}}\n'}, 1,
            "lone surrogate"),
        bad("jsonl reversed surrogate pair", {"a.jsonl": b'{"text": "\\ude00\\ud83d"}\n'}, 1, "lone surrogate"),
        bad("jsonl surrogate in a person", {"a.jsonl": jl('{"text": "x y", "quotes": [], "persons": '
                                                         '[{"name": "\\ud800"}]}')}, 1, "lone surrogate"),
        bad("jsonl 5,000 levels deep", {"a.jsonl": jl('{"text": "x", "meta": {"a": ' + nested(5000) + "}}")}, 1,
            f"nested more than {MAX_DEPTH} levels deep"),
        bad("jsonl 100,000 levels deep", {"a.jsonl": jl(nested(100_000))}, 1, f"nested more than {MAX_DEPTH} levels"),
        bad("jsonl 500 levels deep in meta", {"a.jsonl": jl('{"text": "x", "meta": {"a": ' + nested(500) + "}}")}, 1,
            f"nested more than {MAX_DEPTH} levels deep"),
        bad("jsonl just over the nesting limit", {"a.jsonl": jl('{"text": "x", "meta": {"a": ' +
                                                                nested(MAX_DEPTH) + "}}")}, 1, "nested more than"),
        bad("jsonl deep objects", {"a.jsonl": jl('{"text": "x", "meta": ' + '{"a": ' * 3000 + "1" + "}" * 3001)}, 1,
            "nested more than"),
        bad("jsonl NaN", {"a.jsonl": jl('{"text": "x y", "spans": [{"start": 0, "end": 1, "label": "PERSON", '
                                        '"confidence": NaN}]}')}, 1, "NaN is not a JSON number"),
        bad("jsonl Infinity in meta", {"a.jsonl": jl('{"text": "x y", "meta": {"v": Infinity}}')}, 1,
            "Infinity is not a JSON number"),
        bad("jsonl 1e999", {"a.jsonl": jl('{"text": "x y", "meta": {"v": 1e999}}')}, 1, "not a number JSON allows"),
        bad("jsonl a 5,000-digit number", {"a.jsonl": jl('{"text": "x y", "meta": {"v": ' + "9" * 5000 + "}}")}, 1,
            "not valid JSON"),
        bad("jsonl truncated line", {"a.jsonl": jl({"text": t}, '{"text": "broken"')}, 2, "not valid JSON"),
        bad("jsonl trailing comma", {"a.jsonl": jl('{"text": "x",}')}, 1, "not valid JSON"),
        bad("jsonl single quotes", {"a.jsonl": jl("{'text': 'x'}")}, 1, "not valid JSON"),
        bad("jsonl an array", {"a.jsonl": jl("[1, 2]")}, 1, "JSON object"),
        bad("jsonl a string", {"a.jsonl": jl('"text"')}, 1, "JSON object"),
        bad("jsonl null", {"a.jsonl": jl("null")}, 1, "JSON object"),
        bad("jsonl no text", {"a.jsonl": jl({"meta": {}})}, 1, 'empty "text"'),
        bad("jsonl empty text", {"a.jsonl": jl({"text": "  "})}, 1, 'empty "text"'),
        bad("jsonl text a number", {"a.jsonl": jl({"text": 5})}, 1, 'empty "text"'),
        bad("jsonl meta a list", {"a.jsonl": jl({"text": t, "meta": [1]})}, 1, '"meta" must be an object'),
        bad("jsonl spans a string", {"a.jsonl": jl({"text": t, "spans": "abc"})}, 1, "must be an object"),
        bad("jsonl reversed span", {"a.jsonl": jl({"text": t, "spans": [{"start": 9, "end": 7, "label": "PERSON"}]})},
            1, "empty or reversed"),
        bad("jsonl negative span", {"a.jsonl": jl({"text": t, "spans": [{"start": -1, "end": 7, "label": "PERSON"}]})},
            1, "greater than or equal to 0"),
        bad("jsonl float offsets", {"a.jsonl": jl({"text": t, "spans": [{"start": 1.5, "end": 7, "label": "GPE"}]})},
            1, "must be an integer"),
        bad("jsonl bool offsets", {"a.jsonl": jl({"text": t, "spans": [{"start": True, "end": 7, "label": "GPE"}]})},
            1, "must be an integer"),
        bad("jsonl span out of range", {"a.jsonl": jl({"text": "short", "spans": [{"start": 0, "end": 99,
                                                                                  "label": "PERSON"}]})},
            1, "out of range"),
        bad("jsonl span on blank space", {"a.jsonl": jl({"text": t, "spans": [{"start": 4, "end": 9, "label": "GPE"}]})},
            1, "blank space"),
        bad("jsonl unknown label", {"a.jsonl": jl({"text": t, "spans": [{"start": 0, "end": 4, "label": "ALIEN"}]})},
            1, "not in the project's scheme"),
        bad("jsonl relation to nothing", {"a.jsonl": jl({"text": t, "relations": [{"label": "SPEAKER", "head_span":
                                                         {"start": 0, "end": 4}, "child_span": {"start": 7, "end": 16}}]})},
            1, "is not a QUOTE span"),
        bad("jsonl doccano label malformed", {"a.jsonl": jl({"text": t, "label": [[0, "x", "GPE"]]})}, 1, "integer"),
        bad("jsonl doccano label short", {"a.jsonl": jl({"text": t, "label": [[0, 4]]})}, 1, r"\[start, end, LABEL\]"),
        bad("jsonl persons not objects", {"a.jsonl": jl({"text": t, "quotes": [], "persons": ["x"]})}, 1,
            "persons"),
        bad("jsonl unknown stance target", {"a.jsonl": jl({"text": t, "quotes": [{"start": 0, "end": 4, "stances":
                                                          [{"target": "Mars", "label": "FAVOR"}]}]})},
            1, "not in the project's scheme"),
        bad("jsonl stance not an object", {"a.jsonl": jl({"text": t, "quotes": [{"start": 0, "end": 4,
                                                                                "stances": ["FAVOR"]}]})}, 1, "mapping"),
        bad("jsonl speaker span half", {"a.jsonl": jl({"text": t, "quotes": [{"start": 0, "end": 4,
                                                                             "speaker_start": 7}]})}, 1, "speaker"),
        bad("jsonl bad status", {"a.jsonl": jl({"text": t, "quotes": [], "meta": {"status": "bogus"}})}, 1, "bogus"),
        bad("jsonl bad date", {"a.jsonl": jl({"text": t, "meta": {"published": "yesterday"}})}, 1, "isoformat"),
        bad("jsonl title not text", {"a.jsonl": jl({"text": t, "meta": {"title": {"a": 1}}})}, 1, "title"),
        bad("jsonl one character over the largest article", {"a.jsonl": jl({"text": "y" * (MAX_ARTICLE_CHARS + 1)})},
            1, r"1,000,001 characters long"),
        bad("jsonl a 5 MB article", {"a.jsonl": jl({"text": "word " * 1_000_000})}, 1, "characters long; at most"),
        bad("jsonl title over the limit", {"a.jsonl": jl({"text": t, "meta": {"title": "T" * (MAX_FIELD_CHARS + 1)}})},
            1, "title is 10,001 characters long"),
        bad("jsonl meta over the limit", {"a.jsonl": jl({"text": t, "meta": {"blob": "m" * MAX_META_CHARS}})}, 1,
            "meta is longer than"),
        bad("jsonl too many spans", {"a.jsonl": jl({"text": "a " * 60_000, "label": [[i * 2, i * 2 + 1, "GPE"]
                                                                                      for i in range(MAX_SPANS + 1)]})},
            1, "entities and quotes; at most"),
        bad("jsonl invalid UTF-8", {"a.jsonl": b'{"text": "a \xff b"}\n'}, 1, "not valid UTF-8"),
        bad("jsonl second file bad, first good", {"a.jsonl": jl({"text": t}), "b.jsonl": jl('{"text": "\\u0000"}')}, 1,
            "NUL", target="b.jsonl"),
        bad("jsonl named pipe", {"a.jsonl": fifo}, None, "named pipe"),
        bad("jsonl empty file", {"a.jsonl": b""}, None, "no records"),
        bad("jsonl unreadable", {"a.jsonl": jl({"text": t})}, None, r"cannot read \(permission denied\)"),
    ]
    cases[-1].unreadable = ("a.jsonl",)
    return cases


def csv_cases() -> list[Case]:
    cases = [
        ok("csv basic", {"a.csv": 'title,text\nOne,"First, with a comma."\n'}, check=_text_is("First, with a comma.")),
        ok("csv apostrophes are apostrophes", {"a.csv": "title,text\n'Yes','No comment today'\n"},
           check=_text_is("'No comment today'")),
        ok("csv quoted apostrophes and comma", {"a.csv": "text\n\"He said 'no', then 'yes'\"\n"},
           check=_text_is("He said 'no', then 'yes'")),
        ok("csv apostrophe at the start of a field", {"a.csv": "text,title\n'Tis the season,x\n"},
           check=_text_is("'Tis the season")),
        ok("csv doubled double quotes", {"a.csv": 'text\n"She said ""no"" twice."\n'},
           check=_text_is('She said "no" twice.')),
        ok("csv newline inside quotes", {"a.csv": 'text\n"Line one\nline two"\n'}, check=_text_is("Line one\nline two")),
        ok("csv CRLF", {"a.csv": b"title,text\r\nOne,First.\r\nTwo,Second.\r\n"}, added=2),
        ok("csv BOM", {"a.csv": b"\xef\xbb\xbftext,title\nBody.,T\n"}, check=_title_is("T")),
        ok("csv semicolons", {"a.csv": "title;text\nOne;Body, with a comma.\n"}, check=_text_is("Body, with a comma.")),
        ok("csv tabs in .tsv", {"a.tsv": "title\ttext\nOne\tBody, with 'quotes'.\n"},
           check=_text_is("Body, with 'quotes'.")),
        ok("csv other text column", {"a.csv": "body,title\nBody.,T\n"}, text_column="body"),
        ok("csv escape sequences kept as text", {"a.csv": "text,title\nBody.,\x1b[31mred\n"},
           check=_title_is("\x1b[31mred")),
        ok("csv a backslash-zero is text", {"a.csv": "text\nnot a \\u0000 NUL\n"}),
        ok("csv extra columns go to meta", {"a.csv": "text,source_url,x\nBody.,http://e.org,1\n"}),
        bad("csv unquoted comma in text", {"a.csv": "text\nHe said 'no', then 'yes'\n"}, 2, "more fields than the header"),
        bad("csv quote after a field", {"a.csv": 'text,title\n"abc"def,x\n'}, 2, "malformed CSV"),
        bad("csv unterminated quote", {"a.csv": 'text,title\n"abc,x\n'}, 2, "malformed CSV"),
        bad("csv no text column", {"a.csv": "title,body\nx,y\n"}, 1, "no 'text' column"),
        bad("csv empty file", {"a.csv": b""}, 1, "no 'text' column"),
        bad("csv header only", {"a.csv": "text,title\n"}, None, "no rows"),
        bad("csv empty text", {"a.csv": "text,title\nfine,One\n,Two\n"}, 3, "empty 'text'"),
        bad("csv more fields", {"a.csv": "text,title\na,b,c\n"}, 2, "more fields than the header"),
        bad("csv fewer fields", {"a.csv": "title,text\nonly\n"}, 2, "fewer fields"),
        bad("csv NUL byte", {"a.csv": b"text\nbad \x00\n"}, 2, "NUL character"),
        bad("csv invalid UTF-8", {"a.csv": b"text\nbad \xff\n"}, 2, "not valid UTF-8"),
        bad("csv bad date", {"a.csv": "text,published\nBody.,tomorrow\n"}, 2, "not a date"),
        bad("csv a field longer than an article", {"a.csv": "text\n" + "z" * (MAX_ARTICLE_CHARS + 5) + "\n"}, 2,
            "a field is longer than the 1,000,000 characters"),
        bad("csv title over the limit", {"a.csv": "text,title\nBody.," + "T" * (MAX_FIELD_CHARS + 1) + "\n"}, 2,
            "title is 10,001 characters long"),
        bad("csv named pipe", {"a.csv": fifo}, None, "named pipe"),
    ]
    return cases


def folder_cases() -> list[Case]:
    a = ARTICLE
    cases = [
        ok("folder of .txt", {"d/a.txt": a, "d/sub/b.txt": "Paris – Two.", "d/x.md": "# no"}, target="d", added=2),
        ok("folder .TXT upper case", {"d/A.TXT": a}, target="d"),
        ok("folder link to a file", {"d/real.md": a, "d/a.txt": link_to("real.md")}, target="d"),
        ok("folder link loop", {"d/a.txt": a, "d/sub/loop": link_to("..")}, target="d"),
        ok("folder link to a folder", {"e/b.txt": "Paris – Two.", "d/a.txt": a, "d/e": link_to("../e")}, target="d",
           added=2),
        bad("folder without .txt", {"d/x.md": "# no"}, None, "no .txt files", target="d"),
        bad("folder unreadable subfolder", {"d/a.txt": a, "d/locked/b.txt": "Paris – Two."}, None,
            r"cannot read this folder \(permission denied\)", target="d", file="d/locked"),
        bad("folder unreadable file", {"d/a.txt": a, "d/b.txt": "Paris – Two."}, None, r"cannot read \(permission denied\)",
            target="d", file="d/b.txt"),
        bad("folder named pipe", {"d/a.txt": a, "d/p.txt": fifo}, None, "named pipe", target="d", file="d/p.txt"),
        bad("folder socket", {"d/a.txt": a, "d/s.txt": unix_socket}, None, "socket", target="d", file="d/s.txt"),
        bad("folder link to /dev/zero", {"d/a.txt": a, "d/z.txt": link_to("/dev/zero")}, None, "character device",
            target="d", file="d/z.txt"),
        bad("folder broken link", {"d/a.txt": a, "d/b.txt": link_to("gone.txt")}, None, "broken link", target="d",
            file="d/b.txt"),
        bad("folder malformed file, even when skipping", {"d/a.txt": a, "d/b.txt": b"\x00"}, 1, "NUL", target="d",
            file="d/b.txt", skip_unreadable=True),
        bad("folder nested too deep", {"d/" + "/".join(["n"] * (MAX_DEPTH + 2)) + "/a.txt": a}, None,
            "nested more than", target="d", file="d/" + "/".join(["n"] * (MAX_DEPTH + 1))),
    ]
    cases[6].unreadable = ("d/locked",)
    cases[7].unreadable = ("d/b.txt",)
    skipping = [
        Case("folder unreadable subfolder, skipped", {"d/a.txt": a, "d/locked/b.txt": "Paris – Two."}, "d", added=1,
             options={"skip_unreadable": True}, unreadable=("d/locked",), skipped=1),
        Case("folder unreadable file, skipped", {"d/a.txt": a, "d/b.txt": "Paris – Two."}, "d", added=1,
             options={"skip_unreadable": True}, unreadable=("d/b.txt",), skipped=1),
        Case("folder named pipe, skipped", {"d/a.txt": a, "d/p.txt": fifo}, "d", added=1,
             options={"skip_unreadable": True}, skipped=1),
        Case("folder broken link and socket, skipped", {"d/a.txt": a, "d/b.txt": link_to("gone"), "d/s.txt": unix_socket},
             "d", added=1, options={"skip_unreadable": True}, skipped=2),
        Case("folder nothing readable, skipped", {"d/p.txt": fifo}, "d", added=0, options={"skip_unreadable": True},
             skipped=1),
    ]
    return cases + skipping


def all_cases() -> list[Case]:
    cases = txt_cases() + jsonl_cases() + csv_cases() + folder_cases()
    for c in cases:
        if c.name == "txt unreadable":
            c.unreadable = ("a.txt",)
    return cases


def build(case: Case, root: Path) -> Path:
    """Create the case's files under `root`; returns the path to import."""
    for rel, content in case.files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if callable(content):
            content(p)
        else:
            p.write_bytes(content.encode() if isinstance(content, str) else content)
    return root / case.target
