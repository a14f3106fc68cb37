"""Citation vocabulary per language, as data.

Each table lists what a footnote says, not how we parse it. Markers are written as
they appear; matching folds case only where the table says case does not matter.
Sources: the İSNAD guide (1st/2nd ed.), Chicago 17th/18th, MHRA 3rd, OSCOLA 4th and
the usual German, French, Italian, Spanish and Russian abbreviations.
"""

from __future__ import annotations

# Same work as the citation just before (ibid.).
IBID = {
    "tr": ["a.g.e.", "a.g.e", "a. g. e.", "age", "a.e.", "aynı eser", "aynı yer", "a.y.", "a.yer", "a.yer.", "ay.", "a. y.",
           "a.g.m.", "a.g.m", "agm", "a.g.t.", "agt"],
    "en": ["ibid.", "ibid", "ib.", "ibidem", "id."],
    "de": ["ebd.", "ebenda", "ebd", "ibid.", "a.a.O.", "a. a. O."],
    "fr": ["ibid.", "ib.", "ibidem", "id."],
    "it": ["ibidem", "ibid.", "ivi", "ivi,"],
    "es": ["ibíd.", "ibid.", "ibídem", "ídem", "íd."],
    "ru": ["там же", "Там же"],
    "pl": ["tamże", "Tamże", "ibidem"],
}

# "Surname, <marker>": that author's work cited earlier (op. cit.).
EARLIER = {
    "tr": ["a.g.e.", "a.g.e", "a. g. e.", "age", "a.g.m.", "a.g.m", "agm", "a.g.t.", "agt", "a.y.", "a.yer", "a.yer.",
           "a. y.", "ay.", "a.e.", "aynı eser"],
    "en": ["op. cit.", "op.cit.", "op.cit", "op cit", "op. cit", "loc. cit.", "loc.cit.", "art. cit.", "art. cit", "ibid."],
    "de": ["a.a.O.", "a. a. O.", "aaO", "ebd.", "op. cit."],
    "fr": ["op. cit.", "op. cit", "art. cit.", "art. cit", "éd. cit.", "loc. cit.", "ouvr. cit.", "ibid."],
    "it": ["op. cit.", "op.cit.", "cit.", "art. cit.", "citata", "citato", "ibid."],
    "es": ["op. cit.", "ob. cit.", "art. cit.", "loc. cit."],
    "ru": ["указ. соч.", "Указ. соч.", "цит. соч.", "Цит. соч."],
    "pl": ["dz. cyt.", "dz.cyt.", "op. cit.", "op.cit."],
}

# Same author as the citation before ("Ders., Titel").
SAME_AUTHOR = {
    "tr": ["aynı yazar", "a.y.a."],
    "en": ["idem", "eadem", "id."],
    "de": ["ders.", "dies.", "Ders.", "Dies."],
    "fr": ["id.", "idem", "eadem"],
    "it": ["id.", "idem"],
    "es": ["íd.", "ídem"],
    "ru": ["он же", "она же"],
    "pl": ["tenże", "taż", "tenże autor"],
}

# Words that introduce a citation and are not part of it.
SIGNALS = {
    "tr": ["bkz.", "bkz", "bk.", "bakınız", "krş.", "krş", "karş.", "ayrıca bkz.", "ayrıca bk.", "ayrıca", "akt.", "aktaran"],
    "en": ["see also", "see, e.g.,", "see e.g.", "see", "cf.", "compare", "e.g.,", "e.g.", "quoted in", "cited in",
           "but see", "contra", "accord"],
    "de": ["vgl. auch", "vgl.", "siehe auch", "siehe", "s. auch", "zit. nach", "zitiert nach", "dazu", "anders dagegen",
           "anders", "a. A.", "ähnlich argumentiert", "ähnlich", "so auch", "ebenso"],
    "fr": ["voir aussi", "voir", "cf.", "v.", "cité par", "cité dans"],
    "it": ["cfr.", "vedi anche", "vedi", "v.", "si veda", "citato in"],
    "es": ["véase también", "véase", "vid.", "cfr.", "cf.", "citado en"],
    "ru": ["см. также", "см.", "ср.", "цит. по"],
    "pl": ["zob. też", "zob.", "por.", "cyt. za", "za:"],
}

