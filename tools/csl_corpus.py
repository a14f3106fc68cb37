"""Convert the corpus bibliographies to CSL-JSON (and a few to CSL-YAML) with pandoc, for tests/test_csl_bibliography.py.

    python tools/csl_corpus.py [--holdout]

Each tests/corpus/<set>/<case>/refs.bib becomes tests/fixtures/csl/<set>--<case>.json (one item a
line), written by pandoc's own BibLaTeX reader and CSL-JSON writer (pandoc -f biblatex -t csljson):
the conversion a Zotero or pandoc user gets, never srccheck's. YAML_CASES also get a .yaml as pandoc
writes a bibliography into a document's metadata (pandoc -f biblatex -t markdown -s). The hold-out
set is converted only with --holdout.

pandoc 2.17's BibLaTeX reader drops two fields that CSL has and Zotero exports: `archive` and
`archive_location` (an archival @misc then loses what identifies it). They are copied over from
the .bib as bibtexparser reads it (LaTeX decoded), so the CSL file holds the same bibliography.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
OUT = ROOT / "tests" / "fixtures" / "csl"
YAML_CASES = ["sample", "handmade/en-chicago", "handmade/tr-legacy"]


def name(case: Path) -> str:
    return "--".join(case.relative_to(CORPUS).parts)


def _restore_archives(items: list[dict], bib: Path) -> None:
    import bibtexparser
    from bibtexparser.middlewares import LatexDecodingMiddleware

    library = bibtexparser.parse_string(bib.read_text(encoding="utf-8"),
                                        append_middleware=[LatexDecodingMiddleware(keep_braced_groups=False)])
    raw = {entry.key: {f.key.lower(): str(f.value) for f in entry.fields} for entry in library.entries}
    for item in items:
        fields = raw.get(item["id"], {})
        for bib_name, csl_name in (("archive", "archive"), ("archive_location", "archive_location")):
            if fields.get(bib_name) and csl_name not in item:
                item[csl_name] = fields[bib_name].replace("{", "").replace("}", "")


def main(argv: list[str]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for bib in sorted(CORPUS.rglob("refs.bib")):
        case = bib.parent
        if case.relative_to(CORPUS).parts[0] == "holdout" and "--holdout" not in argv:
            continue
        items = json.loads(subprocess.run(["pandoc", str(bib), "-f", "biblatex", "-t", "csljson"], check=True,
                                          capture_output=True, text=True).stdout)
        _restore_archives(items, bib)
        lines = ",\n".join(json.dumps(item, ensure_ascii=False, sort_keys=True) for item in items)
        (OUT / f"{name(case)}.json").write_text(f"[\n{lines}\n]\n", encoding="utf-8")
        if str(case.relative_to(CORPUS)) in YAML_CASES:
            yaml = subprocess.run(["pandoc", str(bib), "-f", "biblatex", "-t", "markdown", "-s"], check=True,
                                  capture_output=True, text=True).stdout
            (OUT / f"{name(case)}.yaml").write_text(yaml, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
