"""Command line: ``python -m events validate|schema|export|quote|draft|briefing``.

``export --query`` takes the app's address-bar query and goes through the same parser,
limits and export builders as the app, so every file the app offers can be made here;
``briefing --query`` does the same for the app's PNG and PDF pictures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from events import exports, mapview
from events.briefing import briefing_file
from events.context import ContextIndex, directory_index
from events.dossier import Catalogue, catalogue_from_directory, default_data_dir, quote_starts
from events.exceptions import ContextFileError
from events.filtering import params_from_query_string
from events.intake import IntakeError, draft_article, extract_article, write_dossier
from events.mapview import Atlas, atlas_from_directory, with_context_options
from events.model import Dossier
from events.sample import install_sample_article
from geo.exceptions import GeoError
from geo.maps.picture import Sheet

EXPORT_LABELS = {"geojson": "GeoJSON", "csv": "CSV", "html": "HTML map"}
"""Each format of ``export``, as the app's export buttons name it."""


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        if arguments.command == "schema":
            return _schema()
        if arguments.command == "export":
            return _export(arguments.data, arguments.format, arguments.query)
        if arguments.command == "briefing":
            return _briefing(arguments)
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
    export = commands.add_parser(
        "export", help="print the events with their places, as GeoJSON, CSV or the one-file HTML map"
    )
    export.add_argument("--format", choices=tuple(EXPORT_LABELS), default="geojson")
    export.add_argument("--data", type=Path, default=None, help="dossier directory (default: events/data)")
    export.add_argument(
        "--query", default="",
        help="the app's address-bar query (e.g. 'evidence=leaked-documents&since=2016-03'): "
        "export exactly the events that view shows",
    )
    briefing = commands.add_parser("briefing", help="write the view a URL query asks for as a PNG slide or a PDF page")
    briefing.add_argument("--format", choices=("png", "pdf"), required=True)
    briefing.add_argument("--size", choices=("1x", "2x", "a4", "letter"), default=None,
                          help="png: 1x (1920x1080, default) or 2x; pdf: a4 (default) or letter")
    briefing.add_argument("--data", type=Path, default=None, help="dossier directory (default: events/data)")
    briefing.add_argument("--query", default="", help='the app\'s URL query, e.g. "evidence=leaked-documents&since=2016-03-01"')
    briefing.add_argument("--title", default=None, help="the picture's title (default: said from the filters)")
    briefing.add_argument("--no-context", action="store_true",
                          help="leave out the ACLED context layer of the data directory (shown by default, as in the app)")
    briefing.add_argument("--out", type=Path, required=True, help="the file to write")
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


def _directory(data: Path | None) -> Path | None:
    directory = data or default_data_dir()
    if not directory.is_dir():
        print(f"{directory}: not a directory of dossiers", file=sys.stderr)
        return None
    _install_sample(directory)
    return directory


def _install_sample(directory: Path) -> None:
    notice = install_sample_article(directory)
    if notice:
        print(notice, file=sys.stderr)


def _catalogue(data: Path | None) -> Catalogue | None:
    directory = _directory(data)
    return None if directory is None else catalogue_from_directory(directory)


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


def _export(data: Path | None, format_name: str, query: str) -> int:
    """Write the good events the query's view shows, as the app's export button of that format
    does; the problems and the query's notices go to stderr (``validate`` fails on problems)."""
    directory = _directory(data)
    if directory is None:
        return 2
    try:
        atlas = mapview.atlas_from_directory(directory)
    except GeoError as error:
        print(f"cannot place the events: {error}", file=sys.stderr)
        return 1
    for problem in atlas.problems:
        print(f"warning: {problem}", file=sys.stderr)
    choice, notices = atlas.filter_from_query(params_from_query_string(query))
    for notice in notices:
        print(f"notice: {notice}", file=sys.stderr)
    (export,) = [e for e in exports.EXPORTS if e.label == EXPORT_LABELS[format_name]]
    text = export.build(atlas, mapview.view_of(atlas, choice))
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


_SHEETS = {("png", None): Sheet.SLIDE, ("png", "1x"): Sheet.SLIDE, ("png", "2x"): Sheet.SLIDE_2X,
           ("pdf", None): Sheet.A4, ("pdf", "a4"): Sheet.A4, ("pdf", "letter"): Sheet.LETTER}


def _briefing(arguments: argparse.Namespace) -> int:
    """Write the picture of the view ``--query`` asks for, as the dashboard's buttons do."""
    sheet = _SHEETS.get((arguments.format, arguments.size))
    if sheet is None:
        print(f"--size {arguments.size} is not a size of {arguments.format}: "
              f"use {'1x or 2x' if arguments.format == 'png' else 'a4 or letter'}", file=sys.stderr)
        return 2
    directory = arguments.data or default_data_dir()
    if not directory.is_dir():
        print(f"{directory}: not a directory of dossiers", file=sys.stderr)
        return 2
    _install_sample(directory)
    try:
        atlas = atlas_from_directory(directory)
        context = None if arguments.no_context else _directory_context(directory)
    except (GeoError, ContextFileError) as error:
        print(f"cannot build the view: {error}", file=sys.stderr)
        return 1
    if context is not None:
        atlas = with_context_options(atlas, context.option_counts, context.date_bounds)
    query = params_from_query_string(arguments.query)
    for notice in _notices(atlas, query):
        print(f"warning: {notice}", file=sys.stderr)
    for problem in atlas.problems:
        print(f"warning: {problem}", file=sys.stderr)
    for row in context.problems if context is not None else ():
        print(f"warning: {row.message}", file=sys.stderr)
    arguments.out.write_bytes(briefing_file(atlas, query, sheet, context=context, title=arguments.title))
    print(f"wrote {arguments.out} ({sheet.file_format.upper()}, {sheet})", file=sys.stderr)
    return 0


def _directory_context(directory: Path) -> ContextIndex | None:
    """The directory's ACLED exports as the dashboard loads them (through the same store), so
    that both draw the same context layer."""
    index = directory_index(directory).result()
    return index if len(index) else None


def _notices(atlas: Atlas, query: dict[str, list[str]]) -> list[str]:
    return atlas.filter_from_query(query)[1]


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
