"""Who a sentence's claim comes from, what it rests on, and how far it is verified.

The rules are the conventions of English news writing, not facts about any article:

- attribution: "X said", "X told ...", "according to X", "said X" after a quotation,
  "a statement by X", "X wrote"; a pronoun or a bare "the report" / "the spokesman"
  carries the latest named source over; a sentence wholly in quotation marks keeps the
  speaker of the sentence before it;
- "was accused of" or "an allegation" with no accuser named is a claim of unnamed
  accusers; "reportedly" of unnamed reports; a sentence with no attribution at all is
  the outlet's own voice, a news report of the publisher;
- evidence from what the source is (a ministry, an army, a spokesman, state media; a
  monitor, a UN agency or an NGO; an analyst or a university) and from what the text
  says the claim rests on (leaked or obtained documents, photos and videos, what a
  correspondent saw);
- verification from the hedges around it ("could not be independently verified",
  "denied", "allegedly", "was accused of", "confirmed").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from events.intake.sentences import Sentence
from events.sourcing import Evidence, Verification

UNNAMED_ACCUSERS = "unnamed accusers"
UNNAMED_REPORTS = "unnamed reports"

_VERBS = (
    "said|says|say|told|tells|tell|reported|reports|claimed|claims|claim|stated|states|announced|announces|"
    "added|adds|wrote|writes|tweeted|posted|confirmed|confirms|denied|denies|alleged|alleges|"
    "warned|warns|noted|notes|insisted|insists|estimated|estimates|found|finds|assessed|"
    "acknowledged|acknowledges|admitted|admits|saw|believes|believe|described|accused|accuses|explained|"
    "condemned|condemns|criticised|criticized|criticises|criticizes|blamed|blames|urged|demanded|witnessed"
)
# Inside one sentence, a full stop that does not end it belongs to an abbreviation ("U.N.", "Const.").
_NP = r"(?:[^,.;:“”\"«»—]|\.(?!\s*$))"
_PASSIVE_OR_NOUN = re.compile(
    r"\b(?:was|were|been|being|is|are|be|the|a|an|to|its|their|his|her|these|those|such|of|in|with|our|your)\s+$",
    re.IGNORECASE,
)
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
# "..., says the statement." / "...,” said Gen. Ali." / "... reads the statement by the alliance."
_INVERTED = re.compile(rf"(?:[,”\"’»]\s*|^)(?:{_VERBS}|reads|read)\s+(?P<np>{_NP}+?)\s*(?:[.,;:]|$)")
_ACCORDING = re.compile(rf"\baccording to\s+(?P<np>{_NP}+)", re.IGNORECASE)
_STATEMENT_FROM = re.compile(rf"\b(?:a|the|in a)\s+statement\s+(?:from|by|issued by)\s+(?P<np>{_NP}+)")
_PASSIVE_ACCUSED = re.compile(
    r"\b(?:was|were|is|are|has been|have been|had been|being|been)\s+(?:also\s+)?accused\s+of\b(?!.*\bby\b)"
)
_ALLEGATION = re.compile(r"\b(?:allegations?|accusations?|allegedly|alleged)\b", re.IGNORECASE)
_REPORTEDLY = re.compile(r"\breportedly\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:(“”\"«»—–]|\s-\s|\b(?:that|which|who|while|as|but|because|after|when|where|if|though|although)\b")
_DETERMINERS = re.compile(
    r"^(?:(?:the|a|an|also|however|and|but|then|later|earlier|now|both|by|from|of|to|in|for|with)\s+)+", re.IGNORECASE
)
# Words that open no name of a source: a time ("Last Thursday"), an existential "There was".
_NOT_A_SOURCE_START = re.compile(
    r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|last|next|this|that|these|those|yesterday|today|there|here|"
    r"what|which|who|when|where|while|if|no|nobody|none|nothing)\b",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"\s+(?:(?:on|in|at|late|early|last|this)\s+.*|(?:also|earlier|later|previously|again|separately|then|has|have|had|were|was|is|are))$"
)
# A verb in an opening phrase makes it a clause, not a subject: "The army has been shelling X, ...".
_CLAUSE_VERB = re.compile(
    rf"\b(?:has|have|had|is|are|was|were|been|will|would|did|does|do|can|could|{_VERBS})\b", re.IGNORECASE
)
_POSSESSIVE_PLACE = re.compile(r"^[A-Z][\w.]*(?:\s[A-Z][\w.]*)?[’']s\s+(?=[A-Z])")
_PRONOUNS = frozenset("he she it they we i his her its their".split())
# Words that refer back to a source already named ("the report", "the spokesman", "it").
_BACK_REFERENCES = re.compile(
    r"^(?:the|this|that)\s+(?:report|statement|study|investigation|spokes(?:man|woman|person)|agency|news agency|"
    r"outlet|news outlet|documents?|organi[sz]ation|group|alliance|movement|rights group|charity|panel)$",
    re.IGNORECASE,
)
_DOCUMENT_BY = re.compile(
    r"^(?:the\s+|a\s+|an\s+)?(?:[\w.-]+\s+){0,3}?(?:report|statement|study|investigation|analysis|assessment|letter|document|post)s?\s+"
    r"(?:by|from|of)\s+(?P<author>.+)$",
    re.IGNORECASE,
)
_RELAY = re.compile(r"\b(?:seen|obtained|reviewed|viewed)\s+by\s+(?P<outlet>(?:[A-Z][\w.&’'-]*\s?){1,4})")
_MAX_CLAIMANT_WORDS = 9

_UNVERIFIED = re.compile(
    r"\b(?:(?:could|can|cannot|can[’']t|couldn[’']t)\s*(?:not\s+)?(?:be\s+)?(?:independently\s+)?(?:verif|confirm)"
    r"|impossible\s+to\s+(?:independently\s+)?verify|unverified|not\s+(?:been\s+)?(?:independently\s+)?(?:verified|confirmed)"
    r"|unable\s+to\s+(?:independently\s+)?(?:verify|confirm)|no\s+way\s+(?:of|to)\s+verify)",
    re.IGNORECASE,
)
_DISPUTED = re.compile(r"\b(?:denied|denies|deny|rejected|rejects|disputed|disputes|contested|refuted|dismissed)\b", re.IGNORECASE)
_COUNTER_CLAIM = re.compile(r",?\s+but\s+(?:[\w’'-]+\s+){1,8}?(?:said|says|insisted|insists|maintained|argued|countered)\b")
_ALLEGED = re.compile(r"\b(?:allegedly|alleged|accused|accuses|accusing|accusations?|allegations?)\b", re.IGNORECASE)
_CONFIRMED = re.compile(r"\b(?:confirmed|confirms)\b", re.IGNORECASE)

_LEAKED = re.compile(
    r"\b(?:leak(?:ed|s)?|confidential|classified|internal\s+(?:documents?|memo|report)"
    r"|not\s+(?:yet\s+)?(?:been\s+)?(?:made\s+)?public)\b",
    re.IGNORECASE,
)
# "A report seen by Reuters" is a document; "reports obtained by" a newsroom are news.
_OBTAINED_DOCUMENT = re.compile(
    r"\b(?:documents?|files|memos?|papers|report|letter|records)\s+(?:\w+\s+){0,2}?(?:seen|obtained|uncovered|viewed|reviewed)\b"
    r"|\b(?:obtained|uncovered|seen|viewed)\s+(?:\w+\s+){0,3}?(?:documents?|files|memos?|papers|records)\b",
    re.IGNORECASE,
)
_DOCUMENTS = re.compile(r"\b(?:documents?|files|memos?|papers)\b", re.IGNORECASE)
_GENERIC_SOURCES = re.compile(r"^(?:reports|sources|documents|media reports|local reports)$", re.IGNORECASE)
_VISUAL = re.compile(
    r"^(?:in\s+this\s+(?:photo|image|picture)|(?:a\s+)?(?:video|footage|photos?|images?|pictures?)\s+(?:shows?|showed))"
    r"|\b(?:satellite\s+(?:images?|imagery|photos?)|footage|video\s+(?:shows?|showed|posted|shared))\b",
    re.IGNORECASE,
)
_EYEWITNESS_CLAIMANT = re.compile(r"\b(?:photographer|correspondent|reporter|journalist|camera\s*man)\b", re.IGNORECASE)
_NGO = re.compile(
    r"\b(?:amnesty|human rights watch|hrw|doctors without borders|médecins|medecins|msf|red cross|red crescent|icrc|"
    r"u\.?n\.?|united nations|unicef|unhcr|ocha|who|observatory|monitors?|monitoring|ngos?|watchdog|charity|"
    r"humanitarian|rights group|aid group|relief)\b",
    re.IGNORECASE,
)
_EXPERT = re.compile(
    r"\b(?:analysts?|experts?|professor|prof\.|researchers?|scholar|academic|university|institute|think[- ]tank|"
    r"fellow|lecturer|specialist|panel)\b",
    re.IGNORECASE,
)
_OFFICIAL = re.compile(
    r"\b(?:ministry|minister|government|army|military|police|forces|spokes(?:man|woman|person)|president|premier|"
    r"officials?|authorities|governor|mayor|commander|general|gen\.|col\.|maj\.|state[- ]run|state media|"
    r"news agency|embassy|department|command|defen[cs]e|junta|regime|council|parliament|administration|"
    r"militia|alliance|movement|front|brigades?|rebels?|insurgents?|militants?|group|party|office|prosecutor|"
    r"court|agency)\b",
    re.IGNORECASE,
)
_NEWS = re.compile(
    r"\b(?:witness(?:es)?|residents?|sources?|media|newspaper|outlet|news|reporters?|correspondents?|journalists?|"
    r"locals?|villagers?|activists?|medics?|doctors?|survivors?|online|times|post|tv|television|radio|press|"
    r"journal|herald|gazette|tribune|reuters|afp|associated press|ap|bbc|cnn|al jazeera)\b",
    re.IGNORECASE,
)
_KIND_WORDS = re.compile("|".join(p.pattern for p in (_NGO, _EXPERT, _OFFICIAL, _NEWS)), re.IGNORECASE)
_SPEECH_COLON = re.compile(rf"\b(?:{_VERBS})\b[^:“”\"]{{0,60}}:\s")
_ACCUSING_CLAUSE = re.compile(
    r"(?:,\s*|\s)(?:who|which|that|where|whom)\s+(?:[\w’'-]+\s+){0,4}?"
    r"(?:allegedly|(?:was|were|is|are|has been|have been|had been)\s+(?:also\s+)?accused)\b"
)
_STATEMENT_WORDS = re.compile(r"\b(?:in a statement|statement|press conference|communiqué|tweet|posted on)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who a sentence's claim comes from and on what; ``explicit`` when the text names the source."""

    claimant: str
    evidence: Evidence
    verification: Verification
    chain: tuple[str, ...]
    confidence: float
    claimant_span: tuple[int, int] | None = None
    accused: str | None = None
    explicit: bool = False


