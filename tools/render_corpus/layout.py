"""Lay rendered notes out as PDF-like text (manuscript.txt) and as pandoc Markdown (manuscript.md).

The body is filler prose carrying one marker per note. The text surface
imitates pdftotext: wrapped body lines, markers glued to the word or
punctuation before them, a separator line, the page's footnotes, notes running
on into the next page's footnote block, page numbers and form feeds.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import filler

GLUE = "\u0000"  # joins a spaced marker to its word so wrapping never puts it at a line start
TAG = "\ue000"  # flags a marker in the body while it is wrapped


@dataclass
class Layout:
    """The per-case look of the text surface (chosen from the case's seed)."""

    body_width: int
    note_width: int
    page_lines: int
    separator: str
    page_break: str  # "formfeed" | "number" | "both"
    number_at_top: bool
    first_page: int
    paragraph_gap: bool
    marker_modes: dict[str, float]  # after | before | space | word -> weight
    continuation: float  # chance that a page's last note runs on to the next page
    hyphenation: float  # chance to hyphenate a long word at a note line end
    locator_wrap: float  # chance to break right after a page label ("p." / "45.")

    @classmethod
    def choose(cls, rng: random.Random) -> "Layout":
        return cls(
            body_width=rng.randint(80, 88),
            note_width=rng.randint(86, 94),
            page_lines=rng.randint(46, 56),
            separator=rng.choice(["_" * 20, "_" * 32, "-" * 15, "—" * 12, " " * 24]),
            page_break=rng.choice(["formfeed", "number", "both"]),
            number_at_top=rng.random() < 0.4,
            first_page=rng.choice([1, 45, 117, 203, 389]),
            paragraph_gap=rng.random() < 0.5,
            marker_modes={"after": 6, "before": rng.choice([0, 2, 4]), "space": rng.choice([0, 1, 2]),
                          "word": rng.choice([1, 2])},
            continuation=rng.choice([0.3, 0.45, 0.6]),
            hyphenation=rng.choice([0.1, 0.25, 0.4]),
            locator_wrap=rng.choice([0.3, 0.6]),
        )

    def describe(self) -> dict:
        return {k: v for k, v in self.__dict__.items()}


@dataclass
class Sentence:
    text: str
    note: int | None = None  # index (1-based) of the note whose marker it carries
    mode: str = "after"
    word: int = 0  # for mode "word": after which word


@dataclass
class Block:
    kind: str  # para | heading | list
    sentences: list[Sentence] = field(default_factory=list)
    text: str = ""
    items: list[str] = field(default_factory=list)


def build_body(rng: random.Random, lang: str, n_notes: int, layout: Layout) -> list[Block]:
    """Paragraphs of filler with the markers of notes 1..n in order, plus headings and a list."""
    modes = list(layout.marker_modes)
    weights = [layout.marker_modes[m] for m in modes]
    blocks: list[Block] = [Block("heading", text=filler.heading(lang, 0))]
    note, headings, listed = 1, 1, False
    while note <= n_notes:
        para = Block("para")
        for _ in range(rng.randint(3, 6)):
            for _ in range(rng.choice([0, 1, 2, 2, 3, 3, 4, 5])):
                para.sentences.append(Sentence(filler.sentence(rng, lang)))
            if note <= n_notes:
                text = filler.sentence(rng, lang)
                mode = rng.choices(modes, weights)[0]
                words = text.split(" ")
                para.sentences.append(Sentence(text, note, mode, rng.randint(2, max(2, len(words) - 2))))
                note += 1
        blocks.append(para)
        roll = rng.random()
        if roll < 0.12 and not listed:
            intro, items = filler.numbered_list(rng, lang)
            blocks.append(Block("para", [Sentence(filler.sentence(rng, lang)), Sentence(intro)]))
            blocks.append(Block("list", items=items))
            listed = True
        elif roll < 0.25 and note <= n_notes:
            blocks.append(Block("heading", text=filler.heading(lang, headings)))
            headings += 1
    return blocks


def sentence_text(sentence: Sentence, label: str | None) -> str:
    """The sentence with its marker (label is the marker as written; None: marker removed)."""
    if sentence.note is None or label is None:
        return sentence.text
    text = sentence.text
    if sentence.mode == "after":
        return text + label
    if sentence.mode == "before" and text[-1] in ".:;":
        return text[:-1] + label + text[-1]
    if sentence.mode == "space":
        return text + GLUE + label
    words = text.split(" ")
    index = min(sentence.word, len(words) - 2)
    words[index] = words[index] + label
    return " ".join(words)


def _hyphenable(word: str) -> bool:
    core = word.rstrip(".,;:)»”’")
    return core.isalpha() and len(core) >= 9


def wrap(text: str, width: int, rng: random.Random | None = None, hyphenation: float = 0.0,
         locator_wrap: float = 0.0, labels: tuple[str, ...] = ()) -> list[str]:
    """Greedy wrap on plain spaces (no-break spaces hold), with PDF-like accidents."""
    words = text.split(" ")
    lines: list[str] = []
    current = ""
    for i, word in enumerate(words):
        if current and len(current) + 1 + len(word) > width:
            room = width - len(current) - 2
            core = word.rstrip(".,;:)»”’")
            if rng and _hyphenable(word) and room >= 4 and rng.random() < hyphenation:
                cut = rng.randint(4, min(room, len(core) - 3)) if min(room, len(core) - 3) >= 4 else 0
                if cut:
                    lines.append(f"{current} {word[:cut]}-")
                    current = word[cut:]
                    continue
            if labels and word.isdigit() and " " in current:
                # a wrapped note line opening with a bare number would read as a new note
                current, moved = current.rsplit(" ", 1)
                word = f"{moved} {word}"
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
        following = words[i + 1] if i + 1 < len(words) else ""
        if (rng and word in labels and following[:1].isdigit() and len(current) > width * 0.6
                and len(current) + 1 + len(following) <= width and rng.random() < locator_wrap):
            lines.append(current)  # "p." ends the line, "45." opens the next
            current = ""
    if current:
        lines.append(current)
    return [line.replace(GLUE, " ") for line in lines]


LABELS = ("p.", "pp.", "s.", "ss.", "S.")


@dataclass
class Surface:
    """What the two layouts need: the notes as numbered and the markers as placed."""

    notes: list[tuple[int, str]]  # (number as printed, text), document order; index i is note i+1
    markers: dict[int, str | None]  # note index (1-based) -> marker as printed, None when removed
    omitted: set[int] = field(default_factory=set)  # note indices deleted outright


def layout_text(blocks: list[Block], surface: Surface, layout: Layout, rng: random.Random) -> str:
    body: list[tuple[str, list[int]]] = []
    for block in blocks:
        if block.kind == "heading":
            body += [("", []), (block.text, []), ("", [])] if layout.paragraph_gap else [(block.text, [])]
            continue
        if block.kind == "list":
            body += [(item, []) for item in block.items]
            continue
        parts, owners = [], []  # owners: (note index, has a marker), in order
        for s in block.sentences:
            label = surface.markers.get(s.note) if s.note and s.note not in surface.omitted else None
            parts.append(sentence_text(s, TAG + label if label else None))
            if s.note and s.note not in surface.omitted:
                owners.append((s.note, label is not None))
        # attribute each note to the line that shows its marker (TAG flags a marker while wrapping);
        # a note whose marker was removed stays with the note before it
        lines = wrap(" ".join(parts), layout.body_width, rng, hyphenation=0.05)
        for line in lines:
            here = []
            while owners and not owners[0][1]:
                here.append(owners.pop(0)[0])
            for _ in range(line.count(TAG)):
                here.append(owners.pop(0)[0])
                while owners and not owners[0][1]:
                    here.append(owners.pop(0)[0])
            body.append((line.replace(TAG, ""), here))
        if layout.paragraph_gap:
            body.append(("", []))

    note_lines = {}
    for index, (number, text) in enumerate(surface.notes, 1):
        if index in surface.omitted:
            continue
        note_lines[index] = wrap(f"{number} {text}", layout.note_width, rng, layout.hyphenation,
                                 layout.locator_wrap, LABELS)

    pages: list[tuple[list[str], list[str]]] = []
    page_body: list[str] = []
    page_notes: list[list[str]] = []
    carry: list[str] = []

    def flush(final: bool) -> None:
        nonlocal page_body, page_notes, carry
        block = list(carry)
        carry = []
        if page_notes and not final:
            last = page_notes[-1]
            over = len(page_body) + 1 + len(block) + sum(map(len, page_notes)) - layout.page_lines
            if len(last) >= 2 and (over > 0 or rng.random() < layout.continuation):
                keep = max(1, len(last) - max(over, rng.randint(1, len(last) - 1)))
                page_notes[-1], carry = last[:keep], last[keep:]
        for lines in page_notes:
            block += lines
        pages.append((page_body, block))
        page_body, page_notes = [], []

    for line, owners in body:
        if not page_body and not line:
            continue
        extra = sum(len(note_lines[o]) for o in owners if o in note_lines)
        used = len(page_body) + 1 + len(carry) + sum(map(len, page_notes)) + extra + 1
        if used > layout.page_lines and len(page_body) >= 5:
            flush(False)
        page_body.append(line)
        page_notes += [note_lines[o] for o in owners if o in note_lines]
    flush(True)

    out = []
    for n, (lines, notes) in enumerate(pages):
        number = str(layout.first_page + n)
        page: list[str] = []
        if layout.number_at_top and layout.page_break != "formfeed":
            page += [number, ""]
        while lines and not lines[-1]:
            lines.pop()
        page += lines
        if notes:
            page += [""] * rng.randint(0, 2) + [layout.separator] + notes
        if not layout.number_at_top and layout.page_break != "formfeed":
            page += ["", " " * (layout.body_width // 2 - 2) + number]
        out.append("\n".join(page) + "\n")
    joiner = {"formfeed": "\f", "number": "\n", "both": "\f"}[layout.page_break]
    return joiner.join(out)


def layout_markdown(blocks: list[Block], surface: Surface) -> str:
    out: list[str] = []
    for block in blocks:
        if block.kind == "heading":
            out.append(f"## {block.text}")
        elif block.kind == "list":
            out.append("\n".join(block.items))
        else:
            parts = []
            for s in block.sentences:
                label = None if s.note is None else f"[^{surface.markers[s.note]}]"
                parts.append(sentence_text(s, label).replace(GLUE, " "))
            out.append(" ".join(parts))
    notes = "\n".join(f"[^{number}]: {text}" for number, text in surface.notes)
    return "\n\n".join(out) + "\n\n" + notes + "\n"
