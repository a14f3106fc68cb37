"""CSL-JSON items -> BibTeX entries, with a key scheme and an encoding per case.

Each case gets the same works under a different citation-key scheme and a
different mix of Unicode and LaTeX-escaped fields, in either classic BibTeX or
biblatex field names, as real .bib files differ.
"""

from __future__ import annotations

import random
import re
import unicodedata

# Unicode letter -> LaTeX escape, braced the way reference managers write them.
LATEX = {
    "Ş": r"{\c{S}}", "ş": r"{\c{s}}", "Ç": r"{\c{C}}", "ç": r"{\c{c}}",
    "Ğ": r"{\u{G}}", "ğ": r"{\u{g}}", "ı": r"{\i}", "İ": r"{\.{I}}",
    "Ö": r'{\"{O}}', "ö": r'{\"{o}}', "Ü": r'{\"{U}}', "ü": r'{\"{u}}',
    "ä": r'{\"{a}}', "Ä": r'{\"{A}}', "ß": r"{\ss}",
    "é": r"{\'{e}}", "É": r"{\'{E}}", "è": r"{\`{e}}", "ê": r"{\^{e}}",
    "â": r"{\^{a}}", "î": r"{\^{\i}}", "à": r"{\`{a}}", "ô": r"{\^{o}}",
}

STOPWORDS = {
    "the", "a", "an", "and", "of", "in", "on", "die", "der", "das", "des", "den", "und", "im", "zur",
    "le", "la", "les", "l", "des", "du", "de", "d", "bir", "ve",
}

LANGID = {"tr": "turkish", "en": "english", "de": "ngerman", "fr": "french"}


def ascii_fold(text: str) -> str:
    text = text.replace("ı", "i").replace("İ", "I").replace("ß", "ss")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def latex_escape(text: str) -> str:
    return "".join(LATEX.get(ch, ch) for ch in text)


def _surname(item: dict) -> str:
    people = item.get("author") or item.get("editor")
    if people:
        return people[0]["family"]
    return item["archive"].split(",")[0].split()[0]  # "BOA", "The", "Politisches" ...


def _archive_abbrev(item: dict) -> str:
    archive = item["archive"].split(",")[0]
    words = [w for w in re.findall(r"\w+", archive) if w.lower() not in STOPWORDS]
    return words[0] if len(words) == 1 else "".join(w[0] for w in words).upper()


def _first_word(item: dict) -> str:
    for word in re.findall(r"\w+", item["title"]):
        if word.lower() not in STOPWORDS and not word.isdigit():
            return word
    return "untitled"


def _year(item: dict) -> int:
    return item["issued"]["date-parts"][0][0]


def base_key(item: dict, scheme: str, index: int) -> str:
    """The key a scheme gives an item before collisions are settled."""
    name = _archive_abbrev(item) if item["type"] == "manuscript" else _surname(item)
    plain = re.sub(r"[^A-Za-z]", "", ascii_fold(name))
    word = re.sub(r"[^A-Za-z]", "", ascii_fold(_first_word(item)))
    year = _year(item)
    people = item.get("author") or item.get("editor") or []
    initial = ascii_fold(people[0]["given"])[0] if people else "X"
    if scheme == "surnameyear":  # aydogdu2009
        return f"{plain.lower()}{year}"
    if scheme == "scholar":  # Aydogdu:2009:Ittihat
        return f"{plain}:{year}:{word}"
    if scheme == "zotero":  # aydogdu_ittihat_2009
        return f"{plain.lower()}_{word.lower()}_{year}"
    if scheme == "numeric":  # ref017
        return f"ref{index:03d}"
    if scheme == "initials":  # AydogduK09
        return f"{plain}{initial}{year % 100:02d}"
    if scheme == "unicode":  # Aydoğdu2009 (biblatex accepts UTF-8 keys)
        return re.sub(r"[^\w]", "", name) + str(year)
    if scheme == "dashed":  # aydogdu-2009-ittihat
        return f"{plain.lower()}-{year}-{word.lower()}"
    if scheme == "alpha":  # Ayd09
        return f"{plain[:3]}{year % 100:02d}"
    if scheme == "dotted":  # aydogdu.ittihat
        return f"{plain.lower()}.{word.lower()}"
    if scheme == "yearfirst":  # 2009_Aydogdu
        return f"{year}_{plain}"
    if scheme == "camel":  # aydogduIttihat2009
        return f"{plain.lower()}{word[:1].upper()}{word[1:].lower()}{year}"
    if scheme == "prefixed":  # bib:aydogdu:09
        return f"bib:{plain.lower()}:{year % 100:02d}"
    raise ValueError(scheme)


