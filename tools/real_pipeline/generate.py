"""Typeset manuscripts with real tools, extract their text with real extractors, write the fixtures.

Usage: python tools/real_pipeline/generate.py [--only NAME] [--out DIR] [--keep-work DIR]

Needs TeX Live (pdflatex, lualatex, biber, the biblatex styles below), pandoc, LibreOffice
(soffice), poppler-utils (pdftotext), mupdf-tools (mutool) and, in Python, pdfplumber and pypdf.
Writes tests/realpipe/dev/<doc>/ and tests/realpipe/holdout/<doc>/ (see tests/realpipe/README.md).
Every random choice is seeded by the document's name, so a run remakes the same plan.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import docplan  # noqa: E402
import latex  # noqa: E402
import office  # noqa: E402
import pools  # noqa: E402
from extract import EXTRACTORS, extract  # noqa: E402

ROOT = HERE.parents[1]
CSL = ROOT.parent / "shared" / "csl"

# Set aside before any reader work (see tests/realpipe/README.md): never scored while developing.
HOLDOUT_STYLES = {"philosophy-verbose", "archaeologie", "mhra-notes.csl"}
HOLDOUT_CLASSES = {"memoir"}
HOLDOUT_EXTRACTORS = {"mutool"}
# Set aside on 2026-12-05, before the work on pdftotext's default order of LibreOffice PDFs: four LibreOffice
# documents in CSL styles no fixture had used, written to holdout-late/ (every extractor) and scored once, at the end.
HOLDOUT_LATE_STYLES = {"chicago-shortened-notes-bibliography-17th-edition.csl", "isnad.csl",
                       "chicago-notes-bibliography-subsequent-ibid-17th-edition.csl",
                       "mhra-notes-subsequent-ibid.csl"}
# Set aside on 2026-12-05 (stop 28), before that stop's work on false alarms in PDF text: five documents in styles and
# classes no fixture had used, written to holdout-s28/ (every extractor) and scored once, at the end.
HOLDOUT_S28 = {"en-verbosenote-book", "de-verboseinote-scrreprt", "fr-authortitleticomp-article", "tr-uludag-docx",
               "en-chicagoshortibid-odt"}
# Set aside at the end of stop 28, after holdout-s28 was spent, to measure that stop's final code once: four more
# documents, new plans (a plan is seeded by its document's name) in styles, classes and languages combined anew.
HOLDOUT_S28B = {"en-verbosetrad3-scrbook", "fr-verboseinote-book", "de-verbosetrad1-report", "tr-annales-docx"}
# set aside at the start of stop 29, before its work (2026-12-06)
HOLDOUT_S29 = {"en-windycity-report", "de-fiwi-article", "fr-extverbosetrad1-memoir", "tr-mhraibid-odt-endnotes",
               "en-chicago17ibid-docx"}
# set aside at the start of stop 30, before its work (2026-12-06): biblatex styles no fixture had used
# (chicago-notes, historische-zeitschrift, authortitle-icomp, authoryear-ibid) and a CSL style in a new language
HOLDOUT_S30 = {"en-chicagonotes-book", "de-historischezeitschrift-scrartcl", "it-authortitleicomp-report",
               "es-authoryearibid-article", "it-mhranotes-docx"}
# set aside at the start of stop 31, before its work (2026-12-06): biblatex styles no fixture had used
# (oxnotes-note, zaes, authortitle-comp), verbose-inote in a Russian book, a CSL style as Spanish endnotes
HOLDOUT_S31 = {"en-oxnotesnote-report", "de-zaes-scrartcl", "fr-authortitlecomp-article", "ru-verboseinote-book",
               "es-chicagonotes-odt-endnotes"}
# set aside at the start of stop 32, before its work (2026-12-06): biblatex styles no fixture had used
# (oxnotes-trad1, offa, maja, kunde) and a CSL style in Russian footnotes from Word
HOLDOUT_S32 = {"en-oxnotestrad1-scrbook", "de-offa-article", "en-maja-report", "fr-kunde-scrartcl",
               "ru-chicagoshortibid-docx"}
# set aside at the start of stop 35, before its work (2026-12-06): biblatex styles no fixture had used
# (ext-verbose-trad3, rgk-verbose, ext-verbose-trad2, ext-verbose-note) and a CSL style as German endnotes
HOLDOUT_S35 = {"en-extverbosetrad3-book", "de-rgkverbose-scrbook", "it-extverbosetrad2-article",
               "fr-extverbosenote-scrartcl", "de-chicago17ibid-odt-endnotes"}
# set aside in stop 35 before any pandoc-made PDF was read (pandoc Markdown -> LuaLaTeX, CSL notes as footnotes)
HOLDOUT_S35P = {"de-heilmann-pandoc", "fr-annales-pandoc", "es-chicago17ibid-pandoc"}
# set aside in stop 35 before any paragraph footnotes (footmisc's para option) were read
HOLDOUT_S35PARA = {"fr-verbosetrad2-report-para", "it-extverboseinote-article-para"}
# set aside in stop 35 before any endnotes numbered i, ii, iii (LibreOffice's and Word's default) were read
HOLDOUT_S35ROMAN = {"en-chicagoshort17-odt-roman", "fr-annales-odt-roman"}
# set aside in stop 35 before any footnotes numbered again on every page (footmisc's perpage option) were read
HOLDOUT_S35PAGE = {"fr-verbosenote-article-perpage", "it-authortitleibid-scrartcl-perpage"}
# the folder of each document set aside by name, newest first
NAMED_HOLDOUTS = {"holdout-s35page": HOLDOUT_S35PAGE, "holdout-s35roman": HOLDOUT_S35ROMAN, "holdout-s35para": HOLDOUT_S35PARA, "holdout-s35p": HOLDOUT_S35P, "holdout-s35": HOLDOUT_S35, "holdout-s32": HOLDOUT_S32, "holdout-s31": HOLDOUT_S31, "holdout-s30": HOLDOUT_S30, "holdout-s29": HOLDOUT_S29, "holdout-s28b": HOLDOUT_S28B,
                  "holdout-s28": HOLDOUT_S28}


@dataclass
class Doc:
    name: str
    typesetter: str  # latex | libreoffice | pandoc (Markdown to PDF through LaTeX, CSL notes)
    style: str  # biblatex style, or CSL file name
    cls: str  # LaTeX class, or docx / odt (LibreOffice), or latex (pandoc)
    engine: str  # pdflatex | pdflatex-t1 | lualatex | soffice | pandoc
    notes: str  # footnotes | para (footmisc: a page's footnotes in one paragraph) | perpage (footmisc: numbered
    # again on every page) | endnotes | enotez | enotez-chapter
    lang: str
    pool: str
    chapters: int = 1
    n_notes: int = 26

    @property
    def holdout(self) -> bool:
        return self.style in HOLDOUT_STYLES or self.cls in HOLDOUT_CLASSES

    @property
    def late(self) -> bool:
        return self.style in HOLDOUT_LATE_STYLES

    @property
    def numbering(self) -> str:
        restarts = self.cls in ("report", "scrbook", "memoir", "book", "scrreprt") and self.notes in (
            "footnotes", "para", "enotez-chapter")
        return "per-chapter" if restarts and self.chapters > 1 else "continuous"


DOCS = [
    Doc("en-verbose-article", "latex", "verbose", "article", "pdflatex", "footnotes", "en", "biblatex-examples.bib"),
    Doc("en-extverbose-scrartcl", "latex", "ext-verbose", "scrartcl", "lualatex", "footnotes", "en", "tugboat.bib"),
    Doc("en-authortitleibid-report", "latex", "authortitle-ibid", "report", "pdflatex-t1", "footnotes", "en",
        "frankenstein.bib", chapters=3, n_notes=30),
    Doc("de-footnotedw-scrbook", "latex", "footnote-dw", "scrbook", "lualatex", "footnotes", "de",
        "dtk-bibliography.bib", chapters=3, n_notes=30),
    Doc("de-geschichtsfrkl-twocolumn", "latex", "geschichtsfrkl", "article-twocolumn", "pdflatex-t1", "footnotes",
        "de", "dtk-bibliography.bib", n_notes=30),
    Doc("en-oscola-article", "latex", "oscola", "article", "lualatex", "footnotes", "en", "biblatex-examples.bib"),
    Doc("ru-gost-report", "latex", "gost-footnote", "report", "lualatex", "footnotes", "ru", "gost", chapters=3,
        n_notes=30),
    Doc("de-arthistorybonn-scrartcl", "latex", "arthistory-bonn", "scrartcl", "pdflatex", "footnotes", "de",
        "dtk-bibliography.bib"),
    Doc("tr-verboseibid-enotez", "latex", "verbose-ibid", "article", "lualatex", "enotez", "tr", "turkish"),
    Doc("fr-verbosetrad2-enotez", "latex", "verbose-trad2", "report", "pdflatex-t1", "enotez-chapter", "fr",
        "biblatex-examples.bib", chapters=3, n_notes=30),
    Doc("en-chicago-docx", "libreoffice", "chicago-notes-bibliography.csl", "docx", "soffice", "footnotes", "en",
        "biblatex-examples.bib"),
    Doc("de-heilmann-odt-endnotes", "libreoffice", "geistes-und-kulturwissenschaften-heilmann.csl", "odt", "soffice",
        "endnotes", "de", "dtk-bibliography.bib"),
    Doc("tr-istanbul-docx", "libreoffice", "istanbul-universitesi-sosyal-bilimler-enstitusu.csl", "docx", "soffice",
        "footnotes", "tr", "turkish"),
    Doc("fr-annales-odt-endnotes", "libreoffice", "annales.csl", "odt", "soffice", "endnotes", "fr",
        "biblatex-examples.bib"),
    Doc("tr-isnaddipnotlu-odt", "libreoffice", "isnad-dipnotlu.csl", "odt", "soffice", "footnotes", "tr", "turkish"),
    # hold-out documents: a style or a class set aside
    Doc("fr-philosophyverbose-article", "latex", "philosophy-verbose", "article", "lualatex", "footnotes", "fr", "biblatex-examples.bib"),
    Doc("de-archaeologie-scrartcl", "latex", "archaeologie", "scrartcl", "pdflatex-t1", "footnotes", "de",
        "dtk-bibliography.bib"),
    Doc("en-verbose-memoir", "latex", "verbose", "memoir", "lualatex", "footnotes", "en", "tugboat.bib", chapters=3,
        n_notes=30),
    Doc("en-mhra-docx", "libreoffice", "mhra-notes.csl", "docx", "soffice", "footnotes", "en", "frankenstein.bib"),
    # the late hold-out (HOLDOUT_LATE_STYLES)
    Doc("en-chicagoshort-odt", "libreoffice", "chicago-shortened-notes-bibliography-17th-edition.csl", "odt", "soffice",
        "footnotes", "en", "tugboat.bib"),
    Doc("tr-isnad-docx", "libreoffice", "isnad.csl", "docx", "soffice", "footnotes", "tr", "turkish"),
    Doc("de-chicagoibid-docx", "libreoffice", "chicago-notes-bibliography-subsequent-ibid-17th-edition.csl", "docx",
        "soffice", "footnotes", "de", "dtk-bibliography.bib"),
    Doc("fr-mhraibid-odt-endnotes", "libreoffice", "mhra-notes-subsequent-ibid.csl", "odt", "soffice", "endnotes",
        "fr", "biblatex-examples.bib"),
    # development documents added in stop 29 (styles no fixture had used)
    Doc("en-oxnotes-article", "latex", "oxnotes", "article", "pdflatex-t1", "footnotes", "en", "biblatex-examples.bib"),
    Doc("de-authortitledw-scrreprt", "latex", "authortitle-dw", "scrreprt", "lualatex", "footnotes", "de",
        "dtk-bibliography.bib", chapters=2, n_notes=28),
    Doc("en-extauthortitleibid-book", "latex", "ext-authortitle-ibid", "book", "pdflatex", "footnotes", "en",
        "tugboat.bib", chapters=2, n_notes=28),
    Doc("it-verboseibid-article", "latex", "verbose-ibid", "article", "pdflatex-t1", "footnotes", "it",
        "biblatex-examples.bib"),
    Doc("es-authortitleibid-report", "latex", "authortitle-ibid", "report", "lualatex", "footnotes", "es",
        "frankenstein.bib", chapters=2, n_notes=28),
    Doc("it-chicago-odt", "libreoffice", "chicago-notes-bibliography.csl", "odt", "soffice", "footnotes", "it",
        "tugboat.bib"),
    Doc("es-annales-odt-endnotes", "libreoffice", "annales.csl", "odt", "soffice", "endnotes", "es",
        "dtk-bibliography.bib"),
    Doc("ru-verbose-scrartcl", "latex", "verbose", "scrartcl", "lualatex", "footnotes", "ru", "gost"),
    Doc("tr-authortitleibid-scrbook", "latex", "authortitle-ibid", "scrbook", "lualatex", "footnotes", "tr",
        "turkish", chapters=3, n_notes=30),
    Doc("ru-chicago-docx", "libreoffice", "chicago-notes-bibliography.csl", "docx", "soffice", "footnotes", "ru",
        "gost"),
    Doc("it-heilmann-odt-endnotes", "libreoffice", "geistes-und-kulturwissenschaften-heilmann.csl", "odt", "soffice",
        "endnotes", "it", "biblatex-examples.bib"),
    Doc("es-verbosetrad2-book", "latex", "verbose-trad2", "book", "pdflatex-t1", "footnotes", "es",
        "biblatex-examples.bib", chapters=3, n_notes=30),
    Doc("de-oscola-scrartcl", "latex", "oscola", "scrartcl", "pdflatex-t1", "footnotes", "de",
        "dtk-bibliography.bib"),
    Doc("en-verbosetrad1-twocolumn", "latex", "verbose-trad1", "article-twocolumn", "lualatex", "footnotes", "en",
        "tugboat.bib", n_notes=30),
    Doc("fr-istanbul-docx-endnotes", "libreoffice", "istanbul-universitesi-sosyal-bilimler-enstitusu.csl", "odt",
        "soffice", "endnotes", "fr", "frankenstein.bib"),
    Doc("tr-verbosetrad2-report", "latex", "verbose-trad2", "report", "lualatex", "footnotes", "tr", "turkish",
        chapters=2, n_notes=28),
    Doc("it-authortitleticomp-scrreprt", "latex", "authortitle-ticomp", "scrreprt", "pdflatex-t1", "footnotes", "it",
        "dtk-bibliography.bib", chapters=2, n_notes=28),
    Doc("de-uludag-docx", "libreoffice", "uludag-universitesi-sosyal-bilimler-enstitusu-full-note-with-ibid.csl",
        "docx", "soffice", "footnotes", "de", "dtk-bibliography.bib"),
    Doc("es-chicagoshortibid-odt", "libreoffice", "chicago-shortened-notes-bibliography-subsequent-ibid.csl", "odt",
        "soffice", "footnotes", "es", "turkish"),
    Doc("de-verboseibid-article-endnotes", "latex", "verbose-ibid", "article", "pdflatex-t1", "endnotes", "de",
        "dtk-bibliography.bib"),
    Doc("en-extverbose-report-enotez", "latex", "ext-verbose", "report", "pdflatex", "enotez-chapter", "en",
        "biblatex-examples.bib", chapters=2, n_notes=28),
    Doc("fr-authortitleibid-scrbook", "latex", "authortitle-ibid", "scrbook", "lualatex", "footnotes", "fr",
        "tugboat.bib", chapters=3, n_notes=30),
    Doc("ru-authortitleibid-article", "latex", "authortitle-ibid", "article", "lualatex", "footnotes", "ru", "gost"),
    Doc("en-verboseinote-scrartcl", "latex", "verbose-inote", "scrartcl", "pdflatex", "footnotes", "en",
        "dtk-bibliography.bib"),
    Doc("de-extverbose-book", "latex", "ext-verbose", "book", "lualatex", "footnotes", "de", "biblatex-examples.bib",
        chapters=3, n_notes=30),
    Doc("it-isnaddipnotlu-docx", "libreoffice", "isnad-dipnotlu.csl", "docx", "soffice", "footnotes", "it",
        "frankenstein.bib"),
    Doc("ru-annales-odt-endnotes", "libreoffice", "annales.csl", "odt", "soffice", "endnotes", "ru", "gost"),
    Doc("es-oscola-report", "latex", "oscola", "report", "pdflatex-t1", "footnotes", "es", "frankenstein.bib",
        chapters=2, n_notes=28),
    Doc("it-verbosetrad3-book", "latex", "verbose-trad3", "book", "lualatex", "footnotes", "it", "tugboat.bib",
        chapters=3, n_notes=30),
    Doc("tr-chicagoshortibid-docx-endnotes", "libreoffice", "chicago-shortened-notes-bibliography-subsequent-ibid.csl",
        "odt", "soffice", "endnotes", "tr", "turkish"),
    Doc("de-istanbul-docx", "libreoffice", "istanbul-universitesi-sosyal-bilimler-enstitusu.csl", "docx", "soffice",
        "footnotes", "de", "dtk-bibliography.bib"),
    Doc("de-verbosetrad2-scrbook-enotez", "latex", "verbose-trad2", "scrbook", "pdflatex-t1", "enotez-chapter", "de",
        "dtk-bibliography.bib", chapters=3, n_notes=30),
    Doc("en-authortitleibid-report-endnotes", "latex", "authortitle-ibid", "report", "lualatex", "endnotes", "en",
        "biblatex-examples.bib", chapters=2, n_notes=28),
    Doc("ru-istanbul-docx", "libreoffice", "istanbul-universitesi-sosyal-bilimler-enstitusu.csl", "docx", "soffice",
        "footnotes", "ru", "gost"),
    Doc("fr-uludag-odt-endnotes", "libreoffice", "uludag-universitesi-sosyal-bilimler-enstitusu-full-note-with-ibid.csl",
        "odt", "soffice", "endnotes", "fr", "biblatex-examples.bib"),
    Doc("fr-verbose-scrbook-endnotes", "latex", "verbose", "scrbook", "lualatex", "endnotes", "fr",
        "biblatex-examples.bib", chapters=2, n_notes=28),
    Doc("it-authortitleibid-report-enotez", "latex", "authortitle-ibid", "report", "pdflatex-t1", "enotez-chapter",
        "it", "dtk-bibliography.bib", chapters=3, n_notes=30),
    Doc("en-chicago-odt-endnotes", "libreoffice", "chicago-notes-bibliography.csl", "odt", "soffice", "endnotes", "en",
        "frankenstein.bib"),
    Doc("es-heilmann-docx", "libreoffice", "geistes-und-kulturwissenschaften-heilmann.csl", "docx", "soffice",
        "footnotes", "es", "tugboat.bib"),
    Doc("tr-verbose-book-endnotes", "latex", "verbose", "book", "lualatex", "endnotes", "tr", "turkish",
        chapters=2, n_notes=28),
    Doc("ru-verboseibid-scrbook", "latex", "verbose-ibid", "scrbook", "lualatex", "footnotes", "ru", "gost",
        chapters=3, n_notes=30),
    Doc("de-annales-docx", "libreoffice", "annales.csl", "docx", "soffice", "footnotes", "de", "biblatex-examples.bib"),
    Doc("it-istanbul-odt-endnotes", "libreoffice", "istanbul-universitesi-sosyal-bilimler-enstitusu.csl", "odt",
        "soffice", "endnotes", "it", "turkish"),
    # stop 30's development documents: styles no fixture had used
    Doc("de-uniwtalger-scrbook", "latex", "uni-wtal-ger", "scrbook", "lualatex", "footnotes", "de",
        "biblatex-examples.bib", chapters=2, n_notes=28),
    Doc("en-sbl-article", "latex", "sbl", "article", "pdflatex-t1", "footnotes", "en", "frankenstein.bib"),
    Doc("de-jura2-scrartcl", "latex", "jura2", "scrartcl", "pdflatex-t1", "footnotes", "de", "dtk-bibliography.bib"),
    Doc("fr-authortitle-report", "latex", "authortitle", "report", "lualatex", "enotez-chapter", "fr", "tugboat.bib",
        chapters=2, n_notes=28),
    Doc("tr-authoryearicomp-article", "latex", "authoryear-icomp", "article", "lualatex", "footnotes", "tr",
        "turkish"),
    Doc("ru-authortitleibid-book", "latex", "authortitle-ibid", "book", "lualatex", "footnotes", "ru", "gost",
        chapters=2, n_notes=28),
    Doc("fr-chicago-docx", "libreoffice", "chicago-notes-bibliography.csl", "docx",
        "soffice", "footnotes", "fr", "turkish"),
    Doc("en-isnaddipnotlu-odt-endnotes", "libreoffice", "isnad-dipnotlu.csl", "odt", "soffice", "endnotes", "en",
        "tugboat.bib"),
    # stop 30's second batch of development documents
    Doc("en-oxnotesibid-report", "latex", "oxnotes-ibid", "report", "pdflatex-t1", "footnotes", "en",
        "biblatex-examples.bib", chapters=2, n_notes=28),
    Doc("de-volkskunde-scrartcl", "latex", "volkskunde", "scrartcl", "lualatex", "footnotes", "de",
        "dtk-bibliography.bib"),
    Doc("en-rgzmverbose-article", "latex", "rgzm-verbose", "article", "lualatex", "footnotes", "en", "tugboat.bib"),
    Doc("de-germanlegalbook-article", "latex", "german-legal-book", "article", "pdflatex", "footnotes", "de",
        "biblatex-examples.bib"),
    Doc("fr-oxnotestrad2-book", "latex", "oxnotes-trad2", "book", "pdflatex-t1", "footnotes", "fr",
        "frankenstein.bib", chapters=2, n_notes=28),
    Doc("it-nottsclassic-article", "latex", "nottsclassic", "article", "lualatex", "footnotes", "it",
        "dtk-bibliography.bib"),
    Doc("es-verbosenote-scrreprt", "latex", "verbose-note", "scrreprt", "lualatex", "footnotes", "es", "tugboat.bib",
        chapters=2, n_notes=28),
    Doc("tr-ufgmuensterverbose-memoir", "latex", "ufg-muenster-verbose", "memoir", "lualatex", "enotez-chapter", "tr",
        "turkish", chapters=2, n_notes=28),
    Doc("ru-heilmann-odt-endnotes", "libreoffice", "geistes-und-kulturwissenschaften-heilmann.csl", "odt", "soffice",
        "endnotes", "ru", "gost"),
    Doc("it-uludag-docx", "libreoffice", "uludag-universitesi-sosyal-bilimler-enstitusu-full-note-with-ibid.csl",
        "docx", "soffice", "footnotes", "it", "frankenstein.bib"),
    # stop 30's third batch of development documents
    Doc("de-eaz-article", "latex", "eaz", "article", "pdflatex-t1", "footnotes", "de", "biblatex-examples.bib"),
    Doc("en-extverboseinote-scrbook", "latex", "ext-verbose-inote", "scrbook", "lualatex", "footnotes", "en",
        "dtk-bibliography.bib", chapters=2, n_notes=28),
    Doc("es-verboseibid-twocolumn", "latex", "verbose-ibid", "article-twocolumn", "pdflatex-t1", "footnotes", "es",
        "frankenstein.bib"),
    Doc("it-authortitleterse-report", "latex", "authortitle-terse", "report", "lualatex", "footnotes", "it",
        "tugboat.bib", chapters=2, n_notes=28),
    Doc("fr-isnad-odt-endnotes", "libreoffice", "isnad.csl", "odt", "soffice", "endnotes", "fr", "dtk-bibliography.bib"),
    Doc("de-mhraibid-docx", "libreoffice", "mhra-notes-subsequent-ibid.csl", "docx", "soffice", "footnotes", "de",
        "tugboat.bib"),
    Doc("es-chicago17ibid-odt-endnotes", "libreoffice", "chicago-notes-bibliography-subsequent-ibid-17th-edition.csl",
        "odt", "soffice", "endnotes", "es", "turkish"),
    Doc("ru-annales-odt", "libreoffice", "annales.csl", "odt", "soffice", "footnotes", "ru", "gost"),
    # stop 30's fourth batch: author-year citations in footnotes
    Doc("de-authoryearcomp-scrartcl", "latex", "authoryear-comp", "scrartcl", "pdflatex-t1", "footnotes", "de",
        "dtk-bibliography.bib"),
    Doc("fr-extauthoryearibid-book", "latex", "ext-authoryear-ibid", "book", "lualatex", "footnotes", "fr",
        "biblatex-examples.bib", chapters=2, n_notes=28),
    Doc("ru-authoryear-article", "latex", "authoryear", "article", "lualatex", "footnotes", "ru", "gost"),
    Doc("en-authoryearicomp-report", "latex", "authoryear-icomp", "report", "pdflatex-t1", "enotez-chapter", "en",
        "tugboat.bib", chapters=2, n_notes=28),
    # stop 30's fifth batch
    Doc("en-oxnotesinote-book", "latex", "oxnotes-inote", "book", "pdflatex-t1", "footnotes", "en",
        "biblatex-examples.bib", chapters=2, n_notes=28),
    Doc("de-dguf-scrartcl", "latex", "dguf", "scrartcl", "lualatex", "footnotes", "de", "dtk-bibliography.bib"),
    Doc("de-verboseinoteluhipw-scrreprt", "latex", "verbose-inote-luh-ipw", "scrreprt", "lualatex", "footnotes", "de",
        "tugboat.bib", chapters=2, n_notes=28),
    Doc("fr-oxnotestrad3-report", "latex", "oxnotes-trad3", "report", "lualatex", "enotez-chapter", "fr",
        "dtk-bibliography.bib", chapters=2, n_notes=28),
    # footnotes numbered again on every page (footmisc's perpage option): two to develop on, two set aside
    Doc("en-verbose-article-perpage", "latex", "verbose", "article", "pdflatex", "perpage", "en",
        "biblatex-examples.bib"),
    Doc("de-footnotedw-scrartcl-perpage", "latex", "footnote-dw", "scrartcl", "lualatex", "perpage", "de",
        "dtk-bibliography.bib"),
    Doc("fr-verbosenote-article-perpage", "latex", "verbose-note", "article", "pdflatex-t1", "perpage", "fr",
        "frankenstein.bib"),
    Doc("it-authortitleibid-scrartcl-perpage", "latex", "authortitle-ibid", "scrartcl", "lualatex", "perpage", "it",
        "tugboat.bib"),
    # endnotes numbered i, ii, iii, as LibreOffice and Word number them unless told otherwise: one to develop on, two
    # set aside (HOLDOUT_S35ROMAN)
    Doc("de-heilmann-odt-roman", "libreoffice", "geistes-und-kulturwissenschaften-heilmann.csl", "odt", "soffice",
        "endnotes-roman", "de", "dtk-bibliography.bib"),
    Doc("en-chicagoshort17-odt-roman", "libreoffice", "chicago-shortened-notes-bibliography-17th-edition.csl", "odt",
        "soffice", "endnotes-roman", "en", "tugboat.bib"),
    Doc("fr-annales-odt-roman", "libreoffice", "annales.csl", "odt", "soffice", "endnotes-roman", "fr",
        "frankenstein.bib"),
    # footnotes run on in one paragraph a page (footmisc's para option): two to develop on, two set aside
    Doc("en-verbose-article-para", "latex", "verbose", "article", "pdflatex", "para", "en", "biblatex-examples.bib"),
    Doc("de-authortitleibid-scrartcl-para", "latex", "authortitle-ibid", "scrartcl", "lualatex", "para", "de",
        "dtk-bibliography.bib"),
    Doc("fr-verbosetrad2-report-para", "latex", "verbose-trad2", "report", "pdflatex-t1", "para", "fr", "tugboat.bib",
        chapters=2, n_notes=28),
    Doc("it-extverboseinote-article-para", "latex", "ext-verbose-inote", "article", "lualatex", "para", "it",
        "frankenstein.bib"),
    # pandoc's own PDFs (Markdown through LuaLaTeX): two to develop on, three set aside (HOLDOUT_S35P)
    Doc("en-chicago-pandoc", "pandoc", "chicago-notes-bibliography.csl", "latex", "pandoc", "footnotes", "en",
        "tugboat.bib"),
    Doc("tr-isnaddipnotlu-pandoc", "pandoc", "isnad-dipnotlu.csl", "latex", "pandoc", "footnotes", "tr", "turkish"),
    Doc("de-heilmann-pandoc", "pandoc", "geistes-und-kulturwissenschaften-heilmann.csl", "latex", "pandoc",
        "footnotes", "de", "dtk-bibliography.bib"),
    Doc("fr-annales-pandoc", "pandoc", "annales.csl", "latex", "pandoc", "footnotes", "fr", "biblatex-examples.bib"),
    Doc("es-chicago17ibid-pandoc", "pandoc", "chicago-notes-bibliography-subsequent-ibid-17th-edition.csl", "latex",
        "pandoc", "footnotes", "es", "frankenstein.bib"),
    # the stop-35 hold-out (HOLDOUT_S35)
    Doc("en-extverbosetrad3-book", "latex", "ext-verbose-trad3", "book", "pdflatex-t1", "footnotes", "en",
        "biblatex-examples.bib", chapters=2, n_notes=28),
    Doc("de-rgkverbose-scrbook", "latex", "rgk-verbose", "scrbook", "lualatex", "footnotes", "de", "tugboat.bib",
        chapters=2, n_notes=28),
    Doc("it-extverbosetrad2-article", "latex", "ext-verbose-trad2", "article", "lualatex", "footnotes", "it",
        "dtk-bibliography.bib"),
    Doc("fr-extverbosenote-scrartcl", "latex", "ext-verbose-note", "scrartcl", "pdflatex-t1", "footnotes", "fr",
        "frankenstein.bib"),
    Doc("de-chicago17ibid-odt-endnotes", "libreoffice", "chicago-notes-bibliography-subsequent-ibid-17th-edition.csl",
        "odt", "soffice", "endnotes", "de", "biblatex-examples.bib"),
    # the stop-32 hold-out (HOLDOUT_S32)
    Doc("en-oxnotestrad1-scrbook", "latex", "oxnotes-trad1", "scrbook", "pdflatex-t1", "footnotes", "en",
        "tugboat.bib", chapters=2, n_notes=28),
    Doc("de-offa-article", "latex", "offa", "article", "lualatex", "footnotes", "de", "biblatex-examples.bib"),
    Doc("en-maja-report", "latex", "maja", "report", "lualatex", "footnotes", "en", "dtk-bibliography.bib",
        chapters=2, n_notes=28),
    Doc("fr-kunde-scrartcl", "latex", "kunde", "scrartcl", "pdflatex-t1", "footnotes", "fr", "frankenstein.bib"),
    Doc("ru-chicagoshortibid-docx", "libreoffice", "chicago-shortened-notes-bibliography-subsequent-ibid.csl", "docx",
        "soffice", "footnotes", "ru", "biblatex-examples.bib"),
    # the stop-31 hold-out (HOLDOUT_S31)
    Doc("en-oxnotesnote-report", "latex", "oxnotes-note", "report", "pdflatex-t1", "footnotes", "en",
        "frankenstein.bib", chapters=2, n_notes=28),
    Doc("de-zaes-scrartcl", "latex", "zaes", "scrartcl", "lualatex", "footnotes", "de", "dtk-bibliography.bib"),
    Doc("fr-authortitlecomp-article", "latex", "authortitle-comp", "article", "lualatex", "footnotes", "fr",
        "tugboat.bib"),
    Doc("ru-verboseinote-book", "latex", "verbose-inote", "book", "lualatex", "footnotes", "ru", "gost",
        chapters=3, n_notes=30),
    Doc("es-chicagonotes-odt-endnotes", "libreoffice", "chicago-notes-bibliography.csl", "odt", "soffice", "endnotes",
        "es", "tugboat.bib"),
    # the stop-30 hold-out (HOLDOUT_S30)
    Doc("en-chicagonotes-book", "latex", "chicago-notes", "book", "pdflatex-t1", "footnotes", "en", "tugboat.bib",
        chapters=2, n_notes=28),
    Doc("de-historischezeitschrift-scrartcl", "latex", "historische-zeitschrift", "scrartcl", "lualatex", "footnotes",
        "de", "dtk-bibliography.bib"),
    Doc("it-authortitleicomp-report", "latex", "authortitle-icomp", "report", "pdflatex-t1", "enotez-chapter", "it",
        "biblatex-examples.bib", chapters=2, n_notes=28),
    Doc("es-authoryearibid-article", "latex", "authoryear-ibid", "article", "lualatex", "footnotes", "es",
        "frankenstein.bib"),
    Doc("it-mhranotes-docx", "libreoffice", "mhra-notes.csl", "docx", "soffice", "footnotes", "it",
        "dtk-bibliography.bib"),
    # the stop-29 hold-out (HOLDOUT_S29)
    Doc("en-windycity-report", "latex", "windycity", "report", "pdflatex-t1", "footnotes", "en", "tugboat.bib",
        chapters=2, n_notes=28),
    Doc("de-fiwi-article", "latex", "fiwi", "article", "lualatex", "footnotes", "de", "dtk-bibliography.bib"),
    Doc("fr-extverbosetrad1-memoir", "latex", "ext-verbose-trad1", "memoir", "pdflatex-t1", "enotez-chapter", "fr",
        "frankenstein.bib", chapters=2, n_notes=28),
    Doc("tr-mhraibid-odt-endnotes", "libreoffice", "mhra-notes-subsequent-ibid.csl", "odt", "soffice", "endnotes",
        "tr", "turkish"),
    Doc("en-chicago17ibid-docx", "libreoffice", "chicago-notes-bibliography-subsequent-ibid-17th-edition.csl", "docx",
        "soffice", "footnotes", "en", "biblatex-examples.bib"),
    # the end-of-stop-28 hold-out (HOLDOUT_S28B)
    Doc("en-verbosetrad3-scrbook", "latex", "verbose-trad3", "scrbook", "lualatex", "footnotes", "en",
        "frankenstein.bib", chapters=3, n_notes=30),
    Doc("fr-verboseinote-book", "latex", "verbose-inote", "book", "pdflatex-t1", "footnotes", "fr",
        "biblatex-examples.bib", chapters=3, n_notes=30),
    Doc("de-verbosetrad1-report", "latex", "verbose-trad1", "report", "pdflatex", "footnotes", "de",
        "dtk-bibliography.bib", chapters=2, n_notes=28),
    Doc("tr-annales-docx", "libreoffice", "annales.csl", "docx", "soffice", "footnotes", "tr", "turkish"),
    # the stop-28 hold-out (HOLDOUT_S28)
    Doc("en-verbosenote-book", "latex", "verbose-note", "book", "pdflatex-t1", "footnotes", "en", "biblatex-examples.bib",
        chapters=3, n_notes=30),
    Doc("de-verboseinote-scrreprt", "latex", "verbose-inote", "scrreprt", "lualatex", "footnotes", "de",
        "dtk-bibliography.bib", chapters=2, n_notes=28),
    Doc("fr-authortitleticomp-article", "latex", "authortitle-ticomp", "article", "pdflatex", "footnotes", "fr",
        "tugboat.bib"),
    Doc("tr-uludag-docx", "libreoffice", "uludag-universitesi-sosyal-bilimler-enstitusu-full-note-with-ibid.csl",
        "docx", "soffice", "footnotes", "tr", "turkish"),
    Doc("en-chicagoshortibid-odt", "libreoffice", "chicago-shortened-notes-bibliography-subsequent-ibid.csl", "odt",
        "soffice", "footnotes", "en", "frankenstein.bib"),
]


# Styles that print an article's or chapter's page span instead of the page cited the first time they cite it
# (biblatex-sbl: sbl.cbx sets suppresspostnote for an entry not yet seen that has a pages field). What the typeset
# note says is then the span: the truth follows the print.
FIRST_CITATION_PRINTS_SPAN = {"sbl"}


def _span_for_first_citations(truth: dict, works: list) -> None:
    spans = {w.key: w.span for w in works if w.span}
    seen: set[str] = set()
    for index in sorted(truth["notes"], key=int):
        for cite in truth["notes"][index]:
            if cite["key"] not in seen and cite["key"] in spans and cite["pages"]:
                cite["pages"] = [list(spans[cite["key"]])]
            seen.add(cite["key"])


def build(doc: Doc, out: Path, work: Path) -> None:
    rng = random.Random(f"realpipe:{doc.name}")
    works = pools.pool(doc.pool, 18, rng)
    plan = docplan.build(rng, works, doc.lang, doc.n_notes, doc.chapters)
    bib = pools.bib_text(works)
    signal = docplan.SIGNALS[doc.lang]
    if doc.typesetter == "latex":
        source = latex.document(plan, latex.LatexDoc(doc.style, doc.cls, doc.engine, doc.notes), "refs.bib", signal)
        pdf = latex.typeset(source, bib, work, doc.engine)
        source_name = "paper.tex"
    else:
        source = office.markdown(plan, signal)
        pdf = office.typeset(source, bib, office.OfficeDoc(CSL / doc.style, doc.cls, doc.notes), doc.lang, work)
        source_name = "paper.md"
    meta = {"typesetter": doc.typesetter, "style": doc.style, "class": doc.cls, "engine": doc.engine,
            "layout": "footnotes" if doc.notes in ("footnotes", "para", "perpage") else "endnotes",
            "numbering": doc.numbering}
    truth = docplan.expected(plan, works, meta)
    if doc.notes == "perpage":
        # numbered again on every page: the blocks are the pages, as the typesetter recorded them
        pages = latex.footnote_pages(work)
        if len(pages) != len(truth["notes"]):
            raise SystemExit(f"{doc.name}: {len(pages)} footnote pages in the .aux for {len(truth['notes'])} notes")
        truth["numbering"] = "per-page"
        truth["chapter_starts"] = [k + 1 for k, page in enumerate(pages) if k == 0 or page != pages[k - 1]]
    if doc.style in FIRST_CITATION_PRINTS_SPAN:
        _span_for_first_citations(truth, works)
    for extractor in EXTRACTORS:
        held = doc.holdout or extractor in HOLDOUT_EXTRACTORS
        named = next((set_name for set_name, names in NAMED_HOLDOUTS.items() if doc.name in names), None)
        folder = out / (named or ("holdout-late" if doc.late else "holdout" if held else "dev")) / doc.name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{extractor}.txt").write_text(extract(pdf, extractor), encoding="utf-8")
        if not (folder / "expected.json").exists():
            (folder / "expected.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n",
                                                  encoding="utf-8")
            (folder / "refs.bib").write_text(bib, encoding="utf-8")
            (folder / source_name).write_text(source, encoding="utf-8")
        if held == doc.holdout or doc.late or named:  # the PDF goes where its document's texts go
            shutil.copy(pdf, folder / "paper.pdf")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", help="document name (repeatable)")
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "realpipe")
    parser.add_argument("--keep-work", type=Path, help="keep the typesetting folders here")
    args = parser.parse_args()
    docs = [d for d in DOCS if not args.only or d.name in args.only]
    if not latex.have_tools():
        raise SystemExit("needs pdflatex, lualatex and biber (Debian: texlive-latex-extra texlive-bibtex-extra biber)")
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep_work or Path(tmp)
        for doc in docs:
            for set_name in ("dev", "holdout", "holdout-late", *NAMED_HOLDOUTS):
                shutil.rmtree(args.out / set_name / doc.name, ignore_errors=True)
            build(doc, args.out, base / doc.name)
            print(doc.name, "held out" if doc.holdout else "")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
