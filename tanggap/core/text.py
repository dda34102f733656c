"""Indonesian text normalised for matching: the complaints' routing classifier and duplicate finder, the
similar ideas shown while an innovation is typed.

Lower case, letters only (punctuation and numbers go), Sastrawi's stop words removed, every word
stemmed with Sastrawi (`perbaikan`, `diperbaiki` → `baik`). Stemming is slow (Sastrawi tries many
prefix and suffix rules per word) and a region's reports reuse a few thousand words: stems are cached
per word for the life of the process.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from functools import lru_cache
from typing import TypeVar

__all__ = ["normalize_text", "similar_texts", "stem", "stop_words"]

K = TypeVar("K", bound=Hashable)

_WORD = re.compile(r"[a-z]+")
MIN_WORD = 2
# Words that say nothing about where a report belongs, on top of Sastrawi's list.
EXTRA_STOP_WORDS = frozenset(
    {"mohon", "tolong", "bapak", "ibu", "pak", "bu", "terima", "kasih", "min", "admin", "yth"}
)


@lru_cache(maxsize=1)
def _stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    stemmer = StemmerFactory().create_stemmer()
    # Sastrawi 1.0.1 keeps its 30 000-word dictionary in a list, so every look-up scans it (a word
    # takes ~40 ms); the stemmer only asks `word in words`, which a set answers at once.
    dictionary = getattr(getattr(stemmer, "delegatedStemmer", stemmer), "dictionary", None)
    if dictionary is not None and isinstance(getattr(dictionary, "words", None), list):
        dictionary.words = frozenset(dictionary.words)
    return stemmer


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """Sastrawi's Indonesian stop words and a few greetings."""
    from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

    return frozenset(StopWordRemoverFactory().get_stop_words()) | EXTRA_STOP_WORDS


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """One word's Sastrawi stem (cached)."""
    return _stemmer().stem(word) or word


def normalize_text(text: str) -> str:
    """Lower-cased, stop-word-free, stemmed words separated by single spaces."""
    stops = stop_words()
    words = []
    for word in _WORD.findall((text or "").lower()):
        if len(word) < MIN_WORD or word in stops:
            continue
        stemmed = stem(word)
        if stemmed and stemmed not in stops:
            words.append(stemmed)
    return " ".join(words)


def similar_texts(
    query: str,
    candidates: Iterable[tuple[K, str]],
    limit: int = 5,
    min_score: float = 0.2,
) -> list[tuple[K, float]]:
    """The candidates most like `query`, best first, as (key, cosine similarity) pairs.

    Both sides are normalised (stemmed, stop words dropped) and weighed by TF-IDF over the candidates,
    so a word every candidate shares counts little. Candidates scoring below `min_score` are left out;
    an empty query (or one of stop words only) finds nothing. Ties keep the candidates' order.
    """
    if limit <= 0:
        return []
    normal_query = normalize_text(query)
    if not normal_query:
        return []
    keys: list[K] = []
    texts: list[str] = []
    for key, text in candidates:
        normal = normalize_text(text)
        if normal:
            keys.append(key)
            texts.append(normal)
    if not texts:
        return []

    from sklearn.feature_extraction.text import TfidfVectorizer

    # The texts are normalised already: split on spaces only, keep one-letter stems out of the way.
    vectorizer = TfidfVectorizer(token_pattern=r"\S+", lowercase=False)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no word left to weigh
        return []
    query_vector = vectorizer.transform([normal_query])
    # TfidfVectorizer normalises every row to unit length (norm="l2"): the dot product is the cosine.
    scores = (matrix @ query_vector.T).toarray().ravel()
    ranked = sorted(range(len(keys)), key=lambda i: -scores[i])
    return [(keys[i], float(scores[i])) for i in ranked if scores[i] >= min_score][:limit]
