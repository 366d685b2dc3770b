"""Loading dossiers: YAML files of an article and its events, checked against the article.

Loading never writes. A directory of dossiers loads into a :class:`Catalogue`
of the good events and one :class:`Problem` per thing an editor must fix; a
bad event never stops the good events beside it, and a bad file never stops
the other files.

The layout of a data directory: each dossier is ``DIR/<id>.yaml`` and its article's
text ``DIR/articles/<id>.txt`` (``path: articles/<id>.txt``). An article's path is
taken from the dossier's directory, and must stay inside it, symlinks resolved:
anything else is a problem for that dossier, and nothing outside is read.
"""

from __future__ import annotations

import hashlib
import os
import re
import typing
from functools import cached_property
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError
from pydantic_core import ErrorDetails

from events.exceptions import ArticleTextMissing, DossierInvalid, FileRefused
from events.files import bytes_of_file, contained_path
from events.limits import (
    ARTICLE_MAX_BYTES,
    DOSSIER_MAX_BYTES,
    YAML_MAX_DEPTH,
    YAML_MAX_NODES,
    clipped,
    excerpt,
)
from events.model import Article, Dossier, Event

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "events" / "data"
DATA_DIR_ENV = "EVENT_ATLAS_DATA"
DOSSIER_SUFFIXES = (".yaml", ".yml")
ARTICLES = "articles"
"""The subdirectory of a data directory that holds the articles' texts."""
ARTICLE_PATH_HELP = "give the text's path from the dossier's directory, e.g. articles/<id>.txt"


class Problem(BaseModel):
    """One thing wrong in a dossier: where it is, and what to do about it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str
    message: str
    event_id: str | None = None
    field: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        head = f"{self.file}, line {self.line}" if self.line else self.file
        event = [f"event {self.event_id!r}"] if self.event_id is not None else []
        where = ", ".join(event + ([self.field] if self.field else []))
        return f"{head}: {where}: {self.message}" if where else f"{head}: {self.message}"


class Catalogue(BaseModel):
    """The good dossiers of a directory (keeping only their good events) and the problems."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    directory: Path
    """The data directory the dossiers were loaded from; their articles' paths start there."""
    dossiers: tuple[Dossier, ...] = ()
    problems: tuple[Problem, ...] = ()

    @cached_property
    def events(self) -> tuple[Event, ...]:
        return tuple(event for dossier in self.dossiers for event in dossier.events)

    def article_of(self, event_id: str) -> Article:
        """The article that reports an event; KeyError for an id not in the catalogue."""
        return self._articles[event_id]

    def text_of(self, article: Article) -> str:
        """The text of one of the catalogue's articles (see :func:`article_text`)."""
        return article_text(article, self.directory)

    @cached_property
    def _articles(self) -> dict[str, Article]:
        return {event.id: dossier.article for dossier in self.dossiers for event in dossier.events}


def default_data_dir() -> Path:
    """The dossier directory: ``$EVENT_ATLAS_DATA`` if set, else ``events/data``."""
    return Path(os.environ.get(DATA_DIR_ENV) or DATA_DIR)


def article_file(article: Article, data_dir: Path) -> Path:
    """Where an article's text is: its path from the data directory, symlinks resolved.

    Raises :class:`FileRefused` when that leaves the data directory.
    """
    return contained_path(data_dir, article.path, _path_shown(article))


def article_text(article: Article, data_dir: Path) -> str:
    """The text of an article whose dossier is in ``data_dir``, exactly as stored.

    Raises :class:`ArticleTextMissing` when there is no such file, and :class:`FileRefused`
    when its path leaves the data directory, it is not a regular file, or it is larger
    than :data:`ARTICLE_MAX_BYTES`.
    """
    path = article_file(article, data_dir)
    try:
        data = bytes_of_file(path, ARTICLE_MAX_BYTES, _path_shown(article))
    except FileNotFoundError:
        raise ArticleTextMissing(f"{_path_shown(article)} does not exist") from None
    # Bytes, not read_text: newline translation would shift every quote offset.
    return data.decode("utf-8")


