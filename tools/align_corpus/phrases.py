"""The writer's own words around the citations, per language.

Signal phrases go before a citation, commentary before or after the citations of a
note, and author–year short forms ("Vgl. Nietzel 2009, S. 565") are written by hand
from the entry's names and year. Everything here is text a writer types; the
citations themselves are rendered by the CSL processor. None of these sentences
names an author or a title, so none of them is a citation.
"""

from __future__ import annotations

import random

# a signal opening a note's first citation
FIRST_SIGNALS = {
    "en": ["See", "See also", "Cf.", "The argument is developed further in", "For a different view see",
           "On this point see", "A useful overview is", "Compare", "For the wider context, see",
           "This reading follows", "The standard account remains"],
    "de": ["Vgl.", "Siehe", "Vgl. dazu", "Siehe auch", "Anders dagegen", "Ähnlich argumentiert",
           "Dazu ausführlich", "Grundlegend", "Kritisch dazu", "Zusammenfassend", "Vgl. hierzu"],
    "fr": ["Voir", "Voir aussi", "Cf.", "Pour une autre lecture, voir", "Sur ce point, voir",
           "On se reportera à", "Voir notamment", "Pour une synthèse, voir", "Pour une mise au point, voir"],
    "tr": ["Bkz.", "Ayrıca bkz.", "Krş.", "Benzer bir değerlendirme için bkz.", "Bu konuda bkz.",
           "Farklı bir görüş için bkz.", "Ayrıntılı bilgi için bkz.", "Geniş bilgi için bkz.",
           "Konunun arka planı için bkz."],
}

# a signal before a later citation in the same note (after "; ")
LATER_SIGNALS = {
    "en": ["see also", "and", "for a different view see", "cf.", "but see", "more recently"],
    "de": ["ferner", "sowie", "anders dagegen", "ähnlich", "vgl. auch", "zuletzt"],
    "fr": ["et", "voir aussi", "pour une autre lecture, voir", "cf.", "ainsi que", "plus récemment"],
    "tr": ["ayrıca", "ve", "krş.", "benzer bir değerlendirme için bkz.", "ayrıca bkz."],
}

# a sentence of commentary opening a note, before its first citation
LEADS = {
    "en": ["The point has been much debated.", "This is not the place to rehearse the whole controversy.",
           "Contemporaries were divided on the question.", "The evidence for the earlier period is thin.",
           "On the chronology I follow the consensus of the literature."],
    "de": ["Die Frage ist in der Forschung umstritten.", "Die Quellenlage ist für die frühere Zeit dürftig.",
           "Hier kann die Debatte nur angedeutet werden.", "Zur Chronologie folge ich der älteren Forschung.",
           "Die Zeitgenossen urteilten darüber sehr unterschiedlich."],
    "fr": ["La question a suscité un long débat.", "Les sources sont rares pour la période antérieure.",
           "On ne peut ici que résumer la discussion.", "Pour la chronologie, je suis l'historiographie courante.",
           "Les contemporains étaient divisés sur ce point."],
    "tr": ["Bu mesele literatürde uzun süre tartışılmıştır.", "Önceki döneme ait kaynaklar oldukça sınırlıdır.",
           "Tartışmanın ayrıntılarına burada girilmeyecektir.", "Kronoloji konusunda genel kabulü izliyorum.",
           "Dönemin gözlemcileri bu konuda farklı görüşler ileri sürmüştür."],
}

# a sentence of commentary closing a note, after its last citation
TAILS = {
    "en": ["The figures given there differ from those in the official returns.",
           "The author relies mainly on printed sources.", "This interpretation has not gone unchallenged.",
           "The argument there is largely descriptive.", "Both accounts date the change to the same decade."],
    "de": ["Die dort genannten Zahlen weichen von den amtlichen Angaben ab.",
           "Der Verfasser stützt sich vor allem auf gedruckte Quellen.",
           "Diese Deutung ist nicht unwidersprochen geblieben.", "Die Darstellung bleibt dort weitgehend deskriptiv."],
    "fr": ["Les chiffres avancés diffèrent de ceux des statistiques officielles.",
           "L'auteur s'appuie surtout sur des sources imprimées.", "Cette interprétation a été contestée.",
           "L'analyse y reste surtout descriptive."],
    "tr": ["Burada verilen rakamlar resmî istatistiklerden farklıdır.",
           "Yazar daha çok basılı kaynaklara dayanmaktadır.", "Bu yorum tartışmalıdır.",
           "Oradaki değerlendirme büyük ölçüde betimleyicidir."],
}

