"""Split a note into citations and read each citation's fields.

A note may hold several citations (";", or a sentence boundary where one citation
ends with its locator and the next begins with an author), discursive sentences
and signal words ("bkz.", "see", "vgl."). Parsing is deliberately forgiving: the
resolver matches on what it finds, so a field we cannot place is simply left out.
"""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, replace

from . import names as N
from .grammar import Grammar
from .grammar import languages as L
from .locator import split_locator
from .model import Citation, Kind, Locator, MarkerRole, Note
from .normalize import collapse_spaces, fold
from .numbers import parse_int

OPEN_QUOTES = {"“": "”", "«": "»", "„": "“", '"': '"', "‘": "’", "‹": "›", "「": "」"}
_CLOSERS = {"”", "»", "“", '"', "’", "›", "」"}
# Invisible separator: "this part is a title". The resolver puts it before a title it has found in a note
# (and _read_parts before an edited volume's title), so the parser neither splits nor reads fields inside.
TITLE_MARK = "\u2063"
TITLE_END = "\u2064"  # ends a title the resolver masked: what follows in the same part is read as fields
_OPENS = frozenset(OPEN_QUOTES) | {TITLE_MARK}  # what may open a citation like a quote does

_COMMON_ABBREVIATIONS = {
    "dr", "prof", "doç", "yrd", "mr", "mrs", "ms", "st", "jr", "sr", "hz", "vb", "vs", "yy", "jh", "hrsg", "ed", "eds",
    "bd", "no", "nr", "vol", "vols", "ltd", "inc", "co", "univ", "yay", "ens", "enst", "fak", "cem", "der", "trans",
    "çev", "haz", "nşr", "thk", "sad", "trc", "bkz", "bk", "krş", "vgl", "cf", "cfr", "comp", "dir", "éd", "übers",
    "hg", "ders", "dies", "ibid", "ebd", "op", "cit", "loc", "art", "id", "ib", "ff", "sq", "sqq", "sgg", "vd",
    "vdd", "al", "etc", "ca", "c", "fig", "ch", "chap", "sec", "pt", "ser", "n", "nn", "pp", "p", "s", "ss", "S",
    "sy", "t", "sp", "col", "fol", "fols", "bl", "anm", "repr", "rev", "ibíd", "íd", "pág", "págs", "núm", "vid",
    "ed", "gen", "gn", "kur", "orn", "ör", "bşk", "müd", "mah", "cad", "sok", "apt", "yayl", "yay", "basım",
    "red", "tłum", "oprac", "wyd", "cyt", "dz", "zob", "por", "nr", "trad", "coord", "cur", "ord", "hrsg", "bearb",
    "coll", "suppl", "ser", "ns", "repr", "rééd", "éd",
    # journal titles abbreviated word by word (ISO 4): "J. Amer. Math. Soc.", "Phys. Rev. Lett."
    "amer", "math", "soc", "phys", "rev", "lett", "chem", "proc", "trans", "bull", "acad", "sci", "natl", "int",
    "quart", "hist", "stud", "philos", "anthropol", "sociol", "polit", "econ", "educ", "med", "biol", "geogr",
}


@dataclass(frozen=True)
class Fragment:
    offset: int
    text: str


def _low(text: str) -> str:
    """Lower case for matching markers: "İbid." (citeproc capitalises Turkish items so) is "ibid."."""
    return text.replace("İ", "i").replace("I", "i").lower()


@lru_cache(maxsize=None)
def _marker_set(grammar: Grammar) -> list[str]:
    return sorted(set(grammar.ibid) | set(grammar.earlier) | set(grammar.same_author), key=len, reverse=True)


@lru_cache(maxsize=None)
def _lowered(markers: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_low(m) for m in markers)


