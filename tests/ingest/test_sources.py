"""Reading files, folders, archives, JSONL/CSV rows and stdin; every bad input is an error record."""

from __future__ import annotations

import io
import json
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from kroniek.ingest import ReadOptions, iter_articles
from kroniek.models import Article, IngestError
from tests import texts


def read(paths, **options):
    items = list(iter_articles([str(p) for p in paths], ReadOptions(**options)))
    return [i for i in items if isinstance(i, Article)], [
        i for i in items if isinstance(i, IngestError)
    ]


def test_folder_is_read_recursively_in_order(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text(texts.NO_TITLE, encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text(texts.HEADED, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(texts.NO_HEADER, encoding="utf-8")
    (tmp_path / "README.md").write_text("# Over dit corpus", encoding="utf-8")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    articles, errors = read([tmp_path])
    assert [Path(a.source_file).name for a in articles] == ["a.txt", "c.txt"]
    assert errors == []


def test_jsonl_rows_with_urls_and_overrides(tmp_path: Path):
    rows = [
        {"url": "https://www.nrc.nl/nieuws/2021/06/14/inval-haven-a123", "text": texts.NO_TITLE},
        {
            "url": "https://nos.nl/artikel/2400001-kabinet",
            "text": texts.NO_HEADER,
            "title": "Kabinet scherpt regels aan",
            "published": "2022-01-05",
        },
    ]
    path = tmp_path / "crawl.jsonl"
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8"
    )
    articles, errors = read([path])
    assert errors == []
    first, second = articles
    assert (first.outlet, first.published, first.line) == ("nrc.nl", "2021-06-14", 1)
    assert (second.outlet, second.title, second.published) == (
        "nos.nl",
        "Kabinet scherpt regels aan",
        "2022-01-05",
    )


def test_malformed_jsonl_line_is_an_error_and_the_rest_is_read(tmp_path: Path):
    path = tmp_path / "mixed.jsonl"
    good = json.dumps({"text": texts.NO_HEADER})
    path.write_text(
        f"{good}\n{{not json\n[1, 2]\n{json.dumps({'title': 'geen tekst'})}\n{good}\n",
        encoding="utf-8",
    )
    articles, errors = read([path])
    assert len(articles) == 2
    assert [(e.line, e.reason.split(":")[0]) for e in errors] == [
        (2, "malformed JSON"),
        (3, "JSONL line is not a JSON object"),
        (4, "record has no text field (map one with --fields body=text)"),
    ]


def test_csv_with_field_mapping(tmp_path: Path):
    path = tmp_path / "export.csv"
    path.write_text(
        "headline,body,link\n"
        f'Inval in haven,"{texts.NO_TITLE.strip()}",https://www.gva.be/cnt/dmf20210614_1\n',
        encoding="utf-8",
    )
    articles, errors = read([path], field_map={"headline": "title", "body": "text"})
    assert errors == []
    (a,) = articles
    assert (a.title, a.outlet, a.published) == ("Inval in haven", "gva.be", "2021-06-14")


@pytest.mark.parametrize(
    "big_row",
    [
        'Groot,"{big}"\n',  # quoted field on one line
        'Groot,"{big}\nnog een regel ""met"" aanhalingstekens\n{big}"\n',  # spans lines
        "Groot,{big}\n",  # unquoted
        'Groot,"{big}",extra\n',  # more fields after it
    ],
)
def test_csv_row_with_an_over_long_field_is_an_error_and_the_next_rows_are_read(
    tmp_path: Path, big_row: str
):
    body = texts.NO_TITLE.strip()
    path = tmp_path / "export.csv"
    path.write_text(
        f'title,text\nEen,"{body}"\n' + big_row.format(big="x" * 3000) + f'Twee,"{body}"\n',
        encoding="utf-8",
    )
    articles, errors = read([path], max_article_bytes=1000)
    assert [a.title for a in articles] == ["Een", "Twee"]
    assert [e.reason for e in errors] == ["CSV field over the 1000 byte limit"]


def test_bad_inputs_each_get_a_reason(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "huge.txt").write_text("woord " * 5000, encoding="utf-8")
    (tmp_path / "ok.txt").write_text(texts.NO_HEADER, encoding="utf-8")
    articles, errors = read([tmp_path, tmp_path / "missing.txt"], max_article_bytes=20_000)
    assert len(articles) == 1
    reasons = {Path(e.source_file).name: e.reason for e in errors}
    assert reasons["empty.txt"] == "empty input"
    assert reasons["binary.txt"] == "binary data, not text"
    assert "byte limit" in reasons["huge.txt"]
    assert reasons["missing.txt"] == "no such file or folder"


def test_cp1252_and_mojibake_are_repaired(tmp_path: Path):
    text = " date 2020-01 De Franse premier sprak in Luik over de crisis. Hij was zeer tevreden over het overleg met België.\n"
    (tmp_path / "legacy.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "mojibake.txt").write_text(text.encode("utf-8").decode("cp1252"), encoding="utf-8")
    articles, errors = read([tmp_path])
    assert errors == []
    assert all("België" in a.text for a in articles)
    assert articles[0].id == articles[1].id


def test_zip_and_tar_archives(tmp_path: Path):
    zipped = tmp_path / "corpus.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("nieuws/a.txt", texts.NO_TITLE)
        archive.writestr("nieuws/b.jsonl", json.dumps({"text": texts.NO_HEADER}) + "\n")
    tarred = tmp_path / "corpus.tar.gz"
    with tarfile.open(tarred, "w:gz") as archive:
        data = texts.HEADED.encode()
        info = tarfile.TarInfo("c.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    articles, errors = read([zipped, tarred])
    assert errors == []
    assert [a.source_file.split("!")[1] for a in articles] == [
        "nieuws/a.txt",
        "nieuws/b.jsonl",
        "c.txt",
    ]


def test_zip_bomb_is_refused(tmp_path: Path):
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.txt", b"0" * 50_000_000)
    articles, errors = read([bomb])
    assert articles == []
    (error,) = errors
    assert "archive bomb" in error.reason


def test_corrupt_archive(tmp_path: Path):
    path = tmp_path / "broken.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    articles, errors = read([path])
    assert articles == [] and "corrupt archive" in errors[0].reason


def test_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(texts.NO_TITLE.encode())))
    articles, errors = read(["-"])
    assert errors == [] and articles[0].source_file == "<stdin>"


def test_french_article_is_flagged(tmp_path: Path):
    (tmp_path / "fr.txt").write_text(texts.FRENCH, encoding="utf-8")
    articles, _ = read([tmp_path])
    assert articles[0].language == "fr"


def test_overlong_jsonl_line(tmp_path: Path):
    path = tmp_path / "long.jsonl"
    path.write_text(
        json.dumps({"text": "x" * 50_000}) + "\n" + json.dumps({"text": texts.NO_HEADER}) + "\n"
    )
    articles, errors = read([path], max_article_bytes=10_000)
    assert len(articles) == 1 and errors[0].line == 1 and "limit" in errors[0].reason
