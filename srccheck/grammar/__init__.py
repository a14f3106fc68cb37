"""Language knowledge as data, and the few helpers that read it."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from . import languages as L

LANGUAGES = L.LANGUAGE_ORDER  # the order of data/common.toml


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


def _merged(table: dict[str, list[str]], first: str, kind: str | None = None) -> tuple[str, ...]:
    """A per-language table's words for a grammar of `first`: its own first, then every other language's, less
    what another language keeps to itself (only_here) and what `first` refuses."""
    seen: dict[str, None] = {}
    for lang in (first, *LANGUAGES):
        for item in table.get(lang, []):
            if kind is None or _admitted(item, kind, lang, first):
                seen.setdefault(item, None)
    return tuple(seen)


def _unspaced(markers: tuple[str, ...]) -> tuple[str, ...]:
    """The markers, and each written without one or more of the spaces after its full stops: extractors that place
    characters by position drop narrow spaces ("a.a. O.", "op.cit." for "a. a. O.", "op. cit.")."""
    out: dict[str, None] = dict.fromkeys(markers)
    for marker in markers:
        gaps = [m.start() for m in re.finditer(r"\. ", marker)][:3]
        for mask in range(1, 2 ** len(gaps)):
            variant = marker
            for bit, at in reversed(list(enumerate(gaps))):
                if mask >> bit & 1:
                    variant = variant[:at + 1] + variant[at + 2:]
            out.setdefault(variant, None)
    return tuple(out)


def _admitted(item: str, kind: str, source: str, language: str) -> bool:
    if item in L.REFUSED[language].get(kind, ()):
        return False
    return source == language or item not in L.ONLY_HERE[source].get(kind, ())


@lru_cache(maxsize=64)  # one per language (Grammar) or marker list: a handful
def grammar_for(language: str) -> Grammar:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    labels: dict[str, str] = {}
    for lang in (*[x for x in LANGUAGES if x != language], language):  # own language wins
        labels.update({k: v for k, v in L.LOCATOR_LABELS[lang].items() if _admitted(k, "labels", lang, language)})
    issue = _merged(L.ISSUE_LABELS, language, "issue")
    following = _merged(L.FOLLOWING, language, "following")
    return Grammar(
        language=language,
        ibid=_unspaced(_merged(L.IBID, language)),
        earlier=_unspaced(_merged(L.EARLIER, language)),
        same_author=_unspaced(_merged(L.SAME_AUTHOR, language)),
        signals=tuple(sorted(_merged(L.SIGNALS, language), key=len, reverse=True)),
        locator_labels=labels,
        volume_labels=_merged(L.VOLUME_LABELS, language),
        issue_labels=tuple(sorted(issue, key=len, reverse=True)),
        following=tuple(sorted(following, key=len, reverse=True)),
        months=_merged(L.MONTHS, language),
        editions=tuple(sorted(_merged(L.EDITION_WORDS, language), key=len, reverse=True)),
    )


def alternation(items: "list[str] | tuple[str, ...]", patterns: bool = False) -> str:
    """A grammar table as one regular-expression group. Words are matched as written, longest first, a space
    standing for any run of spaces; patterns (the tables the schema calls so) are taken as they are."""
    if patterns:
        return "(?:" + "|".join(items) + ")"
    words = sorted(dict.fromkeys(items), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(re.escape(part) for part in w.split(" ")) for w in words) + ")"


def upper_first(word: str) -> str:
    """The word with a capital first letter; a word with letters beyond ASCII may be Turkish, whose i is İ."""
    if word[:1] == "i" and not word.isascii():
        return "İ" + word[1:]
    return word[:1].upper() + word[1:]


def conjunctions(letters_only: bool = False) -> str:
    """The conjunctions joining co-authors, as a group; letters_only leaves out "&"."""
    return alternation([w for w in L.AND if w.isalpha() or not letters_only])


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


@lru_cache(maxsize=1)
def _apparatus_patterns() -> dict[str, list[re.Pattern[str]]]:
    return {lang: [re.compile(p) for p in pats] for lang, pats in L.APPARATUS.items()}


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
