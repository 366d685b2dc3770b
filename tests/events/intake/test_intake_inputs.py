"""Bad input: a clear message, nothing lost, and the command line's one line and exit code."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from events.__main__ import main
from events.intake import (
    MAX_ARTICLE_BYTES,
    ArticleBinary,
    ArticleEmpty,
    ArticleNotUtf8,
    ArticleTooLarge,
    PublicationDateInvalid,
    PublisherMissing,
    draft_article,
    extract_article,
)
from tests.fixtures.articles import SAMPLE_ARTICLE

SAMPLE = SAMPLE_ARTICLE


@pytest.mark.parametrize(
    ("data", "filename", "error", "message"),
    [
        (b"", "a.txt", ArticleEmpty, r"^a\.txt: the file holds no text"),
        (b"  \n\t\n ", "a.txt", ArticleEmpty, r"^a\.txt: the file holds no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "photo.txt", ArticleBinary, r"^photo\.txt: not a text file"),
        (b"%PDF-1.7 ...", "a.pdf", ArticleBinary, r"^a\.pdf: not a text file"),
        ("Caf\u00e9 in Aleppo".encode("latin-1"), "a.txt", ArticleNotUtf8, r"^a\.txt: not UTF-8 text \(byte 3"),
        (b"word " * (MAX_ARTICLE_BYTES // 5 + 1), "big.txt", ArticleTooLarge, r"more than the 2,000,000 bytes"),
        (b"<html><body><script>alert(1)</script></body></html>", "a.html", ArticleEmpty, r"no article text"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(data: bytes, filename: str, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        extract_article(data, filename)


def test_html_gives_its_text_and_metadata_and_never_its_scripts() -> None:
    html = (
        b'<html><head><title>Strike hits Aleppo</title><meta property="og:site_name" content="Example News">'
        b'<meta name="date" content="2016-05-02"><link rel="canonical" href="https://example.org/a">'
        b"<script>alert(1)</script></head><body><article><h1>Strike hits Aleppo</h1>"
        b'<p onclick="alert(2)">A hospital in Aleppo was bombed on Monday, the ministry said, in an attack '
        b"that killed four people.</p><p>Rescuers <img src=x onerror=alert(3)>searched the rubble.</p>"
        b"</article></body></html>"
    )
    article = extract_article(html, "page.html")
    assert (article.title, article.publisher, article.published, article.url) == (
        "Strike hits Aleppo", "Example News", date(2016, 5, 2), "https://example.org/a"
    )
    assert article.text.startswith("Strike hits Aleppo\n\nA hospital in Aleppo was bombed on Monday")
    assert "alert" not in article.text and "<" not in article.text


def test_markdown_keeps_its_text_and_its_heading_is_the_title() -> None:
    article = extract_article(b"# Strike hits Aleppo\r\n\r\nA hospital was bombed.\r\n", "a.md")
    assert (article.title, article.text) == ("Strike hits Aleppo", "# Strike hits Aleppo\n\nA hospital was bombed.\n")


@pytest.mark.parametrize(("text", "title"), [
    ("Advertisement\n\nStrike hits Aleppo\n\nA hospital was bombed.\n", "Strike hits Aleppo"),
    ("Skip to main content\nShare this article\n# Strike hits Aleppo\n", "Strike hits Aleppo"),
    ("ADVERTISEMENT:\nStory continues below advertisement\nListen to this article\nTruce talks resume\n",
     "Truce talks resume"),
    ("Ad hoc talks on Aleppo resume in Geneva\n", "Ad hoc talks on Aleppo resume in Geneva"),  # a word, not a label
    ("Search for survivors goes on in Aleppo\n", "Search for survivors goes on in Aleppo"),
    ("Advertisement\n\n", None),
])
def test_the_default_title_passes_over_what_the_page_prints_around_the_article(text: str, title: str | None) -> None:
    assert extract_article(text.encode(), "pasted.txt").title == title


def test_future_publication_date_is_refused() -> None:
    with pytest.raises(PublicationDateInvalid, match=r"^publication date 2999-01-01 is in the future"):
        draft_article("Fighting in Aleppo.", publisher="X", published=date(2999, 1, 1))


def test_text_without_place_names_drafts_nothing_and_says_why() -> None:
    draft = draft_article(
        "Officials said the talks would go on.\n\nNothing else was reported.\n",
        publisher="Example News",
        published=date(2020, 1, 1),
    )
    assert draft.events == ()
    assert draft.notes == ("No place names were found in the text, so no events were drafted; add them by hand.",)


def test_non_english_text_gets_a_note() -> None:
    text = (
        "Des frappes aériennes ont touché Alep lundi, selon le ministère. Les secours cherchent encore "
        "des survivants dans les décombres de plusieurs immeubles du quartier, a déclaré un responsable local.\n"
    )
    draft = draft_article(text, publisher="Le Monde", published=date(2016, 5, 2))
    assert draft.notes[0].startswith("The text does not read as English")


def test_cli_drafts_a_dossier_that_validates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "data"
    code = main(["draft", str(SAMPLE), "--publisher", "Global News", "--published", "2016-05-02", "--out", str(out)])
    printed = capsys.readouterr().out
    assert code == 0
    assert printed.startswith(f"{out}/2016-05-02-investigation-claims-syrian-government-is.yaml: ")
    assert (out / "articles/2016-05-02-investigation-claims-syrian-government-is.txt").read_bytes() == SAMPLE.read_bytes()
    dossier_text = (out / "2016-05-02-investigation-claims-syrian-government-is.yaml").read_text(encoding="utf-8")
    assert "path: articles/2016-05-02-investigation-claims-syrian-government-is.txt" in dossier_text
    drafted = int(printed.split(": ")[1].split()[0])
    assert main(["validate", "--data", str(out)]) == 0
    assert capsys.readouterr().out == f"ok: {drafted} events in 1 dossier\n"
    assert main(["export", "--data", str(out), "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == drafted + 1  # a header, then one row per event
    palmyra = next(row for row in rows if "Palmyra" in row and "Raqqa province" in row)
    assert "34.5" in palmyra and "38.2" in palmyra  # drawn at Tadmur, Syria


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--published", "2016-13-02"], "--published '2016-13-02': not a date; write YYYY-MM-DD\n"),
        (["--published", "2999-01-01"], "publication date 2999-01-01 is in the future"),
    ],
)
def test_cli_bad_date_is_one_line_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], arguments: list[str], message: str
) -> None:
    code = main(["draft", str(SAMPLE), "--publisher", "Global News", "--out", str(tmp_path), *arguments])
    error = capsys.readouterr().err
    assert (code, error.count("\n")) == (1, 1)
    assert message in error
    assert list(tmp_path.iterdir()) == []


def test_cli_binary_file_is_one_line_and_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"%PDF-1.4\x00\x01")
    code = main(["draft", str(binary), "--publisher", "X", "--published", "2020-01-01", "--out", str(tmp_path / "d")])
    assert (code, capsys.readouterr().err) == (
        1, f"{binary}: scan.txt: not a text file; save the article as .txt, .md or .html\n"
    )


def test_cli_never_overwrites_an_existing_dossier(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    arguments = ["draft", str(SAMPLE), "--publisher", "Global News", "--published", "2016-05-02", "--out", str(tmp_path)]
    assert main(arguments) == 0
    dossier = tmp_path / "2016-05-02-investigation-claims-syrian-government-is.yaml"
    dossier.write_text("# edited by hand\n", encoding="utf-8")
    assert main(arguments) == 1
    assert f"{dossier}: a dossier of this id already exists" in capsys.readouterr().err
    assert dossier.read_text(encoding="utf-8") == "# edited by hand\n"
    assert main([*arguments, "--overwrite"]) == 0
    assert dossier.read_text(encoding="utf-8").startswith("# Drafted")


def test_five_megabytes_of_text_is_refused_with_the_limit() -> None:
    with pytest.raises(ArticleTooLarge, match=r"^the article has 5,000,000 characters, more than the 100,000"):
        draft_article("x" * 5_000_000, publisher="X", published=date(2020, 1, 1))
    with pytest.raises(ArticleTooLarge, match=r"^big\.txt: 5,000,000 bytes is more than the 2,000,000 bytes"):
        extract_article(b"x" * 5_000_000, "big.txt")


def test_whitespace_text_is_refused() -> None:
    with pytest.raises(ArticleEmpty, match=r"^the article text is empty"):
        draft_article(" \n\t ", publisher="X", published=date(2020, 1, 1))


def test_blank_publisher_is_refused() -> None:
    with pytest.raises(PublisherMissing, match=r"^the publisher is empty; give the outlet"):
        draft_article("Fighting in Aleppo.", publisher="  ", published=date(2020, 1, 1))
