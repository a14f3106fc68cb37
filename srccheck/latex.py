"""LaTeX in bib values: a fast path for plain and brace-only strings, pylatexenc for the rest."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    from pylatexenc.latex2text import LatexNodes2Text

    return LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)


def decode_latex(value: str) -> str:
    if "\\" not in value and "{" not in value and "~" not in value and "--" not in value:
        return value
    if "\\" not in value:
        return value.replace("{", "").replace("}", "").replace("~", " ").replace("---", "—").replace("--", "–")
    try:
        return _converter().latex_to_text(value)
    except Exception:  # pylatexenc is lenient, but a value is never worth a crash
        return value.replace("{", "").replace("}", "").replace("\\", "")
