"""Finding place names in text: real sentences, with what looks like a place and is not."""

import pytest

from geo.gazetteer import Gazetteer
from geo.parsing import Span, toponym_spans


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Vladimir Putin met officials in Moscow.", ["Moscow"]),
        ("The Liberal government in Ottawa said no.", ["Ottawa"]),
        ("Environment Canada warns of snow.", ["Canada"]),
        ("U.S. officials and UK ministers met.", ["U.S.", "UK"]),
        ("He was born in Paris, Tex., near Metcalfe County.", ["Paris", "Tex.", "Metcalfe County"]),
        ("I've never been to Aleppo.", ["Aleppo"]),
        ("Overall Edmonton received a B ranking.", ["Edmonton"]),
        ("Syrian forces entered Raqqa, Syria, and Ottawa said nothing.", ["Syrian", "Raqqa", "Syria", "Ottawa"]),
        ("Since March, BA flights avoided St. Louis.", ["St. Louis"]),
        ("A mobile clinic in Mobile, Alabama.", ["Mobile", "Alabama"]),
        ("Marco Rubio met Michael Jordan, then Michael flew to Jordan.", ["Jordan"]),
        # A person's name after the words of a quotation, or after a given name a hamlet bears.
        ("\"I skate every day,\" said Georgia. Georgia trains in Red Deer, Alberta.", ["Red Deer", "Alberta"]),
        ("Moscow told Washington, in a note, that Washington must wait.", ["Moscow", "Washington", "Washington"]),
        ("Police are looking for Justine Margaret Murphy. Murphy was last seen in Edmonton.", ["Edmonton"]),
        # A longer name around a city is no person of that name: the city stays a place.
        ("Prices rose in the Greater Toronto Area; in Toronto they doubled.", ["Toronto"]),
        ("He was held in the Laurel County Detention Center.", ["Laurel County"]),
        # Title-case words are no abbreviations; "St." alone ends an address.
        ("Rebels cut the Aleppo road near Idlib.", ["Aleppo", "Idlib"]),
        ("Under the Mental Health Act, he was held at 69 Wooster St. until Monday.", []),
        ("The ACT and NSW closed their border.", ["ACT", "NSW"]),
        # A demonym in the plural names people; as an adjective it says where.
        ("Americans flocked to Cuba, and Cubans welcomed American tourists.", ["Cuba", "American"]),
        # Before "said" or "told", a town's name is a person's, a capital's or a city of a
        # million's its government: Brent and Preston are London's and Lancashire's towns.
        ("\"It is a miracle,\" Brent told CTV. Preston said so too in Leeds.", ["Leeds"]),
        ("Austin said no; Beijing said nothing.", ["Beijing"]),
        # The tail of an Arab name the gazetteer lacks is no place of its own (Numan, Nigeria).
        ("Troops massed near Saraqeb and Maarat al-Numan.", ["Saraqeb"]),
        ("Ras al-Khaimah and Abu Dhabi.", ["Ras al-Khaimah", "Abu Dhabi"]),
        # After "in", "at" or "near" the name is where the speakers are.
        ("Police in Waukegan said the man fled; officials at Preston told reporters.", ["Waukegan", "Preston"]),
        # An acronym after a place is an organisation of that place.
        ("Brant OPP officers responded near Paris, Ontario.", ["Brant", "Paris", "Ontario"]),
        # A direction that shares the next name's noun is a place of its own.
        ("Exports to Eastern and Southern Europe rose.", ["Eastern", "Southern Europe"]),
        ("North and Jonathan Smith met in Leeds.", ["Leeds"]),
        # People as news names them: relatives, a couple sharing a surname, a titled person;
        # a town of the same name is still one when its region follows it.
        ("Officers found his wife, Dora, 62, at home in Dora, Alabama.", ["Dora", "Alabama"]),
        ("He is the son of Riley and Eva Mae Smith of Paris, Texas.", ["Paris", "Texas"]),
        ("In 1999, Lynn and Bob Fodge moved to Paris, Missouri.", ["Paris", "Missouri"]),
        ("He flew from Dallas and Bob Smith met him.", ["Dallas"]),
        ("Rome Mayor Virginia Raggi said Virginia was far.", ["Rome", "Virginia"]),
        # A title, written out or short with its stop, names a person whatever town bears the name.
        ("Gov. Jackson toured Memphis; Sen. Clinton and President Lincoln went to Iowa.", ["Memphis", "Iowa"]),
        # A stop after a full word ends a sentence: the town after it is a town.
        ("The council named a new mayor. Jackson residents were pleased.", ["Jackson"]),
        # A word for a sea or a landform is no place alone, nor is the name after its "of",
        # when the whole is no feature the gazetteer holds.
        ("Tankers crossed the Strait of Hormuz and the Gulf of Mexico.", []),
        ("Iran patrols the Gulf; floods hit Gulf province in Papua New Guinea.", ["Iran", "Gulf", "Papua New Guinea"]),
        ("Ferries sail to the Isle of Man and the Gulf of Aden.", ["Isle of Man", "Gulf of Aden"]),
        # A name that begins a sentence after "The" is the longer name it starts, not a place
        # called "The Fort"; names that begin with "The" keep it.
        ("The Fort Worth company moved to Plano.", ["Fort Worth", "Plano"]),
        ("The Woodlands flooded, and The Hague voted.", ["The Woodlands", "The Hague"]),
        # A town's name glued by a space to the place before it is part of a longer name;
        # after a hyphen, or a country, it is a place of its own.
        ("Migrants crossed the Darien Gap into Panama.", ["Darien", "Panama"]),
        ("Middlesex-London EMS and police in Nairobi Kenya responded.", ["Middlesex", "London", "Nairobi", "Kenya"]),
        # A name with an age after it is a person's, there and wherever it comes again.
        ("Austin Williams, 23, of Tyler, was charged. Williams was held in Smith County.", ["Tyler", "Smith County"]),
        # A name introduced as a person's ("..., a spokeswoman", "..., who") is a person's,
        # at a sentence's start too; a town introduced so stands alone.
        ("Crews worked all night. Gloria Tyler, a spokeswoman for the county, said so.", []),
        ("Flooding hit Texas. Tyler, a city of 100,000, was spared.", ["Texas", "Tyler"]),
        # A name after a middle initial is a person's surname; a country after one stays.
        ("President Franklin D. Roosevelt and Harry S. Truman met in Dallas.", ["Dallas"]),
        # A small town with a comma after it is announced only by a region or a state's code
        # after the comma; a saint's possessive names a church, a school or a hospital.
        ("He was taken to St. Michael's Hospital, and later to Hays, KS.", ["Hays"]),
        ("Hays, KS, voted.", ["Hays"]),
        ("The winners were Ray Elkton, Dale Olney and the Cortland, a motel, she said.", []),
        # A country or region as a first name: an age or "who" after the name says a person;
        # an organisation named after its country stays its country's.
        ("Chad Johnson, 34, and Victoria Beckham, who flew to Miami, met.", ["Miami"]),
        ("Canada Post, a crown corporation, and Kenya Airways, which flies to Nairobi, said so.",
         ["Canada", "Kenya", "Nairobi"]),
        # AP's abbreviation of West Virginia is one name, with its space or without.
        ("The Charleston, W.Va., mayor and Huntington, W. Va., police met.",
         ["Charleston", "W.Va.", "Huntington", "W. Va."]),
        ("Farmers in Minot, N.Dak., and Pierre, S. Dak., waited.", ["Minot", "N.Dak.", "Pierre", "S. Dak."]),
        # So are the short forms of countries with an initial, and abbreviations written in mixed case.
        ("He flew from S. Korea to N. Korea; aid went to BiH, NZ and PNG.",
         ["S. Korea", "N. Korea", "BiH", "NZ", "PNG"]),
        # Louisiana's parishes and Alaska's boroughs are its counties, found by their full names.
        ("Deputies in Jefferson Parish and St. Tammany Parish searched Metairie.",
         ["Jefferson Parish", "St. Tammany Parish", "Metairie"]),
        # "A Byron man": local news names people by their town, which that announces.
        ("A Byron man and an Elgin teen were hurt near Rochester.", ["Byron", "Elgin", "Rochester"]),
        # Arabic names as English news romanises them are found under GeoNames' romanisation.
        ("Strikes on Deir al-Balah and Beit Lahia killed 20.", ["Deir al-Balah", "Beit Lahia"]),
        # A small town listed right after a place shares its announcement; one after a word that is
        # no place does not ("Labour and Liberal" are parties).
        ("Hezbollah fired rockets at Kiryat Shmona and Metula.", ["Kiryat Shmona", "Metula"]),
        ("Voters backed the Labour and Liberal candidates in Ottawa.", ["Ottawa"]),
        # A possessive may stand inside a name, looked up whole; a small place's possessive
        # before another name is a person's or a firm's; a city's stays the city.
        ("Refugees in Cox's Bazar and Cox’s Bazar fled the rain.", ["Cox's Bazar", "Cox’s Bazar"]),
        ("He ate at Denny's Grand Slam counter and shopped at Macy's Herald Square store.", []),
        ("San Francisco's Mission District and St. Louis's Forest Park reopened; St. Mary's Hospital too.",
         ["San Francisco", "Mission District", "St. Louis", "Forest Park"]),
        ("Chicago's Mayor spoke as Paris's Louvre reopened.", ["Chicago", "Paris"]),
        # Nor is a place's name glued to a word for a river, a lake or a mountain: the feature
        # is named after the place, and is not it. Towns named so are matched whole.
        ("Barges on the Missouri River and the Ohio River reached Cincinnati.", ["Cincinnati"]),
        ("Fishermen on Lake Victoria, climbers on Mount Kenya and pilgrims at the River Jordan.", []),
        ("The Qandil Mountains of Iraq and the Syrian Desert.", ["Iraq"]),
        ("Lake Charles, Mount Vernon and Salt Lake City reported damage.", ["Lake Charles", "Mount Vernon", "Salt Lake City"]),
        # A name in a web or e-mail address is in lower case there, not an ordinary word.
        ("Brant OPP closed the road near Paris. Tips: visit crimestoppers-brant.ca or email tips@paris.ca.",
         ["Brant", "Paris"]),
    ],
)
def test_toponym_spans_find_places_and_skip_lookalikes(index: Gazetteer, text: str, names: list[str]) -> None:
    spans = toponym_spans(text, index)
    assert [s.name for s in spans] == names
    assert all(text[s.start : s.end] == s.name for s in spans)


def test_lower_case_feature_word_stays_out_of_the_span_but_guides_the_lookup(index: Gazetteer) -> None:
    text = "Shelling hit Idlib province again."
    assert toponym_spans(text, index) == [Span(13, 18, "Idlib", lookup="Idlib province")]


def test_the_same_text_read_twice_gives_the_same_names_each_in_a_list_of_its_own(index: Gazetteer) -> None:
    text = "Fighting spread from Aleppo to Idlib, and Ankara closed the border."
    first = toponym_spans(text, index)
    first.clear()  # a caller's list is its own: the next reading is whole
    assert [s.name for s in toponym_spans(text, index)] == ["Aleppo", "Idlib", "Ankara"]


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("Talks between North and South Korea stalled.",
         [Span(14, 19, "North", lookup="North Korea"), Span(24, 35, "South Korea")]),
        # The town of a city-state's own name, then the area: the qualifier is looked up alone.
        ("Tagged Singapore, Singapore.",
         [Span(7, 16, "Singapore", lookup="Singapore, Singapore"), Span(18, 27, "Singapore")]),
    ],
)
def test_the_words_beside_a_name_can_complete_its_lookup(index: Gazetteer, text: str, spans: list[Span]) -> None:
    assert toponym_spans(text, index) == spans
