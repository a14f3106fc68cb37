"""Text clean-up and matching keys.

Two jobs, kept apart:
- ``clean`` repairs what PDF extraction and word processors do to text (odd spaces,
  soft hyphens, zero-width marks, the Ģ/Ġ damage of Turkish PDFs) but keeps letters
  and case, so messages can still quote the author's text;
- ``fold`` makes a matching key: Turkish-aware lower case, no diacritics, no
  punctuation. "İSTİKLAL", "Istiklal" and "istiklâl" all fold to "istiklal".
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000\t"), " ")
# soft hyphen, zero-width space/joiners, word joiner, BOM, and the bidi marks Word and browsers paste in
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                    "\u2066\u2067\u2068\u2069"), None)
_ODD = re.compile("[" + "".join(map(chr, [*_SPACES, *_INVISIBLE])) + "]")
# Glyph damage seen in text extracted from Turkish PDFs set in legacy fonts.
_PDF_DAMAGE = str.maketrans({"Ģ": "Ş", "ģ": "ş", "Ġ": "İ"})
_DAMAGED_S_LOWER = re.compile(r"(?<=[a-zçğıöşüâîû])Ģ")
_TURKISH_HINT = re.compile("[ışğİŞĞüöçÜÖÇ]")  # Latvian, where Ģ is a real letter, has none of these

_FOLD_MAP = str.maketrans(
    {
        "İ": "i", "I": "i", "ı": "i",
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
        "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "þ": "th",
        "’": "", "'": "", "ʼ": "", "‘": "", "`": "", "´": "",
    }
)
_WORD = re.compile(r"[^\W_]+")  # letters and digits; everything else separates words
# how a link in a note shows itself, for the readers and the parser alike: its scheme, "www.", a DOI, or the file
# type it ends in (biblatex may break a long link before it: "…/tb72chest. pdf")
LINK_MARK = r"://|www\.|doi:|doi\.org/"
LINK_FILE_TYPE = r"(?:pdf|html?|php|aspx?)\b"
_WS = re.compile(r"\s+")


def clean(text: str) -> str:
    """Repair spacing and PDF glyph damage; keep letters, case and line breaks."""
    if "\u00ad" in text:
        # a soft hyphen ending a line is where a word was broken: keep it as a hyphen (and the
        # line break, so line numbers stay right) for the readers that join hyphenated lines
        text = re.sub("\u00ad[ \t]*(?=\r?\n)", "-", text)
    text = unicodedata.normalize("NFC", text)
    if _ODD.search(text):  # translate() is slow on a whole book; most texts have none of these
        text = text.translate(_SPACES).translate(_INVISIBLE)
    if "Ģ" in text or "Ġ" in text or "ģ" in text:
        if _TURKISH_HINT.search(text):
            # the damaged fonts give Ģ for both Ş and ş ("DıĢ Politika", "GiriĢ"): after a
            # lower-case letter it is ş, so a message quotes "Dış", not "DıŞ"
            text = _DAMAGED_S_LOWER.sub("ş", text).translate(_PDF_DAMAGE)
    return text


def strip_diacritics(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class _FoldTable(dict):  # type: ignore[type-arg]
    """str.translate table: each character through _FOLD_MAP and strip_diacritics, worked out on first sight.

    Per character equals per string: NFKD decomposes each character on its own and only
    reorders combining marks, which are all dropped."""

    def __missing__(self, code: int) -> str:
        mapped = _FOLD_MAP.get(code, chr(code))
        folded = strip_diacritics(mapped if isinstance(mapped, str) else chr(mapped))
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Matching key: lower case (Turkish-aware), no diacritics or punctuation; the LaTeX 2ε logo as "2e"."""
    # cached: the same names, words and titles are folded again and again across notes and entries
    text = text.translate(_FOLD_TABLE)  # (a math italic 𝜀, as LuaLaTeX's fonts print \LaTeXe, is an ε now)
    if "ε" in text:
        # the LaTeX 2ε logo as a PDF prints it (\LaTeXe), against "LaTeX2e" as a .bib or a typist writes it
        text = text.replace("2ε", "2e")
    return " ".join(_WORD.findall(text.lower()))


def fold_words(text: str) -> list[str]:
    return fold(text).split()


def collapse_spaces(text: str) -> str:
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text  # the common case: isprintable() is False for every space but " " and for line breaks
    return _WS.sub(" ", text).strip()


_APOSTROPHES = re.compile("[’'ʼ‘`´]")
_WORD_SPLIT = re.compile(r"[^\w]+|_")


def folded_words(text: str) -> list[tuple[str, str]]:
    """(folded, original) for each word, so a message can quote what the author wrote."""
    pairs = []
    for token in _WORD_SPLIT.split(_APOSTROPHES.sub("", text)):
        key = fold(token)
        if key:
            pairs.append((key, token))
    return pairs
