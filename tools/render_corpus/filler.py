"""Plausible body prose in four languages, full of distractor numbers.

The body of a rendered manuscript is filler: it only has to carry the note
markers and look like the running text of a history article, with dates,
years, quantities, numbered lists and section headings that a footnote parser
must not mistake for note markers or notes.
"""

from __future__ import annotations

import random

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December"],
    "tr": ["Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz",
           "Ağustos", "Eylül", "Ekim", "Kasım", "Aralık"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli",
           "August", "September", "Oktober", "November", "Dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet",
           "août", "septembre", "octobre", "novembre", "décembre"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio",
           "agosto", "settembre", "ottobre", "novembre", "dicembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
           "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
}

PLACES = {
    "en": ["Trebizond", "Batum", "Erzurum", "Samsun", "Salonica", "Smyrna", "Adana", "Mersin", "Aleppo"],
    "tr": ["Trabzon", "Batum", "Erzurum", "Samsun", "Selanik", "İzmir", "Adana", "Mersin", "Halep"],
    "de": ["Trapezunt", "Batum", "Erzurum", "Samsun", "Saloniki", "Smyrna", "Adana", "Mersin", "Aleppo"],
    "fr": ["Trébizonde", "Batoum", "Erzurum", "Samsun", "Salonique", "Smyrne", "Adana", "Mersin", "Alep"],
    "it": ["Trebisonda", "Batum", "Erzurum", "Samsun", "Salonicco", "Smirne", "Adana", "Mersina", "Aleppo"],
    "es": ["Trebisonda", "Batumi", "Erzurum", "Samsun", "Salónica", "Esmirna", "Adana", "Mersin", "Alepo"],
}

ACTORS = {
    "en": ["the British High Commissioner", "the governor of the province", "the French commander",
           "the Ottoman foreign minister", "the German military attaché", "the harbour master"],
    "tr": ["İngiliz Yüksek Komiseri", "vilayet valisi", "Fransız komutanı", "Hariciye Nazırı",
           "Alman askerî ataşesi", "liman reisi"],
    "de": ["der britische Hochkommissar", "der Gouverneur der Provinz", "der französische Befehlshaber",
           "der osmanische Außenminister", "der deutsche Militärattaché", "der Hafenmeister"],
    "fr": ["le haut-commissaire britannique", "le gouverneur de la province", "le commandant français",
           "le ministre ottoman des Affaires étrangères", "l'attaché militaire allemand", "le capitaine du port"],
    "it": ["l'alto commissario britannico", "il governatore della provincia", "il comandante francese",
           "il ministro ottomano degli Esteri", "l'addetto militare tedesco", "il capitano del porto"],
    "es": ["el alto comisionado británico", "el gobernador de la provincia", "el comandante francés",
           "el ministro otomano de Asuntos Exteriores", "el agregado militar alemán", "el capitán del puerto"],
}

ORGS = {
    "en": ["the Entente representatives", "the Public Debt Administration", "the Ottoman Bank",
           "the consular corps", "the Ministry of the Interior"],
    "tr": ["İtilaf temsilcileri", "Düyun-ı Umumiye İdaresi", "Osmanlı Bankası",
           "konsolosluk heyeti", "Dahiliye Nezareti"],
    "de": ["den Vertretern der Entente", "der Dette publique", "der Osmanischen Bank",
           "dem Konsularkorps", "dem Innenministerium"],
    "fr": ["les représentants de l'Entente", "la Dette publique ottomane", "la Banque impériale ottomane",
           "le corps consulaire", "le ministère de l'Intérieur"],
    "it": ["i rappresentanti dell'Intesa", "l'Amministrazione del Debito pubblico", "la Banca ottomana",
           "il corpo consolare", "il ministero dell'Interno"],
    "es": ["los representantes de la Entente", "la Administración de la Deuda Pública", "el Banco Otomano",
           "el cuerpo consular", "el Ministerio del Interior"],
}

