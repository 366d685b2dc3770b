"""From an uploaded file to the article's plain text and whatever metadata the file carries.

Plain text and Markdown are kept as written (line endings made ``\\n``); HTML goes
through trafilatura, which finds the article's body and metadata and drops
navigation, scripts and event handlers. Nothing here renders or runs markup: the
result is text.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import PurePath

import trafilatura
from pydantic import BaseModel, ConfigDict

from events.intake.exceptions import ArticleBinary, ArticleEmpty, ArticleNotUtf8, ArticleTooLarge

MAX_ARTICLE_BYTES = 2_000_000
"""The largest file read, HTML included: a long article's page is a few hundred kilobytes."""

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"\x1f\x8b")
_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
# What a news page prints around an article, copied with it when the page is selected and
# pasted: an advertisement's label, the links to skip, share or listen, a sign-in prompt. A
# line that says only this is never the article's title.
_FURNITURE = re.compile(
    r"(?:advertisement|advert|ad|sponsored(?: content)?|story continues below(?: advertisement)?"
    r"|skip to(?: the)?(?: main)? content|skip navigation"
    r"|share(?: this)?(?: article| story| page)?(?: on \w+)?|listen to this (?:article|story)"
    r"|(?:sign|log) ?in|subscribe(?: now)?|menu|close|search)[\s.:|-]*",
    re.IGNORECASE,
)


class ExtractedArticle(BaseModel):
    """An article's text and the metadata its file carried (``None`` where it carried none)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    publisher: str | None = None


def extract_article(data: bytes, filename: str) -> ExtractedArticle:
    """Read an uploaded ``.txt``, ``.md`` or ``.html`` file; raise an ArticleUnreadable if it cannot be."""
    shown = PurePath(filename).name or "the article"
    if len(data) > MAX_ARTICLE_BYTES:
        raise ArticleTooLarge(
            f"{shown}: {len(data):,} bytes is more than the {MAX_ARTICLE_BYTES:,} bytes an article may have; "
            "split it, or keep only the article's own text"
        )
    if data.startswith(_BINARY_MAGIC) or b"\x00" in data[:8192]:
        raise ArticleBinary(f"{shown}: not a text file; save the article as .txt, .md or .html")
    text = _decoded(data.removeprefix(b"\xef\xbb\xbf"), shown)
    if PurePath(filename).suffix.lower() in HTML_SUFFIXES or _HTML_START.match(data[:512]):
        return _from_html(text, shown)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleEmpty(f"{shown}: the file holds no text; paste or upload the article itself")
    return ExtractedArticle(text=text, title=first_line(text))


def first_line(text: str) -> str | None:
    """The default title: the text's first non-blank line that is not the page's furniture
    (see :data:`_FURNITURE`), without a Markdown heading mark."""
    lines = (_MARKDOWN_HEADING.sub("", line).strip() for line in text.splitlines())
    return next((line for line in lines if line and not _FURNITURE.fullmatch(line)), None)


def _decoded(data: bytes, shown: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleNotUtf8(
            f"{shown}: not UTF-8 text (byte {error.start} is {data[error.start:error.start + 1]!r}); "
            "save it as UTF-8 and upload it again"
        ) from None


def _from_html(html: str, shown: str) -> ExtractedArticle:
    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    found: dict[str, object] = document.as_dict() if document is not None and not isinstance(document, dict) else {}
    body = str(found.get("text") or "")
    paragraphs = [line.strip() for line in body.splitlines() if line.strip()]
    if not paragraphs:
        raise ArticleEmpty(f"{shown}: no article text found in the page; paste the article's text instead")
    title = _clean(found.get("title"))
    if title and paragraphs[0] != title:
        paragraphs.insert(0, title)
    return ExtractedArticle(
        text="\n\n".join(paragraphs) + "\n",
        title=title or paragraphs[0],
        url=_clean(found.get("url")),
        published=_date_or_none(found.get("date")),
        publisher=_clean(found.get("sitename")),
    )


def _clean(value: object) -> str | None:
    text = " ".join(str(value).split()) if value else ""
    return text or None


def _date_or_none(value: object) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None
