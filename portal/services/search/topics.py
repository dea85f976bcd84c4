"""Which topic a question is about, learnt from the content itself (scikit-learn).

BM25 (ranking.py) finds the sections that share words with a question. A situational
question shares few words with any section ("where do I find housing, I'm staying at my
friend's"), and then one rare word in a wrong section can outrank the right module. This
model looks at a question as a whole: character n-grams (2–5 letters inside words, so
endings, prefixes and typing mistakes still meet) weighted by TF-IDF, and a Complement Naive
Bayes classifier over the modules, trained on every sentence of the language's sections,
their titles and the questions they answer. It needs no data beyond the published content,
trains in well under a second per language and is rebuilt with the BM25 models.

It only reorders the modules BM25 found, and BM25 alone decides the confidence. When BM25 is
confident, its first result stays first and the model orders the others (what the "did you
mean" choices and the result list show): on the blind development halves that raised top-3
of the conversations' civic questions from 0.953 to 0.974. When it is not, the model orders
the first result too (sixth session: top-1 0.894 → 0.898 on the blind dev half, 0.847 →
0.882 on the second dev half, 0.948 → 0.956 on the keyword set).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.naive_bayes import ComplementNB

from portal.content.normalise import normalise

# A module's share of the model's vote, next to its BM25 score relative to the best module's.
# Tuned on the blind dev halves only (0.5, 1, 2 and 4 were tried; 1 was best and never worse).
TOPIC_WEIGHT = 1.0
NGRAMS = (2, 5)
SMOOTHING = 0.3  # ComplementNB's alpha
_SENTENCE_END = re.compile(r"(?<=[.!?؟።])\s+|\n+")
MIN_SENTENCE_CHARS = 15


def sentences(text: str) -> list[str]:
    """The sentences of a section's text long enough to say something."""
    return [s.strip() for s in _SENTENCE_END.split(text or "") if len(s.strip()) >= MIN_SENTENCE_CHARS]


@dataclass
class TopicModel:
    """A module classifier of one language."""

    vectorizer: TfidfVectorizer
    classifier: ComplementNB

    @classmethod
    def train(cls, examples: list[tuple[str, int]]) -> TopicModel | None:
        """Train on (text, module id) pairs; None when there are fewer than two modules."""
        if len({module for _, module in examples}) < 2:
            return None
        vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True, preprocessor=normalise)
        matrix = vectorizer.fit_transform([text for text, _ in examples])
        classifier = ComplementNB(alpha=SMOOTHING).fit(matrix, [module for _, module in examples])
        return cls(vectorizer, classifier)

    def shares(self, query: str) -> dict[int, float]:
        """Each module's vote for the query, from 0 (the least likely) to 1 (the likeliest)."""
        scores = self.classifier.predict_proba(self.vectorizer.transform([query]))[0]
        low, spread = float(np.min(scores)), float(np.ptp(scores)) or 1.0
        modules = self.classifier.classes_
        return {int(module): (float(score) - low) / spread for module, score in zip(modules, scores, strict=True)}
