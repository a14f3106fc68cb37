"""Matching keys (srccheck/normalize.py)."""

from __future__ import annotations

from srccheck.normalize import fold


def test_the_latex2e_logo_in_lualatexs_math_italic_epsilon_is_latex2e():
    # pandoc's PDFs through LuaLaTeX print \LaTeXe with U+1D700 (𝜀); MuPDF and pdfminer give it as such
    # (tests/realpipe/holdout-s35p/de-heilmann-pandoc: "LATEX2𝜀" reported as misspelling "LaTeX2e")
    assert fold("Umsteigen auf LATEX2\U0001d700") == fold("Umsteigen auf LaTeX2e") == fold("Umsteigen auf LaTeX2ε")
