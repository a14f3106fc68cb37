"""What a document says: chapters of filler prose with note markers, and what each note cites.

The plan is the truth. Every citation is (key, pages as asked); the pages asked are always
printed by the styles we use, because a work cited again in the next note always gets a
different page (so no style can shorten it to a bare "Ibid.").
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.append(str(Path(__file__).resolve().parent.parent / "render_corpus"))

import filler  # noqa: E402  (tools/render_corpus/filler.py)

from page_faults import page_faults  # noqa: E402
from pools import Work  # noqa: E402

RU_SENTENCES = [
    "{date} консул в {place} сообщил, что положение резко ухудшилось.",
    "К концу {year} года в районе {place} находилось около {num} солдат.",
    "В этот период {actor} занимал осторожную позицию на переговорах.",
    "Вывоз через порт {place} заметно сократился между {year} и {year2} годами.",
    "В письме от {date} упоминается обоз из {num} беженцев.",
    "Историки подчёркивали прежде всего экономическую сторону вопроса.",
    "Бюджет {year} года предусматривал на эту статью {num} пиастров.",
    "Современники оценивали эти события по-разному.",
    "По переписи {year} года в городе проживало около {num} человек.",
    "Около {pct} процентов торговли зерном шло в {year} году через {place}.",
    "К этим цифрам следует относиться осторожно, поскольку сведения неполны.",
]
RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
             "октября", "ноября", "декабря"]
RU_PLACES = ["Трапезунде", "Батуме", "Эрзеруме", "Самсуне", "Смирне"]
RU_ACTORS = ["британский верховный комиссар", "губернатор провинции", "германский военный атташе"]
RU_HEADINGS = ["Порты и торговля, 1908–1914", "Годы войны", "После Мудроса, 1918–1923"]

SIGNALS = {"en": "See", "de": "Vgl.", "fr": "Voir", "tr": "Bkz.", "ru": "См.", "it": "Cfr.", "es": "Véase"}
COMMENTS = {
    "en": ["The figures given there differ from the consular returns of {year}.",
           "On the wider context see the discussion above.", "The date is uncertain; {year} is more likely."],
    "de": ["Die dort genannten Zahlen weichen von den Berichten des Jahres {year} ab.",
           "Zum weiteren Zusammenhang siehe oben.", "Die Datierung ist unsicher; wahrscheinlich {year}."],
    "fr": ["Les chiffres donnés diffèrent des rapports consulaires de {year}.",
           "Sur le contexte plus large, voir plus haut.", "La date est incertaine ; {year} est plus probable."],
    "tr": ["Burada verilen rakamlar {year} tarihli konsolosluk raporlarından farklıdır.",
           "Genel çerçeve için yukarıdaki tartışmaya bakınız.", "Tarih kesin değildir; {year} daha muhtemeldir."],
    "ru": ["Приведённые там цифры расходятся с консульскими отчётами {year} года.",
           "Об общем контексте см. выше.", "Дата неясна; вероятнее {year} год."],
    "it": ["Le cifre ivi riportate differiscono dai rapporti consolari del {year}.",
           "Sul contesto più ampio si veda la discussione precedente.", "La data è incerta; più probabile il {year}."],
    "es": ["Las cifras allí indicadas difieren de los informes consulares de {year}.",
           "Sobre el contexto general, véase la discusión anterior.", "La fecha es incierta; es más probable {year}."],
}
NOTE_ONLY = {
    "en": "This paragraph follows the order of the reports, not of the events.",
    "de": "Der Abschnitt folgt der Reihenfolge der Berichte, nicht der Ereignisse.",
    "fr": "Ce passage suit l'ordre des rapports, non celui des événements.",
    "tr": "Bu kısım olayların değil raporların sırasını izlemektedir.",
    "ru": "Этот абзац следует порядку донесений, а не событий.",
    "it": "Il paragrafo segue l'ordine dei rapporti, non quello degli eventi.",
    "es": "El párrafo sigue el orden de los informes, no el de los acontecimientos.",
}


@dataclass
class Cite:
    key: str
    postnote: str  # as given to the typesetter: "45", "45--47", "" (none)
    pages: list[list[int]]  # the truth: inclusive ranges
    signal: bool = False


@dataclass
class NotePlan:
    cites: list[Cite]
    comment: str = ""  # a sentence after the citations (or the whole note when there is none)


@dataclass
class Paragraph:
    pieces: list[str | int]  # prose, or the index (0-based, document-wide) of a note whose marker goes here


@dataclass
class Chapter:
    title: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    items: list[str] = field(default_factory=list)  # a numbered list after the first paragraph (distractors)


@dataclass
class DocPlan:
    lang: str
    chapters: list[Chapter]
    notes: list[NotePlan]
    chapter_of_note: list[int]  # 0-based chapter of each note
    cited: list[str]


def _sentence(rng: random.Random, lang: str) -> str:
    if lang != "ru":
        return filler.sentence(rng, lang)
    year = rng.randint(1876, 1920)
    date = f"{rng.randint(1, 28)} {rng.choice(RU_MONTHS)} {rng.randint(1908, 1923)} г."
    num = f"{rng.choice([1, 2, 3, 12, 35])}\u00a0{rng.randint(0, 999):03d}"
    return rng.choice(RU_SENTENCES).format(date=date, place=rng.choice(RU_PLACES), year=year, year2=year + 3,
                                           num=num, pct=rng.randint(12, 70), actor=rng.choice(RU_ACTORS))


def _heading(lang: str, index: int) -> str:
    return RU_HEADINGS[index % len(RU_HEADINGS)] if lang == "ru" else filler.heading(lang, index)


def _pages(rng: random.Random, work: Work, avoid: str) -> tuple[str, list[list[int]]]:
    lo, hi = work.span if work.span else (1, rng.choice([180, 250, 320, 412]))
    for _ in range(20):
        start = rng.randint(lo, max(lo, hi - 2))
        roll = rng.random()
        if roll < 0.25 and start + 2 <= hi:
            end = rng.randint(start + 1, min(hi, start + 6))
            post, pages = f"{start}--{end}", [[start, end]]
        elif roll < 0.32 and start + 4 <= hi:
            post, pages = f"{start}, {start + 3}", [[start, start], [start + 3, start + 3]]
        else:
            post, pages = str(start), [[start, start]]
        if post != avoid:
            return post, pages
    return str(hi), [[hi, hi]]


def build(rng: random.Random, works: list[Work], lang: str, n_notes: int, n_chapters: int) -> DocPlan:
    uncited = max(2, len(works) // 6)
    cited = [w for w in works[:-uncited]]
    by_key = {w.key: w for w in cited}
    notes: list[NotePlan] = []
    last_post: dict[str, str] = {}
    previous: list[str] = []
    order = list(cited)
    rng.shuffle(order)
    for i in range(n_notes):
        roll = rng.random()
        if i > 0 and roll < 0.04:
            notes.append(NotePlan([], NOTE_ONLY[lang]))
            previous = []
            continue
        if previous and roll < 0.25:
            keys = [previous[0]]  # the same work again: Ibid. / ebd. / Там же with a new page
        elif roll < 0.40:
            keys = rng.sample([w.key for w in cited], 2)
        else:
            keys = [order[i % len(order)].key]
        cites = []
        for key in keys:
            work = by_key[key]
            if not work.span and rng.random() < 0.15 and key not in previous:
                post, pages = "", []
            else:
                post, pages = _pages(rng, work, last_post.get(key, ""))
            last_post[key] = post
            cites.append(Cite(key, post, pages, signal=rng.random() < 0.1))
        comment = rng.choice(COMMENTS[lang]).format(year=rng.randint(1900, 1925)) if rng.random() < 0.15 else ""
        notes.append(NotePlan(cites, comment))
        previous = keys
    # chapters: notes split evenly, prose around the markers
    per = [n_notes // n_chapters + (1 if c < n_notes % n_chapters else 0) for c in range(n_chapters)]
    chapters: list[Chapter] = []
    chapter_of_note: list[int] = []
    index = 0
    for c in range(n_chapters):
        chapter = Chapter(_heading(lang, c))
        remaining = per[c]
        while remaining:
            pieces: list[str | int] = []
            for _ in range(rng.randint(1, 3)):
                if not remaining:
                    break
                pieces.append(" ".join(_sentence(rng, lang) for _ in range(rng.randint(1, 3))))
                pieces.append(index)
                chapter_of_note.append(c)
                index += 1
                remaining -= 1
            pieces.append(" " + _sentence(rng, lang))
            chapter.paragraphs.append(Paragraph(pieces))
        if lang in filler.LIST_INTROS and rng.random() < 0.5:
            chapter.items = filler.numbered_list(rng, lang)[1]
        chapters.append(chapter)
    cited_keys = list(dict.fromkeys(c.key for n in notes for c in n.cites))
    return DocPlan(lang, chapters, notes, chapter_of_note, cited_keys)


def expected(plan: DocPlan, works: list[Work], meta: dict) -> dict:
    """expected.json: notes by running index (1-based); chapter_starts where numbering restarts."""
    notes = {str(i + 1): [{"key": c.key, "pages": c.pages} for c in n.cites] for i, n in enumerate(plan.notes)}
    cited = set(plan.cited)
    findings = [{"rule": "unused-entry", "key": w.key} for w in works if w.key not in cited]
    findings += page_faults(notes, "".join(w.raw for w in works))  # a page asked beyond the work's own
    out = {**meta, "language": plan.lang, "notes": notes, "findings": findings}
    if meta.get("numbering") == "per-chapter":
        starts, seen = [], set()
        for i, c in enumerate(plan.chapter_of_note):
            if c not in seen:
                seen.add(c)
                starts.append(i + 1)
        out["chapter_starts"] = starts
    return out
