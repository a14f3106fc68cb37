"""Books of several shapes for the benchmark: what a benchmark of one shape cannot show.

Every shape writes a bibliography (LaTeX-escaped, with @string-free plain BibTeX) and a
PDF-text manuscript citing it. Titles draw their words from a large made-up vocabulary with
a Zipf distribution, as real titles do (a few common words, a long tail of rare ones), and
surnames from a pool of thousands, so the index sees realistic word frequencies.

Shapes (the name is the argument of `make`):
  plain       full first citations, short forms "Surname, Head of Title, s. N", a.g.e.
  archival    a fifth of the entries and of the citations archival (archive, fond, file
              and folder numbers: "BOA, HR. İM., Dosya No: 89, Gömlek No: 65")
  anonymous   a third of the works have no author: cited by title alone, full and short
  typos       a third of the citations misspell the surname (a letter swapped or dropped)
  signals     citations inside commentary: signal phrases before, a sentence after
  prolific    few authors with many works each (a few dozen per surname)
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

SHAPES = ("plain", "archival", "anonymous", "typos", "signals", "prolific")

_ONSETS = ["b", "c", "ç", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "ş", "t", "v", "y", "z", "br", "kr",
           "st", "tr", "gr", "pl", "sch", "th", "w"]
_VOWELS = ["a", "e", "ı", "i", "o", "ö", "u", "ü", "ai", "ei", "ou"]
_CODAS = ["", "", "n", "r", "l", "m", "s", "k", "t", "nd", "st", "rk"]
_STOP = ["ve", "and", "the", "of", "in", "und", "der", "de", "la", "et"]
_LATEX = {"ı": "{\\i}", "ş": "{\\c{s}}", "Ş": "{\\c{S}}", "ç": "{\\c{c}}", "Ç": "{\\c{C}}", "ğ": "{\\u{g}}",
          "ö": '{\\"o}', "Ö": '{\\"O}', "ü": '{\\"u}', "Ü": '{\\"U}', "İ": "{\\.I}"}
_ARCHIVES = [("BOA", "Başbakanlık Osmanlı Arşivi", ["HR. İM.", "A. VRK", "DH. MKT.", "İ. DH."]),
             ("BCA", "Başbakanlık Cumhuriyet Arşivi", ["030.10", "490.01", "030.18"]),
             ("TNA", "The National Archives", ["FO 371", "WO 106", "CAB 24"]),
             ("ATASE", "Genelkurmay ATASE Arşivi", ["İSH", "BDH"])]
_SIGNALS = ["Bkz. ", "Krş. ", "See ", "For a different view see ", "Vgl. ", "Ähnlich argumentiert ",
            "Benzer bir değerlendirme için bkz. ", "Pour une autre lecture, voir "]
_AFTER = [" Bu görüş tartışmalıdır.", " The figures there differ from the consular reports.",
          " Anders dagegen die ältere Forschung.", ""]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS) for _ in range(rng.randint(2, 3)))


def latex(text: str) -> str:
    return "".join(_LATEX.get(ch, ch) for ch in text)


@dataclass
class Work:
    key: str
    surname: str | None
    given: str
    title: str
    year: int
    archive: tuple[str, str, str, int, int] | None = None  # (siglum, name, fond, file, folder)


@dataclass
class Book:
    works: list[Work]
    notes: list[str] = field(default_factory=list)


def _vocabulary(rng: random.Random, size: int) -> tuple[list[str], list[float]]:
    words = list(dict.fromkeys(_word(rng) for _ in range(size * 2)))[:size]
    weights = [1.0 / (rank + 1) for rank in range(len(words))]  # Zipf: a few words common, most rare
    return words, weights


def make_works(shape: str, entries: int, rng: random.Random) -> list[Work]:
    vocab, weights = _vocabulary(rng, 8000)
    surnames = [w.capitalize() for w in dict.fromkeys(_word(rng) for _ in range(entries))]
    if shape == "prolific":
        surnames = surnames[: max(20, entries // 40)]
    givens = [w.capitalize() for w in (_word(rng) for _ in range(300))]
    works = []
    for i in range(entries):
        words = rng.choices(vocab, weights, k=rng.randint(3, 7))
        words.insert(rng.randint(1, len(words) - 1), rng.choice(_STOP))
        title = " ".join(w.capitalize() if k == 0 or rng.random() < 0.5 else w for k, w in enumerate(words))
        year = 1850 + rng.randint(0, 170)
        archival = shape == "archival" and i % 5 == 0
        anonymous = shape == "anonymous" and i % 3 == 0
        if archival:
            siglum, name, fonds = rng.choice(_ARCHIVES)
            works.append(Work(f"a{i}", None, "", title, year,
                              (siglum, name, rng.choice(fonds), rng.randint(1, 3000), rng.randint(1, 200))))
        else:
            surname = None if anonymous else rng.choice(surnames)
            works.append(Work(f"w{i}", surname, rng.choice(givens), title, year))
    return works


def write_bib(path: Path, works: list[Work]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for w in works:
            if w.archive:
                siglum, name, fond, file, folder = w.archive
                out.write(f"@misc{{{w.key},\n  title = {{{latex(w.title)}}},\n  organization = {{{latex(name)}}},\n"
                          f"  archive = {{{siglum}}},\n  number = {{{latex(fond)}, Dosya No: {file}, Gömlek No: "
                          f"{folder}}},\n  year = {{{w.year}}}\n}}\n\n")
            elif w.surname is None:
                out.write(f"@book{{{w.key},\n  title = {{{latex(w.title)}}},\n  publisher = {{Devlet Matbaas{{\\i}}}},"
                          f"\n  address = {{{{\\.I}}stanbul}},\n  year = {{{w.year}}}\n}}\n\n")
            else:
                out.write(f"@book{{{w.key},\n  author = {{{latex(w.surname)}, {latex(w.given)}}},\n"
                          f"  title = {{{latex(w.title)}}},\n  publisher = {{Tarih Yay{{\\i}}nlar{{\\i}}}},\n"
                          f"  address = {{Ankara}},\n  year = {{{w.year}}}\n}}\n\n")


def _misspell(name: str, rng: random.Random) -> str:
    if len(name) < 5:
        return name
    i = rng.randint(1, len(name) - 3)
    return name[:i] + name[i + 1] + name[i] + name[i + 2:] if rng.random() < 0.5 else name[:i] + name[i + 1:]


def _citation(shape: str, w: Work, first: bool, page: int, rng: random.Random) -> str:
    head = " ".join(w.title.split()[:3])
    if w.archive:
        siglum, _, fond, file, folder = w.archive
        return f"{siglum}, {fond}, Dosya No: {file}, Gömlek No: {folder}."
    if w.surname is None:
        return f"{w.title}, Devlet Matbaası, İstanbul, {w.year}, s. {page}." if first else f"{head}, s. {page}."
    surname = _misspell(w.surname, rng) if shape == "typos" and rng.random() < 1 / 3 else w.surname
    if first:
        return f"{w.given} {surname}, {w.title}, Tarih Yayınları, Ankara, {w.year}, s. {page}-{page + 2}."
    return f"{surname}, {head}, s. {page}."


def make_book(shape: str, notes: int, works: list[Work], rng: random.Random) -> Book:
    cited = rng.sample(works, min(len(works), max(3, notes // 3)))
    core = cited[:3]  # a book's main sources: cited in a fifth of the notes
    archival = [w for w in cited if w.archive]
    seen: set[str] = set()
    book = Book(works)
    for _ in range(notes):
        if archival and rng.random() < 0.2:
            w = rng.choice(archival)
        else:
            w = rng.choice(core) if rng.random() < 0.2 else rng.choice(cited)
        page = rng.randint(1, 400)
        if w.key in seen and rng.random() < 0.15 and not w.archive:
            text = f"a.g.e., s. {page}."
        else:
            text = _citation(shape, w, w.key not in seen, page, rng)
        seen.add(w.key)
        if shape == "signals":
            text = rng.choice(_SIGNALS) + text + rng.choice(_AFTER)
        book.notes.append(text)
    return book


def write_manuscript(path: Path, book: Book, rng: random.Random) -> None:
    """PDF text: four notes a page, body lines with glued markers, a separator, the page's footnotes."""
    lines: list[str] = []
    body: list[str] = []
    foot: list[str] = []
    for n, note in enumerate(book.notes, start=1):
        body.append(f"Bu konuda {rng.randint(1850, 1950)} yılında {rng.randint(2, 900)} kişi etkilenmiştir.{n}")
        foot.append(f"{n} {note}")
        if n % 4 == 0 or n == len(book.notes):
            lines += body + ["", " " * 40] + foot + ["", str(n // 4 + 1), "\f"]
            body, foot = [], []
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def make(shape: str, entries: int, notes: int, folder: Path, seed: object = 20261204) -> tuple[Path, Path]:
    """Write one shape's bib and manuscript into folder; the same arguments always give the same files."""
    rng = random.Random(f"{seed}/{shape}/{entries}")
    works = make_works(shape, entries, rng)
    bib = folder / f"{shape}-{entries}.bib"
    if not bib.exists():
        write_bib(bib, works)
    manuscript = folder / f"{shape}-{entries}-{notes}.txt"
    rng = random.Random(f"{seed}/{shape}/{entries}/{notes}")
    write_manuscript(manuscript, make_book(shape, notes, works, rng), rng)
    return manuscript, bib
