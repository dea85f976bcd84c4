"""Reasons for an objection: the numbered list people answer with, and answers in words.

Over SMS the reason is a number from the list ("3", "٣", "nr 3") or the person's own words;
words are matched against each reason's label and keywords in the conversation language and in
English, and the reason with the most distinct matching words wins (a tie means none).
"""

from __future__ import annotations

import re
import unicodedata

from actions.i18n import Messages

# The order is the numbering shown to people and answered with; changing it changes the answers.
REASON_CODES = [
    "childcare_clash",
    "health",
    "already_have_skill",
    "wrong_level",
    "too_far",
    "want_other_placement",
    "treatment_discrimination",
    "other",
]


def reason_labels(messages: Messages) -> dict[str, str]:
    """Return the short label of every reason, in the conversation language."""
    _ = messages._
    return {
        "childcare_clash": _("Clashes with childcare"),
        "health": _("My health"),
        "already_have_skill": _("I already know this"),
        "wrong_level": _("Wrong level"),
        "too_far": _("Too far away"),
        "want_other_placement": _("I want another placement"),
        "treatment_discrimination": _("Unfair treatment"),
        "other": _("Other"),
    }


def reason_keywords(messages: Messages) -> dict[str, str]:
    """Return words people may write for each reason, comma-separated, per language."""
    # The context tells translators these lists are never shown: they list the words people
    # would write for each reason, so that an answer in words is recognised.
    pgettext = messages.pgettext
    return {
        "childcare_clash": pgettext(
            "reason keywords, comma-separated, never shown",
            "child, children, kids, preschool, childcare, school pickup",
        ),
        "health": pgettext(
            "reason keywords, comma-separated, never shown",
            "health, sick, ill, pain, doctor, pregnant, disability",
        ),
        "already_have_skill": pgettext(
            "reason keywords, comma-separated, never shown",
            "already, know, skill, experience, degree, educated",
        ),
        "wrong_level": pgettext(
            "reason keywords, comma-separated, never shown",
            "level, too easy, too hard, difficult, easy",
        ),
        "too_far": pgettext(
            "reason keywords, comma-separated, never shown",
            "far, distance, travel, bus, train, commute",
        ),
        "want_other_placement": pgettext(
            "reason keywords, comma-separated, never shown",
            "another, other placement, different, change, internship",
        ),
        "treatment_discrimination": pgettext(
            "reason keywords, comma-separated, never shown",
            "unfair, discrimination, racism, treated, respect, woman",
        ),
        "other": pgettext(
            "reason keywords, comma-separated, never shown",
            "other, something else",
        ),
    }


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def parse_reason(text: str, messages: Messages) -> str | None:
    """Return the reason code for an answer like "3", "٣", "nr 3" or words, or None."""
    # A short prefix ("nr 3", "رقم ٣") is allowed; \d also matches Arabic-Indic digits.
    bare_number = re.fullmatch(r"\D{0,4}?(\d+)\W*", text.strip())
    if bare_number:
        return _reason_by_number(bare_number.group(1))
    by_words = _reason_by_words(text, messages)
    if by_words:
        return by_words
    number = re.search(r"\d+", text)
    return _reason_by_number(number.group()) if number else None


def _reason_by_number(digits: str) -> str | None:
    index = int(digits) - 1
    return REASON_CODES[index] if 0 <= index < len(REASON_CODES) else None


def _reason_by_words(text: str, messages: Messages) -> str | None:
    answer = f" {_fold(text)} "
    english = Messages("en")
    matched: dict[str, set[str]] = {}
    for labels in (
        reason_labels(messages),
        reason_keywords(messages),
        reason_labels(english),
        reason_keywords(english),
    ):
        for code, words in labels.items():
            for word in map(_fold, re.split(r"[,،、]", words)):
                # Whole words, or longer stems inside a word (barn/barnen, أطفال/الأطفال).
                if len(word) >= 3 and (f" {word} " in answer or (len(word) >= 5 and word in answer)):
                    matched.setdefault(code, set()).add(word)
    if not matched:
        return None
    # Most distinct words wins; on a tie, the longer (more specific) words win.
    ranked = sorted(matched.items(), key=lambda item: (len(item[1]), sum(map(len, item[1]))), reverse=True)
    best, rest = ranked[0], ranked[1:]
    if rest and (len(rest[0][1]), sum(map(len, rest[0][1]))) == (len(best[1]), sum(map(len, best[1]))):
        return None
    return best[0]
