"""Check several manuscripts: settings per file, suppressions, baseline, and the exit code.

cli.py parses options and renders; everything between the two lives here so that the
order is fixed in one place: rules (selected, severities applied) -> suppressions
-> baseline -> exit code.
"""

from __future__ import annotations

import gc
import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from .config import ConfigFile, Overrides, Settings, discover, enabled_rules, load_config, settings_for
from .config import severity_overrides
from .errors import InputError, UsageError
from .model import Finding, Report, Severity

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


@dataclass
class Outcome:
    """One manuscript's result: a report with its final findings, or the one-line reason it failed."""

    path: str
    report: Report | None = None
    error: str | None = None
    fail_on: Severity = Severity.ERROR
    baselined: int = 0  # findings hidden by the baseline
    bib: list[str] = field(default_factory=list)
    config_path: str | None = None

    @property
    def findings(self) -> list[Finding]:
        return self.report.findings if self.report else []

    @property
    def exit_code(self) -> int:
        if self.error is not None:
            return EXIT_INPUT
        failing = any(f.severity.rank >= self.fail_on.rank for f in self.findings)
        return EXIT_FINDINGS if failing else EXIT_OK


def exit_code(outcomes: list[Outcome], exit_zero: bool = False) -> int:
    """The combined exit code: the worst file's; --exit-zero forgives findings, never unreadable input."""
    code = max((o.exit_code for o in outcomes), default=EXIT_OK)
    return EXIT_OK if exit_zero and code == EXIT_FINDINGS else code


class Configs:
    """Finds (and caches) the configuration of each manuscript; --config / --no-config decide once."""

    def __init__(self, explicit: str | None, disabled: bool) -> None:
        self.fixed: ConfigFile | None = load_config(Path(explicit)) if explicit and not disabled else None
        self.search = not explicit and not disabled
        self.cache: dict[Path, ConfigFile | None] = {}

    def for_manuscript(self, manuscript: str) -> ConfigFile | None:
        if not self.search:
            return self.fixed
        start = Path.cwd() if manuscript == "-" else Path(manuscript).resolve().parent
        if start not in self.cache:
            self.cache[start] = discover(start)
        return self.cache[start]


class Bibs:
    """Loads each bibliography (or set of them) once for all manuscripts."""

    PREFETCH_BYTES = 512 * 1024  # a smaller .bib parses in less time than a helper process takes to start

    def __init__(self) -> None:
        self.cache: dict[tuple[str, ...], object] = {}
        self.pending: dict[str, object] = {}

    def prefetch(self, paths: tuple[str, ...]) -> None:
        """Parse large bibliographies that are not in the on-disk cache yet in helper processes, into the
        cache, while this process reads the manuscript: the two jobs are independent and take about as
        long for a book against a large library. Without a second core or a cache, nothing to gain."""
        from . import cache
        from .bibliography import is_cached

        if paths in self.cache or not cache.enabled() or (os.cpu_count() or 1) < 2:
            return
        for path in paths:
            if path == "-" or path in self.pending:
                continue
            try:
                if os.path.getsize(path) < self.PREFETCH_BYTES or is_cached(path):
                    continue
            except (OSError, InputError):
                continue  # the main process reports it when it loads the file
            self.pending[path] = _start_helper(path)

    def get(self, paths: tuple[str, ...]):  # type: ignore[no-untyped-def]
        from .bibliography import load_bibliography

        if paths not in self.cache:
            for path in paths:
                helper = self.pending.pop(path, None)
                if helper is not None:
                    helper.join()  # type: ignore[attr-defined]  # then the load below is a cache hit
            loaded = [load_bibliography(p) for p in paths]
            self.cache[paths] = loaded[0] if len(loaded) == 1 else _merge(loaded)
        return self.cache[paths]


def _start_helper(path: str):  # type: ignore[no-untyped-def]
    import multiprocessing
    import threading

    # fork shares the imported modules and starts at once; elsewhere fork is unsafe or missing, and
    # a process with other threads (the progress display) must not be forked
    fork = sys.platform == "linux" and threading.active_count() == 1
    context = multiprocessing.get_context("fork" if fork else "spawn")
    helper = context.Process(target=_load_into_cache, args=(path,), daemon=True)
    helper.start()
    return helper


def _load_into_cache(path: str) -> None:
    try:
        from .bibliography import load_bibliography

        load_bibliography(path)
    except BaseException:  # noqa: BLE001 - the main process loads the file again and reports any problem
        pass


def _merge(bibs: list):  # type: ignore[no-untyped-def,type-arg]
    """Several .bib files as one; the first file's entry wins a key clash (reported as a duplicate key)."""
    from .bibliography import BibProblem, Bibliography

    entries: dict = {}  # type: ignore[type-arg]
    problems: list[BibProblem] = []
    origin: dict[str, str] = {}
    problem_origin: list[tuple[BibProblem, str]] = []
    for bib in bibs:
        for p in bib.problems:
            problems.append(p)
            problem_origin.append((p, bib.path))
        for key, entry in bib.entries.items():
            if key in entries:
                p = BibProblem("duplicate-key", entry.line, f"entry key {key!r} is also in {origin[key]}; this one is ignored", key)
                problems.append(p)
                problem_origin.append((p, bib.path))
                continue
            entries[key] = entry
            origin[key] = bib.path
    merged = Bibliography(bibs[0].path, entries, problems)
    merged.origin = origin  # type: ignore[attr-defined]
    merged.problem_origin = problem_origin  # type: ignore[attr-defined]
    return merged


