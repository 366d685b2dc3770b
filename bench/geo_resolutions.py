"""Every resolution in full, to check that a change meant only for speed changes nothing.

    python bench/geo_resolutions.py [CORPUS.jsonl] > before.jsonl
    ... the change ...
    python bench/geo_resolutions.py [CORPUS.jsonl] > after.jsonl && cmp before.jsonl after.jsonl

Writes one JSON line per resolution: each article's context (its names, the qualifiers
and senses it states, the place each name is taken to mean), its gold names resolved in
that context and alone, the names ``parse`` finds and their places, every candidate with
its score; then the names and short articles below, which exercise the rules the corpus
may not (qualifiers, feature words, counties, abbreviations, areas, names not found).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from geo.gazetteer import gazetteer  # noqa: E402
from geo.parsing import toponym_spans  # noqa: E402
from geo.place import Place  # noqa: E402
from geo.resolution import ArticleContext, place_from_name  # noqa: E402

DEFAULT_CORPUS = REPO_ROOT / ".." / "shared" / "geo-eval" / "trnews.jsonl"

# (name, article text): written for this check, not taken from any corpus.
CASES = [
    ("Springfield", "Springfield police said the fire in Sangamon County spread. Chicago sent help."),
    ("Paris", "Paris, Texas, held a rodeo near Dallas."),
    ("London", "London, Ontario is near Toronto."),
    ("Washington County", "Washington County deputies arrested a man in Fayetteville, Ark."),
    ("Georgia", "Tbilisi said Georgia would not join. Russia disagreed."),
    ("Georgia", "Atlanta, Ga. voters in Georgia went to the polls."),
    ("Raqqa province", "Fighting in Raqqa province, Syria, near Tabqa."),
    ("Idlib", "Shelling hit Idlib province on Monday; villages in Idlib were emptied."),
    ("the city of Aleppo", "Aleppo and Idlib were shelled."),
    ("Plymouth Co.", "Brockton and Plymouth Co. officials met."),
    ("St. Louis", "St. Louis, Missouri"),
    ("Sahel", "Mali and Niger in the Sahel."),
    *((name, "") for name in (
        "Mexico City", "Red Sea", "Middle East", "Korean", "W. Va.", "Zurich", "Quebec", "Oklahoma",
        "Newcastle", "Nowhere Land", "Raqqa, Syria", "Springfield, IL", "Birmingham, UK", "U.S.",
    )),
]


def place_record(place: Place) -> dict[str, Any]:
    return place.model_dump(mode="json")


def context_record(context: ArticleContext) -> dict[str, Any]:
    return {
        "counts": context.counts, "stated": context.stated, "senses": context.senses,
        "mentions": {key: [m.country_code, m.admin1_code, m.lat, m.lon, m.weight, m.is_point]
                     for key, m in context.mentions.items()},
    }


def article_records(text: str, names: list[str]) -> Iterator[dict[str, Any]]:
    context = ArticleContext.from_text(text)
    yield {"context": context_record(context)}
    for name in names:
        yield {"name": name, "in context": place_record(place_from_name(name, context)),
               "alone": place_record(place_from_name(name))}
    for span in toponym_spans(text, gazetteer()):
        yield {"found": [span.start, span.end, span.name, span.lookup],
               "place": place_record(place_from_name(span.query, context))}


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_CORPUS
    records: list[dict[str, Any]] = []
    if corpus.exists():
        with corpus.open(encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    document = json.loads(line)
                    records.append({"article": document.get("doc_id")})
                    records += article_records(document["text"], [t["name"] for t in document["toponyms"]])
    for name, text in CASES:
        records.append({"case": [name, text]})
        records += article_records(text, [name])
    for record in records:
        print(json.dumps(record, ensure_ascii=False, sort_keys=True))


if __name__ == "__main__":
    main()