def catalogue_from_directory(directory: Path) -> Catalogue:
    """Load every ``*.yaml`` dossier of a directory, in name order."""
    dossiers: list[Dossier] = []
    problems: list[Problem] = []
    first_file_of: dict[str, str] = {}
    for path in sorted(p for p in directory.iterdir() if p.suffix in DOSSIER_SUFFIXES):
        dossier, found = _checked_dossier(path)
        problems += found
        if dossier is None:
            continue
        unique = [e for e in dossier.events if _claim_id(e, path, first_file_of, problems)]
        dossiers.append(dossier.model_copy(update={"events": tuple(unique)}))
    return Catalogue(directory=directory, dossiers=tuple(dossiers), problems=tuple(problems))


def dossier_from_file(path: Path) -> Dossier:
    """Load one dossier, raising :class:`DossierInvalid` if anything in it is wrong."""
    dossier, problems = _checked_dossier(path)
    if problems or dossier is None:
        raise DossierInvalid(problems)
    return dossier


def dossier_from_parts(
    article: object, events: Sequence[object], text: str, file: str
) -> tuple[Dossier | None, tuple[Problem, ...]]:
    """A dossier not yet written (an editor's draft), checked as a file of ``file``'s name would be.

    ``article`` and ``events`` are as the YAML would hold them and ``text`` is the article's
    text: the result is the dossier with its good events (None if the article itself is
    wrong) and every problem, with the very messages ``python -m events validate`` prints.
    """
    problems: list[Problem] = []
    try:
        checked_article: Article | None = Article.model_validate(article)
    except ValidationError as error:
        checked_article = None
        problems += [
            Problem(file=file, field=_field_path(("article", *d["loc"])), message=_message(d, Article))
            for d in _relevant(error)
        ]
    good: list[Event] = []
    for index, raw_event in enumerate(events):
        event, found = _checked_event(file, index, raw_event, text)
        problems += found
        good += [event] if event is not None else []
    dossier = None if checked_article is None else Dossier(article=checked_article, events=tuple(good))
    return dossier, tuple(problems)


def directory_signature(directory: Path) -> str:
    """A digest of the names, sizes and modification times of a directory's dossier files.

    Saving a dossier changes it, so a cache keyed on it loads the directory afresh.
    """
    digest = hashlib.sha1()
    with os.scandir(directory) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.endswith(DOSSIER_SUFFIXES) and entry.is_file():
                status = entry.stat()
                digest.update(f"{entry.name}\0{status.st_size}\0{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def _claim_id(event: Event, path: Path, first_file_of: dict[str, str], problems: list[Problem]) -> bool:
    shown = _shown(path)
    if event.id in first_file_of:
        message = f"already used in {first_file_of[event.id]}; give each event its own id"
        problems.append(Problem(file=shown, event_id=event.id, field="id", message=message))
        return False
    first_file_of[event.id] = shown
    return True


def _checked_dossier(path: Path) -> tuple[Dossier | None, list[Problem]]:
    """The dossier with only its good events, and the problems found in it."""
    shown = _shown(path)
    try:
        raw = _yaml_from_file(path)
    except yaml.YAMLError as error:
        return None, [_yaml_problem(shown, error)]
    except FileRefused as error:
        return None, [Problem(file=shown, message=error.reason)]
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(file=shown, message=f"cannot be read: {_unreadable(error)}")]
    except ValueError as error:  # a constructor's refusal, e.g. an integer of 5,000 digits
        return None, [Problem(file=shown, message=f"not a dossier: {clipped(str(error), 200)}")]
    if not isinstance(raw, dict):
        return None, [Problem(file=shown, message="not a dossier; write a mapping with article: and events:")]
    problems = [
        Problem(file=shown, field=clipped(str(key)), message=f"unknown field; allowed fields are {_fields(Dossier)}")
        for key in raw
        if key not in Dossier.model_fields
    ]
    article, text, article_problems = _checked_article(shown, raw.get("article"), path.parent)
    problems += article_problems
    raw_events = raw.get("events") or []
    if not isinstance(raw_events, list):
        problems.append(Problem(file=shown, field="events", message="must be a list of events"))
        raw_events = []
    if article is None:
        return None, problems
    events = []
    for index, raw_event in enumerate(raw_events):
        event, event_problems = _checked_event(shown, index, raw_event, text)
        problems += event_problems
        if event is not None:
            events.append(event)
    return Dossier(article=article, events=tuple(events)), problems


