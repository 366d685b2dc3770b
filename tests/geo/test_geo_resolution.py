"""place_from_name on real, ambiguous names, compared with GeoNames coordinates."""

import functools
import math

import pytest

from geo.gazetteer import Gazetteer
from geo.parsing import toponym_spans
from geo.place import Precision
from geo.ranking import FEATURES, WEIGHTS
from geo.resolution import ArticleContext, candidate_features, lookup_in_text, place_from_name
from geo.resolution import _nearness, _point, _ranked


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


# name, context, expected (lat, lon), country, precision, tolerance km
CASES = [
    ("Palmyra, New York", None, (43.064, -77.233), "US", Precision.CITY, 25),
    ("Paris", None, (48.853, 2.349), "FR", Precision.CITY, 25),
    ("Paris, Texas", None, (33.661, -95.556), "US", Precision.CITY, 25),
    ("Paris, Tex.", None, (33.661, -95.556), "US", Precision.CITY, 25),
    ("London", None, (51.509, -0.126), "GB", Precision.CITY, 25),
    ("London, Ontario", None, (42.983, -81.233), "CA", Precision.CITY, 25),
    ("Georgia", None, (42.0, 43.5), "GE", Precision.COUNTRY, 200),
    ("Georgia", "Protests spread from Atlanta to Savannah, and lawmakers in Alabama and "
     "Florida watched the U.S. state closely.", (32.9, -83.4), "US", Precision.REGION, 200),
    ("Georgia", "Russian troops stayed near Tbilisi, the Georgian capital, after the war with Russia.",
     (42.0, 43.5), "GE", Precision.COUNTRY, 200),
    ("Washington", None, (38.895, -77.036), "US", Precision.CITY, 25),
    ("Washington, D.C.", None, (38.895, -77.036), "US", Precision.CITY, 25),
    ("Washington state", None, (47.5, -120.5), "US", Precision.REGION, 200),
    ("Syria", None, (35.0, 38.0), "SY", Precision.COUNTRY, 50),
    ("Syrian", None, (35.0, 38.0), "SY", Precision.COUNTRY, 50),
    ("U.S.", None, (39.0, -98.0), "US", Precision.COUNTRY, 300),
    ("UK", None, (54.758, -2.695), "GB", Precision.COUNTRY, 80),
    ("Britain", None, (54.758, -2.695), "GB", Precision.COUNTRY, 80),
    ("Mexico City", None, (19.428, -99.128), "MX", Precision.CITY, 25),
    # A territory with its own country code, written with its sovereign, is the territory;
    # a town that the stated country does not hold is not found ("Paris, Germany", below).
    ("Hong Kong, China", None, (22.28, 114.17), "HK", Precision.COUNTRY, 60),
    ("Greenland, Denmark", None, (72.0, -40.0), "GL", Precision.COUNTRY, 300),
    # A region that holds fewer people than a city of 100,000 of its name yields to the city:
    # Antigua's parish of Saint Paul holds 14,000, Jamaica's parishes of Manchester and
    # Portland fewer than the English and the Oregon city.
    ("St. Paul", None, (44.944, -93.093), "US", Precision.CITY, 25),
    ("Manchester", None, (53.481, -2.237), "GB", Precision.CITY, 25),
    ("Portland", None, (45.523, -122.676), "US", Precision.CITY, 25),
    # A city that bears a name only as an old or alternate name yields to one of 100,000 whose
    # own name it is: "Salem" alone is not Jerusalem.
    ("Salem", None, (11.65, 78.16), "IN", Precision.CITY, 25),
    # A name written with its article is the place of that name, not any place without it.
    ("The Woodlands", None, (30.158, -95.489), "US", Precision.CITY, 25),
    # An Arabic name romanised as English news writes it ("Deir", "Beit", "el-") is found
    # under GeoNames' romanisation ("Dayr", "Bayt", "al").
    ("Deir al-Balah", None, (31.418, 34.349), "PS", Precision.CITY, 25),
    ("Beit Lahia", None, (31.546, 34.495), "PS", Precision.CITY, 25),
    ("Jisr al-Shughur", None, (35.812, 36.318), "SY", Precision.CITY, 25),  # GeoNames: "Jisr ash Shughur"
    ("Aleppo province", None, (36.2, 37.5), "SY", Precision.REGION, 100),
    ("Raqqa", None, (35.953, 39.008), "SY", Precision.CITY, 25),
    ("Aleppo", None, (36.201, 37.161), "SY", Precision.CITY, 25),
    ("Metcalfe County", None, (36.99, -85.63), "US", Precision.REGION, 50),
    ("Monroe County, N.Y.", None, (43.15, -77.65), "US", Precision.REGION, 60),
    # A county named alone, with nothing to say which, is the one that holds the most people:
    # Cook County holds Chicago; Georgia's and Minnesota's are small.
    ("Cook County", None, (41.84, -87.82), "US", Precision.REGION, 50),
    ("Harris County", None, (29.86, -95.39), "US", Precision.REGION, 60),
    ("King County", None, (47.49, -121.83), "US", Precision.REGION, 80),
    ("Jefferson Parish", None, (29.84, -90.13), "US", Precision.REGION, 60),
    ("B.C.", None, (53.7, -124.5), "CA", Precision.REGION, 300),
    ("London", "He moved to London, Ontario, in 2010. London police said the shop had closed.",
     (42.983, -81.233), "CA", Precision.CITY, 25),
    ("Quebec", "Montreal and Quebec both raised taxes, the Canadian province said.",
     (52.0, -72.0), "CA", Precision.REGION, 500),
    # A list of countries is not a place and its country ("Russia, the U.S." is no Russia, Ohio).
    ("Russia", "Spies from Russia, U.S. agencies and Britain met in Paris, then in Moscow.",
     (60.0, 100.0), "RU", Precision.COUNTRY, 50),
    # Of several mentioned states, the one the article keeps naming holds the county.
    ("Monroe County", "Flooding hit Monroe County, officials in Paris, Mo., said. Missouri troopers "
     "closed roads across northeast Missouri; Indiana and Ohio sent crews.",
     (39.50, -92.00), "US", Precision.REGION, 60),
    ("Waterloo", "Storms crossed Iowa from Black Hawk County to Allamakee County. Iowa officials in "
     "Waterloo counted damage; Illinois and Wisconsin were spared.",
     (42.493, -92.343), "US", Precision.CITY, 25),
    # The first words of a city's name are a short form of it, not a village's alternate name.
    ("Newcastle", "Fans travelled from across the UK to Newcastle for the match.",
     (54.973, -1.614), "GB", Precision.CITY, 25),
    # ... unless an area bears the name as its own: "Oklahoma" is the state, not Oklahoma City.
    ("Oklahoma", "He moved from Tulsa to Oklahoma after the tornado season.", (35.49, -97.50), "US", Precision.REGION, 200),
    ("Plymouth Co.", "Hail fell in Iowa; Plymouth Co. reported damage.", (42.74, -96.22), "US", Precision.REGION, 60),
    ("ACT", "Canberra and the ACT recorded their wettest month.", (-35.5, 149.0), "AU", Precision.REGION, 100),
    # A region bare of feature words yields to its largest town when that town bears its
    # name; a region whose largest town is another keeps it ("Quebec" above).
    ("Zurich", "Bankers met in Zurich on Monday.", (47.367, 8.55), "CH", Precision.CITY, 25),
    ("Shanghai", "Stocks fell in Shanghai and Hong Kong.", (31.222, 121.458), "CN", Precision.CITY, 25),
    ("Zurich canton", None, (47.4, 8.7), "CH", Precision.REGION, 40),
    # Names written another way: AP state abbreviations with a space, short forms, adjectives.
    ("W. Va.", None, (38.5, -80.5), "US", Precision.REGION, 20),
    ("Tas.", None, (-42.0, 147.0), "AU", Precision.REGION, 20),
    ("Macedonia", "Skopje and Macedonia's government agreed to the name.", (42.0, 22.0), "MK", Precision.COUNTRY, 20),
    ("EU", "EU ministers met in Brussels.", (50.83857, 4.37599), None, Precision.COUNTRY, 1),
    ("Korean", "Tensions rose on the Korean peninsula.", (38.62545, 127.55127), None, Precision.COUNTRY, 1),
    ("Southeast Asian", "Southeast Asian leaders met in Jakarta.", (6.83917, 116.45508), None, Precision.COUNTRY, 1),
    ("Middle Eastern", None, (33.13906, 35.85869), None, Precision.COUNTRY, 1),
    # "X County" is a county, never the state X; the towns the article names tell which one.
    ("Washington County", "Washington County deputies searched Hagerstown and Boonsboro after the storm.",
     (39.60, -77.80), "US", Precision.REGION, 30),
    ("Washington County", "Washington County deputies said the fire near Fayetteville and Springdale was out.",
     (35.97, -94.22), "US", Precision.REGION, 30),
    # Adjectives of regions used as places.
    ("Scottish", "Scottish voters rejected independence.", (56.0, -4.0), "GB", Precision.REGION, 20),
    ("Tibetan", "Tibetan monasteries were closed to visitors.", (31.7, 88.0), "CN", Precision.REGION, 20),
    ("Ontarian", "Ontarian farmers sold less wheat.", (49.3, -84.5), "CA", Precision.REGION, 20),
    ("Uighur", "Uighur families were separated.", (41.5, 85.5), "CN", Precision.REGION, 20),
    ("Gazan", "Gazan fishermen stayed ashore.", (31.4, 34.3), "PS", Precision.REGION, 20),
    ("Scot", "The Scot won the Open.", (56.0, -4.0), "GB", Precision.REGION, 20),
    # Adjectives of countries beside the demonyms countryinfo gives ("Uzbekistani", "Bosnian").
    ("Uzbek", "Uzbek troops closed the border.", (42.0, 64.0), "UZ", Precision.COUNTRY, 20),
    ("Briton", "A Briton was among the injured.", (55.0, -3.0), "GB", Precision.COUNTRY, 20),
    ("Bosnian", "Bosnian Serb leaders met in Banja Luka.", (44.0, 18.0), "BA", Precision.COUNTRY, 20),
    ("Azeri", "Azeri forces shelled the town.", (41.0, 48.0), "AZ", Precision.COUNTRY, 20),
    ("Kazakh", "Kazakh police detained protesters.", (48.0, 68.0), "KZ", Precision.COUNTRY, 20),
    ("Bosnia", "Refugees returned to Bosnia.", (44.0, 18.0), "BA", Precision.COUNTRY, 20),
    ("ROK", "ROK and U.S. troops held drills.", (37.0, 128.0), "KR", Precision.COUNTRY, 20),
    # A country the article names makes the towns across its borders likelier: Gaza and
    # Bethlehem in the Palestinian territories beside Israel, not Mozambique's Gaza province
    # or Bethlehem in South Africa.
    ("Gaza", "Israeli air strikes hit Gaza on Tuesday.", (31.50161, 34.46672), "PS", Precision.CITY, 5),
    ("Bethlehem", "Israeli soldiers closed the road to Bethlehem on Friday.", (31.70487, 35.20376), "PS",
     Precision.CITY, 5),
    ("Bethlehem", "Steelworkers in Bethlehem, Pennsylvania, voted to strike.", (40.62593, -75.37046), "US",
     Precision.CITY, 5),
    # A U.S. state's postal code after a comma, in the query or once in the article.
    ("Paris, TX", None, (33.661, -95.556), "US", Precision.CITY, 25),
    ("Athens", "A fire in Athens, GA destroyed two homes. Athens firefighters said.", (33.961, -83.378), "US",
     Precision.CITY, 25),
    ("Springfield", "Springfield, OR police closed the bridge.", (44.046, -123.022), "US", Precision.CITY, 25),
]