@dataclass
class _Memory:
    """What earlier sentences established: the latest named source, and what each source rests on."""

    latest: str | None = None
    latest_paragraph: int = -1
    evidence_of: dict[str, Evidence] = field(default_factory=dict)
    leaked_documents: bool = False
    named: list[str] = field(default_factory=list)
    speech_paragraph: int = -1


def attributions_of(sentences: Sequence[Sentence], publisher: str) -> list[Attribution]:
    """One attribution per sentence, in order; the article is read front to back."""
    memory = _Memory()
    found = [_attribution(sentence, publisher, memory) for sentence in sentences]
    return _unverified_throughout(sentences, found)


def _attribution(sentence: Sentence, publisher: str, memory: _Memory) -> Attribution:
    text = sentence.text
    if _is_leak(text):
        memory.leaked_documents = True
    named = _named_source(text, memory)
    if named is not None:
        claimant, span, relays, explicit = named
        evidence = _evidence(text, claimant, memory)
        memory.latest, memory.latest_paragraph = claimant, sentence.paragraph
        # "X said in a statement: ..." - the rest of the paragraph is X's words.
        memory.speech_paragraph = sentence.paragraph if _SPEECH_COLON.search(text) else -1
        memory.named.append(claimant)
        memory.evidence_of.setdefault(_surname(claimant), evidence)
        chain = _chain(claimant, relays, publisher)
        confidence = 0.9 if explicit else 0.7
        return Attribution(claimant, evidence, _verification(text), chain, confidence, span, explicit=explicit)
    speech_goes_on = memory.speech_paragraph == sentence.paragraph
    if memory.latest and (speech_goes_on or (_is_quotation(text) and sentence.paragraph - memory.latest_paragraph <= 1)):
        evidence = memory.evidence_of.get(_surname(memory.latest), Evidence.NEWS_REPORT)
        chain = _chain(memory.latest, (), publisher)
        return Attribution(memory.latest, evidence, _verification(text), chain, 0.6)
    if _PASSIVE_ACCUSED.search(text) or (_ALLEGATION.search(text) and not _REPORTEDLY.search(text)):
        accused = _accused(text)
        chain = (UNNAMED_ACCUSERS, publisher)
        return Attribution(UNNAMED_ACCUSERS, Evidence.ALLEGATION, Verification.ALLEGED, chain, 0.7, accused=accused)
    if _REPORTEDLY.search(text):
        chain = (UNNAMED_REPORTS, publisher)
        return Attribution(UNNAMED_REPORTS, Evidence.NEWS_REPORT, Verification.REPORTED, chain, 0.6)
    evidence = Evidence.VISUAL_EVIDENCE if _VISUAL.search(text) else Evidence.NEWS_REPORT
    return Attribution(publisher, evidence, _verification(text), (publisher,), 0.6)


