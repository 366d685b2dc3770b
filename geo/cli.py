"""Command line: ``python -m geo resolve|resolve-spans|parse``.

``resolve-spans`` and ``parse`` read documents as JSON lines on stdin
(``{"doc_id", "text", "toponyms": [{"start", "end", "name", ...}]}``) and write one
JSON line per document with the toponyms resolved in the document's context: for
``resolve-spans`` the toponyms it gives are the document's places, for ``parse`` those
found in its text.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from geo.exceptions import GeoError, InputError
from geo.gazetteer import gazetteer
from geo.online import resolver_from_env
from geo.parsing import Span, toponym_spans
from geo.place import Place
from geo.resolution import ArticleContext, lookup_in_text, place_from_name


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "resolve":
            context = ArticleContext.from_text(args.context) if args.context else None
            resolve = resolver_from_env(os.environ, place_from_name)
            print(resolve(args.name, context).model_dump_json(indent=2))
        else:
            _write_lines(_documents_out(_read_documents(sys.stdin), args.command), sys.stdout)
    except GeoError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader stopped early (`| head`): not an error; silence the final flush.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    resolve = commands.add_parser("resolve", help="print the place a name resolves to, as JSON")
    resolve.add_argument("name")
    resolve.add_argument("--context", help="text of the article the name appears in")
    commands.add_parser("resolve-spans", help="resolve the given toponym spans of JSON-lines documents")
    commands.add_parser("parse", help="find and resolve the toponyms of JSON-lines documents")
    return parser


def _read_documents(stream: TextIO) -> Iterator[tuple[int, dict[str, Any]]]:
    for number, line in enumerate(stream, start=1):
        if line.strip():
            try:
                document = json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(f"stdin line {number}: not JSON ({error.msg}); expected one document per line") from error
            if not isinstance(document, dict) or not isinstance(document.get("text"), str):
                raise InputError(f"stdin line {number}: expected an object with a 'text' string")
            yield number, document


def _documents_out(documents: Iterable[tuple[int, dict[str, Any]]], command: str) -> Iterator[dict[str, Any]]:
    for number, document in documents:
        text = document["text"]
        if command == "parse":
            spans = toponym_spans(text, gazetteer())
        else:
            spans = given_spans(document, number)
        yield {"doc_id": document.get("doc_id"), "toponyms": resolved_spans(text, spans)}


def given_spans(document: dict[str, Any], number: int) -> list[Span]:
    """The toponyms a document gives, each with the feature words around it to look up."""
    spans = []
    for i, toponym in enumerate(document.get("toponyms") or []):
        try:
            start, end = int(toponym["start"]), int(toponym["end"])
        except (KeyError, TypeError, ValueError) as error:
            raise InputError(f"stdin line {number}: toponyms[{i}] needs integer 'start' and 'end'") from error
        name = str(toponym.get("name") or document["text"][start:end])
        spans.append(Span(start, end, name, lookup_in_text(document["text"], start, end, name)))
    return spans


def resolved_spans(text: str, spans: list[Span]) -> list[dict[str, Any]]:
    """Each span resolved in the output format, with the spans as the article's places.

    The spans a document gives are its toponyms: the text is not parsed again for them.
    """
    context = ArticleContext.from_spans(text, spans)
    return [_span_record(span, place_from_name(context.query_of(span), context)) for span in spans]


def _span_record(span: Span, place: Place) -> dict[str, Any]:
    return {
        "start": span.start,
        "end": span.end,
        "name": span.name,
        "lat": place.lat,
        "lon": place.lon,
        "geonameid": place.geonameid,
        "precision": place.precision.value if place.precision else None,
    }


def _write_lines(records: Iterable[dict[str, Any]], stream: TextIO) -> None:
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        stream.flush()