@pytest.mark.parametrize(("name", "context_text", "expected", "country", "precision", "within_km"), CASES)
def test_ambiguous_names_resolve_to_the_place_meant(
    index: Gazetteer,
    name: str,
    context_text: str | None,
    expected: tuple[float, float],
    country: str | None,
    precision: Precision,
    within_km: float,
) -> None:
    context = ArticleContext.from_text(context_text) if context_text else None
    place = place_from_name(name, context)
    assert (place.country_code, place.precision) == (country, precision)
    assert place.lat is not None and place.lon is not None
    assert km(place.lat, place.lon, *expected) <= within_km


# The sample article: name -> (GeoNames id, lat, lon, precision)
SAMPLE = [
    ("Palmyra", 163808, 34.562, 38.284, Precision.CITY),
    ("Raqqa", 172955, 35.953, 39.008, Precision.CITY),
    ("Raqqa, Syria", 172955, 35.953, 39.008, Precision.CITY),
    ("Raqqa province", 172957, 35.95, 38.85, Precision.REGION),
    ("Aleppo", 170063, 36.201, 37.161, Precision.CITY),
    ("the city of Aleppo", 170063, 36.201, 37.161, Precision.CITY),
    ("Syria", 163843, 35.0, 38.0, Precision.COUNTRY),
]


