"""garbled-text: the manuscript's text reads as no language writes: it was decoded in the wrong encoding.

What it finds: a text file whose words, once decoded, are not words of any language: Russian saved in
Windows-1251 read as Western ("Ïðèâåò" for "Привет"), KOI8-R read as Windows-1251 ("пРИВЕТ"), UTF-8 read
twice ("KÃ¼rt" for "Kürt"), letters of two scripts or two alphabets in one word. It names a few such words,
the encoding used and, when one reads the bytes as letters, the encoding to use.

Why it matters: every citation in such a text is unreadable, so every check on it is wrong.

What to do: pass the right encoding (`--encoding cp1251`, or `encoding = "koi8-r"` in the configuration),
or save the manuscript as UTF-8. Text that was already garbled when it was written (UTF-8 of UTF-8) must be
repaired in the manuscript itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Finding, Severity
from . import Context

CODE = "SC206"
NAME = "garbled-text"
SEVERITY = Severity.ERROR


def check(ctx: Context) -> Iterator[Finding]:
    ms = ctx.manuscript
    if not ms.garbled:
        return
    shown = ", ".join(f"“{ctx.excerpt(word, 30)}”" for word in ms.garbled)
    if ms.better_encoding:
        suggestion = f"it reads as letters in {ms.better_encoding}: pass --encoding {ms.better_encoding}"
    elif ms.encoding == "utf-8":
        suggestion = "the text was garbled before it was saved (UTF-8 read as another encoding): repair it"
    else:
        suggestion = "pass the encoding it was saved in with --encoding, or save it as UTF-8"
    yield Finding(NAME, SEVERITY, f"the text, read as {ms.encoding}, has words no language writes ({shown}): "
                  "a wrong encoding", line=1, suggestion=suggestion)
