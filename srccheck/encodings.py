"""Which legacy code page a text that is not UTF-8 was saved in, and whether a decoded text reads as letters.

Manuscripts come from Windows editors and old word processors: Russian in Windows-1251 or KOI8-R, Polish
and Czech in Windows-1250 or ISO-8859-2, Greek in Windows-1253, Turkish in Windows-1254. Read in the wrong
code page, every non-ASCII letter is another letter ("Ïðèâåò" for "Привет") and every citation fails.

guess_code_page() asks charset-normalizer, which scores each candidate decoding for how chaotic it looks
and how well its letters fit a language, restricted to the code pages above. One confusion matters to us
and charset-normalizer makes it on short texts: Turkish read as Windows-1250 (ı and ş are ý and ţ there).
So between the Latin code pages, which decode most bytes alike and score close, the language charset-normalizer
recognises decides (Polish, Czech, Hungarian…: Windows-1250 or ISO-8859-2), and Turkish letters (ğ ı ş İ where a
Western text would have Icelandic ð ý þ) keep Windows-1254, as srccheck always read them; else Windows-1252.

implausible_words() finds decoded words no language writes: runs of accented capitals and small letters
mixed ("ÐÑÑÑÐºÐ¸Ð¹"), letters of two scripts in one word, UTF-8 read twice ("KÃ¼rt" for "Kürt").
"""

from __future__ import annotations

import codecs
import re

# the single-byte code pages a manuscript may be in; each decoding is scored, the best one kept
CODE_PAGES = ("cp1252", "cp1254", "iso8859_9", "cp1250", "iso8859_2", "cp1251", "koi8_r", "koi8_u", "iso8859_5",
              "cp866", "cp1253", "iso8859_7")
SAMPLE = 1 << 20  # bytes looked at: a megabyte of a book tells its code page as well as the whole
_LATIN_PAGES = ("cp1252", "cp1254", "cp1250", "iso8859_2")  # in this order when they read a text equally well
# the letters beyond ASCII each language writes (lower case): a text decoded right has words one language explains
ALPHABETS = {
    "French": "àâæçéèêëîïôœùûüÿ", "German": "äöüß", "Spanish": "áéíñóúü", "Italian": "àèéìíîòóùú",
    "Portuguese": "áâãàçéêíóôõú", "Catalan": "àçèéíïòóúü", "Dutch": "áéëïóöü", "Danish and Norwegian": "åæøéó",
    "Swedish and Finnish": "åäöé", "Icelandic": "áðéíóúýþæö", "Turkish": "çğıöşüâîû", "Polish": "ąćęłńóśźż",
    "Czech": "áčďéěíňóřšťúůýž", "Slovak": "áäčďéíĺľňóôŕšťúýž", "Hungarian": "áéíóöőúüű", "Romanian": "ăâîșțşţ",
    "Croatian, Bosnian and Slovene": "čćđšž", "Albanian": "çë", "Latvian and Lithuanian": "āčēģīķļņšūžąęėįųū",
}
_LETTER_SETS = {language: frozenset(letters) for language, letters in ALPHABETS.items()}
_WORD = re.compile(r"[^\W\d_]+")
_UNDEFINED = re.compile("[\ufffd\u0080-\u009f]")


def name_of(encoding: str) -> str:
    """The codec's own name ("cp1251", "koi8-r", "iso8859-2"), as reports show it."""
    return codecs.lookup(encoding).name


def guess_code_page(data: bytes) -> str:
    """The legacy code page `data` (not UTF-8) was most likely saved in."""
    data = data[:SAMPLE]
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency; without it the Latin code pages are still told apart
        return name_of(best_latin(data))
    found = from_bytes(data, cp_isolation=list(CODE_PAGES), preemptive_behaviour=False).best()
    encoding = codecs.lookup(found.encoding).name if found is not None else "cp1252"
    latin = best_latin(data)
    if encoding in ("cp1251", "koi8-r", "koi8-u", "iso8859-5", "cp866", "cp1253", "iso8859-7"):
        # Cyrillic or Greek: charset-normalizer's letter statistics tell those apart well, unless the words it
        # reads mix scripts ("wyĐ…": Polish taken for Cyrillic) where the best Latin reading does not
        if _odd_share(data.decode(encoding, "replace")) <= _odd_share(data.decode(latin, "replace")):
            return encoding
    return name_of(latin)


def _odd_share(text: str) -> float:
    seen, odd, _ = implausible_words(text)
    return odd / seen if seen else 0.0


def explained_words(text: str) -> tuple[int, int]:
    """(how many of the text's words with letters beyond ASCII one language's alphabet explains, taking the
    language that explains most; how many words with such letters there are)."""
    letters = [frozenset(ch for ch in word.lower() if not ch.isascii()) for word in _WORD.findall(text)]
    letters = [word for word in letters if word]
    if not letters:
        return 0, 0
    return max(sum(1 for word in letters if word <= alphabet) for alphabet in _LETTER_SETS.values()), len(letters)


