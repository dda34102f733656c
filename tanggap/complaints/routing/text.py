"""Indonesian text normalised for the routing classifier and the duplicate finder.

Lower case, letters only (punctuation and numbers go), Sastrawi's stop words removed, every word
stemmed with Sastrawi (`perbaikan`, `diperbaiki` → `baik`). Stemming is slow (Sastrawi tries many
prefix and suffix rules per word) and a region's reports reuse a few thousand words: stems are cached
per word for the life of the process.
"""

from __future__ import annotations

import re
from functools import lru_cache

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


def complaint_text(title: str, description: str) -> str:
    """The normalised text of a report: its title counts twice (it is the reporter's summary)."""
    return normalize_text(f"{title} {title} {description}")