def outlet_voice(publisher: str) -> Attribution:
    """The same sentence in the outlet's own voice: for the part of it an accusation does not cover."""
    return Attribution(publisher, Evidence.NEWS_REPORT, Verification.REPORTED, (publisher,), 0.5)


def accusation_clause_start(text: str) -> int | None:
    """Where a relative clause that carries an accusation begins, if the sentence has one.

    "U.S. sanctions a middleman who allegedly helped Syria buy oil": the sanctions are
    stated, the help is alleged. "..., where the regime was accused of bombing ...".
    """
    match = _ACCUSING_CLAUSE.search(text)
    return match.start() if match else None


def _is_leak(text: str) -> bool:
    """Documents the text calls leaked, confidential or not public, or that an outlet obtained or saw."""
    documents = _DOCUMENTS.search(text) or re.search(r"\breport\b", text, re.IGNORECASE)
    return bool((_LEAKED.search(text) and documents) or _OBTAINED_DOCUMENT.search(text))


def _named_source(
    text: str, memory: _Memory
) -> tuple[str, tuple[int, int], tuple[str, ...], bool] | None:
    """The source a sentence names, where, the outlets it passed through, and whether it is named there."""
    candidates: list[tuple[int, int, str]] = []
    for pattern in (_ACCORDING, _STATEMENT_FROM):
        for match in pattern.finditer(text):
            candidates.append((match.start(), match.start("np"), match.group("np")))
    for match in _INVERTED.finditer(text):
        # After the subject of the same verb, if it has one: "X, an analyst, said fighters left".
        candidates.append((match.start("np"), match.start("np"), match.group("np")))
    for match in _VERB.finditer(text):
        if _PASSIVE_OR_NOUN.search(text[: match.start()]):
            continue  # "was accused", "the claims": no one speaks here
        np_start, np_text = _subject_before(text, match.start())
        if np_text.strip():
            candidates.append((match.start(), np_start, np_text))
    relays = _relays(text)
    for _, start, raw in sorted(candidates):
        claimant = _cleaned(raw)
        if _GENERIC_SOURCES.match(claimant) and relays:
            claimant = relays[0]  # "according to reports obtained by Hiiraan Online": the outlet's reporting
            relays = relays[1:]
            memory.evidence_of.setdefault(_surname(claimant), Evidence.NEWS_REPORT)
        resolved = _resolved_reference(claimant, memory, text[:start])
        if resolved:
            return resolved, (start, start + len(raw)), relays, resolved == claimant
    return None