# Locator labels: value is the kind of locator.
LOCATOR_LABELS = {
    "tr": {"s.": "page", "ss.": "page", "sayfa": "page", "sh.": "page", "vr.": "folio", "yk.": "folio",
           "belge": "document", "dipnot": "note", "dn.": "note"},
    "en": {"p.": "page", "pp.": "page", "pp": "page", "page": "page", "pages": "page", "fol.": "folio", "fols.": "folio",
           "f.": "folio", "ff.": "folio", "col.": "column", "cols.": "column", "para.": "paragraph",
           "paras.": "paragraph", "n.": "note", "nn.": "note", "at": "page"},
    "de": {"S.": "page", "s.": "page", "Bl.": "folio", "fol.": "folio", "Sp.": "column", "Rn.": "paragraph",
           "Anm.": "note", "Nr.": "number"},
    "fr": {"p.": "page", "pp.": "page", "f.": "folio", "fo": "folio", "fol.": "folio", "col.": "column",
           "n.": "note", "§": "paragraph"},
    "it": {"p.": "page", "pp.": "page", "pag.": "page", "pagg.": "page", "c.": "folio", "cc.": "folio",
           "col.": "column", "n.": "note"},
    "es": {"p.": "page", "pp.": "page", "pág.": "page", "págs.": "page", "f.": "folio", "fol.": "folio",
           "col.": "column", "n.": "note"},
    "ru": {"С.": "page", "с.": "page", "Л.": "folio", "л.": "folio", "стб.": "column"},
    "pl": {"s.": "page", "k.": "folio", "kol.": "column", "przyp.": "note"},
}

# Volume labels (what follows is a volume number, often Roman).
VOLUME_LABELS = {
    "tr": ["C.", "c.", "Cilt", "cilt", "Cild", "vol.", "Vol."],
    "en": ["vol.", "Vol.", "vols.", "bk.", "pt."],
    "de": ["Bd.", "Bde.", "Tl.", "Jg.", "vol."],
    "fr": ["t.", "vol.", "tome"],
    "it": ["vol.", "t.", "tomo"],
    "es": ["vol.", "t.", "tomo"],
    "ru": ["Т.", "т.", "Вып.", "вып."],
    "pl": ["t.", "vol.", "cz."],
}

# Issue labels. Turkish capital "S." is an issue ("Sayı"), never a page.
ISSUE_LABELS = {
    "tr": ["S.", "Sayı", "sayı", "Sy.", "sy.", "No:", "No.", "no.", "Nr.", "Nr:"],
    "en": ["no.", "No.", "nos.", "iss.", "issue"],
    "de": ["Nr.", "H.", "Heft"],
    "fr": ["n°", "no", "no.", "nº", "fasc."],
    "it": ["n.", "fasc."],
    "es": ["n.º", "núm.", "no."],
    "ru": ["№", "Вып."],
    "pl": ["nr", "z."],
}

# "and following" after a page; "vd." after names means "et al." instead.
FOLLOWING = {
    "tr": ["vd.", "vdd.", "v.d.", "ve devamı"],
    "en": ["ff.", "f.", "et seq."],
    "de": ["ff.", "f."],
    "fr": ["sq.", "sqq.", "et suiv.", "s."],
    "it": ["sgg.", "ss.", "e seg.", "seg."],
    "es": ["ss.", "s.", "y ss."],
    "ru": ["и сл."],
    "pl": ["i n.", "nn."],
}

# "and others" after the first author's name: OSCOLA writes it out ("Yoon and others (n 7) 2409"). Matched
# without regard to case; spaces may vary ("u. a."), and a full stop ending a phrase of two words may be
# left out ("et al"). names.py and the resolver build their patterns from this list alone.
ET_AL = ["et al.", "et alii", "and others", "u.a.", "vd.", "v.dğr.", "ve diğerleri", "ve ark.", "и др.", "i in.",
         "y otros", "e altri"]

