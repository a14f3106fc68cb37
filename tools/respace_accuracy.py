"""How well srccheck restores the word spaces pdfminer dropped, judged against another extractor of the same PDF.

Usage: python tools/respace_accuracy.py DOCUMENT_FOLDER ... [-v] [--source pypdf.txt]

For each folder of tests/realpipe (pdfminer.txt beside pdftotext-raw.txt, both taken from one paper.pdf), every
space that srccheck.manuscript.respace inserts into pdfminer's text is judged by the words around it: right when
pdftotext writes those two word pieces with a space between them, wrong when it writes them run together,
not judged when pdftotext has neither (another line break, another hyphenation). It also counts the lines that
still look glued, before and after. -v prints each wrong space.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from srccheck.manuscript.glyphs import repair  # noqa: E402
from srccheck.manuscript.respace import glued_line, respace  # noqa: E402
from srccheck.normalize import clean  # noqa: E402

CONTEXT = 8  # characters either side of an inserted space, cut at the nearest other space


@dataclass
class Judged:
    right: int = 0
    wrong: int = 0
    glued_before: int = 0
    glued_after: int = 0


def _reference(text: str) -> str:
    """Another extractor's text as one line: words broken at a line's end joined, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"(?<=[^\W\d_])-\n(?=[^\W\d_])", "", text))


def _inserted(before: str, after: str) -> list[int]:
    """Where `after` (before with spaces inserted) has a space that `before` has not: offsets into after."""
    spots, i = [], 0
    for j, ch in enumerate(after):
        if i < len(before) and ch == before[i]:
            i += 1
        elif ch == " ":
            spots.append(j)
        else:
            break  # respace only inserts spaces; anything else ends the comparison
    return spots


def judge(folder: Path, verbose: bool = False, source: str = "pdfminer.txt") -> Judged:
    def read(name: str) -> str:
        return repair(clean((folder / name).read_text(encoding="utf-8")))

    text, reference = read(source), _reference(read("pdftotext-raw.txt"))
    out = Judged()
    spaced = respace(text)
    for line, new in zip(text.split("\n"), spaced.split("\n")):
        out.glued_before += glued_line(line)
        out.glued_after += glued_line(new)
        for at in (_inserted(line, new) if line != new else []):
            # the pieces of words on either side, as respace left them
            left = new[max(0, at - CONTEXT):at].split(" ")[-1]
            right = new[at + 1:at + 1 + CONTEXT].split(" ")[0]
            if len(left) < 2 or len(right) < 2:
                continue
            if f"{left} {right}" in reference:
                out.right += 1
            elif left + right in reference:
                out.wrong += 1
                if verbose:
                    print(f"    wrong: {left}|{right}")
    return out


def main() -> None:
    args = sys.argv[1:]
    verbose = "-v" in args
    source = args[args.index("--source") + 1] if "--source" in args else "pdfminer.txt"
    folders = [a for i, a in enumerate(args) if a not in ("-v", "--source") and (i == 0 or args[i - 1] != "--source")]
    total = Judged()
    for name in folders:
        if not (Path(name) / source).is_file() or not (Path(name) / "pdftotext-raw.txt").is_file():
            print(f"{Path(name).name:40} skipped: no {source} or no pdftotext-raw.txt beside it")
            continue
        j = judge(Path(name), verbose, source)
        for field in vars(total):
            setattr(total, field, getattr(total, field) + getattr(j, field))
        print(f"{Path(name).name:40} spaces right {j.right:4}  wrong {j.wrong:3}   glued lines {j.glued_before:4} -> "
              f"{j.glued_after:4}")
    judged = total.right + total.wrong
    print(f"{'all':40} spaces right {total.right:4}  wrong {total.wrong:3}   glued lines {total.glued_before:4} -> "
          f"{total.glued_after:4}   precision {total.right / judged if judged else 0:.3f}")


if __name__ == "__main__":
    main()
