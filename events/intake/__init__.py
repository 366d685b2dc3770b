"""Article intake: from a news article's text to a draft dossier of its events, and back to disk.

An editor brings an article in (plain text, Markdown or an HTML page); the drafter
finds the sentences that report something happening at a named place, with their
places resolved in the article's context, their dates, and the sourcing of every
claim (claimant, chain, evidence, verification, the article's own words). The
editor reviews the draft, and :func:`write_dossier` saves it beside the others.

Modules, one concern each: ``extraction`` (files to text and metadata),
``sentences``, ``attribution``, ``dates``, ``triggers`` (event types), ``places``,
``drafting`` (the draft itself) and ``writing`` (the dossier and its article on disk).
"""

from events.intake.drafting import MAX_TEXT_CHARS, Draft, DraftEvent, article_id_for, draft_article
from events.intake.exceptions import (
    ArticleBinary,
    ArticleEmpty,
    ArticleNotUtf8,
    ArticleTooLarge,
    ArticleUnreadable,
    DossierExists,
    DraftInvalid,
    IntakeError,
    PublicationDateInvalid,
    PublisherMissing,
)
from events.intake.extraction import MAX_ARTICLE_BYTES, ExtractedArticle, extract_article
from events.intake.places import PlaceCandidate
from events.intake.writing import write_dossier

__all__ = [
    "MAX_ARTICLE_BYTES",
    "MAX_TEXT_CHARS",
    "ArticleBinary",
    "ArticleEmpty",
    "ArticleNotUtf8",
    "ArticleTooLarge",
    "ArticleUnreadable",
    "DossierExists",
    "Draft",
    "DraftEvent",
    "DraftInvalid",
    "ExtractedArticle",
    "IntakeError",
    "PlaceCandidate",
    "PublicationDateInvalid",
    "PublisherMissing",
    "article_id_for",
    "draft_article",
    "extract_article",
    "write_dossier",
]