# Contributor roles; the name after them is not an author.
ROLES = {
    "translator": ["tłum.", "przeł.", "çev.", "Çev.", "trc.", "Trc.", "tercüme", "trans.", "Trans.", "translated by", "tr.", "übers.",
                   "Übers.", "übersetzt von", "trad.", "traduit par", "traducción de", "пер."],
    "editor": ["red.", "oprac.", "a cura di", "coord.", "haz.", "Haz.", "yay. haz.", "Yay. haz.", "Yay. Haz.", "ed.", "Ed.", "eds.", "Eds.", "edited by",
               "nşr.", "Nşr.", "thk.", "Thk.", "sad.", "Sad.", "Hrsg.", "hrsg. v.", "hg. v.", "Hg.", "éd.", "dir.",
               "sous la dir. de", "sous la direction de", "dir. par",
               "a cura di", "comp.", "ред."],
}

# Words for an edition after an ordinal ("2. Aufl.", "3. baskı", "2nd ed."): the number is the edition,
# neither a page nor the end of a citation.
EDITION_WORDS = {
    "tr": ["baskı", "bs.", "basım", "b."],
    "en": ["ed.", "edn", "edn.", "edition", "rev. ed.", "impression"],
    "de": ["Aufl.", "Auflage", "aufl.", "Ausg.", "Ausgabe", "erw. Aufl.", "durchges. Aufl.", "überarb. Aufl.", "Nachdr."],
    "fr": ["éd.", "édition", "éd", "tirage"],
    "it": ["ed.", "edizione", "rist."],
    "es": ["ed.", "edición", "reimpr."],
    "ru": ["изд.", "издание"],
    "pl": ["wyd.", "wydanie"],
}

# Conjunctions joining co-authors.
AND = ["ve", "and", "&", "und", "et", "e", "y", "и"]

# Words that make a comma-separated part a publisher.
PUBLISHER_WORDS = [
    "yayınları", "yayinlari", "yayınevi", "yayinevi", "yayın", "yayincilik", "yayıncılık", "kitabevi", "basımevi",
    "basimevi", "matbaası", "matbaasi", "matbaa", "neşriyat", "neşriyyat", "neşriyatı", "kurumu", "press", "publishers",
    "publishing", "publications", "verlag", "verlagsanstalt", "éditions", "editions", "presses", "editore", "editorial",
    "ediciones", "university", "universitesi", "üniversitesi", "books", "group", "ltd", "inc", "gmbh", "издательство",
    "enstitüsü", "enstitusu", "merkezi", "institute", "institut", "society", "academy",
    "akademie", "derneği", "vakfı", "foundation", "association", "routledge", "brill", "penguin", "gallimard", "seuil", "beck",
    "suhrkamp", "fayard", "einaudi", "taylor", "francis", "macmillan", "palgrave",
]

MONTHS = {
    "tr": ["ocak", "şubat", "mart", "nisan", "mayıs", "haziran", "temmuz", "ağustos", "eylül", "ekim", "kasım", "aralık"],
    "en": ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december"],
    "de": ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november",
           "dezember"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
           "novembre", "dicembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"],
    # genitive ("12 июля 1920"), then nominative ("2015. Июль. С. 757", GOST's issue month): twelve each
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября",
           "декабря", "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь",
           "ноябрь", "декабрь"],
    "pl": ["stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września",
           "października", "listopada", "grudnia"],
}