def _checked_article(shown: str, raw: object, data_dir: Path) -> tuple[Article | None, str, list[Problem]]:
    """The article and its text, or the problems that stop its events from being checked."""
    if raw is None:
        return None, "", [Problem(file=shown, field="article", message="required field is missing")]
    try:
        article = Article.model_validate(raw)
    except ValidationError as error:
        return None, "", [
            Problem(file=shown, field=_field_path(("article", *d["loc"])), message=_message(d, Article))
            for d in _relevant(error)
        ]
    try:
        return article, article_text(article, data_dir), []
    except ArticleTextMissing:
        message = f"{_path_shown(article)} does not exist; {ARTICLE_PATH_HELP}"
    except FileRefused as error:
        message = f"{error.shown} {error.reason}; {ARTICLE_PATH_HELP}"
    except (OSError, UnicodeDecodeError) as error:
        message = f"{_path_shown(article)} cannot be read: {_unreadable(error)}"
    return None, "", [Problem(file=shown, field="article.path", message=message)]


def _unreadable(error: OSError | UnicodeDecodeError) -> str:
    if isinstance(error, UnicodeDecodeError):
        return f"not UTF-8 text (byte {error.start}); save it as UTF-8"
    return error.strerror or str(error)


def _checked_event(shown: str, index: int, raw: object, text: str) -> tuple[Event | None, list[Problem]]:
    raw_id = raw.get("id") if isinstance(raw, dict) else None
    event_id = raw_id if isinstance(raw_id, str) and raw_id else None
    prefix = () if event_id else (f"events[{index}]",)
    try:
        event = Event.model_validate(raw)
    except ValidationError as error:
        return None, [
            Problem(
                file=shown,
                event_id=event_id,
                field=_field_path((*prefix, *d["loc"])),
                message=_message(d, Event),
            )
            for d in _relevant(error)
        ]
    problems = [
        Problem(file=shown, event_id=event.id, field=f"claims[{i}].quote", message=message)
        for i, claim in enumerate(event.claims)
        if (message := _quote_mismatch(claim.quote.text, claim.quote.start, claim.quote.end, text))
    ]
    return (None if problems else event), problems


def quote_starts(text: str, quote: str) -> list[int]:
    """Every offset at which ``quote`` starts in ``text`` (overlapping ones included)."""
    starts, start = [], text.find(quote)
    while quote and start >= 0:
        starts.append(start)
        start = text.find(quote, start + 1)
    return starts


def _quote_mismatch(quote: str, start: int, end: int, text: str) -> str | None:
    """Why a quote's offsets do not point at its words in the text, or None if they do."""
    if text[start:end] == quote:
        return None
    found = next(iter(quote_starts(text, quote)), -1)
    if found >= 0:
        return f"the quote is at {found}-{found + len(quote)}, not {start}-{end}; fix start and end"
    if end > len(text):
        return f"end {end} is past the end of the article ({len(text)} characters) and the quote is not in it"
    differs = next(
        (i for i, (a, b) in enumerate(zip(text[start:end], quote, strict=False)) if a != b),
        min(end - start, len(quote)),
    )
    around = slice(max(differs - 10, 0), differs + 10)
    return (
        f"the quote is not in the article; from character {start + differs} the text at "
        f"{start}-{end} reads {text[start:end][around]!r}, the quote {quote[around]!r}"
    )


def _relevant(error: ValidationError) -> list[ErrorDetails]:
    """Pydantic's errors, without 'too short' where an item itself failed to validate."""
    details = error.errors(include_url=False)
    failed_inside = {d["loc"][:-1] for d in details if len(d["loc"]) > 1}
    nested = {loc[:i] for loc in failed_inside for i in range(1, len(loc) + 1)}
    return [d for d in details if not (d["type"] == "too_short" and d["loc"] in nested)]


def _message(detail: ErrorDetails, root: type[BaseModel]) -> str:
    """A pydantic error in words an editor can act on."""
    kind, value, ctx = detail["type"], detail["input"], detail.get("ctx", {})
    if kind == "enum":
        allowed = ", ".join(re.findall(r"'([^']*)'", str(ctx["expected"])))
        return f"{excerpt(value)} is not one of {allowed}"
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return f"unknown field; allowed fields are {_fields(_model_at(root, detail['loc'][:-1]))}"
    if kind == "value_error":
        return str(ctx["error"])
    if kind == "string_pattern_mismatch" and detail["loc"][-1] == "id":
        return f"{excerpt(value)} is not an id; use lowercase letters, digits and hyphens, e.g. palmyra-withdrawal"
    if kind.startswith("date_"):
        return f"{excerpt(value)} is not a date; write YYYY-MM-DD"
    if kind == "too_short":
        return "must not be empty"
    return f"{detail['msg'][0].lower()}{detail['msg'][1:]} (got {excerpt(value)})"


