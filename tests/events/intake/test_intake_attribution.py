"""Who claims what, on what evidence: the attribution forms of news writing, one case per row."""

from __future__ import annotations

from datetime import date

import pytest

from events.intake import draft_article
from events.model import Claim
from events.sourcing import Evidence, Verification

PUBLISHER = "Example News"


def _claim_on(text: str, sentence_start: str) -> Claim:
    draft = draft_article(text, publisher=PUBLISHER, published=date(2024, 2, 15))
    claims = [c for d in draft.events for c in d.event.claims if c.quote.text.startswith(sentence_start)]
    assert claims, f"no event drafted from {sentence_start!r}: {[d.event.claims for d in draft.events]}"
    return claims[0]


@pytest.mark.parametrize(
    ("text", "sentence", "claimant", "evidence", "verification"),
    [
        pytest.param(
            "Headline\n\nThe Israeli army said it carried out strikes on Beirut on Wednesday.\n",
            "The Israeli army", "Israeli army", Evidence.OFFICIAL_STATEMENT, Verification.REPORTED, id="said",
        ),
        pytest.param(
            "Headline\n\nSix fighters were killed in Mogadishu, according to the Somali army.\n",
            "Six fighters", "Somali army", Evidence.OFFICIAL_STATEMENT, Verification.REPORTED, id="according-to",
        ),
        pytest.param(
            "Headline\n\nThe Syrian Observatory for Human Rights reported airstrikes on Idlib on Monday.\n",
            "The Syrian Observatory", "Syrian Observatory for Human Rights", Evidence.NGO_REPORT,
            Verification.REPORTED, id="reported-by-a-monitor",
        ),
        pytest.param(
            "Headline\n\nThe rebels claim they captured Kherson overnight.\n",
            "The rebels", "rebels", Evidence.OFFICIAL_STATEMENT, Verification.REPORTED, id="claims",
        ),
        pytest.param(
            "Headline\n\n“We shelled Donetsk all night,” said Colonel Ivan Petrov.\n",
            "“We shelled", "Colonel Ivan Petrov", Evidence.OFFICIAL_STATEMENT, Verification.REPORTED,
            id="quoted-speech-said-x",
        ),
        pytest.param(
            "Headline\n\nMSF said its hospital in Aleppo was bombed.\n\n"
            "“The hospital in Aleppo was hit twice,” it said.\n",
            "“The hospital", "MSF", Evidence.NGO_REPORT, Verification.REPORTED, id="pronoun-carries-over",
        ),
        pytest.param(
            "Headline\n\nThe Defence Ministry said troops withdrew from Bakhmut.\n\n"
            "“Our forces withdrew from Bakhmut in good order.”\n",
            "“Our forces", "Defence Ministry", Evidence.OFFICIAL_STATEMENT, Verification.REPORTED,
            id="quotation-keeps-the-speaker-before",
        ),
        pytest.param(
            "Headline\n\nGovernment forces recaptured Palmyra on Sunday.\n",
            "Government forces", PUBLISHER, Evidence.NEWS_REPORT, Verification.REPORTED, id="outlet-voice",
        ),
        pytest.param(
            "Headline\n\nThe army was accused of bombing a school in Kaduna.\n",
            "The army was accused", "unnamed accusers", Evidence.ALLEGATION, Verification.ALLEGED,
            id="passive-accusation",
        ),
        pytest.param(
            "Headline\n\nA leaked memo shows troops moved to Kharkiv, Reuters reported. "
            "The memo could not be independently verified.\n",
            "A leaked memo", "Reuters", Evidence.LEAKED_DOCUMENTS, Verification.UNVERIFIED, id="leak-unverifiable",
        ),
        pytest.param(
            "Headline\n\nRussia denied that its jets struck a market in Idlib.\n",
            "Russia denied", "Russia", Evidence.OFFICIAL_STATEMENT, Verification.DISPUTED, id="denied",
        ),
        pytest.param(
            "Headline\n\nThe report by independent monitors - submitted to the council, but not yet public - "
            "also found that Turkey breached an arms embargo on Libya.\n",
            "The report by", "independent monitors", Evidence.LEAKED_DOCUMENTS, Verification.REPORTED,
            id="report-by-with-an-aside",
        ),
        pytest.param(
            "Headline\n\nVideo shows a drone strike on a convoy near Kherson.\n",
            "Video shows", PUBLISHER, Evidence.VISUAL_EVIDENCE, Verification.REPORTED, id="video",
        ),
        pytest.param(
            "Headline\n\nProfessor Jane Smith, an analyst at the University of Calgary, said "
            "fighters withdrew from Raqqa.\n",
            "Professor Jane Smith", "Professor Jane Smith", Evidence.EXPERT_ANALYSIS, Verification.REPORTED,
            id="expert",
        ),
    ],
)
def test_attribution(
    text: str, sentence: str, claimant: str, evidence: Evidence, verification: Verification
) -> None:
    claim = _claim_on(text, sentence)
    assert (claim.claimant, claim.evidence, claim.verification) == (claimant, evidence, verification)
    assert claim.chain[-1] == PUBLISHER


def test_chain_runs_from_the_source_through_the_outlet_that_saw_it() -> None:
    claim = _claim_on(
        "Headline\n\nRussia flew weapons to Libya, according to a U.N. report seen by Reuters on Wednesday.\n",
        "Russia flew",
    )
    assert claim.claimant == "U.N. report"
    assert claim.chain == ("U.N. report", "Reuters", PUBLISHER)
    assert claim.evidence is Evidence.LEAKED_DOCUMENTS


def test_an_accusation_in_a_relative_clause_covers_that_clause_only() -> None:
    text = "Headline\n\nThe U.S. put sanctions on a middleman who allegedly helped Syria buy oil from ISIS.\n"
    draft = draft_article(text, publisher=PUBLISHER, published=date(2016, 5, 2))
    claims = {d.event.event_type.value: d.event.claims[0] for d in draft.events}
    sanctions, trade = claims["sanctions"], claims["trade-or-deal"]
    assert (sanctions.claimant, sanctions.evidence, sanctions.verification) == (
        PUBLISHER, Evidence.NEWS_REPORT, Verification.REPORTED
    )
    assert (trade.claimant, trade.evidence, trade.verification) == (
        "unnamed accusers", Evidence.ALLEGATION, Verification.ALLEGED
    )
