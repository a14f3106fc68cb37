#!/usr/bin/env python3
"""Build tests/corpus/holdout/: a hold-out set rendered with CSL note styles srccheck was never tuned on.

    python3 tools/render_corpus/holdout.py --styles /tmp/holdout-csl [--out DIR] [--seed N] [--only STYLE]

It reuses generate.py's machinery unchanged (plan, render, layout, bibtex, faults) and only
adds to it, in this process: a different seed, new bib key schemes, and plan phrases and
filler prose for Italian, Spanish and Polish. The committed tests/corpus/rendered/ is not
touched and generate.py's output does not change.

The style files are not in the repository. They come from github.com/citation-style-language/styles
(the commit is in expected.json's "style" text when --styles-commit is given). Two are journal
styles that depend on a parent: for them the parent's file is saved under the journal's name
(the-journal-of-modern-history = chicago-notes-publisher-place-no-url, past-and-present =
oxford-guide-to-style-notes-roman-volume-archive-first-no-url).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bibtex  # noqa: E402
import filler  # noqa: E402
import generate  # noqa: E402
import plan  # noqa: E402
from generate import Style  # noqa: E402
from render import WANTED_PANDOC, find_pandoc, pandoc_version  # noqa: E402

HOLDOUT_SEED = 20260304
REPO = HERE.parent.parent

STYLES = [
    Style("oscola", "en-GB", "jabref", "bibtex", 0.3, ("unresolved-citation", "page-out-of-range")),
    Style("the-journal-of-modern-history", "en-US", "upperyear", "biblatex", 0.4),
    Style("past-and-present", "en-GB", "hashed", "bibtex", 0.2),
    Style("history-and-theory", "en-US", "titleyear", "bibtex", 0.5),
    Style("zeithistorische-forschungen", "de-DE", "underscore", "biblatex", 0.4,
          ("short-before-full", "reversed-page-range")),
    Style("universitat-heidelberg-historisches-seminar", "de-DE", "hyphinit", "bibtex", 0.6),
    Style("vingtieme-siecle", "fr-FR", "longtitle", "biblatex", 0.3),
    Style("politix", "fr-FR", "jabref", "bibtex", 0.5),
    Style("rassegna-degli-archivi-di-stato", "it-IT", "underscore", "bibtex", 0.3,
          ("inconsistent-spelling", "duplicate-note-number")),
    Style("universita-di-bologna-lettere", "it-IT", "upperyear", "biblatex", 0.2),
    Style("ayer", "es-ES", "hyphinit", "biblatex", 0.4),
    Style("marmara-universitesi-turkiyat-arastirmalari-enstitusu", "tr-TR", "titleyear", "bibtex", 0.3,
          ("note-number-gap", "metadata-mismatch")),
    Style("galatasaray-universitesi-sosyal-bilimler-enstitusu", "tr-TR", "hashed", "biblatex", 0.5),
    Style("uniwersytet-gdanski-kulturoznawstwo-przypis", "pl-PL", "longtitle", "bibtex", 0.4),
]

# ---------------------------------------------------------------- new key schemes

_base_key = bibtex.base_key


def base_key(item: dict, scheme: str, index: int) -> str:
    name = bibtex._archive_abbrev(item) if item["type"] == "manuscript" else bibtex._surname(item)
    plain = re.sub(r"[^A-Za-z]", "", bibtex.ascii_fold(name))
    word = re.sub(r"[^A-Za-z]", "", bibtex.ascii_fold(bibtex._first_word(item)))
    year = bibtex._year(item)
    people = item.get("author") or item.get("editor") or []
    initial = bibtex.ascii_fold(people[0]["given"])[0].lower() if people else "x"
    if scheme == "jabref":  # Aydogdu2009Ittihat  ([auth][year][shorttitle])
        return f"{plain}{year}{word[:1].upper()}{word[1:].lower()}"
    if scheme == "upperyear":  # AYDOGDU2009
        return f"{plain.upper()}{year}"
    if scheme == "hashed":  # r4f09c2 (opaque, as some reference managers export)
        return "r" + hashlib.sha1(item["id"].encode()).hexdigest()[:6]
    if scheme == "titleyear":  # ittihat2009
        return f"{word.lower()}{year}"
    if scheme == "underscore":  # Aydogdu_2009
        return f"{plain}_{year}"
    if scheme == "hyphinit":  # aydogdu-k-2009
        return f"{plain.lower()}-{initial}-{year}"
    if scheme == "longtitle":  # aydogdu2009ittihatterakki (first two title words)
        title = bibtex.ascii_fold(item.get("title", ""))
        words = [w.lower() for w in re.findall(r"[A-Za-z]+", title) if len(w) > 3][:2]
        return f"{plain.lower()}{year}{''.join(words)}"
    return _base_key(item, scheme, index)


bibtex.base_key = base_key

# ---------------------------------------------------------------- Italian, Spanish, Polish

plan.PREFIXES.update({
    "it": ["Cfr.", "Si veda", "Vedi anche", "Su questo punto si veda", "Per una diversa lettura si veda"],
    "es": ["Véase", "Véase también", "Cf.", "Sobre este punto, véase", "Para una opinión distinta, véase"],
    "pl": ["Zob.", "Zob. też", "Por.", "Na ten temat zob.", "Inaczej"],
})
plan.SECOND_PREFIXES.update({
    "it": ["e", "vedi anche"], "es": ["y", "véase también"], "pl": ["oraz", "zob. też"],
})
plan.SUFFIX_SENTENCES.update({
    "it": ["Le cifre ivi riportate differiscono da quelle dei rapporti consolari",
           "L'autore si basa soprattutto su fonti britanniche",
           "Questa interpretazione è stata contestata"],
    "es": ["Las cifras que allí se dan difieren de las de los informes consulares",
           "El autor se apoya sobre todo en fuentes británicas",
           "Esta interpretación ha sido discutida"],
    "pl": ["Podane tam liczby różnią się od danych z raportów konsularnych",
           "Autor opiera się głównie na źródłach brytyjskich",
           "Ta interpretacja budzi zastrzeżenia"],
})
plan.COMMENT_NOTES.update({
    "it": ["La grafia dei toponimi segue l'uso italiano dell'epoca.",
           "Salvo diversa indicazione, le traduzioni dall'ottomano sono mie."],
    "es": ["La grafía de los topónimos sigue el uso español de la época.",
           "Salvo indicación contraria, las traducciones del otomano son mías."],
    "pl": ["Pisownia nazw miejscowych odpowiada ówczesnemu użyciu polskiemu.",
           "O ile nie zaznaczono inaczej, przekłady z osmańskiego są mojego autorstwa."],
})

filler.MONTHS.update({
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
           "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
           "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
    "pl": ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca",
           "sierpnia", "września", "października", "listopada", "grudnia"],
})
filler.PLACES.update({
    "it": ["Trebisonda", "Batum", "Erzurum", "Samsun", "Salonicco", "Smirne", "Adana", "Mersina", "Aleppo"],
    "es": ["Trebisonda", "Batumi", "Erzurum", "Samsun", "Salónica", "Esmirna", "Adana", "Mersin", "Alepo"],
    "pl": ["Trapezunt", "Batumi", "Erzurum", "Samsun", "Saloniki", "Smyrna", "Adana", "Mersin", "Aleppo"],
})
filler.ACTORS.update({
    "it": ["l'alto commissario britannico", "il governatore della provincia", "il comandante francese",
           "il ministro degli Esteri ottomano", "l'addetto militare tedesco", "il capitano del porto"],
    "es": ["el alto comisario británico", "el gobernador de la provincia", "el comandante francés",
           "el ministro otomano de Asuntos Exteriores", "el agregado militar alemán", "el capitán del puerto"],
    "pl": ["brytyjski wysoki komisarz", "gubernator prowincji", "dowódca francuski",
           "osmański minister spraw zagranicznych", "niemiecki attaché wojskowy", "kapitan portu"],
})
filler.ORGS.update({
    "it": ["i rappresentanti dell'Intesa", "l'Amministrazione del Debito pubblico", "la Banca ottomana",
           "il corpo consolare", "il ministero dell'Interno"],
    "es": ["los representantes de la Entente", "la Administración de la Deuda Pública", "el Banco Otomano",
           "el cuerpo consular", "el Ministerio del Interior"],
    "pl": ["przedstawicielami Ententy", "Zarządem Długu Publicznego", "Bankiem Osmańskim",
           "korpusem konsularnym", "Ministerstwem Spraw Wewnętrznych"],
})
filler.SENTENCES.update({
    "it": [
        "Il {date} il console a {place} riferì che la situazione era peggiorata sensibilmente.",
        "Alla fine del {year} circa {num} soldati erano di stanza nei dintorni di {place}.",
        "In questo periodo {actor} seguì una linea prudente nei negoziati con {org}.",
        "Le esportazioni dal porto di {place} calarono nettamente tra il {year} e il {year2}.",
        "Una lettera del {date} menziona un convoglio di {num} profughi.",
        "La storiografia ha insistito soprattutto sulla dimensione economica della questione.",
        "{Actor} seguiva da vicino questi sviluppi e inviava rapporti dettagliati alla capitale.",
        "Il bilancio del {year} assegnava a questa voce {num} piastre.",
        "Secondo il censimento del {year}, la città contava circa {num} abitanti.",
        "Circa il {pct} per cento del commercio dei cereali passava per {place} nel {year}.",
        "Questi dati vanno presi con cautela, perché le rilevazioni erano incomplete.",
    ],
    "es": [
        "El {date} el cónsul en {place} informó de que la situación había empeorado notablemente.",
        "A finales de {year} unos {num} soldados estaban acantonados en torno a {place}.",
        "En este periodo {actor} adoptó una línea prudente en las negociaciones con {org}.",
        "Las exportaciones del puerto de {place} cayeron claramente entre {year} y {year2}.",
        "Una carta fechada el {date} menciona un convoy de {num} refugiados.",
        "La historiografía ha subrayado sobre todo la dimensión económica de la cuestión.",
        "{Actor} seguía de cerca estos acontecimientos y enviaba informes detallados a la capital.",
        "El presupuesto de {year} asignaba {num} piastras a esta partida.",
        "Según el censo de {year}, la ciudad tenía unos {num} habitantes.",
        "Aproximadamente el {pct} por ciento del comercio de grano pasaba por {place} en {year}.",
        "Estas cifras deben tomarse con cautela, pues los registros eran incompletos.",
    ],
    "pl": [
        "Dnia {date} konsul w {place} donosił, że sytuacja znacznie się pogorszyła.",
        "Pod koniec {year} roku w okolicach {place} stacjonowało około {num} żołnierzy.",
        "W tym okresie {actor} prowadził ostrożną politykę w rokowaniach z {org}.",
        "Eksport z portu {place} wyraźnie spadł w latach {year}-{year2}.",
        "List z {date} wspomina o konwoju {num} uchodźców.",
        "Historiografia podkreślała przede wszystkim gospodarczy wymiar tej kwestii.",
        "{Actor} uważnie śledził te wydarzenia i wysyłał szczegółowe raporty do stolicy.",
        "Budżet na rok {year} przeznaczał na ten cel {num} piastrów.",
        "Według spisu z {year} roku miasto liczyło około {num} mieszkańców.",
        "Około {pct} procent handlu zbożem przechodziło w {year} roku przez {place}.",
        "Liczby te należy traktować ostrożnie, ponieważ zestawienia były niepełne.",
    ],
})
filler.LIST_INTROS.update({
    "it": ("I rapporti consolari distinguono tre gruppi di problemi:",
           ["l'approvvigionamento di grano delle città costiere;", "l'insediamento dei profughi dall'interno;",
            "la riscossione dei dazi doganali a {place}."]),
    "es": ("Los informes consulares distinguen tres grupos de problemas:",
           ["el abastecimiento de grano de las ciudades costeras;",
            "el asentamiento de los refugiados del interior;", "la recaudación de los derechos de aduana en {place}."]),
    "pl": ("Raporty konsularne wyróżniają trzy grupy problemów:",
           ["zaopatrzenie miast nadbrzeżnych w zboże;", "osiedlenie uchodźców z głębi kraju;",
            "pobór ceł w {place}."]),
})
filler.HEADINGS.update({
    "it": ["I. Porti, consoli e credito, 1908-1914", "II. Gli anni della guerra", "III. Dopo Mudros, 1918-1923"],
    "es": ["I. Puertos, cónsules y crédito, 1908-1914", "II. Los años de la guerra",
           "III. Después de Mudros, 1918-1923"],
    "pl": ["1. Porty, konsulowie i kredyt 1908-1914", "2. Lata wojny", "3. Po Mudros 1918-1923"],
})

_number = filler._number
_date = filler._date


def number(rng, lang: str) -> str:
    if lang not in ("it", "es", "pl"):
        return _number(rng, lang)
    value = rng.choice([120, 450, 800, 1200, 2500, 3000, 4750, 12000, 35000])
    if value < 1000:
        return str(value)
    sep = {"it": ".", "es": ".", "pl": "\u00a0"}[lang]
    return f"{value // 1000}{sep}{value % 1000:03d}"


def date(rng, lang: str) -> str:
    if lang not in ("it", "es", "pl"):
        return _date(rng, lang)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1908, 1923)
    name = filler.MONTHS[lang][month - 1]
    if lang == "es":
        return f"{day} de {name} de {year}"
    return f"{day} {name} {year}"


filler._number = number
filler._date = date


README = """# Hold-out corpus: CSL note styles srccheck was not tuned on

