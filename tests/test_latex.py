"""The fast LaTeX decoder gives what pylatexenc gives, for the accents real bibliographies use."""

from __future__ import annotations

import pytest
from pylatexenc.latex2text import LatexNodes2Text

from srccheck.latex import decode_latex

REFERENCE = LatexNodes2Text(math_mode="verbatim", strict_latex_spaces=True)
SAMPLES = [
    r"{\c{S}}erifo{\u{g}}lu", r"Tahirz{\^a}de", r"K{\i}z{\i}l Ordu", r"\.{I}stanbul", r"M\"{u}ller", r"M\"uller",
    r"{\"O}zt{\"u}rk", r"\c{c}", r"\c c", r"\'Etudes", r"Cr\'{e}mieux", r"{\v{C}}apek", r"Gro{\ss}e", r"\'{\i}ndice",
    r"Ni\~{n}o", r"L\'{o}pez Garc\'{\i}a", r"{\L}\'{o}d\'{z}", r"The {Ottoman} Empire", r"A \& B", r"50\% of",
    r"Sar{\i}kam{\i}{\c{s}} Harek{\^{a}}t{\i}", r"{\o}stergaard", r"\AA{}ngstr\"om", r"Erd\H{o}s",
    r"Ba{\c{s}}bakanl{\i}k Osmanl{\i} Ar{\c{s}}ivi", r"G{\"{u}}ne{\c{s}}, {\.{I}}smail",
]


@pytest.mark.parametrize("value", SAMPLES)
def test_same_as_pylatexenc(value):
    assert decode_latex(value) == REFERENCE.latex_to_text(value)


def test_plain_values_pass_through():
    assert decode_latex("Kurtuluş Savaşı") == "Kurtuluş Savaşı"


def test_one_brace_scanner_for_bib_values():
    from srccheck.bibliography import split_concatenation
    from srccheck.latex import brace_depths, one_braced_group
    from srccheck.names import parse_bib_names

    assert brace_depths("a{b{c}}d") == [0, 0, 1, 1, 2, 2, 1, 0]
    assert one_braced_group("{World Bank}") and not one_braced_group("{\\c{S}}en, Ali")
    assert split_concatenation('pub # " Books" # {A # B}') == ["pub", '" Books"', "{A # B}"]
    assert [n.family for n in parse_bib_names("{Barnes and Noble} and Smith, John")] == ["Barnes and Noble", "Smith"]
