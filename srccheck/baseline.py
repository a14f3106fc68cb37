"""Baselines: accept today's findings, report only new ones.

A fingerprint is the rule, the entry key and the message with every number replaced
by "#" (so renumbered notes, moved lines and shifted line numbers do not change it),
per manuscript. Identical fingerprints are counted: a baseline holding two absorbs
two findings, and a third one is new.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .errors import InputError
from .model import Finding

VERSION = 1
_NUMBER = re.compile(r"\d+")


def normalized_message(message: str) -> str:
    return " ".join(_NUMBER.sub("#", message).split()).casefold()


def fingerprint(finding: Finding) -> str:
    text = "\x1f".join((finding.rule, finding.key or "", normalized_message(finding.message)))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def file_id(manuscript: str, baseline_path: str) -> str:
    """The manuscript as named in the baseline: relative to the baseline's folder, with '/'."""
    if manuscript == "-":
        return "-"
    base = os.path.dirname(os.path.realpath(baseline_path))  # realpath: no error on a symlink loop
    return Path(os.path.relpath(os.path.realpath(manuscript), base)).as_posix()


def to_document(results: Iterable[tuple[str, list[Finding]]], baseline_path: str) -> dict:  # type: ignore[type-arg]
    rows = []
    for manuscript, findings in results:
        for f in findings:
            rows.append({"file": file_id(manuscript, baseline_path), "fingerprint": fingerprint(f),
                         "rule": f.rule, "message": f.message})
    rows.sort(key=lambda r: (r["file"], r["rule"], r["fingerprint"], r["message"]))
    return {"tool": "srccheck", "version": VERSION, "findings": rows}


def is_baseline(head: bytes) -> bool:
    """Whether a file's first bytes are a srccheck baseline (or nothing at all): what --write-baseline may replace."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return not text or (text.startswith(b"{") and re.search(rb'"tool"\s*:\s*"srccheck"', text) is not None)


def write(results: Iterable[tuple[str, list[Finding]]], baseline_path: str, inputs: Iterable[str],
          force: bool = False) -> int:
    """Write atomically, never over an input, a link or a special file, nor over another kind of file
    without force (see safe_output). Returns the count."""
    from .safe_output import write_text

    document = to_document(results, baseline_path)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    write_text(baseline_path, text, inputs=inputs, force=force, own_kind=is_baseline, what="srccheck baseline")
    return len(document["findings"])


def _small_int(text: str) -> int:
    if len(text.lstrip("-")) > 18:
        raise ValueError(f"a number of {len(text)} digits")
    return int(text)


class Baseline:
    def __init__(self, counts: dict[str, Counter[str]], path: str) -> None:
        self.counts = counts  # file id -> fingerprint -> how many are accepted
        self.path = path

    @classmethod
    def load(cls, path: str) -> Baseline:
        from .textio import read_utf8

        if not os.path.lexists(path):
            raise InputError(f"{path}: no such baseline (create it with --write-baseline)")
        text = read_utf8(path, "baseline")  # a regular file within the size limit, or one line and exit 2
        try:
            data = json.loads(text, parse_int=_small_int)
        except RecursionError:
            raise InputError(f"{path}: not a srccheck baseline (nested too deeply)") from None
        except ValueError as exc:  # JSONDecodeError, or a number of too many digits
            raise InputError(f"{path}: not a srccheck baseline ({str(exc)[:100]})") from None
        if not isinstance(data, dict) or data.get("tool") != "srccheck" or not isinstance(data.get("findings"), list):
            raise InputError(f"{path}: not a srccheck baseline")
        counts: dict[str, Counter[str]] = {}
        for row in data["findings"]:
            if not isinstance(row, dict) or not isinstance(row.get("fingerprint"), str):
                raise InputError(f"{path}: not a srccheck baseline (bad entry {row!r:.60})")
            counts.setdefault(str(row.get("file", "")), Counter())[row["fingerprint"]] += 1
        return cls(counts, path)

    def new_findings(self, manuscript: str, findings: list[Finding]) -> list[Finding]:
        """The findings the baseline does not account for."""
        left = Counter(self.counts.get(file_id(manuscript, self.path), Counter()))
        fresh = []
        for f in findings:
            fp = fingerprint(f)
            if left[fp] > 0:
                left[fp] -= 1
            else:
                fresh.append(f)
        return fresh
