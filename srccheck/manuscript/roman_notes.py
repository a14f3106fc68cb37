"""Endnotes numbered i, ii, iii… — the default of Word's and LibreOffice's endnotes — read as 1, 2, 3…

A PDF's text then holds the notes as lines "i Vgl. …", "ii Ebd., S. 4." (or "viiiSteinbach-Werner: …", the number
run onto its text) and the body's markers as small numerals after punctuation ("…betont.i Am 22. Oktober").
Where at least three lines start with i, ii, iii in order, those numbers and the body's markers before them become
figures, so that the rest of the reader sees what it sees in a document numbered 1, 2, 3. A block that starts again
at i (endnotes after each chapter) is the next chapter's.
"""

from __future__ import annotations

import re

from ..numerals import strict_roman

# a line starting with a small Roman numeral (after a page's form feed, perhaps), then a space, a capital, a quotation
# mark, or nothing (the number alone on its line, the note below it)
_START = re.compile(r"(?:^|(?<=\f))([ \t\f]*)([ivxlc]{1,8})(?=[ \t]|[^\W\d_a-z]|[„“\"«(\[]|$)", re.MULTILINE)
# a marker after a word's or a number's punctuation: "…betont.i Am", "verschärft.ii", "Erzurum in 1902.i Neither"
_MARKER = re.compile(r"(?<=[^\W_][.,;:!?)”\"»’])([ivxlc]{1,8})(?=\s|$)", re.MULTILINE)
_LEAST = 3  # lines numbered i, ii, iii at least: a list of notes, not a stray "i" or "vi" starting a line


def roman_notes_as_numbers(text: str) -> str:
    """The text with its endnotes' small Roman numbers, and the markers before each block of them, as figures; the
    same text when no three lines start with i, ii, iii in order."""
    if "\nii" not in text and "\n ii" not in text:
        return text  # most texts: no second note numbered so
    runs: list[list[re.Match[str]]] = [[]]
    for m in _START.finditer(text):
        value = strict_roman(m.group(2))
        if value == len(runs[-1]) + 1:
            runs[-1].append(m)
        elif value == 1:
            if len(runs[-1]) >= _LEAST:
                runs.append([m])  # the next chapter's notes
            else:
                runs[-1] = [m]  # a false start ("i" beginning a line of prose) given up
    runs = [run for run in runs if len(run) >= _LEAST]
    if not runs:
        return text
    pieces, at = [], 0
    for run in runs:
        # the text before this block of notes: its markers, up to the block's last number
        pieces.append(_MARKER.sub(lambda m, last=len(run): _figure(m.group(1), last), text[at:run[0].start()]))
        at = run[0].start()
        for k, m in enumerate(run, 1):
            pieces.append(text[at:m.start(2)])
            glued = text[m.end(2):m.end(2) + 1] not in ("", " ", "\t", "\n", "\f")  # "viiiSteinbach": a space
            pieces.append(f"{k} " if glued else str(k))
            at = m.end(2)
    pieces.append(text[at:])
    return "".join(pieces)


def _figure(numeral: str, last: int) -> str:
    value = strict_roman(numeral)
    return str(value) if value is not None and value <= last else numeral