@pytest.mark.parametrize(("name", "geonameid", "lat", "lon", "precision"), SAMPLE)
def test_sample_article_places_resolve_to_their_geonames_features(
    sample_context: ArticleContext, name: str, geonameid: int, lat: float, lon: float, precision: Precision
) -> None:
    place = place_from_name(name, sample_context)
    assert (place.geonameid, place.precision, place.resolver) == (geonameid, precision, "gazetteer")
    assert place.lat is not None and place.lon is not None
    assert km(place.lat, place.lon, lat, lon) <= (25 if precision.is_point else 100)


def test_palmyra_resolves_to_tadmur_in_syrian_context(sample_context: ArticleContext) -> None:
    place = place_from_name("Palmyra", sample_context)
    assert (place.name, place.country_code, place.admin1) == ("Tadmur", "SY", "Ḩimş")
    assert [c.country_code for c in place.candidates[:2]] == ["SY", "US"]


def test_raqqa_province_is_the_governorate_not_the_city(sample_context: ArticleContext) -> None:
    place = place_from_name("Raqqa province", sample_context)
    assert (place.name, place.admin1, place.precision.is_point if place.precision else None) == (
        "Ar Raqqah", "Ar Raqqah", False,
    )


@pytest.mark.parametrize(
    ("name", "note"),
    [
        ("Xyzzyville", "no place named 'Xyzzyville' in the offline gazetteer"),
        ("Paris, Germany", "no place named 'Paris' in 'Germany'; candidates elsewhere listed"),
    ],
)
def test_unknown_names_are_not_found_with_a_note(index: Gazetteer, name: str, note: str) -> None:
    place = place_from_name(name)
    assert (place.found, place.lat, place.precision, place.note) == (False, None, None, note)