SENTENCES = {
    "en": [
        "On {date} the consul at {place} reported that the situation had deteriorated sharply.",
        "By the end of {year} some {num} troops were stationed around {place}.",
        "In this period {actor} adopted a cautious line in the negotiations with {org}.",
        "Exports from the port of {place} fell markedly between {year} and {year2}.",
        "Correspondence dated {date} mentions a convoy of {num} refugees.",
        "The literature on the question has emphasised its economic dimension.",
        "{Actor} followed these developments closely and sent detailed reports to the capital.",
        "The budget for {year} allotted {num} piastres to this item.",
        "Contemporary observers were divided on the significance of these events.",
        "According to the census of {year}, the town had about {num} inhabitants.",
        "The matter was raised again at the meeting of {date}, without result.",
        "Neither side, however, was prepared to make concessions on the question of the ports.",
        "Roughly {pct} per cent of the grain trade passed through {place} in {year}.",
        "These figures must be treated with caution, since the returns were incomplete.",
    ],
    "tr": [
        "{date} tarihinde {place} konsolosluğundan gelen haberler durumun giderek ağırlaştığını gösteriyordu.",
        "{year} yılı sonunda {place} civarında yaklaşık {num} asker bulunuyordu.",
        "Bu dönemde {actor}, {org} ile yürütülen görüşmelerde temkinli bir tutum benimsemiştir.",
        "{place} limanından yapılan ihracat {year} ile {year2} arasında belirgin biçimde azalmıştır.",
        "Nitekim {date} tarihli yazışmalarda {num} kişilik bir muhacir kafilesinden söz edilmektedir.",
        "Konuya ilişkin literatür, meselenin iktisadi boyutunu öne çıkarmıştır.",
        "{Actor} bu gelişmeleri yakından izlemiş ve merkeze ayrıntılı raporlar göndermiştir.",
        "{year} bütçesinde bu kalem için {num} kuruş ayrılmıştı.",
        "Dönemin gözlemcileri bu olayların önemi konusunda farklı görüşler ileri sürmüştür.",
        "{year} sayımına göre kasabanın nüfusu {num} civarındaydı.",
        "Mesele {date} tarihli toplantıda yeniden ele alınmış, ancak bir sonuca varılamamıştır.",
        "Ne var ki taraflardan hiçbiri limanlar meselesinde taviz vermeye hazır değildi.",
        "{year} yılında hububat ticaretinin yaklaşık %{pct}'i {place} üzerinden yapılıyordu.",
        "Bu rakamlara ihtiyatla yaklaşmak gerekir, zira kayıtlar eksiktir.",
    ],
    "de": [
        "Am {date} meldete das Konsulat in {place}, die Lage habe sich erheblich verschärft.",
        "Ende {year} standen rund {num} Soldaten im Raum {place}.",
        "In dieser Phase verhielt sich {actor} in den Verhandlungen mit {org} auffallend zurückhaltend.",
        "Die Ausfuhren über den Hafen von {place} gingen zwischen {year} und {year2} deutlich zurück.",
        "Ein Schreiben vom {date} erwähnt einen Transport von {num} Flüchtlingen.",
        "Die Forschung hat vor allem die wirtschaftliche Dimension der Frage betont.",
        "{Actor} verfolgte diese Entwicklungen aufmerksam und berichtete regelmäßig nach Berlin.",
        "Der Haushalt des Jahres {year} sah dafür {num} Piaster vor.",
        "Die Zeitgenossen bewerteten diese Ereignisse durchaus unterschiedlich.",
        "Nach der Zählung von {year} hatte die Stadt etwa {num} Einwohner.",
        "Die Angelegenheit kam in der Sitzung vom {date} erneut zur Sprache, ohne Ergebnis.",
        "Keine der beiden Seiten war jedoch bereit, in der Hafenfrage nachzugeben.",
        "Etwa {pct} Prozent des Getreidehandels liefen {year} über {place}.",
        "Diese Zahlen sind mit Vorsicht zu behandeln, da die Meldungen lückenhaft waren.",
    ],
    "fr": [
        "Le {date}, le consul de {place} signale une nette dégradation de la situation.",
        "À la fin de {year}, quelque {num} soldats stationnent autour de {place}.",
        "Durant cette période, {actor} adopte une ligne prudente dans les négociations avec {org}.",
        "Les exportations du port de {place} reculent nettement entre {year} et {year2}.",
        "Une lettre datée du {date} mentionne un convoi de {num} réfugiés.",
        "L'historiographie a surtout insisté sur la dimension économique de la question.",
        "{Actor} suit ces événements de près et adresse des rapports détaillés à Paris.",
        "Le budget de {year} prévoit {num} piastres pour ce poste.",
        "Les contemporains jugent ces événements de manière contrastée.",
        "D'après le recensement de {year}, la ville compte environ {num} habitants.",
        "L'affaire est de nouveau évoquée lors de la séance du {date}, sans résultat.",
        "Aucune des deux parties n'est toutefois prête à céder sur la question des ports.",
        "Près de {pct} % du commerce des grains passe par {place} en {year}.",
        "Ces chiffres doivent être maniés avec prudence, car les relevés sont incomplets.",
    ],
    "it": [
        "Il {date} il console di {place} riferì che la situazione era nettamente peggiorata.",
        "Alla fine del {year} circa {num} soldati erano di stanza nei dintorni di {place}.",
        "In questa fase {actor} tenne una linea prudente nei negoziati con {org}.",
        "Le esportazioni dal porto di {place} diminuirono sensibilmente tra il {year} e il {year2}.",
        "Una lettera del {date} menziona un convoglio di {num} profughi.",
        "La storiografia ha insistito soprattutto sulla dimensione economica della questione.",
        "{Actor} seguì da vicino questi sviluppi e inviò rapporti dettagliati alla capitale.",
        "Il bilancio del {year} destinava {num} piastre a questa voce.",
        "I contemporanei giudicarono questi eventi in modo discorde.",
        "Secondo il censimento del {year}, la città contava circa {num} abitanti.",
        "La questione fu ripresa nella seduta del {date}, senza esito.",
        "Nessuna delle due parti era tuttavia disposta a cedere sulla questione dei porti.",
        "Circa il {pct} per cento del commercio dei cereali passava nel {year} per {place}.",
        "Queste cifre vanno usate con cautela, poiché i registri sono incompleti.",
    ],
    "es": [
        "El {date} el cónsul en {place} informó de que la situación se había agravado notablemente.",
        "A finales de {year} unos {num} soldados estaban acantonados en torno a {place}.",
        "En este periodo {actor} mantuvo una línea prudente en las negociaciones con {org}.",
        "Las exportaciones del puerto de {place} cayeron de forma marcada entre {year} y {year2}.",
        "Una carta fechada el {date} menciona un convoy de {num} refugiados.",
        "La historiografía ha subrayado sobre todo la dimensión económica de la cuestión.",
        "{Actor} siguió de cerca estos acontecimientos y envió informes detallados a la capital.",
        "El presupuesto de {year} asignaba {num} piastras a esta partida.",
        "Los contemporáneos juzgaron estos hechos de manera dispar.",
        "Según el censo de {year}, la ciudad tenía unos {num} habitantes.",
        "El asunto volvió a tratarse en la sesión del {date}, sin resultado.",
        "Ninguna de las partes estaba dispuesta, sin embargo, a ceder en la cuestión de los puertos.",
        "Cerca del {pct} por ciento del comercio de grano pasaba en {year} por {place}.",
        "Estas cifras deben tomarse con cautela, pues los registros están incompletos.",
    ],
}