def _subject_before(text: str, verb_start: int) -> tuple[int, str]:
    """The noun phrase just before a verb, back to the start of its clause.

    "General X, the spokesman for the army, said" and "The report by monitors - submitted
    to ..., but not yet public - also found": the subject opens the sentence, if the
    opening is a noun phrase and not a clause of its own.
    """
    before = text[:verb_start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    start = breaks[-1].end() if breaks else 0
    phrase = before[start:]
    if breaks and (before.rstrip().endswith((",", "-", "—", "–")) or not _DETERMINERS.sub("", phrase.strip() + " ")):
        opening = _CLAUSE_BREAK.search(text)
        if opening is not None and opening.group() in (",", " - ", "—", "–") and opening.start() > 0:
            chunk = text[: opening.start()]
            # A verb makes the opening a clause; capitals alone, a dateline ("VICTORIA -").
            return (0, chunk) if not (_CLAUSE_VERB.search(chunk) or chunk.isupper()) else (start, "")
    return start, phrase


def _cleaned(raw: str) -> str:
    """A claimant as written, without determiners, adverbs or trailing time words; "" if it is none."""
    phrase = " ".join(raw.split())
    while (shorter := _TRAILING.sub("", phrase)) != phrase:
        phrase = shorter
    phrase = _DETERMINERS.sub("", phrase).strip(" .,")
    author = _DOCUMENT_BY.match(phrase)
    if author:
        phrase = _DETERMINERS.sub("", author.group("author")).strip(" .,")
    phrase = _RELAY_TAIL.sub("", phrase)
    phrase = _POSSESSIVE_PLACE.sub("", phrase)
    words = phrase.split()
    if not words or len(words) > _MAX_CLAIMANT_WORDS:
        return ""
    if phrase.lower() in _PRONOUNS or _BACK_REFERENCES.match(f"the {phrase}") or _GENERIC_SOURCES.match(phrase):
        return phrase
    if _NOT_A_SOURCE_START.match(phrase) or "--" in phrase:
        return ""
    if words[0][0].isupper():
        return phrase
    # "local sources", "government spokesman Patrick Muyaya": a lower-case start needs a word for a source.
    return phrase if any(_KIND_WORDS.fullmatch(w) for w in (*words[:2], words[-1])) else ""


_RELAY_TAIL = re.compile(r"\s+(?:seen|obtained|reviewed|viewed|published|released|issued|sent)\b.*$")


def _resolved_reference(claimant: str, memory: _Memory, before: str) -> str:
    """A pronoun or "the report" means the source named just before; a surname, the full name given before.

    "Just before" is earlier in the same sentence if a known source is named there, else
    the latest source of the article.
    """
    if not claimant:
        return ""
    if claimant.lower() in _PRONOUNS or _BACK_REFERENCES.match(f"the {claimant}"):
        in_sentence = next((n for n in reversed(memory.named) if n in before), None)
        return in_sentence or memory.latest or ("" if claimant.lower() in _PRONOUNS else claimant)
    if len(claimant.split()) == 1 and claimant[0].isupper():
        fuller = next((n for n in reversed(memory.named) if n.split()[-1] == claimant and n != claimant), None)
        return fuller or claimant
    return claimant


def _relays(text: str) -> tuple[str, ...]:
    return tuple(m.group("outlet").strip() for m in _RELAY.finditer(text))


def _chain(claimant: str, relays: tuple[str, ...], publisher: str) -> tuple[str, ...]:
    chain: list[str] = []
    for name in (claimant, *relays, publisher):
        if name and name not in chain:
            chain.append(name)
    return tuple(chain)


def _evidence(text: str, claimant: str, memory: _Memory) -> Evidence:
    if _is_leak(text) or (memory.leaked_documents and _DOCUMENTS.search(text)):
        return Evidence.LEAKED_DOCUMENTS
    if _VISUAL.search(text) or _EYEWITNESS_CLAIMANT.search(claimant):
        return Evidence.VISUAL_EVIDENCE
    known = memory.evidence_of.get(_surname(claimant))
    if known is not None:
        return known
    return _evidence_of_source(claimant, text)


def _evidence_of_source(claimant: str, text: str) -> Evidence:
    """What a source is, from its own words: state media before news, monitors before officials."""
    if re.search(r"\bstate[- ](?:run|owned|media|news|television|tv)\b|\bofficial news agency\b", claimant, re.IGNORECASE):
        return Evidence.OFFICIAL_STATEMENT
    if _EXPERT.search(claimant):
        return Evidence.EXPERT_ANALYSIS
    if _NGO.search(claimant):
        return Evidence.NGO_REPORT
    if _OFFICIAL.search(claimant):
        return Evidence.OFFICIAL_STATEMENT
    if _NEWS.search(claimant):
        return Evidence.NEWS_REPORT
    if _STATEMENT_WORDS.search(text) or claimant[:1].isupper():
        # A named organisation or person speaking for itself: a statement.
        return Evidence.OFFICIAL_STATEMENT
    return Evidence.NEWS_REPORT


def _verification(text: str) -> Verification:
    if _UNVERIFIED.search(text):
        return Verification.UNVERIFIED
    if _DISPUTED.search(text) or _COUNTER_CLAIM.search(text):
        return Verification.DISPUTED
    if _ALLEGED.search(text):
        return Verification.ALLEGED
    if _CONFIRMED.search(text):
        return Verification.CONFIRMED
    return Verification.REPORTED


def _unverified_throughout(sentences: Sequence[Sentence], found: list[Attribution]) -> list[Attribution]:
    """A source whose material the article says cannot be verified is unverified wherever it is cited.

    The doubt belongs to the sentence's own source and to every source it names.
    """
    doubting = [s.text for s in sentences if _UNVERIFIED.search(s.text)]
    claimants = {a.claimant for a in found}
    # "The memo could not be verified": the doubt is about the claim just before.
    previous = {
        found[i - 1].claimant
        for i, s in enumerate(sentences)
        if i and s.text in doubting and not found[i].explicit and found[i - 1].explicit
    }
    doubted = {
        c for c in claimants if any(c in text for text in doubting)
    } | {a.claimant for s, a in zip(sentences, found, strict=True) if s.text in doubting and a.explicit} | previous
    return [
        replace(a, verification=Verification.UNVERIFIED)
        if a.claimant in doubted and a.verification is Verification.REPORTED
        else a
        for a in found
    ]


def _accused(text: str) -> str | None:
    match = re.search(r"(?:^|,\s*|\bwhere\s+)(?P<who>(?:the\s+)?[\w’' -]{2,40}?)\s+(?:was|were|is|are|has been|have been|had been)\s+(?:also\s+)?accused", text)
    if match is None:
        return None
    who = re.sub(r"^where\s+", "", match.group("who").strip())
    return _DETERMINERS.sub("", who).strip() or None


def _is_quotation(text: str) -> bool:
    return text[:1] in "“\"" and text.rstrip()[-1:] in "”\"" or (text[:1] in "“\"" and "”" not in text[1:-1])


def _surname(claimant: str) -> str:
    return claimant.split()[-1].lower() if claimant.split() else ""