# Cross-references to an earlier note: the number is the note.
NOTE_XREF = [
    r"\(\s*n\.?\s*(\d+)\s*\)",  # OSCOLA "(n 3)"
    r"\(\s*(?:wie\s+)?Anm\.\s*(\d+)\s*\)",  # German "(wie Anm. 3)"
    r"\(\s*(?:see\s+)?(?:note|fn\.?)\s*(\d+)\s*\)",
    r"\(\s*(?:bkz\.?\s*)?(?:dipnot|dn\.)\s*(\d+)\s*\)",
    r"\b(?:supra|above),?\s+n(?:ote)?\.?\s*(\d+)",
    r"\bbkz\.?\s+dipnot\s+(\d+)",
    r"\(\s*(?:voir\s+)?(?:n\.|note)\s*(\d+)\s*\)",
    r"\bcit\.\s+(?:alla\s+)?(?:nota|n\.)\s*(\d+)",
]

PASSIM = ["passim"]

# Words common in each language's notes, for guessing the language.
STOPWORDS = {
    "tr": ["ve", "ile", "bir", "bu", "için", "olarak", "yayınları", "s.", "a.g.e.", "bkz.", "tarihi", "üzerine"],
    "en": ["the", "and", "of", "in", "ibid.", "see", "press", "university", "pp.", "p.", "history", "on"],
    "de": ["der", "die", "das", "und", "von", "zur", "ebd.", "vgl.", "s.", "geschichte", "im", "des"],
    "fr": ["le", "la", "les", "et", "des", "du", "de", "op.", "cit.", "p.", "histoire", "dans"],
    "it": ["il", "lo", "la", "gli", "della", "di", "e", "pp.", "storia", "nel", "cit."],
    "es": ["el", "la", "los", "las", "y", "del", "de", "pp.", "historia", "en", "ibíd."],
    "ru": ["и", "в", "на", "с.", "история", "там", "же"],
    "pl": ["i", "w", "na", "z", "się", "tamże", "historia", "oraz", "przez"],
}

# Words that name an archive or its units: a citation containing them is archival.
ARCHIVE_WORDS = [
    "arşiv", "arşivi", "arşivleri", "archive", "archives", "archiv", "archivio", "archivo", "архив",
    "fon no", "fond", "fonds", "dosya", "gömlek", "kutu", "sıra no", "delo", "opis", "list", "bestand",
    "akte", "carton", "liasse", "busta", "legajo", "defter", "vesika", "belge no",
]
# -- words the parser and the resolver read past, across languages -------------------------------------

# Small words of titles: not counted as a title's words when titles are indexed and compared.
TITLE_STOPWORDS = [
    "the", "a", "an", "of", "and", "in", "on", "to", "for", "at", "by", "from", "with", "ve", "ile", "bir", "de", "da",
    "der", "die", "das", "und", "von", "zur", "zum", "im", "le", "la", "les", "et", "des", "du", "en", "el", "los",
    "las", "y", "del", "di", "il", "e", "della",
]
# Words a drafted entry's key leaves out (bib draft: "karabekir1960istiklal", not "karabekir1960the").
KEY_STOPWORDS = ["the", "and", "for", "with", "from", "ile", "bir", "der", "die", "das", "und", "von", "zur", "zum",
                 "les", "des", "une", "dans", "los", "las", "del", "della", "dei", "gli", "uber", "sur", "pour"]
# Particles of surnames ("Ludwig van Beethoven", "Fustel de Coulanges", "Karl vom Stein").
PARTICLES = ["de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "zu", "le", "la", "al", "el", "ibn",
             "bin", "ben", "ter", "ten", "dos", "das", "y", "d’", "d'", "vom", "zum", "zur"]
