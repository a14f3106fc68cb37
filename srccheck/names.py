"""Personal names as written in notes: "Mehmet Gönlübol- Cem Sar", "S.R. Sonyel", "Smith and Jones"."""

from __future__ import annotations

import re
from functools import lru_cache

from .grammar import alternation, et_al_pattern, et_al_words
from .grammar import languages as L
from .latex import brace_depths, one_braced_group
from .model import Name

PARTICLES = frozenset(L.PARTICLES)
CONJUNCTIONS = frozenset(L.AND) | frozenset(L.WITH)  # and Turkish "ile" (with): "Gönlübol ile Sar"
ET_AL = et_al_words()
_PARTICLE_PREFIX = re.compile(r"^" + alternation(L.HYPHEN_PARTICLES) + r"[-’'][^\W\d_]")
_INITIAL = re.compile(r"^(?:[^\W\d_]{1,2}\.){1,3}-?$|^[^\W\d_]\.?-[^\W\d_]\.$")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
_CAPITALISED = re.compile(r"^[^\W\d_][\w’'.-]*$")
# A co-author joiner: a dash with a space on at least one side, or a conjunction.
# (?<!\s): a joiner starts where a run of spaces starts; trying every position inside a long
# run made split() quadratic (a line of spaces took minutes), and finds nothing more.
_JOIN = re.compile(r"(?<!\s)(?:\s+[-–—]\s*|\s*[-–—]\s+|\s+" + alternation([*L.AND, *L.WITH]) + r"\s+|\s*/\s*)")
_PARENS = re.compile(r"\([^()]*\)")


_LONGEST_NAME = 24  # letters of one name without a hyphen; longer, it is words run together


def is_initial(token: str) -> bool:
    return bool(_INITIAL.match(token))


@lru_cache(maxsize=1 << 14)
def _is_name_token(token: str) -> bool:
    if is_initial(token):
        return True
    if token.lower() in PARTICLES or _PARTICLE_PREFIX.match(token):
        return True  # "de", "van"; "al-Hassan", "el-Hakim", "d’Alembert"
    if not _CAPITALISED.match(token) or not token[0].isupper():
        return False
    if len(token) > _LONGEST_NAME and "-" not in token:
        return False  # "Thisparagraphfollowstheorder…": prose whose spaces an extractor dropped, not a surname
    if _ROMAN.match(token) and len(token) > 1:
        return False
    # Turkish case suffixes after an apostrophe ("Atatürk’ün") mark a common noun phrase, not a name;
    # "O’Brien" and "D’Alembert" keep a capital after it.
    quote = re.search(r"[’'](\w)", token)
    if quote and quote.group(1).islower():
        return False
    return True


# (?<!\s) as in _JOIN: start only where a run of spaces starts (else quadratic on long space runs)
_ET_AL_TEXT = re.compile(r"(?<!\s)\s*(?:,\s*)?\b(?:" + et_al_pattern() + r")\s*$", re.IGNORECASE)


@lru_cache(maxsize=1 << 14)
def looks_like_names(text: str) -> bool:
    """Is this comma-part a list of personal names (the author slot)? Cached: a book names the same authors often."""
    text = _ET_AL_TEXT.sub("", _PARENS.sub(" ", text)).strip()
    if not text or len(text) > 90:
        return False
    pieces = [p for p in _JOIN.split(text) if p.strip()]
    if not pieces or len(pieces) > 6:
        return False
    for piece in pieces:
        tokens = [t for t in re.split(r"\s+", piece.strip()) if t]
        tokens = [t for t in tokens if t.lower() not in ET_AL]
        if not tokens or len(tokens) > 5:
            return False
        if not all(_is_name_token(t) for t in tokens):
            return False
        if all(is_initial(t) or t.lower() in PARTICLES for t in tokens):
            return False
    return True


def parse_names(text: str) -> tuple[Name, ...]:
    text = _ET_AL_TEXT.sub("", _PARENS.sub(" ", text))
    names = []
    for piece in _JOIN.split(text):
        tokens = [t for t in piece.split() if t.lower() not in ET_AL]
        if not tokens:
            continue
        names.append(_split_name(tokens))
    return tuple(names)



def _split_name(tokens: list[str], capitals: bool = True) -> Name:
    # "MOREL Claire", "Kemal AYDOĞDU": in a note, a surname set in capitals among given names in lower case is the
    # family, wherever it stands (French, Spanish and Turkish notes put it first or last). Not in a .bib, where
    # "First Last" has its own rule and capitals are initials ("Volker RW Schaa").
    caps = [i for i, t in enumerate(tokens) if _is_capitals(t)] if capitals else []
    if caps and len(caps) < len(tokens) and caps == list(range(caps[0], caps[-1] + 1)):
        rest = tokens[: caps[0]] + tokens[caps[-1] + 1:]
        if all(t[:1].isupper() and not _is_capitals(t) for t in rest):
            return Name(" ".join(tokens[caps[0]: caps[-1] + 1]), " ".join(rest))
    # "Given von Family": the family name starts at a lower-case particle, else it is the last token.
    for i, token in enumerate(tokens[:-1]):
        if i > 0 and token.lower() in PARTICLES and token[0].islower():
            return Name(" ".join(tokens[i:]), " ".join(tokens[:i]))
    # "Меликов А. З.", "Smith J. A." (GOST, Vancouver with stops): a surname, then only initials with their stops
    if len(tokens) > 1 and not is_initial(tokens[0]) and all(is_initial(t) and t.endswith(".") for t in tokens[1:]):
        return Name(tokens[0], " ".join(tokens[1:]))
    # Initials glued to the surname: "A.Ş.Tahirzade"
    last = tokens[-1]
    glued = re.match(r"^((?:[^\W\d_]\.)+)([^\W\d_].+)$", last)
    if glued and len(tokens) == 1:
        return Name(glued.group(2), glued.group(1))
    return Name(last, " ".join(tokens[:-1]))


def _is_capitals(token: str) -> bool:
    bare = token.strip(".,")
    return len(bare) >= 3 and bare.isupper() and bare.isalpha() and not _ROMAN.match(bare)


def parse_bib_names(value: str) -> tuple[Name, ...]:
    """BibTeX "Last, First and First Last and {Institution}" into Names."""
    names = []
    for raw in _split_and(value):
        raw = raw.strip()
        if not raw:
            continue
        if raw.lower() in {"others", "et al."}:
            continue
        if raw.startswith("{") and raw.endswith("}") and _balanced_outer(raw):
            names.append(Name(raw[1:-1].strip()))
            continue
        if "," in raw:
            family, _, given = raw.partition(",")
            given = given.split(",")[-1]  # "Last, Jr, First"
            names.append(Name(family.strip(), given.strip()))
        else:
            names.append(_split_name(raw.split(), capitals=False))
    return tuple(names)


def _balanced_outer(raw: str) -> bool:
    """Is the whole string one braced group ("{World Bank}", not "{\\c{S}}en, Ali")?"""
    return one_braced_group(raw)


_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def _split_and(value: str) -> list[str]:
    value = " ".join(value.split())  # "Ni, Chaoying and\n  Büyükgüngör, Orhan": a line break is a space
    lower = value.lower()
    if " and " not in lower:
        return [value]
    if "{" not in value and "}" not in value:
        return _AND.split(value)  # no braces to protect an "and" inside a name
    depths = brace_depths(value)
    parts, start = [], 0
    i = lower.find(" and ")
    while i >= 0:
        if depths[i] == 0:
            parts.append(value[start:i])
            start = i + 5
        i = lower.find(" and ", max(i + 1, start))
    parts.append(value[start:])
    return parts
