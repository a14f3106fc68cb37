"""The note styles, the processors and the hold-out: which case is rendered how.

Styles: the twelve of ../shared/csl (used while srccheck was written) and fourteen
more note styles from the same commit of github.com/citation-style-language/styles
(in csl/ here; see csl/SOURCES.md), none of them used by the project before.

HOLD-OUT, fixed before anything was generated: the pool `frankenstein` and the styles
`cambridge-university-press-note` and
`uludag-universitesi-sosyal-bilimler-enstitusu-ilahiyat-fakultesi-full-note-with-ibid`
(drawn at random from the fourteen new styles, one per language, with
random.Random("align-corpus-holdout-2026")). Every case that uses the hold-out pool or a
hold-out style goes to tests/corpus/align-holdout/, never to the development sets.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED_CSL = HERE.parent.parent.parent / "shared" / "csl"
EXTRA_CSL = HERE / "csl"

HOLDOUT_POOL = "frankenstein"
HOLDOUT_STYLES = ("cambridge-university-press-note",
                  "uludag-universitesi-sosyal-bilimler-enstitusu-ilahiyat-fakultesi-full-note-with-ibid")
DEV_POOLS = ("biblatex-examples", "dtk", "tugboat", "ottoman")
PROCESSORS = ("pandoc", "citeproc-js")


@dataclass(frozen=True)
class Style:
    name: str
    locale: str
    shared: bool  # one of ../shared/csl (else csl/ here)

    @property
    def language(self) -> str:
        return self.locale[:2]

    @property
    def path(self) -> Path:
        return (SHARED_CSL if self.shared else EXTRA_CSL) / f"{self.name}.csl"

    @property
    def holdout(self) -> bool:
        return self.name in HOLDOUT_STYLES


STYLES = [
    Style("chicago-notes-bibliography", "en-US", True),
    Style("chicago-notes-bibliography-subsequent-ibid-17th-edition", "en-US", True),
    Style("chicago-shortened-notes-bibliography-17th-edition", "en-US", True),
    Style("chicago-shortened-notes-bibliography-subsequent-ibid", "en-US", True),
    Style("mhra-notes", "en-GB", True),
    Style("mhra-notes-subsequent-ibid", "en-GB", True),
    Style("isnad", "tr-TR", True),
    Style("isnad-dipnotlu", "tr-TR", True),
    Style("istanbul-universitesi-sosyal-bilimler-enstitusu", "tr-TR", True),
    Style("uludag-universitesi-sosyal-bilimler-enstitusu-full-note-with-ibid", "tr-TR", True),
    Style("geistes-und-kulturwissenschaften-heilmann", "de-DE", True),
    Style("annales", "fr-FR", True),
    Style("new-harts-rules-notes", "en-GB", False),
    Style("irish-historical-studies", "en-GB", False),
    Style("modern-language-association-notes", "en-US", False),
    Style("infoclio-de", "de-CH", False),
    Style("universitat-freiburg-geschichte", "de-DE", False),
    Style("zeitschrift-fur-ostmitteleuropa-forschung", "de-DE", False),
    Style("geschichte-und-gesellschaft", "de-DE", False),
    Style("universite-de-lausanne-histoire", "fr-FR", False),
    Style("infoclio-fr-smallcaps", "fr-FR", False),
    Style("le-mouvement-social", "fr-FR", False),
    Style("presses-universitaires-de-rennes", "fr-FR", False),
    Style("izmir-katip-celebi-universitesi-sosyal-bilimler-enstitusu", "tr-TR", False),
    Style("cambridge-university-press-note", "en-GB", False),
    Style("uludag-universitesi-sosyal-bilimler-enstitusu-ilahiyat-fakultesi-full-note-with-ibid", "tr-TR", False),
]
BY_NAME = {s.name: s for s in STYLES}


@dataclass(frozen=True)
class CaseSpec:
    style: Style
    processor: str
    pool: str

    @property
    def holdout(self) -> bool:
        return self.style.holdout or self.pool == HOLDOUT_POOL

    @property
    def name(self) -> str:
        return f"{self.pool}--{self.processor}--{self.style.name}"


def dev_cases() -> list[CaseSpec]:
    """Each development style once per processor, on two different development pools; every
    pool gets each processor equally often."""
    dev = [s for s in STYLES if not s.holdout]
    out = []
    for i, style in enumerate(dev):
        for p, processor in enumerate(PROCESSORS):
            out.append(CaseSpec(style, processor, DEV_POOLS[(i + 2 * p) % len(DEV_POOLS)]))
    return out


def holdout_cases() -> list[CaseSpec]:
    """The hold-out styles on every pool (processors alternating), both processors on the
    hold-out pool, and the hold-out pool in two development styles of each language."""
    out = []
    held = [s for s in STYLES if s.holdout]
    for i, style in enumerate(held):
        for j, pool in enumerate(DEV_POOLS):
            out.append(CaseSpec(style, PROCESSORS[(i + j) % 2], pool))
        for processor in PROCESSORS:
            out.append(CaseSpec(style, processor, HOLDOUT_POOL))
    picked: dict[str, int] = {}
    for style in STYLES:
        if style.holdout or picked.get(style.language, 0) >= 2:
            continue
        picked[style.language] = picked.get(style.language, 0) + 1
        out.append(CaseSpec(style, PROCESSORS[picked[style.language] - 1], HOLDOUT_POOL))
    return out
