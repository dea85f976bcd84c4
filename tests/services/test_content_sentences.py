"""Translation memory by sentence (issue 16): sentence splitting, alignment and the sentence diff."""

from __future__ import annotations

import pytest

from portal.services.content.sentences import (
    body_units,
    changed_sentences,
    join_lines,
    section_from_units,
    sentence_changes,
    split_lines,
    split_sentences,
)
from tests.content_fixtures import EN_HEALTH, SV_HEALTH


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Ring 1177. Du får råd.", ("Ring 1177.", "Du får råd.")),
        ("Har du familj? Då kan de få tillstånd!", ("Har du familj?", "Då kan de få tillstånd!")),
        ("Ta med t.ex. pass och kl. 13 går bussen.", ("Ta med t.ex. pass och kl. 13 går bussen.",)),
        (
            "Läs på [av.se. Här](https://www.av.se). Sedan ring.",
            ("Läs på [av.se. Här](https://www.av.se).", "Sedan ring."),
        ),
        ("هل لديك عائلة؟ يمكنهم القدوم.", ("هل لديك عائلة؟", "يمكنهم القدوم.")),
        ("ሓደ። ክልተ።", ("ሓደ።", "ክልተ።")),
    ],
)
def test_a_line_is_cut_into_sentences_at_full_stops_not_inside_links_or_abbreviations(text, sentences):
    assert split_sentences(text)[0] == sentences


def test_splitting_lines_and_joining_them_gives_back_the_same_markdown():
    markdown = "Ett. Två.\n\n- Punkt ett. Mer.\n1. Numrerad.\n\n```questions\nVar?\nNär?\n```"
    lines = split_lines(markdown)
    assert join_lines(lines) == markdown
    assert [line.sentences for line in lines if line.sentences] == [
        ("Ett.", "Två."),
        ("Punkt ett.", "Mer."),
        ("Numrerad.",),
        ("Var?\nNär?",),  # a questions block is one unit
    ]


def test_a_translation_is_aligned_sentence_by_sentence_with_the_swedish():
    units = {u.key: u for u in body_units(SV_HEALTH, EN_HEALTH)}
    assert units["vardcentral/title"].translation == "Health centre"
    assert units["vardcentral/0.1"].source == "Ring 1177 för råd."
    assert units["vardcentral/0.1"].translation == "Call 1177 for advice."
    assert units["_/0.0"].translation == "Everyone who lives in Sweden has the right to health care."


def test_a_line_with_another_number_of_sentences_is_one_unit_and_is_rebuilt_as_it_was():
    translation = SV_HEALTH.replace("Du går till en tandläkare för att laga dina tänder.", "Tandläkare lagar tänder")
    units = {u.key: u for u in body_units(SV_HEALTH, translation)}
    assert "tandvard/0" in units and "tandvard/0.0" not in units
    strings = {u.key: u.translation for u in units.values() if u.key.startswith("tandvard/") and u.translation}
    rebuilt = section_from_units(
        "Du går till en tandläkare för att laga dina tänder. Barn får tandvård utan kostnad.", strings, "tandvard"
    )
    assert rebuilt == "Tandläkare lagar tänder Barn får tandvård utan kostnad."


NEW_SV = SV_HEALTH.replace("Ring 1177 för råd.", "Ring 1177 för råd dygnet runt.").replace(
    "Barn får tandvård utan kostnad.", "Barn får tandvård utan kostnad. Vuxna betalar själva."
)


def test_the_sentence_diff_marks_exactly_the_changed_and_added_sentences():
    changes = changed_sentences(SV_HEALTH, NEW_SV)
    assert [(c.key, c.status, c.before, c.swedish) for c in changes] == [
        ("vardcentral/0.1", "changed", "Ring 1177 för råd.", "Ring 1177 för råd dygnet runt."),
        ("tandvard/0.2", "added", None, "Vuxna betalar själva."),
    ]


def test_unchanged_sentences_keep_their_translation_and_a_changed_one_shows_the_old_translation():
    changes = {c.key: c for c in sentence_changes(SV_HEALTH, NEW_SV, EN_HEALTH)}
    assert changes["vardcentral/0.0"].status == "same"
    assert changes["vardcentral/0.0"].translation.startswith("A health centre (vårdcentral)")
    assert changes["vardcentral/0.1"].translation == "Call 1177 for advice."
    assert changes["tandvard/0.2"].translation is None
    assert sum(c.status != "same" for c in changes.values()) == 2


def test_an_unchanged_swedish_text_has_no_changed_sentences():
    assert changed_sentences(SV_HEALTH, SV_HEALTH) == []


def test_a_changed_title_is_a_changed_sentence():
    new = SV_HEALTH.replace("## Tandvård {#tandvard}", "## Tandvård för alla {#tandvard}")
    assert [(c.key, c.status) for c in changed_sentences(SV_HEALTH, new)] == [("tandvard/title", "changed")]


def test_a_translation_with_other_sentences_in_a_line_does_not_make_unchanged_swedish_look_changed():
    translation = EN_HEALTH.replace(
        "You go to a dentist to repair your teeth. Children", "Dentists repair teeth; children"
    )
    changes = sentence_changes(SV_HEALTH, NEW_SV, translation)
    assert [(c.key, c.status) for c in changes if c.status != "same"] == [
        ("vardcentral/0.1", "changed"),
        ("tandvard/0.2", "added"),
    ]
    # The sentence's translation is the whole line where the translation does not cut it the same way.
    assert next(c for c in changes if c.key == "tandvard/0.0").translation.startswith("Dentists repair teeth;")
