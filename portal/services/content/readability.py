"""Readability of the Swedish source (issue 16, item 6): LIX and mean sentence length per section.

Easy-to-read Swedish (lättläst) keeps LIX at 40 or under, so the editor warns about a section
over LIX_LIMIT before the Swedish is published. The warning does not block: a section about
the law may need a long word, but the editor should see it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from portal.content.files import split_questions, split_sections

LIX_LIMIT = 40
LONG_WORD = 6  # a long word has more than six letters

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_URL = re.compile(r"(?:https?://|mailto:|tel:|www\.)\S+", re.IGNORECASE)
_ANCHOR = re.compile(r"\{#[^}]*\}")
# A sentence ends at . ! ? or : (Björnsson counts the colon), or at the end of a line that is a
# heading, a list item or a paragraph's last line: a list item without a full stop is a sentence.
_SENTENCE_END = re.compile(r"[.!?:]+(?=\s|$)|\n+")
# A word is a run of letters (a number is not a word); a hyphen joins parts of one word.
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    long_words: int

    @property
    def lix(self) -> float:
        return lix_of(self.words, self.sentences, self.long_words)

    @property
    def mean_sentence_length(self) -> float:
        """Words per sentence."""
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def too_hard(self) -> bool:
        return self.lix > LIX_LIMIT


def lix_of(words: int, sentences: int, long_words: int) -> float:
    """LIX (läsbarhetsindex), from Björnsson, C.-H. (1968), *Läsbarhet*, Stockholm: Liber.

    LIX = O / M + 100 × L / O, where O is the number of words, M the number of sentences and
    L the number of long words (more than six letters). That is the mean sentence length plus
    the percentage of long words. Under 30 is very easy, 30–40 easy (easy-to-read Swedish),
    40–50 medium, over 50 hard. An empty text is 0.
    """
    if not words or not sentences:
        return 0.0
    return words / sentences + 100 * long_words / words


def plain_text(markdown: str) -> str:
    """What a reader reads of a section: no link targets, URLs, anchors, markup or question blocks."""
    text, _questions = split_questions(markdown)
    text = _LINK.sub(r"\1", text)
    text = _URL.sub(" ", text)
    text = _ANCHOR.sub(" ", text)
    return re.sub(r"^\s*(?:#+|[-*+]|\d+[.)])\s+", "", text, flags=re.MULTILINE).replace("*", "").replace("_", " ")


def readability(text: str) -> Readability:
    """Words, sentences and long words of a plain text (see `lix_of`)."""
    words = sentences = long_words = 0
    for sentence in _SENTENCE_END.split(text):
        found = _WORD.findall(sentence)
        if not found:
            continue
        sentences += 1
        words += len(found)
        long_words += sum(1 for word in found if len(word.replace("-", "")) > LONG_WORD)
    return Readability(words, sentences, long_words)


@dataclass(frozen=True)
class SectionReadability:
    anchor: str  # "" is the introduction
    title: str
    score: Readability


def section_readability(body: str) -> list[SectionReadability]:
    """LIX and mean sentence length of each section of a Swedish body (sections without words left out)."""
    found = []
    for section in split_sections(body.replace("\r\n", "\n")):
        score = readability(plain_text(section.markdown))
        if score.words:
            found.append(SectionReadability(section.anchor, section.title, score))
    return found
