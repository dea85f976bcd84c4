"""The topic model: which module a question is about as a whole, and how it orders results."""

from __future__ import annotations

from portal.services.search.ranking import LanguageIndex, _by_topic
from portal.services.search.topics import TopicModel, sentences

HOUSING, WORK, HEALTH = 1, 2, 3
EXAMPLES = [
    ("Du kan ställa dig i bostadskö hos kommunen för att få en lägenhet.", HOUSING),
    ("Ett andrahandskontrakt betyder att du hyr av någon som själv hyr lägenheten.", HOUSING),
    ("Hyresvärden ska laga det som går sönder i lägenheten.", HOUSING),
    ("Arbetsförmedlingen hjälper dig att hitta ett arbete.", WORK),
    ("Ett anställningsavtal säger vilken lön du får och hur mycket du arbetar.", WORK),
    ("Facket hjälper dig om arbetsgivaren inte betalar din lön.", WORK),
    ("Vårdcentralen är dit du går först när du är sjuk.", HEALTH),
    ("Ring 1177 om du behöver råd om vård dygnet runt.", HEALTH),
]


def test_a_question_without_the_content_s_words_still_finds_its_topic():
    model = TopicModel.train(EXAMPLES)

    shares = model.shares("jag hyr en lagenhet av en kompis, ar det ok")  # no diacritics, own words

    assert max(shares, key=shares.get) == HOUSING
    assert shares[HOUSING] == 1.0 and min(shares.values()) == 0.0


def test_one_module_gives_no_model():
    assert TopicModel.train([(text, HOUSING) for text, _ in EXAMPLES]) is None


def test_only_sentences_that_say_something_are_learnt_from():
    assert sentences("Ja.\nRing 1177 om ditt barn är sjukt. Gå till vårdcentralen på dagen!") == [
        "Ring 1177 om ditt barn är sjukt.",
        "Gå till vårdcentralen på dagen!",
    ]


def _index(model: TopicModel) -> LanguageIndex:
    modules = {HOUSING: ("boende", 1), WORK: ("arbete", 2), HEALTH: ("halsa-och-vard", 3)}
    return LanguageIndex("sv", [], {}, {}, [], {}, modules, model)


def test_the_first_result_stays_bm25_s_and_the_others_follow_the_topic():
    index = _index(TopicModel.train(EXAMPLES))
    first, work, housing = (10.0, HEALTH, None), (6.0, WORK, None), (5.5, HOUSING, None)

    ordered = [first, *_by_topic("min hyresvard lagar inte min lagenhet", [work, housing], 10.0, index)]

    assert [item[1] for item in ordered] == [HEALTH, HOUSING, WORK]


def test_without_a_model_the_bm25_order_stays():
    index = _index(None)
    work, housing = (6.0, WORK, None), (5.5, HOUSING, None)

    assert _by_topic("min hyresvard lagar inte min lagenhet", [work, housing], 10.0, index) == [work, housing]