_OPENER = re.compile("[" + re.escape("".join(OPEN_QUOTES)) + "]")


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of quoted stretches; an apostrophe inside a word is not a quote."""
    spans = []
    i = 0
    while i < len(text):
        jump = _OPENER.search(text, i)  # skip straight to the next opening quote
        if jump is None:
            break
        i = jump.start()
        ch = text[i]
        if ch in OPEN_QUOTES and (ch not in "‘\"" or i == 0 or not text[i - 1].isalnum()):
            closer = OPEN_QUOTES[ch]
            # look for the closer only within 400 characters (longer is no quote): searching to the
            # end from every opening quote made a note full of quotes quadratic
            j = text.find(closer, i + 1, i + 400)
            while j != -1 and closer == "’" and j + 1 < len(text) and text[j + 1].isalpha():
                j = text.find(closer, j + 1, i + 400)
            if j != -1:
                spans.append((i, j))
                i = j + 1
                continue
        i += 1
    return spans


def _depth_map(text: str) -> list[bool]:
    """True where a character sits inside parentheses, brackets or quotes."""
    inside = [False] * len(text)
    for start, end in _quote_spans(text):
        for k in range(start + 1, end):
            inside[k] = True
    if "(" not in text and "[" not in text:
        return inside  # most notes: nothing to count
    depth = 0
    for k, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]" and depth:
            depth -= 1
        if depth:
            inside[k] = True
    return inside


def split_parts(text: str, sep: str = ",") -> list[str]:
    if sep not in text:
        return [text.strip()]
    inside = _depth_map(text)
    parts, start = [], 0
    k = text.find(sep)
    while k != -1:  # from separator to separator: most characters are not one
        if not inside[k]:
            parts.append(text[start:k])
            start = k + 1
        k = text.find(sep, k + 1)
    parts.append(text[start:])
    return [p.strip() for p in parts]


_TOKEN_BEFORE = re.compile(r"(\S+)$")
# after a ";": a place (a few capitalised words) then another place or the publisher ("; London: Greenwood")
_PLACE_AFTER = re.compile(r"\s*[A-ZÀ-ÞĀ-ſ][\w.’'-]*(?:\s[A-ZÀ-ÞĀ-ſ][\w.’'-]*){0,2}\s*(?:;|:\s|,?\s(?:1[5-9]|20)[0-9]{2}\b)")
# German author lists with ";": "Hagen, Hans; Hoekwater, Taco; …: Titel" — an inverted name before and after
_INVERTED_NAME = re.compile(r"[A-ZÀ-ÞĀ-ſ][\w’'-]+(?:[ -][A-ZÀ-ÞĀ-ſ][\w’'-]+)?,\s+(?:[A-ZÀ-ÞĀ-ſ][\w’'.-]*\s?){1,4}")
_ROLE_IN_BRACKETS = r"(?:\((?:Hg|Hrsg|ed|eds|éd|éds|dir|coord|red)\.?\)\s*)?"
_INVERTED_NAME_AFTER = re.compile(r"\s*[A-ZÀ-ÞĀ-ſ][\w’'-]+(?:[ -][A-ZÀ-ÞĀ-ſ][\w’'-]+)?,\s+(?:[A-ZÀ-ÞĀ-ſ][\w’'.-]*\s?){1,4}\s*"
                                  + _ROLE_IN_BRACKETS + r"[;:]")
# the piece before the ";" ends with an inverted name that opens the citation, an author list or a container
_ENDS_WITH_INVERTED_NAME = re.compile(r"(?:^|;\s*|\b[Ii]n:\s*|^\s*\S+(?:\s\S+)?\s+)" + _INVERTED_NAME.pattern + r"\s*$")
_CUT_CANDIDATE = re.compile(r";|\.(?= )")
_WINDOW = 400  # how far split_note looks before and after a full stop
_MAX_PIECE = 2000  # characters: no single citation is longer


def capital_after(rest: str) -> bool:
    nxt = rest.lstrip()[:1]
    return bool(nxt) and (nxt.isupper() or nxt in _OPENS)


_ROMAN = re.compile(r"^[IVXLCDM]{1,4}$")


def _is_abbreviation(token: str, grammar: Grammar) -> bool:
    """Does the word before a full stop end an abbreviation rather than a sentence?"""
    bare = token.rstrip(".").lstrip("([“\"'‘")
    if not bare:
        return True
    if len(bare) == 1 and bare.isalpha():
        return True  # initial, or s./p./C.
    if re.fullmatch(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}", bare):
        return True  # S.R, H.Ü, a.g.e
    if _ROMAN.match(bare):
        return True  # "IV. Uluslararası"
    if bare.isupper() and len(bare) <= 5:
        return True  # archive codes: "HR. İM.", "A. VRK."
    if bare.lower() in _COMMON_ABBREVIATIONS or bare in _COMMON_ABBREVIATIONS:
        return True
    return (bare + ".") in grammar.locator_labels or (bare + ".") in grammar.volume_labels


def _starts_citation(rest: str, grammar: Grammar, markers: list[str]) -> bool:
    """Could a new citation begin here (an author, a marker, a signal word or a quote)?"""
    head = rest.lstrip()
    if not head:
        return False
    if head[0] in _OPENS:
        return True
    low = _low(head)
    words = (*markers, *grammar.signals)
    for word, lowered in zip(words, _lowered_list(words)):
        if low.startswith(lowered) and (len(head) == len(word) or not head[len(word)].isalnum()):
            return True
    first = split_parts(head[:120])[0]
    return N.looks_like_names(first)


def split_note(text: str, grammar: Grammar) -> list[Fragment]:
    """Cut a note into candidate citations (and discursive sentences)."""
    inside = _depth_map(text)
    markers = _marker_set(grammar)
    cuts: list[tuple[int, int]] = []  # (end of piece, start of next)
    n = len(text)
    for candidate in _CUT_CANDIDATE.finditer(text):  # only a ";" or a ". " can end a piece
        k = candidate.start()
        ch = text[k]
        if inside[k]:
            continue
        if ch == ";":
            piece = text[(cuts[-1][1] if cuts else 0):k]
            if _PLACE_AFTER.match(text, k + 1) and _ends_with_place(piece, grammar):
                continue  # "Westport, Conn.; London: Greenwood 2000": places of one imprint, not two citations
            if _INVERTED_NAME_AFTER.match(text, k + 1) and _ENDS_WITH_INVERTED_NAME.search(piece):
                continue  # "Hagen, Hans; Hoekwater, Taco; Schaa, Volker: Titel": one citation's authors
            cuts.append((k, k + 1))
        elif ch == "." and k + 1 < n and text[k + 1] == " ":
            # windows, not the whole text before and after: these checks ran at every full stop
            # and made a long note quadratic (a 20,000-character note took minutes)
            before = _TOKEN_BEFORE.search(text, max(0, k + 1 - _WINDOW), k + 1)
            token = before.group(1) if before else ""
            rest = text[k + 1 : k + 1 + _WINDOW]
            if k - (cuts[-1][1] if cuts else 0) > _MAX_PIECE:
                if capital_after(rest):
                    cuts.append((k + 1, k + 1))  # no citation runs this long: a sentence end cuts
                continue
            nxt = rest.lstrip()[:1]
            capital = bool(nxt) and (nxt.isupper() or nxt in _OPENS)
            piece = text[(cuts[-1][1] if cuts else 0) : k]
            if re.search(r"\d[a-b]?\.$", token):
                if _edition_follows(rest, grammar):
                    pass  # "2. Aufl.", "3. baskı": an edition, inside the citation
                elif _ordinal_in_phrase(text, k, grammar):
                    pass  # "Aleppo im 17. Jahrhundert", "am 3. Mai": an ordinal inside a title or a date
                elif _plain_number_after_comma(piece):
                    # "…, 45. Smith, …" (a page) or "…, 100. Yılında …" (an ordinal in a title):
                    # Turkish writes ordinals this way, so only a clear new citation cuts there
                    if (grammar.language != "tr" and _starts_citation(rest, grammar, markers)) or _discursive(rest):
                        cuts.append((k + 1, k + 1))
                elif capital or _starts_citation(rest, grammar, markers):
                    cuts.append((k + 1, k + 1))  # after "s. 45." / "12/4." / "45-47."
            elif _locator_follows(rest, grammar):
                pass  # "Там же. С. 45.", "Ibid. p. 4": the locator belongs to what precedes
            elif _role_qualifier(text, k):
                pass  # "trad. fr. Ayşe Gül Ertuğrul": the language of a translation, then the translator
            elif len(token) > 2 and _ROMAN.match(token.rstrip(".")) and capital and _discursive(rest):
                cuts.append((k + 1, k + 1))  # "…, III. The author relies on…": a volume, then the author's prose
            elif not _is_abbreviation(token, grammar) or _is_marker(token, markers):
                if capital and _is_sentence_start(rest) and not _names_before_title(piece, rest, grammar) and (
                    _discursive(rest) or _prose(piece) or _is_marker(token, markers) or _complete(piece, grammar)
                    or (_starts_citation(rest, grammar, markers) and not _unfinished_citation(piece, grammar))
                ):
                    cuts.append((k + 1, k + 1))
    fragments = []
    start = 0
    for end, nxt in cuts:
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            fragments.append(Fragment(start + lead, piece.strip()))
        start = nxt
    piece = text[start:]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        fragments.append(Fragment(start + lead, piece.strip()))
    return fragments


_ROLE_QUALIFIER = re.compile(r"\b(?i:trad|trans|transl|übers|çev|tr)\.\s+([^\W\d_]{1,6})\.$")


_LANGUAGE_QUALIFIER = re.compile(r"^[a-zà-ÿçğıöşü]{1,6}\.\s+(?=\S)")


def _role_qualifier(text: str, k: int) -> bool:
    """Whether the full stop at k ends a lower-case qualifier of a translator role ("trad. fr.", "trans. it."),
    not a name ("trans. Smith.") after which a new citation may start."""
    m = _ROLE_QUALIFIER.search(text, max(0, k + 1 - 24), k + 1)
    return bool(m) and m.group(1).islower()


_ORDINAL = re.compile(r"^[0-9]{1,2}(?:\.|st|nd|rd|th|e|er|re|ème|ª)?\s*")


def _is_edition(part: str, grammar: Grammar) -> bool:
    """"2. Aufl.", "3rd ed.", "2. erw. Aufl.", "4. baskı": an edition statement, not a title, place or page."""
    m = _ORDINAL.match(part)
    if not m or m.end() == 0 or len(part.split()) > 4:
        return False
    rest = part[m.end():]
    return any(e in rest.split() or rest.startswith(e) for e in grammar.editions)


_WORD_THEN_NUMBER = re.compile(r"(?:^|\s)([^\W\d_]+)\s+[0-9]{1,3}$")


def _ordinal_in_phrase(text: str, k: int, grammar: Grammar) -> bool:
    """Whether the number ending at the full stop k follows a lower-case word ("im 17.", "am 3.", "the 2."):
    an ordinal in running words, not a page (pages follow a comma, a colon or a label)."""
    m = _WORD_THEN_NUMBER.search(text, max(0, k - 40), k)
    if not m or not m.group(1).islower():
        return False
    word = m.group(1)
    return word not in grammar.locator_labels and word + "." not in grammar.locator_labels and \
        word not in ("hier", "at", "ici", "qui", "see", "bkz", "vgl", "voir", "cf", "passim")


def _ends_with_place(piece: str, grammar: Grammar) -> bool:
    """Whether the text before a ";" ends with a place of publication ("…, Westport, Conn.", "…, München"): a
    short capitalised last part, not a title in quotes, not a finished citation."""
    if _complete(piece, grammar):
        return False
    last = split_parts(piece)[-1].strip()
    return bool(last) and ":" not in last and last[-1:] not in _CLOSERS and _short_name(last.rstrip("."))


def _edition_follows(rest: str, grammar: Grammar) -> bool:
    word = rest.lstrip()
    return any(word.startswith(e) and (len(word) == len(e) or not word[len(e)].isalnum()) for e in grammar.editions)


def _locator_follows(rest: str, grammar: Grammar) -> bool:
    m = re.match(r"\s*(\S+)\s*\d", rest)
    return bool(m) and (m.group(1) in grammar.locator_labels or m.group(1).lower() in grammar.locator_labels)


def _discursive(rest: str) -> bool:
    """A sentence of prose ("This view has not gone unchallenged."): several small lower-case words."""
    clause = re.split(r"[,(;:\d]", rest.lstrip(), maxsplit=1)[0]
    words = re.findall(r"[^\W\d_]+(?!\.)", clause)[:8]
    if len(words) < 3 or not words[0][:1].isupper():
        return False
    return sum(1 for w in words[1:] if w.islower() and len(w) >= 2) >= 2


def _prose(piece: str) -> bool:
    """A sentence rather than a citation: many small lower-case words."""
    for start, end in reversed(_quote_spans(piece)):
        piece = piece[:start] + piece[end + 1 :]  # a quoted title is not the author's prose
    words = re.findall(r"[^\W\d_]+", piece)
    if len(words) < 4:
        return False
    return sum(1 for w in words if w.islower() and len(w) >= 2) >= 0.4 * len(words)


def _complete(piece: str, grammar: Grammar) -> bool:
    """Does the text before a full stop end like a whole citation (a locator, a year, an imprint)?"""
    piece = piece.strip()
    if split_locator(piece, grammar)[1] is not None:
        return True
    last = split_parts(piece)[-1]
    return bool(_year_part(last, grammar)) or bool(_PUB_BLOCK.search(piece))


def _plain_number_after_comma(piece: str) -> bool:
    return bool(re.search(r"(?:^|[,:]\s*)\d{1,4}$", piece.rstrip()))


def _unfinished_citation(piece: str, grammar: Grammar) -> bool:
    """"Walter Schönfeld, Die Bagdadbahn" before ". Eisenbahnbau…": a title and its subtitle, not two sentences."""
    piece = _strip_signal(piece.strip(), grammar)
    parts = split_parts(piece)
    if len(parts) < 2 or not N.looks_like_names(parts[0]):
        return False
    head, locator = split_locator(piece, grammar)
    if locator is not None or _YEAR.search(parts[-1]):
        return False
    return not any(_is_marker(p, _marker_set(grammar)) for p in parts)


def _names_before_title(piece: str, rest: str, grammar: Grammar) -> bool:
    """"D. Maus and B. Baker. “DVILASER/PS…”. In: TUGboat…" (biblatex's verbose styles): names alone, then a title in
    quotes, are one citation's author and title, not an author-only citation and another one."""
    head = rest.lstrip()
    if not N.looks_like_names(_strip_signal(piece.strip(), grammar)):
        return False
    if head[:1] in _OPENS:
        return True
    # "David R. Ellison ve Peter Marsh. The Straits Question…" (a title not in quotes): the next piece is no names
    return head[:1].isupper() and not N.looks_like_names(split_parts(head[:120])[0]) and not _discursive(head)


def _is_marker(token: str, markers: list[str]) -> bool:
    return _low(token).strip("(),") in _lowered(tuple(markers))


def _is_sentence_start(rest: str) -> bool:
    word = rest.lstrip().split(" ", 1)[0]
    return not word.isupper() or len(word) > 1 or word.endswith(".")


# ---------------------------------------------------------------------------------------------
# Fields


_DATE_RANGE = re.compile(r"\d{3,4}\s*[-–/]\s*\d{2,4}")
_YEAR = re.compile(r"(?<!\d)(1[4-9]\d\d|20\d\d)(?!\d)")
_PUB_BLOCK = re.compile(r"\(([^()]*?(?:1[4-9]\d\d|20\d\d|n\.d\.|t\.y\.|ts\.)[^()]*)\)\s*$")
_LEADING_IN = re.compile(r"^(?:in:?|In:?|içinde:?|dans|dans:|en:?|im:?)\s+", re.UNICODE)
_ROLE_PART = re.compile(r"^\(?\s*(" + "|".join(re.escape(r) for r in sorted(
    {r for rs in L.ROLES.values() for r in rs}, key=len, reverse=True)) + r")\s*(.*?)\)?$", re.IGNORECASE)
_PUBLISHER_WORDS = {fold(w) for w in L.PUBLISHER_WORDS}
_TRAILING_PARENS = re.compile(r"\s*\([^()]*\)\s*$")
_ROLE_SUFFIX = re.compile(
    r"\s*\((?:ed|eds|Hrsg|hrsg|haz|Haz|éd|éds|dir|coord|comp|a cura di|red|ed\. by|trans|çev|Çev|tłum)\.?\)\s*:?$"
)
_BARE_ROLE = re.compile(r"^\(?(?:ed|eds|Hrsg|hrsg|haz|éd|éds|dir|coord|comp|a cura di|red)\.?\)?:?$", re.IGNORECASE)
_GENRE = re.compile(r"\b(?:tezi|thesis|diss\.|dissertation|doktorarbeit|thèse|mémoire|tesi|tesis|doktora|yüksek lisans|"
                    r"doctoral|phd|ph\.d\.|praca doktorska)\b", re.IGNORECASE)


_CONJUNCTION = re.compile(
    r"^(?:and|ve|und|et|e|y|i|oraz|a także|ayrıca|also|auch|aussi|sowie|ferner|außerdem|zudem|ainsi que|de même|"
    r"as well as|anche|inoltre|además|también)\s+(?=\S)",
    re.IGNORECASE,
)


def _strip_conjunction(text: str) -> str:
    return _CONJUNCTION.sub("", text, count=1)


@lru_cache(maxsize=None)
def _inner_signals(grammar: Grammar) -> re.Pattern[str]:
    """All signal words at once, longest first (one pass over the note, not one per word)."""
    words = [s.lower() for s in grammar.signals
             if not (len(s) < 2 or not s.endswith((".", " ")) and s.isalpha() and len(s) < 3)]
    alternation = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return re.compile(r"(?<=[\s,;:(])(?:" + alternation + r")(?=[\s,])")


def _after_inner_signal(text: str, grammar: Grammar) -> str:
    """"On the disputes, see Gérard, …" -> "Gérard, …": discursive text before a signal word goes."""
    low = text.lower()
    quoted = _quote_spans(text)
    best = -1
    for m in _inner_signals(grammar).finditer(low):
        if any(s <= m.start() <= e for s, e in quoted):
            continue
        rest = text[m.end() : m.end() + 40].lstrip(" ,:")  # only its first letter counts (copying the rest was quadratic)
        if rest[:1].isupper() or rest[:1] in OPEN_QUOTES or _leading_marker(rest, grammar, _marker_set(grammar)):
            best = max(best, m.end())  # "…, see Gérard", "Benzer bir değerlendirme için bkz. a.g.e., s. 101"
    if best < 0:
        return text
    return text[best:].lstrip(" ,:")


@lru_cache(maxsize=None)
def _lowered_list(words: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_low(w) for w in words)


def _strip_signal(text: str, grammar: Grammar) -> str:
    changed = True
    while changed:
        changed = False
        low = _low(text)
        signals = _lowered_list(tuple(grammar.signals))
        if not low.startswith(signals):  # one C call rules out nearly every citation
            break
        for s in signals:
            if low.startswith(s) and (len(text) == len(s) or not text[len(s)].isalnum()):
                text = text[len(s):].lstrip(" ,:")
                changed = True
                break
    return text


def _leading_marker(text: str, grammar: Grammar, markers: list[str]) -> str | None:
    low = _low(text)
    lowered = _lowered_list(tuple(markers))
    if not low.startswith(lowered):
        return None
    for m, ml in zip(markers, lowered):
        if low.startswith(ml) and (len(text) == len(ml) or not text[len(ml)].isalnum()):
            rest = text[len(ml):]
            if "." not in m and re.match(r"\s+[^\W\d_]", rest):
                continue  # "age", "ay" without dots are words too ("Age of Empires"): a marker only before , . ;
            return text[: len(m)]
    return None


def _marker_role(marker: str, grammar: Grammar, has_author: bool) -> MarkerRole:
    low = marker.lower()
    if low in {m.lower() for m in grammar.same_author} and not has_author:
        # "id." is ambiguous (idem / ibid.); at the start of a citation followed by a title it means idem
        return MarkerRole.SAME_AUTHOR
    if has_author:
        return MarkerRole.EARLIER
    return MarkerRole.IBID


def _unquote(part: str) -> tuple[str | None, str]:
    """('Article title', 'rest') if the part starts with a quoted title."""
    if not part or part[0] not in OPEN_QUOTES:
        return None, part
    closer = OPEN_QUOTES[part[0]]
    end = part.find(closer, 1)
    while closer == "’" and end != -1 and end + 1 < len(part) and part[end + 1].isalpha():
        end = part.find(closer, end + 1)
    if end == -1:
        return part[1:].strip(), ""
    return part[1:end].strip(" ,."), part[end + 1 :].strip(" ,.")


def _is_publisher(part: str) -> bool:
    words = set(fold(part).split())
    return bool(words & _PUBLISHER_WORDS)


def _issue(part: str, grammar: Grammar) -> str | None:
    if not part.startswith(tuple(grammar.issue_labels)):
        return None
    for label in grammar.issue_labels:
        if part.startswith(label):
            rest = part[len(label):].strip(" :")
            if re.match(r"^\d+[\w/-]*$", rest):
                return rest
    return None


def _volume(part: str, grammar: Grammar) -> str | None:
    if _ROMAN.match(part) and part not in {"C", "D", "L", "M"}:
        return part
    if not part.startswith(tuple(grammar.volume_labels)):
        return None
    for label in grammar.volume_labels:
        if part.startswith(label):
            rest = part[len(label):].strip(" :")
            if re.match(r"^(?:[IVXLCDM]+|\d+)$", rest):
                return rest
    return None


def _year_part(part: str, grammar: Grammar) -> tuple[list[int], str | None] | None:
    """'2008' -> ([2008], None); 'Berlin 1999' -> ([1999], 'Berlin'); 'Kasım 1988' -> ([1988], None)."""
    if len(part) > 200:
        return None  # a year part is short; on long runs of spaces or "(" the patterns here are quadratic
    m = re.fullmatch(r"(.*?)[\s(]*(1[4-9]\d\d|20\d\d)\)?\.?", part)
    if not m:
        return None
    if re.search(r"[\d\-–—/]\s*$", m.group(1)):
        return None  # "1905-1920": a date range in a title
    before = m.group(1).strip(" ,(")
    if before.lower() in grammar.months or not before:
        return [int(m.group(2))], None
    if len(before.split()) <= 3 and before[:1].isupper() and not _is_publisher(before):
        return [int(m.group(2))], before
    return None


def _pub_block(text: str) -> tuple[str, dict[str, object]]:
    """'Title (New York: Penguin, 2001)' -> ('Title', place/publisher/year)."""
    m = _PUB_BLOCK.search(text)
    if not m:
        return text, {}
    inner = m.group(1)
    if _DATE_RANGE.fullmatch(inner.strip()):
        return text, {}  # "(1919-1995)" belongs to the title
    info: dict[str, object] = {"years": [int(y) for y in _YEAR.findall(_DATE_RANGE.sub(" ", inner))]}
    imprint = _YEAR.sub("", inner).strip(" ,;")
    if ":" in imprint:
        place, _, publisher = imprint.partition(":")
        info["place"] = place.strip(" ,") or None
        info["publisher"] = publisher.strip(" ,") or None
    elif imprint and _is_publisher(imprint):
        info["publisher"] = imprint.strip(" ,")
    return text[: m.start()].strip(" ,"), info


@dataclass
class _Fields:
    authors: tuple = ()
    title: str | None = None
    container: str | None = None
    publisher: str | None = None
    place: str | None = None
    volume: str | None = None
    issue: str | None = None
    translator: str | None = None
    years: list[int] | None = None
    author_year: bool = False  # "Nietzel 2009": a short form of author-year styles


def _split_masked(part: str) -> list[str]:
    """"<masked title><TITLE_END> (Berlin 1999)" -> the title, then the rest as a part of its own."""
    if not part.startswith(TITLE_MARK) or TITLE_END not in part:
        return [part]
    end = part.index(TITLE_END)
    rest = part[end + 1:].strip(" ,")
    return [part[:end], rest] if rest else [part[:end]]


def _read_parts(parts: list[str], grammar: Grammar, authors: tuple | None = None) -> _Fields:
    f = _Fields(years=[])
    assert f.years is not None
    i = 0
    if any(TITLE_END in p for p in parts):
        parts = [piece for part in parts for piece in _split_masked(part)]
    if authors:
        f.authors = authors
    elif parts and not N.looks_like_names(parts[0]) and parts[0][:1].islower():
        tail = re.sub(r"^(?:[^\W\d_][\w’'-]*\s+){1,3}?(?=[A-ZÀ-ÖØ-ÞĀ-ſ])", "", parts[0])
        if tail != parts[0] and N.looks_like_names(tail):
            parts = [tail, *parts[1:]]
    author_year = _AUTHOR_YEAR.match(parts[0]) if not authors and parts else None
    if author_year and N.looks_like_names(author_year.group(1)):
        # "Vgl. Nietzel 2009, S. 565": author and year name the work (a short form in author-year styles)
        f.authors = N.parse_names(author_year.group(1))
        f.years.append(int(author_year.group(2)))
        f.author_year = True
        return f
    if not authors and parts and N.looks_like_names(parts[0]):
        author_parts = [parts[0]]
        i = 1
        # "John Smith, Jane Doe, and Bob Lee, Title"
        while i < len(parts) and N.looks_like_names(_strip_conjunction(parts[i])) and (
            parts[i].lower().startswith(("and ", "ve ", "& ", "und ", "et ", "y ", "e ", "i "))
            or (i + 1 < len(parts) and parts[i + 1].lower().startswith(("and ", "ve ", "& ", "und ", "et ", "y ", "e ")))
            or (_joins_names(parts[i]) and _names_end_before(parts, i + 1))  # "Tomasz NOWAK y Leyla ŞAHIN, «…»"
            or _INITIALS_FIRST.match(parts[i])  # "S. Kingsley, T. Nowak, L. Şahin": a title never starts so
            or _INITIALS_AFTER.match(parts[i])  # "Şimşek (N.), Öztürk (A. R.)"
        ):
            author_parts.append(re.sub(r"^(?:and|ve|&|und|et)\s+", "", parts[i], flags=re.I))
            i += 1
        f.authors = tuple(n for p in author_parts for n in N.parse_names(p))
        if i < len(parts) and _BARE_ROLE.match(parts[i]):
            i += 1  # "Selin Aydın, ed., Osmanlı Liman Kentleri": the names before a bare role are its editors
        elif len(author_parts) == 1 and i < len(parts) and _is_editor_role(parts[i]):
            # "Mütareke Dönemi Araştırmaları, a cura di N. Şimşek…": an edited volume cited by its title
            f.authors, i = (), 0
            parts = [TITLE_MARK + parts[0], *parts[1:]]
    title_parts: list[str] = []
    title_done = False
    rest_parts = parts[i:]
    in_role = False
    for pos, part in enumerate(rest_parts):
        if not part:
            continue
        if part.startswith(TITLE_MARK):
            title_parts.append(part[1:])
            continue
        if _ROLE_SUFFIX.search(part) and N.looks_like_names(_ROLE_SUFFIX.sub("", part)):
            continue  # "Ali Rıza Öztürk (ed.)": another editor
        if _BARE_ROLE.match(part):
            continue  # "Şimşek (N.), Öztürk (A. R.), dir., Mütareke…": the names before were editors
        if in_role and N.looks_like_names(part):
            continue  # "ed. Nurcan Şimşek, Ali Rıza Öztürk": the next name of the same role
        in_role = False
        if _GENRE.search(part) and len(part.split()) <= 5:
            title_done = title_done or bool(title_parts)
            continue  # "Doktora Tezi", "PhD diss."
        if _is_edition(part, grammar):
            title_done = title_done or bool(title_parts) or f.title is not None
            continue  # "2. Aufl.", "3rd edn"
        role = _ROLE_PART.match(part)
        if role and (part.startswith("(") or role.group(2)):
            names_part, info = _pub_block(part)
            _take_block(f, info)
            role = _ROLE_PART.match(names_part) or role
            label = role.group(1).lower()
            if any(label == r.lower() for r in L.ROLES["translator"]):
                named = _LANGUAGE_QUALIFIER.sub("", role.group(2).strip(" )"))  # "fr. Ayşe Gül Ertuğrul"
                f.translator = named or f.translator
            title_done = title_done or bool(title_parts)
            # "…, ed. Nurcan Şimşek, Ali Rıza Öztürk": more names of the role follow; not after "(Çev. X)"
            in_role = not part.startswith("(") and bool(title_parts or f.title)
            continue
        quoted, rest = _unquote(part)
        if quoted is not None:
            if f.title is None and not title_parts:
                f.title = quoted
                if rest:
                    rest, info = _pub_block(_LEADING_IN.sub("", rest))
                    _take_block(f, info)
                    oscola = _OSCOLA_JOURNAL.match(rest)
                    volume = re.match(r"^(.*\S)\s+(\d{1,4})$", rest)  # "Journal of Modern History 12"
                    if oscola:  # "(2004) 31 Archiv für Völkerrechtsgeschichte 245": year, volume, journal, first page
                        f.years.append(int(oscola.group(1)))
                        rest, f.volume = oscola.group(3), f.volume or oscola.group(2)
                    elif volume:
                        rest, f.volume = volume.group(1), f.volume or volume.group(2)
                    f.container = rest or None
                continue
            title_parts.append(part)
            continue
        part, info = _pub_block(part)
        if info:
            _take_block(f, info)
        if not part:
            title_done = True
            continue
        imprint = _IMPRINT.match(part) if (title_parts or f.title) and not title_done or f.years == [] else None
        if imprint and _NUMBER_LABEL.search(imprint.group(1)):
            imprint = None  # "Dosya No: 12", "Fon No: HR. İM.": archive numbers, not "Place: Publisher"
        if imprint and _short_name(imprint.group(1)) and (title_parts or f.title):
            # "Berlin: Verlag 1999" outside brackets
            f.place = _add(f.place, imprint.group(1).strip())
            publisher = imprint.group(2).strip()
            years = _YEAR.findall(publisher)
            if years:
                f.years.extend(int(y) for y in years)
                publisher = _YEAR.sub("", publisher).strip(" ,")
            if publisher:
                f.publisher = f"{f.publisher}, {publisher}" if f.publisher else publisher
            title_done = True
            continue
        vol = _volume(part, grammar)
        iss = _issue(part, grammar)
        yp = _year_part(part, grammar)
        if vol:
            f.volume = vol
            title_done = title_done or bool(title_parts) or f.title is not None
        elif iss:
            f.issue = iss
            title_done = True
        elif yp:
            f.years.extend(yp[0])
            if yp[1]:
                f.place = f.place or yp[1]
            title_done = True
        elif not title_done and title_parts and _SERIAL.match(part) and len(part.split()) > 2:
            title_parts.append(part)  # "Grain, Credit, and Society in the Late Ottoman Balkans": a list in a title
            title_done = bool(info)  # the imprint in brackets ends it
        elif _is_publisher(part) and (title_parts or f.title):
            f.publisher = f"{f.publisher}, {part}" if f.publisher else part
            title_done = True
        elif not title_done and title_parts and _short_name(part) and _imprint_follows(rest_parts[pos + 1 :], grammar):
            f.place = _add(f.place, part)  # "Bakı, Elm, 2005": place, then a publisher we have no word for
            title_done = True
        elif not title_done:
            title_parts.append(_LEADING_IN.sub("", part))
        elif _short_name(part):
            # after the title, short parts are imprint: place or a publisher we have no word for
            f.place = _add(f.place, part)
    if title_parts:
        joined = ", ".join(title_parts)
        # "Journal 12" / "Title I": a trailing volume number belongs to the container
        m = re.match(r"^(.*\S)\s+(\d{1,4}|[IVX]{1,4})$", joined)
        if m and (f.title is not None or m.group(2).isalpha()):
            joined, f.volume = m.group(1), f.volume or m.group(2)
        if f.title is None:
            f.title = joined
        else:
            f.container = f.container or joined
    return f


def _add(joined: str | None, part: str) -> str:
    return f"{joined}; {part}" if joined else part


_AUTHOR_YEAR = re.compile(r"^(\D{2,80}?)\s+\(?((?:1[4-9]|20)[0-9]{2})[a-z]?\)?$")
_FAMILY_INITIALS = re.compile(r"^([^\W\d_][\w’'-]+)\s+((?:[^\W\d_]\.\s?){1,3})\s*([^\W\d_].*)$")


def _initials_after_family(parts: list[str]) -> tuple[tuple | None, list[str]]:
    """GOST and similar: "Иванов И. И. История России. М.: Наука" — family, initials, then the title."""
    m = _FAMILY_INITIALS.match(parts[0]) if parts else None
    if not m or not m.group(1)[0].isupper() or not m.group(3)[0].isupper():
        return None, parts
    if ". " not in m.group(3):
        return None, parts  # "David R. Ellison et Peter Marsh": given, initial, family — no title follows
    return (N.Name(m.group(1), m.group(2).strip()),), [m.group(3), *parts[1:]]


def _inverted_author(parts: list[str], grammar: Grammar) -> tuple[tuple | None, list[str]]:
    """"Smith, John. The History…" (bibliography-like notes): the given name ends at a full stop."""
    if len(parts) < 2 or len(parts[0].split()) != 1 or not N.looks_like_names(parts[0]):
        return None, parts
    pieces = _split_stops(parts[1], grammar)
    if len(pieces) < 2 or len(pieces[0].split()) > 3 or not N.looks_like_names(pieces[0]):
        return None, parts
    return (N.Name(parts[0], pieces[0]),), [". ".join(pieces[1:]), *parts[2:]]


def _split_stops(part: str, grammar: Grammar) -> list[str]:
    """Some styles separate elements with full stops ("Die Geschichte. Berlin: Verlag 1999"): split there,
    but not after an initial or abbreviation ("Salâhi R. Sonyel", "Çev. Ali") nor inside quotes."""
    if ". " not in part:
        return [part]
    inside = _depth_map(part)
    pieces, start = [], 0
    for m in re.finditer(r"\. (?=[^\W\d_])", part):
        k = m.start()
        if inside[k]:
            continue
        token = _TOKEN_BEFORE.search(part[: k + 1])
        if token and (_is_abbreviation(token.group(1), grammar) or token.group(1)[:-1].isdigit()):
            continue  # "Çev. Ali", "100. Yılında"
        if _role_qualifier(part, k):
            continue  # "trad. fr. Ayşe"
        if not part[m.end()].isupper():
            continue
        pieces.append(part[start:k])
        start = m.end()
    pieces.append(part[start:])
    return [p.strip() for p in pieces if p.strip()]


_INITIALS_AFTER = re.compile(r"^[^\W\d_][\w’'-]+\s*\((?:[^\W\d_]{1,2}\.\s?)+\)$")
_INITIALS_FIRST = re.compile(r"^(?:[^\W\d_]{1,2}\.[\s-]?)+[^\W\d_][\w’'-]+$")
_OSCOLA_JOURNAL = re.compile(r"^[(\[](1[4-9]\d\d|20\d\d)[)\]]\s+(\d{1,4})\s+(\D+?)(?:\s+\d+)?$")
_NUMBER_LABEL = re.compile(r"(?:^|\s)(?:no|nr|n°|sayı|fon|fond|dosya|kutu|gömlek|sıra|list|delo|opis|carton)\.?$",
                           re.IGNORECASE)
_IMPRINT = re.compile(r"^([^\W\d_][\w .’'-]{1,40}?):\s+(\S.*)$")


def _short_name(part: str) -> bool:
    return len(part.split()) <= 3 and part[:1].isupper() and not re.search(r"\d", part)


def _imprint_follows(parts: list[str], grammar: Grammar) -> bool:
    """Do the remaining parts read as publisher / place / year only (and end with a year)?"""
    if not parts or not _year_part(parts[-1], grammar):
        return False
    return all(_short_name(p) or _is_publisher(p) or _year_part(p, grammar) for p in parts)


_SERIAL = re.compile(r"^(?:and|und|et|ve|y|e|i|or|oder|ou|veya)\s+(?=\S)", re.IGNORECASE)
_COLON_JOIN = re.compile(r"\s+(?:und|and|et|ve|y|e)\s+|\s*/\s*|\s*;\s*")


def _colon_authors(text: str) -> tuple[tuple, str] | None:
    """German notes put the author first, inverted, then a colon: "Schäfer, Birgit und Martin Köhler: Quellen…",
    "Petrakis: „Greek Merchants“", "Schäfer/Köhler/Weiß: Quellen". Returns (names, rest)."""
    inside = _depth_map(text)
    colon = next((k for k, ch in enumerate(text[:160]) if ch == ":" and not inside[k]), None)
    if colon is None or not text[colon + 1 : colon + 2].isspace():
        return None
    prefix, rest = text[:colon].strip(), text[colon + 1 :].strip()
    if not prefix or re.search(r"\d", prefix) or not rest:
        return None
    first_part = prefix.split(",")[0].strip()
    if len(first_part.split()) != 1:
        if "," not in prefix and rest[:1] in OPEN_QUOTES and N.looks_like_names(prefix):
            return N.parse_names(prefix), rest  # "Kemal AYDOĞDU: «Mondros…»"
        return None  # "John Smith, Title: Subtitle" is Chicago, not an inverted author
    names = []
    for k, piece in enumerate(_COLON_JOIN.split(prefix)):
        bits = [b.strip() for b in piece.split(",") if b.strip()]
        if not bits:
            continue
        if k == 0 and len(bits) >= 2:
            if len(bits[1].split()) > 3 or not N.looks_like_names(bits[1]):
                return None
            names.append(N.Name(bits[0], bits[1]))  # "Schäfer, Birgit"
            bits = bits[2:]
        elif k == 0:
            names.append(N.Name(bits[0]))
            bits = bits[1:]
        for bit in bits:
            if not N.looks_like_names(bit):
                return None
            names.extend(N.parse_names(bit))
    check = " ".join(n.given + " " + n.family for n in names)
    if not names or not N.looks_like_names(check.strip()) and not all(N.looks_like_names(n.family) for n in names):
        return None
    return tuple(names), rest




def _is_editor_role(part: str) -> bool:
    role = _ROLE_PART.match(part)
    return bool(role) and any(role.group(1).lower() == r.lower() for r in L.ROLES["editor"]) and not part.startswith("(")


def _joins_names(part: str) -> bool:
    return bool(re.search(r"\s(?:and|ve|und|et|y|e|i|&)\s", part))


def _names_end_before(parts: list[str], k: int) -> bool:
    """A part joined by "and" is more authors (not a title like "Pilgrims and Rails") only when the names
    are set in small capitals ("Tomasz NOWAK y Leyla ŞAHIN") or as initials ("T. Nowak y L. Şahin")."""
    names = parts[k - 1]
    return bool(re.search(r"\b[A-ZÇĞİÖŞÜ]{3,}\b", names)) or all(
        _INITIALS_FIRST.match(n.strip()) for n in re.split(r"\s(?:and|ve|und|et|y|e|i|&)\s", names))


def _take_block(f: _Fields, info: dict[str, object]) -> None:
    f.years.extend(info.get("years", []))  # type: ignore[union-attr, arg-type]
    f.place = f.place or info.get("place")  # type: ignore[assignment]
    f.publisher = f.publisher or info.get("publisher")  # type: ignore[assignment]


def _archival(text: str, sigla: set[str], has_publisher: bool, has_page_label: bool) -> str | None:
    """The archive named at the start of an archival reference, or None."""
    parts = split_parts(text)
    first = parts[0]
    for part in parts:
        # "…yazısı, 21 Temmuz 1926, BCA (030.10…)", "FO 371/4158": the siglum may follow the document's title
        lead = re.split(r"[\s,.(]", part.strip(), maxsplit=1)[0]
        if lead in sigla or part.strip() in sigla:
            if part is first or re.search(r"\d", part) or "(" in part or part.strip() in sigla:
                return part.strip()
    if has_publisher or has_page_label:
        return None
    if N.looks_like_names(first) and not re.search(r"ar[sş]iv|archiv", fold(first)):
        return None  # a personal author ("Rüdiger, „…“, Archiv für …") is not an archive
    unquoted = text
    for s, e in reversed(_quote_spans(text)):
        unquoted = unquoted[:s] + unquoted[e + 1 :]
    low = fold(unquoted)
    padded = f" {low} "  # fold gives words between single spaces: a word boundary is a space
    hits = sum(1 for word in _archive_words() if word in padded)
    has_numbers = bool(re.search(r"\d", unquoted))
    if hits and has_numbers and (hits >= 2 or re.search(r"\b(ar[sş]iv|archiv)", low)):
        return first.strip()
    if re.search(r"\b(ar[sş]iv|archiv)", fold(first)) and len(parts) >= 2:
        return first.strip()  # "ARCHIVES DIPLOMATIQUES, LA COURNEUVE, Télégramme…": the archive leads
    return None


@lru_cache(maxsize=1)
def _archive_words() -> tuple[str, ...]:
    return tuple(f" {fold(w)} " for w in L.ARCHIVE_WORDS if fold(w))


_XREFS = [re.compile(p, re.IGNORECASE) for p in L.NOTE_XREF]
# a URL or DOI ending a citation (Chicago, MHRA, OSCOLA put it after the pages), with an access date: the
# locator stands before it
_LINK_TAIL = re.compile(
    r"(?:https?://|doi:\s*|www\.)\S+(?:\s*>)?"
    r"(?:[,.]?\s*\(?(?:accessed|abgerufen|consulté|erişim|erişim tarihi|letzter zugriff)[^()]{0,40}\)?)?[.\s]*",
    re.IGNORECASE)


_LINK_START = re.compile(r"https?://|doi:|www\.")


def _without_trailing_link(text: str) -> str:
    """The citation without the link that ends it. Found from the last "http", "doi:" or "www." (a pattern
    searched from every position was quadratic on a long run of spaces)."""
    low = text.lower()
    if "http" not in low and "doi:" not in low and "www." not in low:
        return text
    for m in _LINK_START.finditer(low):  # the first link that runs to the end ("https://doi.org/https://…")
        if _LINK_TAIL.fullmatch(text, m.start()):
            return text[:m.start()].rstrip(" \t,.<")
    return text


def parse_citation(
    fragment: str, note: Note, index: int, line: int, grammar: Grammar, sigla: set[str]
) -> Citation | None:
    """Read one fragment; None if it is discursive text rather than a citation."""
    original = fragment.strip()
    markers = _marker_set(grammar)
    text = _strip_signal(_after_inner_signal(_strip_conjunction(original), grammar), grammar)
    if not text:
        return None
    xref = None
    for pattern in _XREFS:
        m = pattern.search(text)
        if m:
            xref = parse_int(m.group(1))
            text = (text[: m.start()] + ", " + text[m.end():].lstrip(" ,")).strip(" ,")
            text = re.sub(r"\s+,", ",", text)  # "Whitfield (n 5) 98–99" -> "Whitfield, 98–99"
            break
    lead = _leading_marker(text, grammar, markers)
    if lead is not None:
        rest = text[len(lead):].lstrip(" ,.")
        role = _marker_role(lead, grammar, has_author=False)
        if role == "ibid" or not rest:
            locator = None
            if rest:
                _, locator = split_locator(", " + rest, grammar)
            return Citation(note.number, index, original, line, Kind.IBID, marker=lead, marker_role=MarkerRole.IBID,
                            locator=locator, xref_note=xref)
    head, locator = split_locator(_without_trailing_link(text), grammar)
    if locator is None and head.endswith(".") and not re.search(r"(?:^|[\s.])[^\W\d_]\.$", head):
        head = head[:-1].rstrip()  # the note's full stop, not an abbreviation or initial
    colon = _colon_authors(head) if ":" in head[:160] and not _archival(head, sigla, False, False) else None
    if colon is not None:
        colon_authors, head = colon
    else:
        colon_authors = None
    comma_parts = split_parts(head)
    if colon_authors is None:
        colon_authors, comma_parts = _inverted_author(comma_parts, grammar)
    if colon_authors is None:
        colon_authors, comma_parts = _initials_after_family(comma_parts)
    parts = [piece for part in comma_parts for piece in _split_stops(part, grammar)]
    marker = None
    marker_role = None
    for k, part in enumerate(parts):
        if _is_marker(part, markers):
            marker = part
            marker_role = _marker_role(part, grammar, has_author=k > 0)
            parts = parts[:k] + parts[k + 1 :]
            break
    if marker_role == "same-author":
        pass
    fields = _read_parts([p for p in parts if p], grammar, colon_authors)
    has_page_label = bool(locator and locator.label and re.match(r"^\D", locator.text))
    archive = _archival(head, sigla, bool(fields.publisher), has_page_label)
    if archive:
        quoted = [q for q in (_unquote(p)[0] for p in parts) if q]
        plain = [p for p in parts if p.strip() != archive and not re.search(r"\d", p)
                 and not re.search(r"\b(ar[sş]iv|archiv)", fold(p)) and len(p.split()) >= 3]
        doc_title = quoted[0] if quoted else (max(plain, key=len) if plain else None)
        return Citation(note.number, index, original, line, Kind.ARCHIVAL, archive=archive, xref_note=xref,
                        locator=None, title=_tidy(doc_title))
    years = tuple(dict.fromkeys(fields.years or []))
    if marker_role == "same-author" or fields.author_year:
        kind = Kind.SHORT
    elif years or fields.publisher or (fields.container and (fields.volume or fields.issue)):
        kind = Kind.FULL
    elif fields.authors or fields.title:
        kind = Kind.SHORT
    else:
        kind = Kind.OTHER
    tentative = False
    if not _is_citation(fields, locator, marker, xref, kind):
        # A document cited by its title alone ("Kars vilayetinde … yazısı.", "“Télégramme …”") reads like a
        # sentence; it is kept only if it matches an entry's title closely (see pipeline.resolve_all).
        bare = _TRAILING_PARENS.sub("", head).strip(" .,;")
        if fields.authors or not bare or len(bare) > 250 or len(bare.split()) < 2:
            return None
        tentative = True
        fields.title = bare if text.lstrip()[:1] not in OPEN_QUOTES else (fields.title or bare)
    return Citation(
        note=note.number, index=index, text=original, line=line, kind=kind, authors=fields.authors,
        title=_tidy(fields.title), container=_tidy(fields.container), publisher=fields.publisher,
        place=fields.place, years=years, volume=fields.volume or (locator.volume if locator else None),
        issue=fields.issue, translator=fields.translator, marker=marker, marker_role=marker_role,
        xref_note=xref, locator=locator, tentative=tentative,
    )


def _tidy(text: str | None) -> str | None:
    if text is None:
        return None
    text = collapse_spaces(text).strip(" ,.;:")
    return text or None


def _is_citation(fields: _Fields, locator: Locator | None, marker: str | None, xref: int | None, kind: str) -> bool:
    """Discursive sentences carry none of a citation's marks."""
    if marker or xref is not None or kind == "full" or fields.author_year:
        return True  # "Vgl. Öztürk (2015).": author and year are a citation
    if locator is not None and (locator.ranges or locator.passim or locator.label):
        return bool(fields.authors or fields.title)
    if fields.authors and fields.title:
        # "Smith, Title" with no locator: a citation if the author slot is short and the title not a sentence
        return len(fields.title.split()) <= 25
    return False


# (?<![\w’'.-]): start at a word's start; starting inside every long run of letters, dots or
# digits made finditer quadratic, and a match starting inside a word is found from its start too
_DEFINITION = re.compile(r"(?<![\w’'.-])((?:[\w’'.-]+[ \t]+){0,7}[\w’'.-]+)\s*\(\s*([A-ZÇĞİÖŞÜ][A-Za-zÇĞİÖŞÜçğıöşü.]{1,9})\s*\)")


def archive_definitions(notes: list[Note]) -> dict[str, str]:
    """Abbreviations defined at first use: "Başbakanlık Cumhuriyet Arşivi (BCA)" -> {"BCA": ...}."""
    found: dict[str, str] = {}
    for note in notes:
        for m in _DEFINITION.finditer(note.text):
            abbr = m.group(2).rstrip(".")
            if sum(ch.isupper() for ch in abbr) < 2:
                continue
            words = m.group(1).split()
            # the name starts at the last capitalised word that begins like the abbreviation
            starts = [i for i, w in enumerate(words) if w[:1].isupper() and fold(w[:1]) == fold(abbr[:1])]
            if starts:
                found.setdefault(abbr, " ".join(words[starts[-1]:]))
    return found


def parse_note(note: Note, grammar: Grammar, sigla: set[str]) -> list[Citation]:
    return [c for _, c in parse_fragments(note, grammar, sigla) if c is not None]


def parse_fragments(note: Note, grammar: Grammar, sigla: set[str]) -> list[tuple[Fragment, Citation | None]]:
    """Each piece of the note, and the citation read from it (None: discursive text)."""
    out: list[tuple[Fragment, Citation | None]] = []
    index = 0
    for fragment in split_note(note.text, grammar):
        cit = parse_citation(fragment.text, note, index, note.line_at(fragment.offset), grammar, sigla)
        if cit is not None:
            cit = replace(cit, span=(fragment.offset, fragment.offset + len(fragment.text)))
            index += 1
        out.append((fragment, cit))
    return out


def locator_only(text: str, grammar: Grammar) -> Locator | None:
    return split_locator(", " + text, grammar)[1]