def _attribute(findings: list[Finding], bib) -> list[Finding]:  # type: ignore[no-untyped-def]
    """Point bib findings at the file they come from when several .bib files were merged."""
    origin = getattr(bib, "origin", None)
    if origin is None:
        return findings
    fixed = []
    for f in findings:
        path = None
        if f.file is not None:
            path = next((where for p, where in bib.problem_origin if p.line == f.line and p.message in f.message),
                        origin.get(f.key or ""))
        fixed.append(replace(f, file=path) if path and path != f.file else f)
    return fixed


def check_file(path: str, settings: Settings, bibs: Bibs, baseline=None, progress=None) -> Outcome:  # type: ignore[no-untyped-def]
    from . import suppress
    from .manuscript import bibliography_paths
    from .pipeline import Options, apply_severity, check_loaded, load_parsed
    from .progress import Silent
    from .rules import all_rules

    progress = progress or Silent()
    outcome = Outcome(path, fail_on=settings.fail_on, bib=settings.bib, config_path=settings.config_path)
    rules = all_rules()
    enabled = enabled_rules(rules, settings.layers)
    severities = severity_overrides(rules, settings.severity)
    options = Options(language=settings.language, input_format=settings.input_format, encoding=settings.encoding,
                      uncited=set(settings.uncited), rules=enabled, severity=severities)
    try:
        if settings.bib:
            bibs.prefetch(tuple(settings.bib))
        progress.stage(f"{path}: reading the notes")
        parsed = load_parsed(path, options)
        manuscript, text = parsed.manuscript, parsed.text
        # no --bib and none configured: the bibliographies the manuscript names (YAML, \addbibresource)
        outcome.bib = list(settings.bib) or bibliography_paths(manuscript)
        if not outcome.bib:
            raise UsageError(f"{path}: no bibliography: pass --bib FILE or set bib in the configuration")
        progress.stage(f"{path}: loading {', '.join(outcome.bib)}")
        bib = bibs.get(tuple(outcome.bib))
    except InputError as exc:
        outcome.error = str(exc)
        return outcome
    # The parsed inputs live until the run ends: move them out of the cyclic collector's sight
    # (it would rescan hundreds of thousands of them during resolution and rules).
    gc.freeze()
    progress.stage(f"{path}: checking {len(parsed.citations):,} citations in {len(manuscript.notes):,} notes")
    report = check_loaded(manuscript, bib, options, parsed)
    findings = _attribute(report.findings, bib)
    suppressions = suppress.from_text(text, manuscript) + suppress.from_config(settings.ignore_notes, settings.config_path)
    findings, unused = suppress.apply(findings, suppressions, rules)
    if "unused-suppression" in enabled:
        findings += apply_severity(unused, severities)
    if baseline is not None:
        fresh = baseline.new_findings(path, findings)
        outcome.baselined = len(findings) - len(fresh)
        findings = fresh
    outcome.report = replace(report, findings=findings)
    return outcome


def check_files(paths: list[str], cli: Overrides, config: str | None = None, no_config: bool = False,
                use_baseline: bool = True, progress=None) -> list[Outcome]:  # type: ignore[no-untyped-def]
    """Check each manuscript. UsageError (bad configuration) stops the run; unreadable files do not."""
    from .baseline import Baseline

    configs = Configs(config, no_config)
    bibs = Bibs()
    baselines: dict[str, Baseline] = {}
    outcomes = []
    for path in paths:
        settings = settings_for(path, configs.for_manuscript(path), cli)
        baseline = None
        if use_baseline and settings.baseline:
            if settings.baseline not in baselines:
                baselines[settings.baseline] = Baseline.load(settings.baseline)
            baseline = baselines[settings.baseline]
        outcomes.append(check_file(path, settings, bibs, baseline, progress))
        if progress is not None:
            progress.advance()
    return outcomes


def baseline_targets(paths: list[str], cli: Overrides, config: str | None, no_config: bool) -> dict[str, list[str]]:
    """Baseline file -> the manuscripts whose findings go into it."""
    configs = Configs(config, no_config)
    targets: dict[str, list[str]] = {}
    for path in paths:
        settings = settings_for(path, configs.for_manuscript(path), cli)
        if settings.baseline:
            targets.setdefault(settings.baseline, []).append(path)
    return targets


def summary(outcome: Outcome) -> str:
    if outcome.error is not None:
        return f"{outcome.path}: not checked: {outcome.error}"
    counts = {s: sum(1 for f in outcome.findings if f.severity is s) for s in Severity}
    parts = [_plural(counts[Severity.ERROR], "error"), _plural(counts[Severity.WARNING], "warning"),
             f"{counts[Severity.INFO]} info"]
    line = f"{outcome.path}: " + ", ".join(parts)
    if outcome.baselined:
        line += f" ({outcome.baselined} in the baseline not shown)"
    return line


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