def make_keys(items: list[dict], scheme: str, rng: random.Random) -> dict[str, str]:
    """Map pool id -> bib key; colliding keys get a, b, c suffixes."""
    numbers = list(range(1, len(items) + 1))
    rng.shuffle(numbers)
    raw = {item["id"]: base_key(item, scheme, n) for item, n in zip(items, numbers)}
    counts: dict[str, int] = {}
    for key in raw.values():
        counts[key] = counts.get(key, 0) + 1
    seen: dict[str, int] = {}
    keys = {}
    for item in items:  # suffixes follow pool order, so they are stable
        key = raw[item["id"]]
        if counts[key] > 1:
            seen[key] = seen.get(key, 0) + 1
            key += "abcdefgh"[seen[key] - 1]
        keys[item["id"]] = key
    return keys


def _names(people: list[dict], encode) -> str:
    return " and ".join(f"{encode(p['family'])}, {encode(p['given'])}" for p in people)


def entry(item: dict, key: str, dialect: str, encoding: str, rng: random.Random) -> str:
    """One BibTeX entry. dialect: bibtex | biblatex; encoding: unicode | latex | mixed."""
    name_enc = latex_escape if encoding in ("latex", "mixed") else str
    text_enc = latex_escape if encoding == "latex" else str
    bl = dialect == "biblatex"
    dash = "--" if rng.random() < 0.7 else "-"
    kind = item["type"]
    fields: list[tuple[str, str]] = []

    def add(name: str, value: str | None) -> None:
        if value:
            fields.append((name, value))

    title = text_enc(item["title"])
    if item.get("language") == "en" and rng.random() < 0.3:
        title = "{" + title + "}"  # case-protected, as many .bib files do
    if item.get("author"):
        add("author", _names(item["author"], name_enc))
    year = _year(item)

    if kind == "book":
        btype = "collection" if bl and not item.get("author") else "book"
        if item.get("editor"):
            add("editor", _names(item["editor"], name_enc))
        add("title", title)
        if item.get("translator"):
            add("translator", _names(item["translator"], name_enc))
            add("origtitle", text_enc(item["original-title"]))
        add("volume", item.get("volume"))
        add("volumes", item.get("number-of-volumes"))
        add("publisher", text_enc(item["publisher"]))
        add("location" if bl else "address", text_enc(item["publisher-place"]))
        add("pagetotal", item.get("number-of-pages"))
    elif kind == "article-journal":
        btype = "article"
        add("title", title)
        add("journaltitle" if bl else "journal", text_enc(item["container-title"]))
        add("volume", item.get("volume"))
        add("number", item.get("issue"))
        add("pages", item["page"].replace("-", dash))
    elif kind == "chapter":
        btype = "incollection"
        add("title", title)
        add("booktitle", text_enc(item["container-title"]))
        add("editor", _names(item["editor"], name_enc))
        add("publisher", text_enc(item["publisher"]))
        add("location" if bl else "address", text_enc(item["publisher-place"]))
        add("pages", item["page"].replace("-", dash))
    elif kind == "thesis":
        btype = "thesis" if bl else "phdthesis"
        add("title", title)
        add("type", text_enc(item["genre"]))
        add("institution" if bl else "school", text_enc(item["publisher"]))
        add("location" if bl else "address", text_enc(item.get("publisher-place", "")))
        add("pagetotal", item.get("number-of-pages"))
    elif kind == "manuscript":
        btype = "misc"
        add("title", title)
        add("archive", text_enc(item["archive"]))
        add("archive_location", item["archive_location"])
        if not bl:
            add("howpublished", text_enc(f"{item['archive']}, {item['archive_location']}"))
    else:
        raise ValueError(kind)

    parts = item["issued"]["date-parts"][0]
    if bl:
        add("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts)))
    else:
        add("year", str(year))
        if len(parts) > 1:
            add("month", str(parts[1]))
    if item.get("title-short") and rng.random() < 0.5:
        add("shorttitle", text_enc(item["title-short"]))
    add("langid" if bl else "language", LANGID[item["language"]])

    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
    return f"@{btype}{{{key},\n{body}\n}}\n"


def bibliography(items: list[dict], keys: dict[str, str], dialect: str, seed: str,
                 latex_share: float) -> str:
    """The whole .bib text: entries sorted by key, a share of them LaTeX-escaped.

    Each entry's choices are seeded by its key, so adding or removing an entry
    leaves the others as they were."""
    chunks = []
    for item in sorted(items, key=lambda it: keys[it["id"]].lower()):
        rng = random.Random(f"{seed}:{keys[item['id']]}")
        roll = rng.random()
        encoding = "latex" if roll < latex_share else "mixed" if roll < latex_share + 0.15 else "unicode"
        chunks.append(entry(item, keys[item["id"]], dialect, encoding, rng))
    return "\n".join(chunks)
