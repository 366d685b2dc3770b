"""Where each event is: its places resolved in the context of its own article.

An editor's override in the dossier wins over any geocoder and is reported as
``resolver="editor"``. A place that cannot be resolved stays in the result,
not found, with the reason; an event is never dropped for want of a place.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from functools import cache

from pydantic import BaseModel, ConfigDict

from events.dossier import Catalogue
from events.model import Article, Event, PlaceRef
from geo.online import resolver_from_env
from geo.place import Place, Precision
from geo.resolution import ArticleContext, place_from_name

EDITOR = "editor"

Resolver = Callable[[str], Place]
"""Resolves a place name, as written, within one article."""

ResolverForText = Callable[[str], Resolver]
"""Makes the resolver for one article from the article's text."""


class ResolvedPlace(BaseModel):
    """A place as the dossier names it, and where it was resolved to."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ref: PlaceRef
    place: Place


class PlacedEvent(BaseModel):
    """An event with its article and its resolved places, in the dossier's order."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    event: Event
    article: Article
    places: tuple[ResolvedPlace, ...]

    @property
    def main(self) -> ResolvedPlace:
        """The place the event is drawn at (see :attr:`Event.location`)."""
        return self.places[self.event.places.index(self.event.location)]

    @property
    def precision(self) -> Precision | None:
        return self.main.place.precision

    @property
    def unplaced_reason(self) -> str | None:
        """Why the event has no coordinates, or None when it has them."""
        place = self.main.place
        if place.found:
            return None
        return place.note or f"no place found for {self.main.ref.name!r}"


def configured_resolvers(environ: Mapping[str, str] = os.environ) -> ResolverForText:
    """The resolver the environment configures (see :func:`geo.online.resolver_from_env`), per article.

    With nothing configured, the offline gazetteer; either way with the article's text as context.
    """
    resolve = resolver_from_env(environ, place_from_name)

    def for_text(text: str) -> Resolver:
        context = ArticleContext.from_text(text)
        return cache(lambda name: resolve(name, context))

    return for_text


def place_from_ref(ref: PlaceRef, resolve: Resolver) -> Place:
    """The editor's override if there is one, else what the resolver finds."""
    override = ref.override
    if override is None:
        return resolve(ref.name)
    return Place(
        query=ref.name,
        name=ref.name,
        lat=override.lat,
        lon=override.lon,
        precision=override.precision,
        resolver=EDITOR,
        note=override.note,
    )


def placed_events(catalogue: Catalogue, resolver_for: ResolverForText | None = None) -> tuple[PlacedEvent, ...]:
    """Every event of the catalogue with its places resolved, in catalogue order.

    By default with the resolver the environment configures (:func:`configured_resolvers`).
    """
    resolver_for = resolver_for or configured_resolvers()
    placed: list[PlacedEvent] = []
    for dossier in catalogue.dossiers:
        resolve = resolver_for(catalogue.text_of(dossier.article))
        placed += [_placed(event, dossier.article, resolve) for event in dossier.events]
    return tuple(placed)


def precision_by_event(placed: Iterable[PlacedEvent]) -> dict[str, Precision | None]:
    """Each event's place precision, keyed by event id (for :func:`events.filtering.events_matching`)."""
    return {item.event.id: item.precision for item in placed}


def _placed(event: Event, article: Article, resolve: Resolver) -> PlacedEvent:
    places = tuple(ResolvedPlace(ref=ref, place=place_from_ref(ref, resolve)) for ref in event.places)
    return PlacedEvent(event=event, article=article, places=places)