LIST_INTROS = {
    "en": ("The consular reports distinguish three groups of problems:",
           ["the supply of grain to the coastal towns;", "the settlement of refugees from the interior;",
            "the collection of customs dues at {place}."]),
    "tr": ("Konsolosluk raporları sorunları üç grupta toplamaktadır:",
           ["sahil kasabalarının iaşesi,", "iç bölgelerden gelen muhacirlerin iskânı,",
            "{place} gümrüğünde vergilerin tahsili."]),
    "de": ("Die Konsulatsberichte unterscheiden drei Problemkreise:",
           ["die Getreideversorgung der Küstenstädte;", "die Ansiedlung der Flüchtlinge aus dem Inland;",
            "die Erhebung der Zölle in {place}."]),
    "fr": ("Les rapports consulaires distinguent trois séries de problèmes :",
           ["le ravitaillement des villes côtières ;", "l'installation des réfugiés venus de l'intérieur ;",
            "la perception des droits de douane à {place}."]),
    "it": ("I rapporti consolari distinguono tre gruppi di problemi:",
           ["l'approvvigionamento di grano delle città costiere;", "l'insediamento dei profughi dall'interno;",
            "la riscossione dei dazi doganali a {place}."]),
    "es": ("Los informes consulares distinguen tres grupos de problemas:",
           ["el abastecimiento de grano de las ciudades costeras;", "el asentamiento de los refugiados del interior;",
            "la recaudación de los derechos de aduana en {place}."]),
}

