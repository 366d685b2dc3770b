"""Command line: ``python -m events validate|schema|export|quote|draft``."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from datetime import date

from events.dossier import Catalogue, catalogue_from_directory, default_data_dir, quote_starts
from events.export import csv_from_events, geojson_from_events
from events.intake import IntakeError, draft_article, extract_article, write_dossier
from events.model import Dossier
from events.placing import placed_events
from geo.exceptions import GeoError


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        if arguments.command == "schema":
            return _schema()
        if arguments.command == "export":
            return _export(arguments.data, arguments.format)
        if arguments.command == "quote":
            return _quote(arguments.article, arguments.text)
        if arguments.command == "draft":
            return _draft(arguments)
        return _validate(arguments.data)
    except BrokenPipeError:
        # The reader stopped early (`| head`): not an error; silence the final flush.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m events", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every dossier; exit 1 if any has a problem")
    validate.add_argument("--data", type=Path, default=None, help="dossier directory (default: events/data)")
    commands.add_parser("schema", help="print the JSON Schema of a dossier file")
    export = commands.add_parser("export", help="print the events with their places, as GeoJSON or CSV")
    export.add_argument("--format", choices=("geojson", "csv"), default="geojson")
    export.add_argument("--data", type=Path, default=None, help="dossier directory (default: events/data)")
    quote = commands.add_parser("quote", help="print a claim's quote block, offsets computed, for a dossier")
    quote.add_argument("article", type=Path, help="the article's text file")
    quote.add_argument("text", help="the words to quote, exactly as in the article")
    draft = commands.add_parser("draft", help="draft a dossier of an article's events (.txt, .md or .html) into a directory")
    draft.add_argument("article", type=Path, help="the article: plain text, Markdown or an HTML page")
    draft.add_argument("--publisher", required=True, help="the outlet that published it")
    draft.add_argument("--published", required=True, help="its publication date, YYYY-MM-DD")
    draft.add_argument("--out", type=Path, required=True, help="the directory to write <id>.yaml and articles/<id>.txt into")
    draft.add_argument("--title", default=None, help="default: the page's title, else the article's first line")
    draft.add_argument("--url", default=None, help="where it was published")
    draft.add_argument("--overwrite", action="store_true", help="replace a dossier of the same id")
    return parser


def _catalogue(data: Path | None) -> Catalogue | None:
    directory = data or default_data_dir()
    if not directory.is_dir():
        print(f"{directory}: not a directory of dossiers", file=sys.stderr)
        return None
    return catalogue_from_directory(directory)


def _validate(data: Path | None) -> int:
    catalogue = _catalogue(data)
    if catalogue is None:
        return 2
    for problem in catalogue.problems:
        print(problem)
    count = f"{_counted(len(catalogue.events), 'event')} in {_counted(len(catalogue.dossiers), 'dossier')}"
    if catalogue.problems:
        print(f"{_counted(len(catalogue.problems), 'problem')}; {count} loaded", file=sys.stderr)
        return 1
    print(f"ok: {count}")
    return 0


def _export(data: Path | None, format_name: str) -> int:
    """Write the good events; the problems go to stderr, as warnings (``validate`` fails on them)."""
    catalogue = _catalogue(data)
    if catalogue is None:
        return 2
    for problem in catalogue.problems:
        print(f"warning: {problem}", file=sys.stderr)
    try:
        placed = placed_events(catalogue)
    except GeoError as error:
        print(f"cannot place the events: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(geojson_from_events(placed) + "\n" if format_name == "geojson" else csv_from_events(placed))
    return 0


def _quote(article: Path, words: str) -> int:
    text = article.read_bytes().decode("utf-8")
    starts = quote_starts(text, words)
    if not starts:
        print(f"{article}: the words are not in the text; copy them from the file itself", file=sys.stderr)
        return 1
    if len(starts) > 1:
        others = ", ".join(str(start) for start in starts[1:])
        print(f"# found {len(starts)} times; the first is shown, the others start at {others}")
    text_line = json.dumps(words, ensure_ascii=False)
    print(f"quote:\n  text: {text_line}\n  start: {starts[0]}\n  end: {starts[0] + len(words)}")
    return 0


def _draft(arguments: argparse.Namespace) -> int:
    """Draft, write, and say what was written; any problem is one line on stderr and exit 1."""
    try:
        published = date.fromisoformat(arguments.published)
    except ValueError:
        print(f"--published {arguments.published!r}: not a date; write YYYY-MM-DD", file=sys.stderr)
        return 1
    try:
        data = arguments.article.read_bytes()
    except OSError as error:
        print(f"{arguments.article}: cannot be read: {error.strerror or error}", file=sys.stderr)
        return 1
    try:
        extracted = extract_article(data, arguments.article.name)
        draft = draft_article(
            extracted.text,
            publisher=arguments.publisher,
            published=published,
            title=arguments.title or extracted.title,
            url=arguments.url or extracted.url,
        )
        path = write_dossier(
            arguments.out, draft.article, [d.event for d in draft.events], draft.text, overwrite=arguments.overwrite
        )
    except (IntakeError, OSError) as error:
        print(f"{arguments.article}: {error}", file=sys.stderr)
        return 1
    print(f"{path}: {_counted(len(draft.events), 'event')} drafted; review them before publishing")
    for note in draft.notes:
        print(f"note: {note}")
    return 0


def _counted(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _schema() -> int:
    schema = Dossier.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