def test_not_found_place_still_lists_the_candidates_it_weighed(index: Gazetteer) -> None:
    place = place_from_name("Paris, Germany")
    assert [c.country_code for c in place.candidates[:1]] == ["FR"]
    assert len(place.candidates) >= 5


def test_candidates_are_ranked_by_score(sample_context: ArticleContext) -> None:
    scores = [c.score for c in place_from_name("Palmyra", sample_context).candidates]
    assert scores == sorted(scores, reverse=True) and len(scores) == 8


# text, the name in it, what to resolve
LOOKUPS = [
    ("Shelling hit Deir ez-Zor province overnight.", "Deir ez-Zor", "Deir ez-Zor province"),
    ("His family lives in the eastern province of Kerman.", "Kerman", "province of Kerman"),
    ("Toronto city council voted on Monday.", "Toronto", "Toronto city"),
    # "Hunan" is the province the city is in; "a region of Belgium" is some region in it.
    ("Rain flooded the Hunan city of Changsha.", "Hunan", "Hunan"),
    ("Voters in a region of Belgium said no.", "Belgium", "Belgium"),
    ("Somali state-run media said so.", "Somali", "Somali"),
    # A capitalised word is part of the name, which the span already holds.
    ("Kansas City fans cheered.", "Kansas", "Kansas"),
    # Before the name the word may be capitalised, in an official style.
    ("Call the County of Brant detachment.", "Brant", "county of Brant"),
    ("Tickets are sold by the City of Turkey.", "Turkey", "city of Turkey"),
    # A direction sharing the next name's noun; a town named again as its own area.
    ("Exports to Eastern and Southern Europe rose.", "Eastern", "Eastern Europe"),
    ("Exports to Eastern and Southern Ontario rose.", "Eastern", "Eastern"),
    ("Photos tagged Singapore, Singapore, went viral.", "Singapore", "Singapore, Singapore"),
    ("Photos tagged Singapore, Singaporean, went viral.", "Singapore", "Singapore"),
]


@pytest.mark.parametrize(("text", "name", "lookup"), LOOKUPS)
def test_the_feature_word_around_a_name_in_text_is_part_of_its_lookup(text: str, name: str, lookup: str) -> None:
    start = text.index(name)
    assert lookup_in_text(text, start, start + len(name)) == lookup


