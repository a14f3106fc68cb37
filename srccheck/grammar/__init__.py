"""Language knowledge as data, and the few helpers that read it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from . import languages as L

LANGUAGES = ("tr", "en", "de", "fr", "it", "es", "ru", "pl")


@dataclass(frozen=True, eq=False)
class Grammar:
    """Everything the citation parser needs to know about one language.

    Markers of every language are accepted in any manuscript (quotations and foreign
    styles mix); the language decides the few ambiguous cases: whether "S." is a page
    (German) or an issue (Turkish), and what "vd."/"s." after a number mean.
    """

    language: str
    ibid: tuple[str, ...]
    earlier: tuple[str, ...]
    same_author: tuple[str, ...]
    signals: tuple[str, ...]
    locator_labels: dict[str, str]
    volume_labels: tuple[str, ...]
    issue_labels: tuple[str, ...]
    following: tuple[str, ...]
    months: tuple[str, ...]
    editions: tuple[str, ...] = ()  # "Aufl.", "baskı": after an ordinal, an edition


def _merged(table: dict[str, list[str]], first: str) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for lang in (first, *LANGUAGES):
        for item in table.get(lang, []):
            seen.setdefault(item, None)
    return tuple(seen)


@lru_cache(maxsize=64)  # one per language (Grammar) or marker list: a handful
def grammar_for(language: str) -> Grammar:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    labels: dict[str, str] = {}
    for lang in (*[x for x in LANGUAGES if x != language], language):  # own language wins
        labels.update(L.LOCATOR_LABELS[lang])
    issue = set(_merged(L.ISSUE_LABELS, language))
    if language == "de":
        issue.discard("S.")
    else:
        labels.pop("S.", None)  # Turkish/other "S." is an issue number
    if language != "de":
        issue.discard("H.")
    if language == "tr":
        for lbl in ("f.", "ff.", "c.", "cc.", "n.", "nn."):
            labels.pop(lbl, None)
    following = set(_merged(L.FOLLOWING, language))
    if language not in ("fr", "es"):
        following.discard("s.")
    if language == "tr":
        following.discard("ss.")
    return Grammar(
        language=language,
        ibid=_merged(L.IBID, language),
        earlier=_merged(L.EARLIER, language),
        same_author=_merged(L.SAME_AUTHOR, language),
        signals=tuple(sorted(_merged(L.SIGNALS, language), key=len, reverse=True)),
        locator_labels=labels,
        volume_labels=_merged(L.VOLUME_LABELS, language),
        issue_labels=tuple(sorted(issue, key=len, reverse=True)),
        following=tuple(sorted(following, key=len, reverse=True)),
        months=_merged(L.MONTHS, language),
        editions=tuple(sorted(_merged(L.EDITION_WORDS, language), key=len, reverse=True)),
    )


def et_al_pattern() -> str:
    """languages.ET_AL as one regex alternation, longest first: "u.a." also matches "u. a.", "et al." also "et al"."""
    alternatives = []
    for phrase in sorted(L.ET_AL, key=len, reverse=True):
        words = [re.sub(r"\\.(?=.)", r"\\.\\s?", re.escape(w)) for w in phrase.split()]
        pattern = r"\s+".join(words)
        if len(words) > 1 and pattern.endswith(r"\."):
            pattern += "?"
        alternatives.append(pattern)
    return "|".join(alternatives)


def et_al_words() -> frozenset[str]:
    """Tokens that are an "et al." or its last word ("al.", "others"), lower case: never part of a name."""
    whole = {p.lower() for p in L.ET_AL}
    last = {p.split()[-1].lower() for p in L.ET_AL if " " in p and len(p.split()[-1].rstrip(".")) >= 2}
    return frozenset(whole | last)


_WORD = re.compile(r"[^\W\d_]+\.?|\S", re.UNICODE)
# The citation apparatus says more about a note's conventions than the words of the titles
# it cites (a German article cites English and Turkish books): each hit counts ten words.
_APPARATUS = {
    "tr": [r"\bs\.\s?\d", r"\bss\.\s?\d", r"\ba\.\s?g\.\s?[emt]\b", r"\ba\.\s?y(?:er)?\.", r"\b[Çç]ev\.", r"\b[Bb]kz\.",
           r"\bYayınları\b", r"\b[Hh]az\.", r"\bvd\.", r"\w - \w"],
    "en": [r"\bpp\.\s?\d", r"\bIbid\.", r"\btrans\.", r"\b[Ss]ee\b", r"\bed\. by\b", r"\bPress\b"],
    "de": [r"\bS\.\s?\d", r"\bEbd\.", r"\b[Vv]gl\.", r"\bHrsg\.", r"\bhier S\.", r"\bBd\.", r"\bwie Anm\.",
           r"\ba\.\s?a\.\s?O\."],
    "fr": [r"«", r"\bop\.\s?cit\b", r"\bart\.\s?cit\b", r"\bici p\.", r"\bt\.\s?[IVX]+\b", r"\b[Vv]oir\b", r"\béd\.",
           r"\bdir\.\)", r"\bsq\."],
    "it": [r"\bIvi\b", r"\bcit\.,\s?p", r"\ba cura di\b", r"\bsgg\."],
    "es": [r"\bIbíd\.", r"\bídem\b", r"\bob\.\s?cit\b", r"\bVéase\b", r"\bpág\."],
    "ru": [r"\bТам же\b", r"\bС\.\s?\d", r"\bУказ\. соч\."],
    "pl": [r"\bTamże\b", r"\bdz\.\s?cyt\.", r"\[w:\]", r"\bred\.\s", r"\btłum\.", r"\bzob\."],
}


@lru_cache(maxsize=1)
def _apparatus_patterns() -> dict[str, list[re.Pattern[str]]]:
    return {lang: [re.compile(p) for p in pats] for lang, pats in _APPARATUS.items()}


SAMPLE_CHARS = 100_000  # more notes than this much text say nothing new about their conventions


def detect_language(texts: list[str]) -> str:
    """Guess the language of the notes' citation conventions."""
    total = sum(map(len, texts))
    if total > SAMPLE_CHARS:
        # a book: every k-th note, spread over all chapters, so a translated chapter counts its share
        texts = texts[:: -(-total // SAMPLE_CHARS)]
    scores = dict.fromkeys(LANGUAGES, 0)
    # one pass over all notes at once; NUL between them, so no pattern matches across two notes
    text = "\0".join(texts)
    for lang, patterns in _apparatus_patterns().items():
        scores[lang] += 10 * sum(len(p.findall(text)) for p in patterns)
    languages_of: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        for word in set(L.STOPWORDS.get(lang, ())):
            languages_of.setdefault(word, []).append(lang)
    for token, count in Counter(_WORD.findall(text.lower())).items():
        for lang in languages_of.get(token, ()):
            scores[lang] += count
    return max(LANGUAGES, key=lambda lang: scores[lang])
