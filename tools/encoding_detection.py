"""Measure legacy code page detection and the garbled-text check on real text in many languages.

The text: the translations Debian installs under /usr/share/locale (gettext .mo files, written by people for
each language), strings joined into manuscript-like samples (a body with note markers, numbered notes) of
300 and 2,000 characters, then saved in each code page the language is written in (Python's codecs give
the bytes an editor would). Detection is right when the code page found decodes the bytes to the same text.
The garbled-text check must stay silent on every right decoding and should speak on the wrong ones.

Development languages (tuned on): ru pl cs el tr de fr. Held out (measured once): uk bg sr sk hu sl hr ro es it
pt nl.

    .venv/bin/python tools/encoding_detection.py            # development languages
    .venv/bin/python tools/encoding_detection.py --holdout  # the held-out ones
"""

from __future__ import annotations

import argparse
import gettext
import glob
import random
import re
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from srccheck.encodings import guess_code_page, reads_as_garbage  # noqa: E402

PAGES = {
    "ru": ["cp1251", "koi8_r", "iso8859_5", "cp866"], "uk": ["cp1251", "koi8_u", "iso8859_5"],
    "bg": ["cp1251", "iso8859_5"], "sr": ["cp1251", "iso8859_5"],
    "pl": ["cp1250", "iso8859_2"], "cs": ["cp1250", "iso8859_2"], "sk": ["cp1250", "iso8859_2"],
    "hu": ["cp1250", "iso8859_2"], "sl": ["cp1250", "iso8859_2"], "hr": ["cp1250", "iso8859_2"],
    "ro": ["cp1250", "iso8859_2"], "el": ["cp1253", "iso8859_7"], "tr": ["cp1254", "iso8859_9"],
    "de": ["cp1252", "latin_1"], "fr": ["cp1252", "latin_1"], "es": ["cp1252", "latin_1"],
    "it": ["cp1252", "latin_1"], "pt": ["cp1252", "latin_1"], "nl": ["cp1252", "latin_1"],
}
DEVELOPMENT = ["ru", "pl", "cs", "el", "tr", "de", "fr"]
HOLDOUT = ["uk", "bg", "sr", "sk", "hu", "sl", "hr", "ro", "es", "it", "pt", "nl"]
# how a file in one code page gets read wrongly: by another code page of the same family, or the Western one
MISREAD = {"cp1251": ["cp1252", "koi8_r"], "koi8_r": ["cp1251", "cp1252"], "koi8_u": ["cp1251"],
           "iso8859_5": ["cp1251"], "cp866": ["cp1251"], "cp1250": ["cp1252"], "iso8859_2": ["cp1250", "cp1252"],
           "cp1253": ["cp1252"], "iso8859_7": ["cp1252"], "cp1254": ["cp1252", "cp1250"], "iso8859_9": ["cp1250"],
           "cp1252": ["cp1250", "cp1251"], "latin_1": ["cp1251"], "utf-8": ["cp1252", "cp1251"]}


@lru_cache(maxsize=None)
def strings(language: str, limit: int = 400_000) -> list[str]:
    found: list[str] = []
    total = 0
    for mo in sorted(glob.glob(f"/usr/share/locale/{language}/LC_MESSAGES/*.mo")):
        try:
            with open(mo, "rb") as handle:
                catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        except (OSError, ValueError, UnicodeError):
            continue
        for key, value in catalog.items():
            if key and isinstance(value, str) and len(value) > 25 and not re.search(r"[%{}<>\\|]", value):
                found.append(value.replace("\n", " "))
                total += len(value)
        if total > limit:
            break
    return found


def manuscript(language: str, rng: random.Random, size: int) -> str:
    pool = strings(language)
    body: list[str] = []
    notes: list[str] = []
    while sum(map(len, body)) + sum(map(len, notes)) < size:
        n = len(body) + 1
        body.append(rng.choice(pool).strip().rstrip(".") + f".{n}")
        notes.append(f"{n} {rng.choice(pool).strip()}, {rng.randint(1, 400)}.")
    return " ".join(body) + "\n\n" + "\n".join(notes) + "\n"


def measure(languages: list[str], size: int, count: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    right = tried = false_alarms = correct = found = misread = 0
    wrong: Counter[tuple[str, str, str]] = Counter()
    for language in languages:
        if not strings(language):
            print(f"no text for {language} under /usr/share/locale", file=sys.stderr)
            continue
        for _ in range(count):
            text = manuscript(language, rng, size)
            correct += 1
            false_alarms += bool(reads_as_garbage(text))
            for page in PAGES[language] + ["utf-8"]:
                data = text.encode(page, "ignore")
                if page != "utf-8" and not data.isascii():
                    tried += 1
                    guess = guess_code_page(data)
                    if data.decode(guess, "replace") == data.decode(page, "replace"):
                        right += 1
                    else:
                        wrong[(language, page, guess)] += 1
                for other in MISREAD[page]:
                    shown = data.decode(other, "replace")
                    if shown != data.decode(page, "replace"):
                        misread += 1
                        found += bool(reads_as_garbage(shown))
    print(f"{size:>5} characters: code page right {right}/{tried}; garbled-text on right decodings "
          f"{false_alarms}/{correct}, on wrong ones {found}/{misread}")
    for (language, page, guess), n in wrong.most_common(6):
        print(f"      {language} in {page} read as {guess}: {n}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--holdout", action="store_true", help="the held-out languages")
    parser.add_argument("--count", type=int, default=10, help="samples per language and size")
    args = parser.parse_args()
    for size in (300, 2000):
        measure(HOLDOUT if args.holdout else DEVELOPMENT, size, args.count)


if __name__ == "__main__":
    main()