HEADINGS = {
    "en": ["I. Ports, Consuls and Credit, 1908-1914", "II. The War Years", "III. After Mudros, 1918-1923"],
    "tr": ["I. LİMANLAR VE TİCARET (1908-1914)", "II. SAVAŞ YILLARI", "III. MONDROS'TAN SONRA (1918-1923)"],
    "de": ["1. Häfen, Konsuln und Kredit 1908-1914", "2. Die Kriegsjahre", "3. Nach Mudros 1918-1923"],
    "fr": ["I. Ports, consuls et crédit, 1908-1914", "II. Les années de guerre", "III. Après Moudros, 1918-1923"],
    "it": ["I. Porti, consoli e credito, 1908-1914", "II. Gli anni della guerra", "III. Dopo Mudros, 1918-1923"],
    "es": ["I. Puertos, cónsules y crédito, 1908-1914", "II. Los años de la guerra", "III. Después de Mudros, 1918-1923"],
}


def _number(rng: random.Random, lang: str) -> str:
    value = rng.choice([120, 450, 800, 1200, 2500, 3000, 4750, 12000, 35000])
    if value < 1000:
        return str(value)
    sep = {"en": ",", "tr": ".", "de": ".", "fr": "\u00a0", "it": ".", "es": "."}[lang]
    return f"{value // 1000}{sep}{value % 1000:03d}"


def _date(rng: random.Random, lang: str) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1908, 1923)
    name = MONTHS[lang][month - 1]
    if lang == "de":
        return f"{day}. {name} {year}"
    if lang == "en" and rng.random() < 0.3:
        return f"{name} {day}, {year}"
    return f"{day} {name} {year}"


def sentence(rng: random.Random, lang: str) -> str:
    template = rng.choice(SENTENCES[lang])
    year = rng.randint(1876, 1920)
    actor = rng.choice(ACTORS[lang])
    return template.format(
        date=_date(rng, lang), place=rng.choice(PLACES[lang]), year=year,
        year2=year + rng.randint(2, 6), num=_number(rng, lang), pct=rng.randint(12, 70),
        actor=actor, Actor=actor[0].upper() + actor[1:], org=rng.choice(ORGS[lang]),
    )


def numbered_list(rng: random.Random, lang: str) -> tuple[str, list[str]]:
    intro, items = LIST_INTROS[lang]
    place = rng.choice(PLACES[lang])
    return intro, [f"{i}. {item.format(place=place)}" for i, item in enumerate(items, 1)]


def heading(lang: str, index: int) -> str:
    headings = HEADINGS[lang]
    return headings[index % len(headings)]