# One name keeps one sense within an article: the feature word said once holds for it bare.
IN_ARTICLE = [
    ("Homs", "Shelling in Homs province killed four. Villages in Homs were emptied.", 169575, Precision.REGION),
    ("Homs", "Shelling in Homs killed four.", 169577, Precision.CITY),
    # Written once the way a town is written ("Homs, Syria"): both senses stay open.
    ("Homs", "Fighters left Homs, Syria, for Homs province. Homs fell.", 169577, Precision.CITY),
    ("Kerman", "Quakes shook the province of Kerman. Rescuers reached Kerman by night.", 128231, Precision.REGION),
    # A country's or region's possessive says where the next name is, as "Tripoli, Lebanon" would;
    # not for a place outside it ("Israel's Gaza offensive") nor for another country.
    ("Tripoli", "Clashes erupted in Lebanon's Tripoli as officials from Libya met in Geneva.", 266826,
     Precision.CITY),
    ("London", "Protests in Canada’s London and England’s Birmingham drew crowds.", 6058560, Precision.CITY),
    ("Gaza", "Israel's Gaza offensive went on.", 281133, Precision.CITY),
    ("Charleston", "The Charleston, W.Va., mayor spoke.", 4801859, Precision.CITY),
    # "City" that only one Salem goes by is no sign of that Salem: the article's places decide.
    ("Salem City", "The Salem City Council met; Keizer officers and Marion County deputies helped.", 5750162,
     Precision.CITY),
    ("Ukraine", "Russia's Ukraine war went on.", 690791, Precision.COUNTRY),
    # ... and "Ain" is GeoNames' "'Ayn"; the article speaks for the Syrian town.
    ("Ras al-Ain", "Turkish forces entered Ras al-Ain and Tal Abyad in northern Syria.", 165509, Precision.CITY),
]


@pytest.mark.parametrize(
    ("query", "geonameid", "precision"),
    [
        # No region of a town named Belgium (Belgium, Wisconsin) is meant.
        ("region of Belgium", 2802361, Precision.COUNTRY),
        # A county named after its seat, which alone is indexed, is near the seat, not its state.
        ("Kuhbanan county", 126411, Precision.CITY),
    ],
)
def test_a_feature_word_never_moves_a_name_to_a_wider_area_it_does_not_name(
    index: Gazetteer, query: str, geonameid: int, precision: Precision
) -> None:
    place = place_from_name(query)
    assert (place.geonameid, place.precision) == (geonameid, precision)


# A town that bears the own name of a country or region yields to it unless the article
# says otherwise: a small town, or a city that goes by that name only as an alternate.
IN_ARTICLE += [
    ("Queensland", "Ministers from Ontario and Alberta toured New South Wales, Victoria and Queensland.",
     2152274, Precision.REGION),
    ("Mexico", "Cartels in Sinaloa and Jalisco sent drugs from Culiacan and Guadalajara through Mexico.",
     3996063, Precision.COUNTRY),
    ("Mexico", "Flooding closed roads in Mexico, Mo., and Fulton, officials in Missouri said.", 4398103, Precision.CITY),
    ("Mexico City", "Cartels in Sinaloa sent drugs through Mexico City.", 3530597, Precision.CITY),
]


# Acronyms and organisations are no towns; capitals in a dateline still name one.
@pytest.mark.parametrize("name", ["U.N.", "UN", "NATO", "IRA", "CIA", "Hamas", "Taliban", "Google"])
def test_organisations_and_their_acronyms_are_not_places(index: Gazetteer, name: str) -> None:
    place = place_from_name(name)
    assert (place.found, place.candidates) == (False, ())


@pytest.mark.parametrize(
    ("name", "text", "geonameid"),
    [
        ("ROME", "ROME (Reuters) - The pope spoke on Sunday.", 3169070),
        ("NYC", None, 5128581),
        ("D.C.", None, 4140963),
        ("PARIS", "PARIS, Mo. - Farmers met on Monday.", 4402452),
        ("Toyota", "Workers at plants in Toyota and Nagoya struck.", 1849814),
    ],
)
def test_names_in_capitals_and_company_towns_still_resolve(
    index: Gazetteer, name: str, text: str | None, geonameid: int
) -> None:
    context = ArticleContext.from_text(text) if text else None
    assert place_from_name(name, context).geonameid == geonameid


# Names that have namesakes side by side mean those: London and St. Thomas, Ontario are
# 25 km apart; Edmonton and Enfield are neighbouring parts of north London.
NAMESAKES = [
    ("London", "Police in London and St. Thomas arrested two men on Friday.", 6058560),
    ("St. Thomas", "Police in London and St. Thomas arrested two men on Friday.", 6158357),
    ("Edmonton", "Pupils from Edmonton met at a school in Enfield.", 2650209),
    # With no namesake nearby, each name keeps its best-known bearer.
    ("London", "Flights from London to Paris and Berlin were cancelled.", 2643743),
    ("Edmonton", "Oilers fans in Edmonton and Red Deer cheered.", 5946768),
]


@pytest.mark.parametrize(("name", "text", "geonameid"), NAMESAKES)
def test_names_with_namesakes_side_by_side_mean_those(index: Gazetteer, name: str, text: str, geonameid: int) -> None:
    assert place_from_name(name, ArticleContext.from_text(text)).geonameid == geonameid


