"""LaTeX in bib values: plain and brace-only strings pass through, the common accent macros are decoded from a
table, and only what remains goes to pylatexenc (about 0.5 ms a value, too slow for large bibliographies)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

def brace_depths(value: str) -> list[int]:
    """The brace depth before each character of a BibTeX value ("{" opens, "}" closes; an unbalanced "}" may take
    it below 0): the one scanner for what stands inside braces ({World Bank}, {\\c{S}}en, "a # {b}")."""
    depths, depth = [], 0
    for ch in value:
        depths.append(depth)
        depth += (ch == "{") - (ch == "}")
    return depths


def one_braced_group(value: str) -> bool:
    """Whether the whole value is one braced group ("{World Bank}", not "{\\c{S}}en, Ali")."""
    after = brace_depths(value)[1:] + [0]  # the depth after each character
    return all(d != 0 for d in after[:-1])


# accent macro -> combining character
_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303", "=": "\u0304", ".": "\u0307",
            "u": "\u0306", "v": "\u030c", "H": "\u030b", "c": "\u0327", "k": "\u0328", "r": "\u030a", "d": "\u0323",
            "b": "\u0331"}
_LETTERS = {"i": "ı", "j": "ȷ", "ss": "ß", "o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "ae": "æ", "AE": "Æ", "oe": "œ",
            "OE": "Œ", "aa": "å", "AA": "Å"}
_SYMBOLS = {"&": "&", "%": "%", "$": "$", "#": "#", "_": "_", "{": "{", "}": "}"}
# \c{s}  \c s  {\c s}  \"u  \"{u}  \'{\i}  \.{I}
_ACCENT = re.compile(r"""\\([`'^"~=.]|[uvHckrdb](?=[{\s]))\s*(?:\{\s*(\\[ij]|[A-Za-z])\s*\}|(\\[ij]|[A-Za-z]))""")
_LETTER = re.compile(r"\\(ss|ae|AE|oe|OE|aa|AA|[ijoOlL])(?![A-Za-z])\s*")
_SYMBOL = re.compile(r"\\([&%$#_{}])")


def _accent(match: re.Match[str]) -> str:
    return _accented(match.group(1), match.group(2) or match.group(3))


@lru_cache(maxsize=None)  # a few dozen letters and marks: a library repeats them thousands of times
def _accented(macro: str, base: str) -> str:
    mark = _ACCENTS[macro]
    base = {"\\i": "ı", "\\j": "ȷ"}.get(base, base)
    if base in "ıȷ" and mark != "\u0307":
        base = "i" if base == "ı" else "j"  # \'{\i} is í
    return unicodedata.normalize("NFC", base + mark)


# logos that TeX-related titles are full of ("Die {\TeX}nische Komödie", "Euro\TeX{} 2003"): pylatexenc drops
# macros it does not know, which made "TeXnische" read as "nische". A control word eats the space after it.
_LOGOS = {"TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2e", "XeTeX": "XeTeX", "XeLaTeX": "XeLaTeX",
          "LuaTeX": "LuaTeX", "LuaLaTeX": "LuaLaTeX", "pdfTeX": "pdfTeX", "pdfLaTeX": "pdfLaTeX", "eTeX": "e-TeX",
          "ConTeXt": "ConTeXt", "BibTeX": "BibTeX", "AmS": "AMS", "AMS": "AMS", "AmSTeX": "AMS-TeX",
          "MF": "Metafont", "MP": "MetaPost", "METAFONT": "METAFONT", "SliTeX": "SliTeX", "TUB": "TUGboat",
          "ldots": "…", "dots": "…", "textendash": "–", "textemdash": "—", "slash": "/"}
_LOGO = re.compile(r"\\(" + "|".join(sorted(_LOGOS, key=len, reverse=True)) + r")(?![A-Za-z])(?:\{\}|[ \t]?)")
_SPACING = re.compile(r"\\(?:/|,|@|\s)")  # italic correction, thin space, \@, control space


def _fast(value: str) -> str | None:
    """Decode with the table; None if anything else remains that pylatexenc must handle."""
    if "\\" in value:
        value = _LOGO.sub(lambda m: _LOGOS[m.group(1)], value)
        value = _SPACING.sub(lambda m: " " if m.group().isspace() or m.group()[1:].isspace() else "", value)
    text = _ACCENT.sub(_accent, value)
    text = _LETTER.sub(lambda m: _LETTERS[m.group(1)], text)
    text = _SYMBOL.sub(lambda m: _SYMBOLS[m.group(1)], text)
    if "\\" in text or "$" in text:
        return None
    return _plain(text)


def _plain(text: str) -> str:
    text = text.replace("{", "").replace("}", "").replace("~", "\u00a0")
    return text.replace("---", "—").replace("--", "–").replace("``", "“").replace("''", "”")


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)


def decode_latex(value: str) -> str:
    if "\\" not in value and "{" not in value and "~" not in value and "--" not in value and "`" not in value:
        return value
    if "\\" not in value:
        return _plain(value)
    fast = _fast(value)
    if fast is not None:
        return fast
    if "\\" in value:
        value = _LOGO.sub(lambda m: _LOGOS[m.group(1)], value)
    try:
        return _converter().latex_to_text(value)
    except Exception:  # pylatexenc is lenient, but a value is never worth a crash
        return value.replace("{", "").replace("}", "").replace("\\", "")