def best_latin(data: bytes) -> str:
    """The Latin code page whose decoding one language explains best: Western (1252), Turkish (1254) or Central
    European (1250, ISO-8859-2). They decode most bytes alike; where they differ, a wrong one gives letters no
    single language writes together (Czech "často" as "èasto" is French è beside Czech letters). Ties keep the
    earlier page, Windows-1252 first."""
    best, score = "cp1252", float("-inf")
    for page in _LATIN_PAGES:
        text = data.decode(page, "replace")
        explained, words = explained_words(text)
        # an unexplained word counts against the page, and so does a byte it leaves undefined (or a C1
        # control) and a symbol inside a word ("wi¹zaæ": Polish ą read as ¹), in proportion to the words read
        odd = len(_UNDEFINED.findall(text)) + len(_SYMBOL_INSIDE.findall(text))
        found = (explained - 2 * (words - explained) - odd) / max(1, words)
        if found > score:
            best, score = page, found
    return best


# -- does a decoded text read as letters? ------------------------------------------------------------------

_SCRIPTS = (re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]"), re.compile(r"[\u0400-\u04ff]"),
            re.compile(r"[\u0370-\u03ff\u1f00-\u1fff]"))
_DOUBLE_UTF8 = re.compile(r"[ÃÂÄÅÐÑ][\u0080-\u00bf]")  # the lead byte of a UTF-8 letter read as a Latin one
_ACCENTED_RUN = re.compile(r"[\u00c0-\u024f]{4,}")  # four accented Latin letters in a row: no language writes that
# a symbol between two letters that a wrong code page makes of a letter ("wi¹zaæ", "ÐºÐ¸"); not the apostrophes,
# dashes and spacing accents real text and PDF extraction put there
_SYMBOL_INSIDE = re.compile("(?<=[^\\W\\d_])[\u00a1-\u00a7\u00a9\u00ab-\u00ae\u00b0-\u00b3\u00b5-\u00b7"
                            "\u00b9\u00bb-\u00bf\u00d7\u00f7\u2020\u2021\u2022\u2030\u2039\u203a\u2122\u20ac"
                            "\u201a\u201e\u0080-\u009f\ufffd](?=[^\\W\\d_])")
# beyond the languages' alphabets: transliteration of Ottoman, Arabic, Persian and Sanskrit names
_TRANSLITERATION = frozenset("âāçčḍḏēğġḥḫıîīḳḵñńöōṣşśšṭṯüûūẓżžʿʾṛṃṇṅ")


def _flips(word: str) -> bool:
    """A small letter followed by a capital one inside a word, one of them beyond ASCII ("пРИВЕТ", "ĹÓćčľ"): a
    wrong code page's case. ASCII pairs are left alone: words glued by PDF extraction ("derAußenminister")."""
    return any(a.islower() and b.isupper() and not (a.isascii() and b.isascii()) for a, b in zip(word, word[1:]))


def _unexplained(word: str) -> bool:
    letters = frozenset(ch for ch in word.lower() if not ch.isascii() and "\u00c0" <= ch <= "\u024f")
    return bool(letters) and not letters <= _TRANSLITERATION and not any(letters <= a for a in _LETTER_SETS.values())


def _odd(word: str) -> bool:
    return bool(_DOUBLE_UTF8.search(word) or _ACCENTED_RUN.search(word) or _flips(word) or _unexplained(word)
                or sum(1 for script in _SCRIPTS if script.search(word)) > 1 or _CYRILLIC_CAPITALS.fullmatch(word))


# a Cyrillic word of five capitals or more: KOI8-R and Windows-1251 read as each other swap the case of every
# letter, so running text comes out in capitals (abbreviations that long are rare)
_CYRILLIC_CAPITALS = re.compile(r"[\u0410-\u042f\u0401]{5,}")


def implausible_words(text: str, limit: int = 200_000) -> tuple[int, int, list[str]]:
    """(words with a letter beyond ASCII, how many of them no language would write, a few examples)."""
    import unicodedata

    text = unicodedata.normalize("NFC", text[:limit])  # "ä" as a and a combining diaeresis is one letter
    seen = odd = 0
    examples: list[str] = []
    for word in _WORD.findall(text):
        if word.isascii():
            continue
        seen += 1
        if _odd(word):
            odd += 1
            if len(examples) < 3 and word not in examples:
                examples.append(word)
    for m in _SYMBOL_INSIDE.finditer(text):  # each one splits a word in two, both counted above
        odd += 1
        if len(examples) < 3:
            start = text.rfind(" ", 0, m.start()) + 1
            end = text.find(" ", m.end())
            examples.append(text[start:end if end >= 0 else len(text)][:40])
    return seen, min(odd, seen), examples


def reads_as_garbage(text: str) -> list[str]:
    """A few example words when a quarter or more of the text's non-ASCII words (and at least three) look like a
    wrong decoding, else []."""
    seen, odd, examples = implausible_words(text)
    return examples if odd >= 3 and odd * 4 >= seen else []