def _model_at(root: type[BaseModel], loc: Sequence[int | str]) -> type[BaseModel]:
    """The model class that validates the value at ``loc`` under ``root``."""
    model = root
    for key in loc:
        if isinstance(key, str) and key in model.model_fields:
            inner = _models_in(model.model_fields[key].annotation)
            model = next(inner, model)
    return model


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for argument in typing.get_args(annotation):
        yield from _models_in(argument)


def _fields(model: type[BaseModel]) -> str:
    return ", ".join(model.model_fields)


def _field_path(loc: Sequence[int | str]) -> str:
    """``('claims', 0, 'evidence')`` -> ``claims[0].evidence``."""
    path = ""
    for key in loc:
        path += f"[{key}]" if isinstance(key, int) else (f".{key}" if path else str(key))
    return path


def _yaml_problem(shown: str, error: yaml.YAMLError) -> Problem:
    mark = getattr(error, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    reason = getattr(error, "problem", None) or str(error)
    return Problem(file=shown, line=line, message=f"not valid YAML: {clipped(reason, 200)}")


class _DossierLoader(yaml.SafeLoader):
    """A safe loader that keeps dates as text, refuses duplicate keys, and bounds the data.

    Dates stay text so the model, not the YAML parser, says what is wrong with
    ``2016-02-30``; a duplicate key would otherwise silently drop a value. Nesting
    deeper than :data:`YAML_MAX_DEPTH`, aliases that expand past :data:`YAML_MAX_NODES`
    values ("billion laughs") or that hold themselves, and keys that are not plain
    values are refused before anything is built from them.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        self._depth += 1
        try:
            if self._depth > YAML_MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise _refused(f"nested deeper than {YAML_MAX_DEPTH} levels", mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def get_single_node(self) -> yaml.Node | None:
        node = super().get_single_node()
        if node is not None:
            _check_expansion(node)
        return node


def _refused(problem: str, mark: yaml.Mark | None) -> yaml.composer.ComposerError:
    return yaml.composer.ComposerError(None, None, problem, mark)


def _check_expansion(root: yaml.Node) -> None:
    """Refuse a node graph that, its aliases expanded, is too large or too deep, or holds itself.

    Iterative, each node counted once: the graph is measured without expanding it.
    """
    size: dict[int, int] = {}
    depth: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        children = _children(node)
        if finished:
            on_path.discard(id(node))
            size[id(node)] = 1 + sum(size[id(child)] for child in children)
            depth[id(node)] = 1 + max((depth[id(child)] for child in children), default=0)
            if size[id(node)] > YAML_MAX_NODES:
                raise _refused(f"its aliases expand to more than {YAML_MAX_NODES:,} values", node.start_mark)
            if depth[id(node)] > YAML_MAX_DEPTH:
                raise _refused(f"its aliases nest deeper than {YAML_MAX_DEPTH} levels", node.start_mark)
        elif id(node) in on_path:
            raise _refused("an alias refers to a value that holds it", node.start_mark)
        elif id(node) not in size:
            on_path.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in children)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


_DossierLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _mapping_without_duplicates(loader: _DossierLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain value, not a list or a mapping", key_node.start_mark
            )
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {excerpt(key)}; keep one", key_node.start_mark
            )
        seen.add(key)
    return loader.construct_mapping(node)


_DossierLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_duplicates)


def _yaml_from_file(path: Path) -> object:
    """The YAML of a dossier file: a regular file inside its directory, of a bounded size."""
    inside = contained_path(path.parent, path.name, _shown(path))
    text = bytes_of_file(inside, DOSSIER_MAX_BYTES, _shown(path)).decode("utf-8")
    return yaml.load(text, Loader=_DossierLoader)  # noqa: S506 - a SafeLoader subclass


def _path_shown(article: Article) -> str:
    """The article's path as written, quoted; cut if it is longer than any real path."""
    return excerpt(article.path, 250)


def _shown(path: Path) -> str:
    """The path as the caller gave it, or relative to the working directory if under it."""
    if path.is_absolute() and path.is_relative_to(Path.cwd()):
        return str(path.relative_to(Path.cwd()))
    return str(path)