# a note with no citation at all
COMMENT_NOTES = {
    "en": ["The spelling of names follows the sources.", "All translations are my own unless otherwise stated.",
           "I am grateful to the two anonymous readers for their comments on this section."],
    "de": ["Die Schreibung der Namen folgt den Quellen.",
           "Alle Übersetzungen stammen, soweit nicht anders angegeben, vom Verfasser.",
           "Für Hinweise zu diesem Abschnitt danke ich den beiden anonymen Gutachtern."],
    "fr": ["L'orthographe des noms suit celle des sources.", "Sauf mention contraire, les traductions sont de l'auteur.",
           "Je remercie les deux relecteurs anonymes pour leurs remarques sur cette partie."],
    "tr": ["Özel adların yazımında kaynaklardaki kullanım esas alınmıştır.",
           "Aksi belirtilmedikçe çeviriler bana aittir.",
           "Bu bölümle ilgili önerileri için iki anonim hakeme teşekkür ederim."],
}

# signals written before a hand-made author-year citation that follows a rendered one
AUTHORYEAR_JOINS = {
    "en": [". Similarly ", "; see also ", ". For a different view see ", "; cf. ", ". The argument is developed further in "],
    "de": [". Ähnlich argumentiert ", "; ferner ", ". Anders dagegen ", "; vgl. auch ", ". Dazu auch "],
    "fr": [". Pour une autre lecture, voir ", "; voir aussi ", ". Dans le même sens, ", "; cf. "],
    "tr": [". Benzer bir değerlendirme için bkz. ", "; ayrıca bkz. ", ". Farklı bir görüş için bkz. ", "; krş. "],
}

# openers of a note that holds only an author-year citation
AUTHORYEAR_OPENERS = {
    "en": ["", "See ", "Cf. ", "See also "],
    "de": ["Vgl. ", "Vgl. ", "Siehe ", "Vgl. dazu ", ""],
    "fr": ["Voir ", "Cf. ", "", "Voir aussi "],
    "tr": ["Bkz. ", "", "Krş. ", "Ayrıca bkz. "],
}

PAGE_LABELS = {"en": ["", "p. ", ""], "de": ["S. ", "S. ", ""], "fr": ["p. ", "p. "], "tr": ["s. ", "s. ", ""]}
PAGES_LABELS = {"en": ["", "pp. ", ""], "de": ["S. ", "S. ", ""], "fr": ["p. ", "pp. "], "tr": ["s. ", "ss. ", ""]}
TWO_NAMES = {"en": [" and "], "de": ["/", " und ", "/"], "fr": [" et "], "tr": [" ve ", " - "]}
ET_AL = {"en": [" et al."], "de": [" u. a.", " et al."], "fr": [" et al."], "tr": [" vd.", " v.dğr."]}
RANGE_DASH = {"en": ["–", "-"], "de": ["–", "-"], "fr": ["-", "‑"], "tr": ["-", "-"]}


def surname(person: dict) -> str:
    """A name as a writer cites it in an author–year form: the particle stays with the surname."""
    if "literal" in person:
        return person["literal"]
    parts = [person.get("non-dropping-particle", ""), person.get("family", "")]
    return " ".join(p for p in parts if p)


def authoryear_names(item: dict, lang: str, rng: random.Random) -> str | None:
    people = item.get("author") or item.get("editor")
    if not people or not all(surname(p) for p in people):
        return None
    names = [surname(p) for p in people]
    if len(names) == 1:
        text = names[0]
    elif len(names) == 2:
        text = names[0] + rng.choice(TWO_NAMES[lang]) + names[1]
    else:
        text = names[0] + rng.choice(ET_AL[lang])
    if lang == "fr" and rng.random() < 0.3:
        text = text.upper().replace(" ET ", " et ").replace(" ET AL.", " et al.")
    return text


def page_text(pages: list[tuple[int, int]], lang: str, rng: random.Random) -> str:
    """A locator as a writer types it: "S. 565", "pp. 12–14", "s. 40, 44", or a bare number."""
    dash = rng.choice(RANGE_DASH[lang])
    many = len(pages) > 1 or pages[0][0] != pages[0][1]
    label = rng.choice(PAGES_LABELS[lang] if many else PAGE_LABELS[lang])
    body = ", ".join(str(a) if a == b else f"{a}{dash}{b}" for a, b in pages)
    return label + body


def authoryear(item: dict, year: int, pages: list[tuple[int, int]], lang: str, rng: random.Random) -> str | None:
    """"Nietzel 2009, S. 565" / "Smith and Jones (2004), 33" / "Aydın vd. 2009: 45"."""
    names = authoryear_names(item, lang, rng)
    if names is None:
        return None
    shape = rng.random()
    if not pages:
        return f"{names} {year}" if shape < 0.7 else f"{names} ({year})"
    locator = page_text(pages, lang, rng)
    if shape < 0.6:
        return f"{names} {year}, {locator}"
    if shape < 0.8:
        return f"{names} ({year}), {locator}"
    if locator[:1].isdigit():
        return f"{names} {year}: {locator}"
    return f"{names}, {year}, {locator}"
