"""Word spaces that an extractor dropped: pdfminer (pdfplumber's extract_text) reads a tightly set line of a
LaTeX PDF as one word ("Commissionerfollowedthesedevelopmentscloselyandsent", "Aksınetal.,“Effectof…").

Such a line is rare among its neighbours, which keep their spaces, so the document teaches its own words: a glued
run is cut where punctuation or a capital letter shows a word boundary, then into the most probable sequence of
the words the document spells elsewhere (dynamic programming over word frequencies, as in word segmentation
for languages written without spaces). A run that cannot be cut into known words stays as it is. Only spaces are
added, and none next to a marker glued to a word ("capital.2") or a note number glued to its note ("3Aksın"),
which keep the shape the note reader expects; a year or a page label among glued words gets its spaces.
A document with fewer than three glued lines is left as it is.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Iterable

from ..normalize import LINK_FILE_TYPE, LINK_MARK

_WORD = re.compile(r"[^\W\d_]+")
_LONG = 15  # a glued line holds a token this long
# an address, whose letters legitimately run together: a link, a mail address, a path ("/Pres/tb52pres.html", a
# link broken at a line's end); not GOST's "//" before a journal
_ADDRESS = re.compile(LINK_MARK + r"|@|^/(?!/)|(?<!/)/(?!/)\S*(?<!/)/(?!/)|\." + LINK_FILE_TYPE,
                      re.IGNORECASE)
# where punctuation shows a boundary: after , ; : before a letter or an opening quote; after a full stop or a
# closing quote before a capital or an opening quote (not before a small letter: "e.g.", "z.B." stay)
_AFTER_MARK = re.compile(r"(?<=[,;:])(?=[^\W\d_]|[“‘«„\"])|(?<=[.”’»)\]])(?=[^\W\d_]|[“‘«„])"
                         r"|(?<=[^\W\d_]{2})(?=\[)")
# a page or volume label glued to its number ("С.757", "S.12", "pp.3027–3028"); not a marker after a longer word
# (nor after the end of a broken word: "…sürmüş-|tür.16")
_LABEL_THEN_NUMBER = re.compile(r"(?<![^\W\d_])([^\W\d_]{1,2}\.)(?=[0-9])")
# the same after the end of a citation's last field: "прокатки.С.13", "1994.С.111", "(2006),p.12"
_FIELD_THEN_LABEL = re.compile(r"(?<=[^\W_][.,)])([^\W\d_]{1,2}\.)(?=[0-9])")
# a marker glued to the next sentence ("sharply.12Neither"): digits after punctuation, then a capital (before a
# small letter they are more often a date: "годами.4апреля1911г." is "годами. 4 апреля 1911 г.")
_MARKER_THEN_WORD = re.compile(r"([.,;:!?”’»)][0-9]{1,4})(?=[^\W\d_])")
# numbers among glued words: after a word, a number then a word ("end of1917some" -> "of1917 some"); a year after a
# word or its comma ("Salonicain1887", "Oldenbourg,2007"). Not a shorter number after a word: it may be a marker.
_NUMBER_THEN_WORD = re.compile(r"([^\W\d_][0-9]+)(?=[^\W\d_]{2})")
_YEAR_AMONG_WORDS = re.compile(r"(?<=[^\W\d_]{2})(?=[0-9]{4}(?![0-9]))|(?<=[^\W\d_]{2},)(?=[0-9]{4}(?![0-9]))")
_LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-\n(?=[^\W\d_])")
_FIRST_WORD = re.compile(r"^\s*[^\W\d_]+")
_LONGEST_WORD = 30
_LONGEST_LINE = 400  # the segmentation is linear in a line's length, but a line of a page is short
# the segmentation's costs, on top of a word's -log(frequency)
_PER_WORD = 3.0  # each cut costs this much more: of two readings, the one with fewer, longer words wins
_LONE_LETTER = 6.0  # a lone letter is mostly an initial or a page label ("s."), rarely a word inside a glued run
_RARE_SHORT = 4.0  # a short word seen once (or only in the grammar: "vid", "si") is more likely a piece of a name
_UNKNOWN_LETTER = 2.0  # a word the document does not know costs this much per letter
_KNOWN_SHARE = 0.6  # a cut is kept when known words make this share of the run
_SURE_SHARE = 0.8  # ... and this share, for a line to count as glued
_LITTLE = 60  # how many of the document's short words count as its little words
_GLUED_DOCUMENT = 3  # this many glued lines show an extractor that drops spaces
_HIDDEN_RUN = 5  # a grammar phrase glued shorter than this is left alone (a glued "a y" would be "ay")


@functools.cache
def _range_then_word() -> re.Pattern[str]:
    """A page range run into the word after it ("1264–6at 1264–6", OSCOLA's pinpoint), not an ordinal's ending
    ("17–18th", "17–18thcenturies")."""
    from ..grammar import alternation
    from ..grammar.languages import ORDINAL_SUFFIXES

    endings = alternation([s for s in ORDINAL_SUFFIXES if s.isalpha()])
    return re.compile(r"([0-9][–-][0-9]+)(?=[^\W\d_]{2})(?!(?:" + endings + r")(?:\b|[^\W\d_aeiouy]))")


@functools.cache
def _grammar_phrases() -> dict[str, tuple[int, ...]]:
    """The grammar's phrases of several words written without their spaces ("тамже", "aynıyer"), each with the
    lengths of its words: a glued run equal to one is that phrase, even where the document spells it so elsewhere."""
    from ..grammar.languages import every_phrase

    phrases: dict[str, tuple[int, ...]] = {}
    for phrase in every_phrase():
        words = phrase.split()
        # words of letters between spaces only: "a.g.e." is no glued "age", "s." no part of a phrase
        if len(words) > 1 and all(_WORD.fullmatch(w) for w in words) and len("".join(words)) >= _HIDDEN_RUN:
            phrases.setdefault("".join(words).lower(), tuple(len(w) for w in words))
    return phrases


@functools.cache
def _grammar_words() -> tuple[str, ...]:
    from ..grammar.languages import every_phrase

    return tuple({w.lower() for phrase in every_phrase() for w in _WORD.findall(phrase)})


def glued_line(line: str) -> bool:
    """A line that may have been read without its spaces: a long token, and few spaces for its length. Long
    words of Turkish or German look alike; glued_words tells them apart with the document's vocabulary."""
    if len(line) > _LONGEST_LINE:
        return False  # no typeset line is this long: a file of another kind, left as it is
    tokens = line.split()
    if not tokens:
        return False
    longest = max(tokens, key=len)
    return len(longest) >= _LONG and len(" ".join(tokens)) / len(tokens) >= 10 and not _ADDRESS.search(longest)


# signs of words run together inside a token: a small letter then a capital after three small letters
# ("periodtheOttoman", "KemalAydoğdu"); after two letters or digits, a comma, semicolon or colon then a letter,
# a full stop then a capital ("1970.С.182", "Energoizdat,1992" is no sign; "e.g.the", "z.B." neither)
_GLUE_SIGN = re.compile(r"[^\W_]{2}(?:[,;:]|\.:?)[^\W\d_]"
                        # a quotation opened right after a comma, or a closing quote with a word or number right
                        # after it ("Wilson,“Glisterings,”22–24"; a German „Titel,“ closes its quotation so)
                        r"|[^\W_]{2}[,;:][“‘«„][^\W\d_]|[^\W_][.,]?[”»][^\W_]")


# numbers inside a token between words: "сямежду1898и1901годами", "годами.4Попереписи" (a marker between two)
_NUMBER_GLUE_SIGN = re.compile(r"[^\W\d_]{2}[0-9]+[^\W\d_]{2}|[^\W\d_]{2}[.,;:][0-9]{1,4}[^\W\d_]{2}")


def _has_glue_sign(token: str) -> bool:
    """Whether a token (of a line no longer than _LONGEST_LINE) shows words run together (see _GLUE_SIGN)."""
    if _NUMBER_GLUE_SIGN.search(token):
        return True
    if any(token[k].isupper() and token[k - 1].islower() and token[k - 3:k].isalpha() and token[k - 3:k].islower()
           for k in range(3, len(token))):
        return True
    return any(_is_glue_sign(m.group()) for m in _GLUE_SIGN.finditer(token))


def _is_glue_sign(found: str) -> bool:
    """A full stop before a small letter is an abbreviation's ("e.g.the", "z.B."), not a sign."""
    return not found[-1].islower() or found[2] != "."


def _glued_words(line: str, vocabulary: Vocabulary) -> bool:
    """Whether a line that looks glued (glued_line) has words run together: a sign of it in its longest token,
    or a run of letters there that at least three of the document's words make up ("followedthesedevelopments"),
    and among them one of its most frequent little words; one long word is at most two ("milliyetçileri|ne"), or
    content words only ("Donau|dampf|schiff|ahrts|gesellschaft")."""
    longest = max(line.split(), key=len)
    if _has_glue_sign(longest):
        return True
    for m in _WORD.finditer(longest):
        if len(m.group()) >= _LONG:
            pieces = vocabulary.split(m.group(), _SURE_SHARE)
            # a compound's parts are content words; glued prose has the little words ("the", "и", "ve", "und")
            if len(pieces) >= 3 and any(p.lower() in vocabulary.little for p in pieces):
                return True
            # three little words among fewer known ones ("Thefiguresgiventheredifferfromtheconsularreturnsof",
            # "given" and "differ" spelt nowhere else): glued prose too
            pieces = vocabulary.split(m.group(), _KNOWN_SHARE)
            if sum(1 for p in pieces if p.lower() in vocabulary.little) >= 3:
                return True
    return False


def _without_last_word(text: str) -> str:
    """The text without its trailing letters (a walk back, not a search: a search ending in $ retries every start)."""
    k = len(text)
    while k and text[k - 1].isalpha():
        k -= 1
    return text[:k]


class Vocabulary:
    """The words a document spells with spaces around them, by frequency."""

    def __init__(self, lines: list[str], glued: set[int] | frozenset[int] = frozenset(),
                 borrowed: Iterable[str] = ()) -> None:
        """lines: the document's; glued: those read without spaces, whose words are not learnt; borrowed: words
        known from elsewhere (the bibliography's), each counted once: known, but rarer than the document's own."""
        kept = []
        for i, line in enumerate(lines):
            if i in glued:
                kept.append("")
                continue
            # the part of a word broken across a glued line is a fragment, no word ("Da-|vidR.Ellison")
            if i + 1 in glued and line.rstrip().endswith("-"):
                line = _without_last_word(line.rstrip()[:-1])
            if i - 1 in glued and lines[i - 1].rstrip().endswith("-"):
                line = _FIRST_WORD.sub("", line)
            kept.append(line)
        # a word broken at a line's end is one word, not two fragments that would cut others ("charac-|teristics")
        text = _LINE_END_HYPHEN.sub("", "\n".join(kept))
        # each spelling lower-cased once, not each occurrence; a word's first spelling comes first, as before
        counts: Counter[str] = Counter()
        for word, n in Counter(_WORD.findall(text)).items():
            counts[word.lower()] += n
        counts.update(_grammar_words())  # "Тамже", "Vgl.ebd.": the words of citations themselves
        # a name or title word cited only in glued notes ("DavidR.EllisonvePeterMarsh") is spelt in the bibliography
        counts.update(borrowed)
        self.counts = counts
        # the document's most frequent short words: articles, prepositions, conjunctions in its languages
        self.little = {w for w, _ in Counter({w: n for w, n in counts.items() if len(w) <= 3}).most_common(_LITTLE)}
        total = sum(counts.values()) + 1
        self._log_total = math.log(total)
        # an unknown piece costs more than any known word, and more the longer it is
        self._unknown = self._log_total + 4.0
        self._memo: dict[tuple[str, float, str, str], list[str]] = {}  # runs repeat: short forms, ibid

    def __contains__(self, word: str) -> bool:
        return word.lower() in self.counts

    def cost(self, word: str) -> float:
        n = self.counts.get(word)
        if n:
            short = _LONE_LETTER if len(word) == 1 else _RARE_SHORT if len(word) <= 3 and n < 2 else 0.0
            return self._log_total - math.log(n) + _PER_WORD + short
        return self._unknown + _PER_WORD + _UNKNOWN_LETTER * len(word)

    def split(self, run: str, share: float = 0.0, before: str = "", after: str = "") -> list[str]:
        """The cheapest cut of a run of letters into words (the run itself when no cut into known words helps).
        share: how much of the run known words must make for the cut to be kept (default _KNOWN_SHARE).
        before, after: the rest of a word broken at a line's end, on the lines around ("de-|tailedreports"): the
        cut is made with them and kept inside the run."""
        key = (run, share, before, after)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._split(run, share, before, after)
        return found

    def _split(self, run: str, share: float, before: str, after: str) -> list[str]:
        if before or after:
            whole = before + run + after
            cuts, at = [], 0
            for piece in self.split(whole, share):
                at += len(piece)
                if len(before) < at < len(before) + len(run):
                    cuts.append(at - len(before))
            return [run[a:b] for a, b in zip([0, *cuts], [*cuts, len(run)])]
        low = run.lower()
        phrase = _grammar_phrases().get(low)
        if phrase and len(low) == len(run):
            cuts = [sum(phrase[:k]) for k in range(len(phrase) + 1)]
            return [run[a:b] for a, b in zip(cuts, cuts[1:])]
        if len(low) != len(run) or low in self.counts:
            return [run]  # a letter whose lower case is longer (İ): positions would not match
        n = len(low)
        best = [0.0] + [math.inf] * n
        back = [0] * (n + 1)
        for end in range(1, n + 1):
            for start in range(max(0, end - _LONGEST_WORD), end):
                c = best[start] + self.cost(low[start:end])
                if c < best[end]:
                    best[end], back[end] = c, start
        pieces: list[str] = []
        end = n
        while end > 0:
            pieces.append(run[back[end]:end])
            end = back[end]
        pieces.reverse()
        known = sum(len(p) for p in pieces if p.lower() in self.counts)
        # keep the cut only when known words make most of the run
        return pieces if len(pieces) > 1 and known >= (share or _KNOWN_SHARE) * n else [run]


def _respace_token(token: str, vocabulary: Vocabulary, before: str = "", after: str = "") -> str:
    if len(token) < 8 or _ADDRESS.search(token):
        return token
    return _respaced(token, vocabulary, before, after)


def _hidden_words(token: str) -> bool:
    """Whether a token of an unglued line still hides words run together: a repeat marker or signal of several
    words ("Тамже.С.370"), or punctuation or numbers between words (_GLUE_SIGN, _NUMBER_GLUE_SIGN). Not a long
    word the document's words make up: in Turkish or German that is mostly one word ("milliyetçilerine")."""
    return len(token) <= _LONGEST_LINE and not _ADDRESS.search(token) and (
        _NUMBER_GLUE_SIGN.search(token) is not None
        or any(_is_glue_sign(m.group()) for m in _GLUE_SIGN.finditer(token))
        or any(m.group().lower() in _grammar_phrases() for m in _WORD.finditer(token)))


_WORTH_A_LOOK = re.compile("|".join([_FIELD_THEN_LABEL.pattern, _NUMBER_GLUE_SIGN.pattern, _GLUE_SIGN.pattern]))


def _worth_a_look(line: str) -> bool:
    """Whether any token of an unglued line may hide words (one search of the line instead of a test of each
    token: a book has millions)."""
    if _WORTH_A_LOOK.search(line):
        return True
    low = line.lower()
    return any(phrase in low for phrase in _grammar_phrases())


def _respaced(token: str, vocabulary: Vocabulary, before: str = "", after: str = "") -> str:
    """before, after: the broken word's other part when the token starts a line after a hyphen, or ends one."""
    spaced = _AFTER_MARK.sub(lambda m: _mark_boundary(token, m.start()), token)
    spaced = _MARKER_THEN_WORD.sub(lambda m: m.group(1) + (" " if m.string[m.end()].isupper() else ""), spaced)
    spaced = _LABEL_THEN_NUMBER.sub(r"\1 ", spaced)
    spaced = _YEAR_AMONG_WORDS.sub(" ", _NUMBER_THEN_WORD.sub(r"\1 ", _range_then_word().sub(r"\1 ", spaced)))
    parts = spaced.split(" ")
    out: list[str] = []
    for part in parts:
        pieces = _case_steps(part)
        # "McDonald", "LaTeX": a capital after one or two letters that begin with a capital is not a new word
        merged: list[str] = []
        for piece in pieces:
            word = merged[-1].lstrip(_OPENING) if merged else ""  # "“Te|XinEurope": the quote is no letter
            if word and len(word) <= 2 and word[:1].isupper() and word.isalpha():
                merged[-1] += piece
            else:
                merged.append(piece)
        words = []
        for piece in merged:
            def cut(m: re.Match[str], piece: str = piece) -> str:
                head = before if m.start() == 0 and token.startswith(piece) else ""
                tail = after if m.end() == len(piece) - 1 and piece.endswith("-") and token.endswith(piece) else ""
                return " ".join(vocabulary.split(m.group(), before=head, after=tail))
            words.append(_WORD.sub(cut, piece))
        out.append(" ".join(words))
    return " ".join(out)


_OPENING = "“‘«„\"([¿¡"


def _mark_boundary(text: str, at: int) -> str:
    """A space between punctuation and what follows at `at`, unless a full stop, a closing quote or bracket is
    followed by a small letter ("e.g.", "z.B.", "Dr.med", "word(s)")."""
    return "" if text[at - 1] not in ",;:" and text[at].islower() else " "


def _case_steps(part: str) -> list[str]:
    """A part cut where a small letter is followed by a capital ("periodtheOttoman" -> "periodthe", "Ottoman")."""
    cuts = [k for k in range(1, len(part)) if part[k].isupper() and part[k - 1].islower()]
    return [part[a:b] for a, b in zip([0, *cuts], [*cuts, len(part)])]


_BROKEN_END = re.compile(r"([^\W\d_]+)-$")
_LEADING_LETTERS = re.compile(r"[^\W\d_]+")


def _broken_word(lines: list[str], i: int) -> tuple[str, str]:
    """The other parts of words broken at line i's start and end: the previous line's last letters when it ends
    with a hyphen, the next line's first letters when line i does."""
    previous = lines[i - 1].rstrip() if i > 0 else ""
    # only the line's end is looked at: a search of a long line without a hyphen would try every start
    before = _BROKEN_END.search(previous[-_LONGEST_WORD - 1:]) if previous.endswith("-") else None
    after = _LEADING_LETTERS.match(lines[i + 1].lstrip()) if i + 1 < len(lines) and lines[i].rstrip().endswith("-") \
        else None
    return (before.group(1) if before else ""), (after.group() if after else "")


_LONG_TOKEN = re.compile(r"[^\s]{%d,}" % _LONG)
_LATEX_WORD = re.compile(r"(?<![\\\w])[^\W\d_]{2,}")  # not a command's name (textit)


def looks_glued(text: str) -> bool:
    """Whether respace may find glued lines in this text (and use borrowed words): at least _GLUED_DOCUMENT lines
    look glued. Only lines holding a long token are tested: a text without one costs a pass of a compiled pattern."""
    starts: set[int] = set()
    found = 0
    for m in _LONG_TOKEN.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        if start in starts:
            continue
        starts.add(start)
        end = text.find("\n", m.end())
        line = (text[start:] if end < 0 else text[start:end]).strip()
        # a line of prose has a space every few letters: most lines fail glued_line's test on this count alone
        found += ("  " in line or line.count(" ") * 10 < len(line)) and glued_line(line)
        if found >= _GLUED_DOCUMENT:
            return True
    return False


_LINK_END_THEN_WORD = re.compile(r"(\." + LINK_FILE_TYPE + r"[;,])(?=[^\W\d_])", re.IGNORECASE)


def bibliography_words(data: bytes) -> set[str]:
    """The words of a bibliography file's text, in lower case (BibTeX, CSL JSON, RIS alike: its letters)."""
    return {w.lower() for w in _LATEX_WORD.findall(data.decode("utf-8", "replace"))}


def respace(text: str, borrowed: Iterable[str] = ()) -> str:
    """The text with the spaces of its glued lines restored as far as its own vocabulary (and the borrowed words)
    allows; the same text, line for line (only spaces are added), and unchanged when fewer than _GLUED_DOCUMENT
    lines are glued."""
    lines = text.split("\n")
    looks = [i for i, line in enumerate(lines) if glued_line(line)]
    if len(looks) < _GLUED_DOCUMENT:
        return text  # too few lines look glued for the glued ones among them to be enough: no vocabulary needed
    vocabulary = Vocabulary(lines, set(looks), borrowed)
    glued = [i for i in looks if _glued_words(lines[i], vocabulary)]
    if len(glued) < _GLUED_DOCUMENT:
        return text  # a long token or two is a link, a formula, markup: an extractor that drops spaces drops many
    flagged = set(glued)
    # a link glued to the words after it ("…/tb17siegman.pdf;PhilipTaylor,“ANestable…"): cut after its file type,
    # so that the words are looked at without it
    lines = [_LINK_END_THEN_WORD.sub(r"\1 ", line) for line in lines]
    for i in glued:
        before, after = _broken_word(lines, i)
        tokens = lines[i].split(" ")
        last = max((k for k, t in enumerate(tokens) if t), default=-1)
        first = min((k for k, t in enumerate(tokens) if t), default=-1)
        lines[i] = " ".join(_respace_token(t, vocabulary, before if k == first else "", after if k == last else "")
                            for k, t in enumerate(tokens))
    # an extractor that glues long lines glues short ones too, where no line-level sign shows it ("Тамже.")
    for i, line in enumerate(lines):
        if i in flagged or len(line) > _LONGEST_LINE or not _worth_a_look(line):
            continue
        before, after = _broken_word(lines, i)
        tokens = line.split(" ")
        edges = {k for k, t in enumerate(tokens) if t}
        # a part of a broken word ("pared" after "pre-") is no word: it hides none
        broken = ({min(edges)} if edges and before else set()) | ({max(edges)} if edges and after else set())
        lines[i] = " ".join(_respaced(t, vocabulary) if k not in broken and _hidden_words(t)
                            else _FIELD_THEN_LABEL.sub(r" \1 ", t) for k, t in enumerate(tokens))
    return "\n".join(lines)