def test_namesakes_nearby_count_for_a_towns_own_name_and_never_against_a_large_city(index: Gazetteer) -> None:
    context = ArticleContext.from_text("The chain opened new stores in Indianapolis and Nashville this year.")
    near = FEATURES.index("near_namesake")
    by_state = {e.admin1_code: f[near] for f, e in candidate_features("Nashville", context) if e.country_code == "US"}
    # Nashville, Indiana is 60 km from Indianapolis, but Nashville, Tennessee is a large city.
    assert (by_state["IN"], by_state["TN"]) == (0.0, 0.0)
    london = {e.geonameid: f[near] for f, e in candidate_features("London", ArticleContext.from_text(
        "Police in London and St. Thomas arrested two men on Friday."))}
    assert (london[6058560], london[2643743]) == (1.0, 0.0)
    # Only a place's own name counts: Mexico City goes by "Mexico" only as an alternate.
    mexico = {e.geonameid: f[near] for f, e in candidate_features("Mexico", ArticleContext.from_text(
        "Protests spread from Toluca to Mexico on Sunday."))}
    assert mexico[3530597] == 0.0


# A town and the article's other places: Paris with London (344 km), Brussels (264 km) and
# Versailles (18 km); points due north at 489 and 511 km; at 60°N, 528 km east and 556 km south.
NEARNESS = [
    ((48.853, 2.349), [(51.509, -0.126), (50.850, 4.349), (48.805, 2.120)]),
    ((0.0, 0.0), [(4.4, 0.0), (4.6, 0.0)]),
    ((0.0, 0.0), [(4.6, 0.0), (-4.6, 0.0)]),
    ((60.0, 10.0), [(60.0, 19.5), (55.0, 10.0)]),
]


@pytest.mark.parametrize(("town", "places"), NEARNESS)
def test_nearness_is_the_haversine_to_the_nearest_place_within_500_km(
    town: tuple[float, float], places: list[tuple[float, float]]
) -> None:
    distances = [km(*town, *place) for place in places]
    nearest, near = _nearness(*town, [_point(*place) for place in places])
    within = [d for d in distances if d <= 500]
    assert (nearest if nearest <= 500 else None) == (min(within) if within else None)
    assert near == sum(d <= 200 for d in distances)


# A city the article also names in full leaves the bare name to the area that bears it.
IN_ARTICLE += [
    ("New York", "New York City police said the law, passed in Albany, covers all of New York.", 5128638,
     Precision.REGION),
    ("Kuwait", "Flights to Kuwait City resumed as Kuwait reopened its airspace.", 285570, Precision.COUNTRY),
    # A name written in full with its own capitalised word states no sense for the bare name.
    ("Oklahoma City", "Oklahoma City and Tulsa voted on Tuesday.", 4544349, Precision.CITY),
    # Bare, the short form of a city of a million is the city; of a smaller one, the state.
    ("New York", "Tillerson met Trump in New York on Saturday.", 5128581, Precision.CITY),
    ("Oklahoma", "Storms hit Oklahoma on Saturday.", 4544379, Precision.REGION),
    # Written after a town of its own, the name is the state, there and elsewhere in the
    # article; after a town of another region, it is one more town of a list.
    ("New York", "Voters in Albany, Buffalo and Rochester, New York, went to the polls.", 5128638,
     Precision.REGION),
    ("Homs", "Shelling hit Aleppo, Homs and Hama.", 169577, Precision.CITY),
    # A region's word may name a county: after "the County of Brant", "Brant" is the county,
    # and the Paris beside it is the Ontario town.
    ("Brant", "Call the County of Brant police. Brant OPP closed the road near Paris.", 5907982, Precision.REGION),
    ("Paris", "Call the County of Brant police. Brant OPP closed the road near Paris.", 6942553, Precision.CITY),
]


# The words around a name complete it: "County of Brant" is the county, the Ontario
# municipality, not its town; "Singapore, Singapore" the city in the city-state.
IN_TEXT = [
    ("Call the County of Brant police near Paris, Ontario.", "Brant", 5907982, Precision.REGION),
    ("Photos tagged Singapore, Singapore, went viral.", "Singapore", 1880252, Precision.CITY),
    ("Exports to Eastern and Southern Europe rose.", "Eastern", 7729884, Precision.COUNTRY),
    ("Talks between North and South Korea stalled.", "North", 1873107, Precision.COUNTRY),
]


@pytest.mark.parametrize(("text", "name", "geonameid", "precision"), IN_TEXT)
def test_names_completed_by_the_words_around_them_resolve_to_what_they_name(
    index: Gazetteer, text: str, name: str, geonameid: int, precision: Precision
) -> None:
    start = text.index(name)
    place = place_from_name(lookup_in_text(text, start, start + len(name)), ArticleContext.from_text(text))
    assert (place.geonameid, place.precision) == (geonameid, precision)