Generated by `tools/render_corpus/holdout.py` (same machinery as `rendered/`, see
`tools/render_corpus/README.md` and `tests/corpus/README.md`), with seed {seed},
pandoc {version} and 14 note styles from github.com/citation-style-language/styles
that are not in `/work/shared/csl/`. Not listed in `tests/test_corpus.py`'s SETS:
it is for scoring (`python tools/score_corpus.py tests/corpus/holdout -v`), not for CI.

Regenerate (the .csl files are not in the repository; fetch them from the styles repo):

    python3 tools/render_corpus/holdout.py --styles DIR_WITH_CSL_FILES

| case | lang | key scheme | faults |
|---|---|---|---|
{rows}

`the-journal-of-modern-history` and `past-and-present` are dependent styles; they were
rendered with their independent parents (`chicago-notes-publisher-place-no-url`,
`oxford-guide-to-style-notes-roman-volume-archive-first-no-url`).
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--styles", type=Path, required=True, help="folder holding <style>.csl")
    parser.add_argument("--out", type=Path, default=REPO / "tests" / "corpus" / "holdout")
    parser.add_argument("--seed", type=int, default=HOLDOUT_SEED)
    parser.add_argument("--only", help="build just this style")
    parser.add_argument("--pandoc", help="pandoc executable (default: $PANDOC, pypandoc-binary, PATH)")
    args = parser.parse_args()
    generate.SEED = args.seed
    generate.CSL_DIR = args.styles
    pandoc = find_pandoc(args.pandoc)
    version = pandoc_version(pandoc)
    if version != WANTED_PANDOC:
        print(f"warning: pandoc {version}; the corpus is meant for {WANTED_PANDOC}", file=sys.stderr)
    pool = json.loads((HERE / "pool.json").read_text(encoding="utf-8"))
    styles = [s for s in STYLES if not args.only or s.name == args.only]
    if not args.only and args.out.exists():
        shutil.rmtree(args.out)
    failed = []
    for style in styles:
        try:
            generate.build_style(style, pool, pandoc, f"pandoc {version}", args.out)
        except Exception as exc:  # report and go on with the other styles
            failed.append(style.name)
            print(f"{style.name}: FAILED: {exc}", file=sys.stderr)
            continue
        print(f"{style.name}: done")
    if not args.only:
        rows = "\n".join(f"| {s.name} | {s.locale} | {s.scheme} | {', '.join(s.faults) or '-'} |" for s in STYLES)
        (args.out / "README.md").write_text(README.format(seed=args.seed, version=version, rows=rows),
                                            encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