# Abbreviations whose full stop does not end a citation (titles, roles, labels, ISO 4 journal words), lower case
# as written without the stop.
ABBREVIATIONS = [
    "dr", "prof", "doç", "yrd", "mr", "mrs", "ms", "st", "jr", "sr", "hz", "vb", "vs", "yy", "jh", "hrsg", "ed", "eds",
    "bd", "no", "nr", "vol", "vols", "ltd", "inc", "co", "univ", "yay", "ens", "enst", "fak", "cem", "der", "trans",
    "çev", "haz", "nşr", "thk", "sad", "trc", "bkz", "bk", "krş", "vgl", "cf", "cfr", "comp", "dir", "éd", "übers",
    "hg", "ders", "dies", "ibid", "ebd", "op", "cit", "loc", "art", "id", "ib", "ff", "sq", "sqq", "sgg", "vd",
    "vdd", "al", "etc", "ca", "c", "fig", "ch", "chap", "sec", "pt", "ser", "n", "nn", "pp", "p", "s", "ss", "S",
    "sy", "t", "sp", "col", "fol", "fols", "bl", "anm", "repr", "rev", "ibíd", "íd", "pág", "págs", "núm", "vid",
    "ed", "gen", "gn", "kur", "orn", "ör", "bşk", "müd", "mah", "cad", "sok", "apt", "yayl", "yay", "basım",
    "red", "tłum", "oprac", "wyd", "cyt", "dz", "zob", "por", "nr", "trad", "coord", "cur", "ord", "hrsg", "bearb",
    "coll", "suppl", "ser", "ns", "repr", "rééd", "éd",
    # journal titles abbreviated word by word (ISO 4): "J. Amer. Math. Soc.", "Phys. Rev. Lett."
    "amer", "math", "soc", "phys", "rev", "lett", "chem", "proc", "trans", "bull", "acad", "sci", "natl", "int",
    "quart", "hist", "stud", "philos", "anthropol", "sociol", "polit", "econ", "educ", "med", "biol", "geogr",
]
# Lower-case words before a number that make it a pinpoint, not an ordinal ("hier 17.", "see 3.").
PINPOINT_WORDS = ["hier", "at", "ici", "qui", "see", "bkz", "vgl", "voir", "cf", "passim"]
# Abbreviations of two letters that are not a person's initials before a name ("Cf. COTTON", "Ed. Smith").
NOT_INITIALS = ["cf", "ed", "dr", "no", "nr", "vs", "st", "pp", "bd", "hg", "ms", "mr"]
# What a citation's tail holds besides the entry's own words: locator labels and pinpoint words.
LOCATOR_WORDS = ["p", "pp", "s", "ss", "hier", "here", "ici", "at", "vol", "bd", "no", "nr", "h", "n", "c", "t", "ed",
                 "eds", "hg", "hrsg", "dir", "o", "and", "und", "et", "ve", "in"]
# Words joining the people or the clauses of a note ("Aksın ve Yılmaz", "X, but also Y").
JOINERS = ["and", "und", "et", "ve", "y", "e", "i", "ile", "but", "also", "aussi", "auch", "ayrica"]
# Words that may stand around a list of names without making it more than names ("see X and Y et al.").
NAME_LIST_WORDS = ["and", "und", "et", "ve", "al", "vd", "see", "cf", "vgl", "bkz", "voir", "also", "auch"]
# Small words an acronym leaves out ("Türk Tarih Kurumu" -> TTK, "Journal of the History of Ideas" -> JHI).
ACRONYM_SKIP = ["de", "des", "du", "la", "le", "of", "the", "and", "et", "und", "der", "die", "ve", "di", "y"]

# Words after a number that make it a quantity or a date, not a note's number or marker ("450 troops",
# "12.000 Soldaten", "3 ay"; month names are in MONTHS).
UNITS = [
    "yıl", "yılında", "yıllık", "gün", "kişi", "bin", "milyon", "%", "years", "year", "days", "men", "troops", "jahre",
    "jahren", "ans", "km", "kg", "dk", "dk.", "saat", "ay", "sterlin", "lira", "ruble", "adet", "prozent", "per",
    "percent", "refugees", "soldaten", "soldats", "asker", "kuruş", "piastres", "piaster", "inhabitants", "einwohner",
    "habitants", "g.", "года", "год", "г.", "человек",
]

# Well-known archive sigla (more are learnt from "Full Name (ABBR)" definitions).
ARCHIVE_SIGLA = ["BOA", "BCA", "ATASE", "TNA", "PRO", "FO", "NARA", "AN", "BArch", "PA AA", "HHStA", "AVPRI", "RGVA",
                 "RGASPI", "GARF", "TTK", "TBMM", "DAB", "ASV"]