@pytest.mark.parametrize(("name", "text", "geonameid", "precision"), IN_ARTICLE)
def test_names_resolve_to_the_feature_their_article_means(
    index: Gazetteer, name: str, text: str, geonameid: int, precision: Precision
) -> None:
    place = place_from_name(name, ArticleContext.from_text(text))
    assert (place.geonameid, place.precision) == (geonameid, precision)


def test_a_name_resolved_again_in_one_article_means_what_it_means_there_and_not_elsewhere() -> None:
    ontario = ArticleContext.from_text("London, Ontario is two hours from Toronto. London grew fast.")
    england = ArticleContext.from_text("London and Manchester voted; Birmingham followed. London led.")
    for _ in range(2):  # each article keeps the places it worked out, and only its own
        assert place_from_name("London", ontario).admin1 == "Ontario"
        assert place_from_name("London", england).country_code == "GB"


def test_a_name_qualified_two_ways_means_each_where_it_stands_and_one_way_everywhere(index: Gazetteer) -> None:
    text = "Police in Springfield, Ill., and in Springfield, Mass., said the scams were alike."
    two_ways = ArticleContext.from_text(text)
    first, second = [s for s in toponym_spans(text, index) if s.name == "Springfield"]
    assert [two_ways.query_of(first), two_ways.query_of(second)] == ["Springfield, Ill.", "Springfield, Mass."]
    assert place_from_name(two_ways.query_of(second), two_ways).admin1 == "Massachusetts"
    # The same state written two ways is one qualifier: the bare name keeps it.
    one_way = ArticleContext.from_text("Springfield, Ill., grew. Springfield, Illinois, is the capital. Springfield voted.")
    assert one_way.own == {}
    assert place_from_name("Springfield", one_way).geonameid == 4250542


def test_a_large_citys_possessive_keeps_the_next_name_within_its_reach(index: Gazetteer) -> None:
    text = "Patrols rose in Philadelphia's Kensington and Chicago's South Side; Washington's Kabul embassy shut."
    context = ArticleContext.from_text(text)
    spans = {s.name: s for s in toponym_spans(text, index)}
    kensington = place_from_name(context.query_of(spans["Kensington"]), context)
    assert (context.query_of(spans["Kensington"]), kensington.admin1) == ("Kensington, Philadelphia", "Pennsylvania")
    # No South Side is within reach of Chicago in the gazetteer: none, rather than one in New York.
    assert place_from_name(context.query_of(spans["South Side"]), context).found is False
    # A city of 100,000 after the possessive is named for itself.
    assert context.query_of(spans["Kabul"]) == "Kabul"


# Names whose candidates get every kind of evidence: the article's countries, their neighbours and regions,
# towns nearby, namesakes side by side, a region named after its town, a town in an area's shadow.
SCORED = [
    ("Raqqa", "Fighting in Raqqa province, Syria, near Tabqa and Aleppo."),
    ("Springfield", "Springfield police said the fire in Sangamon County spread. Chicago sent help."),
    ("London", "Police in London and St. Thomas arrested two men on Friday."),
    ("Georgia", "Protests spread from Atlanta to Savannah, and lawmakers in Alabama watched Georgia."),
    ("Queensland", "Floods in Queensland reached Brisbane, Australia."),
    ("Mexico", "Protests spread from Toluca to Mexico on Sunday."),
    ("Gaza", "Israeli air strikes hit Gaza on Tuesday."),  # a neighbouring country named
]


@pytest.mark.parametrize(("name", "text"), SCORED)
def test_a_candidates_score_is_its_features_weighted_and_added_in_their_order(
    index: Gazetteer, name: str, text: str
) -> None:
    context = ArticleContext.from_text(text)
    weighted = {e: functools.reduce(lambda score, term: score + term[0] * term[1], zip(WEIGHTS, f), 0.0)
                for f, e in candidate_features(name, context)}
    assert {e: score for score, e in _ranked(index, name, "", context)} == weighted


