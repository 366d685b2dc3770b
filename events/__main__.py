"""Command line: ``python -m events validate|schema``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from events.dossier import catalogue_from_directory, default_data_dir
from events.model import Dossier


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    if arguments.command == "schema":
        return _schema()
    return _validate(arguments.data)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m events", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check every dossier; exit 1 if any has a problem")
    validate.add_argument("--data", type=Path, default=None, help="dossier directory (default: events/data)")
    commands.add_parser("schema", help="print the JSON Schema of a dossier file")
    return parser


def _validate(data: Path | None) -> int:
    directory = data or default_data_dir()
    if not directory.is_dir():
        print(f"{directory}: not a directory of dossiers", file=sys.stderr)
        return 2
    catalogue = catalogue_from_directory(directory)
    for problem in catalogue.problems:
        print(problem)
    count = f"{_counted(len(catalogue.events), 'event')} in {_counted(len(catalogue.dossiers), 'dossier')}"
    if catalogue.problems:
        print(f"{_counted(len(catalogue.problems), 'problem')}; {count} loaded", file=sys.stderr)
        return 1
    print(f"ok: {count}")
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