@pytest.mark.parametrize(
    ("name", "text", "town"),
    [
        # The regions are not in the gazetteer; their namesakes are hamlets in other countries.
        ("Siberia", "Wildfires spread across Siberia, Russian officials said.", ("Siberia", "MX")),
        ("Patagonia", "Glaciers in Patagonia are melting, Argentine scientists said.", ("Patagonia", "US")),
    ],
)
def test_a_small_town_nothing_in_the_article_points_to_is_no_pin(
    index: Gazetteer, name: str, text: str, town: tuple[str, str]
) -> None:
    place = place_from_name(name, ArticleContext.from_text(text))
    assert not place.found
    assert (place.candidates[0].name, place.candidates[0].country_code) == town  # listed for an editor to pick
    assert place.note == (
        f"{name!r} is taken as no place: its best match, a town of {place.candidates[0].population:,} people,"
        " is in no country, region or area the article names; candidates listed"
    )


@pytest.mark.parametrize(
    ("name", "text", "country"),
    [
        ("Patagonia", "Patagonia, in Arizona, has 900 people.", "US"),  # its region named
        ("Patagonia", "Patagonia is a quiet town.", "US"),  # an article that names no country
        ("Yarrabah", "Police drove from Cairns to Yarrabah, Australian officials said.", "AU"),  # its country
        ("Gravelbourg", "Canadian farmers met in Gravelbourg.", "CA"),
    ],
)
def test_a_small_town_the_article_points_to_stays_a_town(index: Gazetteer, name: str, text: str, country: str) -> None:
    place = place_from_name(name, ArticleContext.from_text(text))
    assert (place.precision, place.country_code) == (Precision.CITY, country)


@pytest.mark.parametrize(
    ("name", "text", "geonameid"),
    [
        # GeoNames writes the Arabic article; English news drops it.
        ("Qamishli", "Kurdish forces held Qamishli, near the Turkish border.", 173377),  # Al Qāmishlī
        ("Hodeidah", "Saudi-led jets struck the port of Hodeidah.", 79415),  # Al Ḩudaydah (El-Hodeidah)
        ("Mayadeen", "Syrian troops entered Mayadeen.", 173480),  # Al Mayādīn
    ],
)
def test_arab_towns_go_by_their_names_without_the_article(index: Gazetteer, name: str, text: str, geonameid: int) -> None:
    place = place_from_name(name, ArticleContext.from_text(text))
    assert (place.geonameid, place.precision) == (geonameid, Precision.CITY)


def test_names_outside_arabic_speaking_countries_keep_their_article(index: Gazetteer) -> None:
    assert place_from_name("El Paso").country_code == "US"
    assert not any((c.name, c.country_code) == ("El Paso", "US") for c in place_from_name("Paso").candidates)


@pytest.mark.parametrize(
    ("name", "admin1", "country"),
    [
        # "City" is part of these names: not the word that asks for a town named Kansas or Iowa.
        ("Kansas City", "Missouri", "US"),
        ("Kansas City, Kansas", "Kansas", "US"),
        ("Jersey City", "New Jersey", "US"),
        ("Iowa City", "Iowa", "US"),
        ("Carson City", "Nevada", "US"),
        # Where no city bears the whole name, the word still asks for the town: "Raqqa city".
        ("Raqqa city", "Ar Raqqah", "SY"),
        ("Gaza City", "Gaza Strip", "PS"),
    ],
)
def test_a_city_named_with_the_word_city_is_that_city(index: Gazetteer, name: str, admin1: str, country: str) -> None:
    place = place_from_name(name)
    assert (place.admin1, place.country_code, place.precision) == (admin1, country, Precision.CITY)


@pytest.mark.parametrize(
    ("name", "geonameid"),
    [
        ("White House", 4140963),  # Washington, not White House, Tennessee, nor Casablanca ("the white house")
        ("Pentagon", 4744709),  # Arlington, Virginia
        ("Kremlin", 524901),
        ("Downing Street", 2643743),
    ],
)
def test_a_seat_of_power_is_the_city_it_stands_in(index: Gazetteer, name: str, geonameid: int) -> None:
    place = place_from_name(name, ArticleContext.from_text(f"Reporters waited outside the {name} on Monday."))
    assert (place.geonameid, place.precision) == (geonameid, Precision.CITY)


def test_a_town_named_like_a_seat_of_power_keeps_its_name_when_its_state_is_given(index: Gazetteer) -> None:
    context = ArticleContext.from_text("Officials in White House, Tennessee, disagreed.")
    assert place_from_name("White House, Tennessee", context).admin1 == "Tennessee"
    assert place_from_name("White House", context).admin1 == "Tennessee"


def test_the_parser_leaves_a_seat_of_power_to_the_speaker_it_names(index: Gazetteer) -> None:
    from geo.parsing import toponym_spans

    text = "The Kremlin said on Monday that the White House had not replied."
    assert toponym_spans(text, index) == []
