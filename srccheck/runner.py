"""Check several manuscripts: settings per file, suppressions, baseline, and the exit code.

cli.py parses options and renders; everything between the two lives here so that the
order is fixed in one place: rules (selected, severities applied) -> suppressions
-> baseline -> exit code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .collector import lasting, settle
from .config import ConfigFile, Overrides, Settings, discover, enabled_rules, load_config, settings_for
from .config import severity_overrides
from .errors import InputError, UsageError
from .model import Finding, Report, Resolved, Results, Severity, WorkReport

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
    notice: str | None = None  # a line for the user on stderr: which bibliography was taken, when none was given
    bibless: bool = False  # checked without any bibliography: citations not matched to entries

    @property
    def findings(self) -> list[Finding]:
        return self.report.findings if self.report else []

    @property
    def exit_code(self) -> int:
        if self.error is not None:
            return EXIT_INPUT
        failing = any(f.severity.rank >= self.fail_on.rank for f in self.findings)
        return EXIT_FINDINGS if failing else EXIT_OK


def exit_code(run: Run, exit_zero: bool = False) -> int:
    """The combined exit code: the worst file's or book's; --exit-zero forgives findings, never unreadable input."""
    code = max((o.exit_code for o in [*run.outcomes, *run.works]), default=EXIT_OK)
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
        # realpath: a symlink loop resolves as far as it goes instead of raising (Path.resolve)
        start = Path.cwd() if manuscript == "-" else Path(os.path.realpath(manuscript)).parent
        if start not in self.cache:
            self.cache[start] = discover(start)
        return self.cache[start]


class Bibs:
    """Loads each bibliography (or set of them) once for all manuscripts."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, ...], object] = {}

    def get(self, paths: tuple[str, ...]):  # type: ignore[no-untyped-def]
        from .reuse import load_bibliography

        if paths not in self.cache:
            loaded = [load_bibliography(p, background=True) for p in paths]
            self.cache[paths] = loaded[0] if len(loaded) == 1 else _merge(loaded)
        return self.cache[paths]

    def to_parse(self, paths: tuple[str, ...]) -> int:
        """Bytes of these bibliographies that are neither loaded nor in the on-disk cache."""
        from .reuse import bib_is_cached

        if paths in self.cache:
            return 0
        try:
            return sum(os.path.getsize(p) for p in paths if p != "-" and not bib_is_cached(p))
        except (OSError, InputError):
            return 0  # reported when the file is loaded


def _merge(bibs: list):  # type: ignore[no-untyped-def,type-arg]
    """Several .bib files as one; the first file's entry wins a key clash (reported as a duplicate key)."""
    from .bibliography import BibProblem, Bibliography

    entries: dict = {}  # type: ignore[type-arg]
    problems: list[BibProblem] = []
    origin: dict[str, str] = {}
    for bib in bibs:
        problems += [replace(p, path=p.path or bib.path) for p in bib.problems]
        for key, entry in bib.entries.items():
            if key in entries:
                problems.append(BibProblem("duplicate-key", entry.line,
                                           f"entry key {key!r} is also in {origin[key]}; this one is ignored", key,
                                           path=bib.path))
                continue
            entries[key] = entry
            origin[key] = bib.path
    digest = b"".join(bib.digest for bib in bibs) if all(bib.digest for bib in bibs) else b""
    return Bibliography(bibs[0].path, entries, problems, digest=digest, origin=origin)


@dataclass
class WorkOutcome:
    """A book's own findings (about its bibliography), with the failing severity and what the baseline hid."""

    report: WorkReport
    fail_on: Severity = Severity.ERROR
    baselined: int = 0

    @property
    def findings(self) -> list[Finding]:
        return self.report.findings

    @property
    def exit_code(self) -> int:
        return EXIT_FINDINGS if any(f.severity.rank >= self.fail_on.rank for f in self.findings) else EXIT_OK


@dataclass
class Run:
    """Everything a check run found: each manuscript's outcome, in book order, and each book's own findings."""

    outcomes: list[Outcome]
    works: list[WorkOutcome] = field(default_factory=list)

    def results(self) -> Results:
        return Results([o.report for o in self.outcomes if o.report is not None], [w.report for w in self.works],
                       [(o.path, o.error) for o in self.outcomes if o.error is not None])


@dataclass
class _Loaded:
    """A manuscript read and its bibliography loaded, waiting for the rest of its book."""

    outcome: Outcome
    settings: Settings
    options: Any
    parsed: Any
    bib: Any
    enabled: frozenset[str]
    severities: dict[str, Severity]


def _options(settings: Settings) -> tuple[Any, frozenset[str], dict[str, Severity]]:
    from .pipeline import Options
    from .rules import all_rules

    rules = all_rules()
    enabled = enabled_rules(rules, settings.layers)
    severities = severity_overrides(rules, settings.severity)
    options = Options(language=settings.language, input_format=settings.input_format, encoding=settings.encoding,
                      uncited=set(settings.uncited), unused_entries=settings.unused_entries, rules=enabled,
                      severity=severities, full_citation=settings.full_citation)
    return options, enabled, severities


def load_file(path: str, settings: Settings, bibs: Bibs, progress=None,  # type: ignore[no-untyped-def]
              source: str | None = None) -> _Loaded | Outcome:
    """Read a manuscript and load its bibliography: what its check needs, or its Outcome with the reason it
    could not be read. source: where the bytes come from when not `path` ("-": standard input named `path`)."""
    from .manuscript import bibliography_paths
    from .progress import Silent
    from .reuse import load_parsed, parse_aside

    progress = progress or Silent()
    outcome = Outcome(path, fail_on=settings.fail_on, bib=settings.bib, config_path=settings.config_path)
    options, enabled, severities = _options(settings)
    bib_paths = tuple(settings.bib)
    helper = parse_aside(source or path, options, lambda: bibs.to_parse(bib_paths), bib_paths) if bib_paths else None
    try:
        if helper is not None:
            progress.stage(f"{path}: loading {', '.join(settings.bib)} and reading the notes")
            bibs.get(tuple(settings.bib))
            helper.join()  # then the manuscript comes from the cache
            helper = None
        progress.stage(f"{path}: reading the notes")
        parsed = load_parsed(path, options, background=True, source=source, bib_paths=bib_paths)
        # no --bib and none configured: the bibliographies the manuscript names (YAML, \addbibresource)
        outcome.bib = list(settings.bib) or bibliography_paths(parsed.manuscript)
        if outcome.bib:
            progress.stage(f"{path}: loading {', '.join(outcome.bib)}")
            bib = bibs.get(tuple(outcome.bib))
        else:
            from .fieldmatch import items_bibliography

            bib = items_bibliography(parsed.manuscript)  # the reference manager's own items are the bibliography
            if bib is None:
                found, beside = bib_beside(path)
                if found is None and beside:
                    raise UsageError(f"{path}: no bibliography: pass --bib FILE or set bib in the configuration "
                                     f"(beside it: {', '.join(beside)})")
                if found is None:
                    # none anywhere: the notes, their numbering, markers and pages are still worth checking
                    bib, options, enabled = _without_bibliography(path, options, enabled)
                    outcome.bibless = True
                    outcome.notice = (f"{path}: no bibliography (no --bib, none configured, named by the manuscript or "
                                      "beside it): notes, markers and pages checked, citations not matched to entries")
                else:
                    outcome.bib = [found]
                    outcome.notice = f"{path}: no --bib given: using {found}, the bibliography beside it"
                    progress.stage(f"{path}: loading {found}")
                    bib = bibs.get((found,))
    except InputError as exc:
        if helper is not None:
            helper.terminate()
            helper.join()
        outcome.error = str(exc)
        return outcome
    return _Loaded(outcome, settings, options, parsed, bib, enabled, severities)


def _without_bibliography(path: str, options: Any, enabled: frozenset[str]) -> tuple[Any, Any, frozenset[str]]:
    """An empty bibliography, and the rules left on that do not need one (every citation would be unresolved)."""
    from dataclasses import replace

    from .bibliography import Bibliography
    from .rules import all_rules

    enabled = enabled - {rule.name for rule in all_rules() if rule.needs_bib}
    return Bibliography(path="", entries={}), replace(options, rules=enabled), enabled


def bib_beside(path: str) -> tuple[str | None, list[str]]:
    """The bibliography to take when none is given, configured or named by the manuscript: the .bib beside it with
    its name ("chapter3.txt" and "chapter3.bib"), else the one .bib in its folder (the working folder for standard
    input); and every .bib there, to name when there is no single one."""
    folder = Path(".") if path == "-" else Path(path).parent
    try:
        beside = sorted(str(folder / entry.name) for entry in folder.iterdir() if entry.suffix.lower() == ".bib"
                        and entry.is_file())
    except OSError:
        return None, []
    own = str(folder / (Path(path).stem + ".bib")) if path != "-" else None
    if own in beside:
        return own, beside
    return (beside[0] if len(beside) == 1 else None), beside


def check_book(members: list[_Loaded], baselines: dict[str, Any], progress=None) -> WorkOutcome:  # type: ignore[no-untyped-def]
    """Check the manuscripts of one book: each one's own rules (with the book's order for short-before-full),
    then the rules about the bibliography once for all of them."""
    from .pipeline import resolve_manuscript
    from .progress import Silent
    from .reuse import resolution

    progress = progress or Silent()
    # The inputs are loaded (a freshly parsed manuscript is not frozen yet); the check then makes
    # its own objects, none of them in cycles, with the collector paused.
    settle()
    reports = []
    for item in members:
        ms = item.parsed.manuscript
        progress.stage(f"{item.outcome.path}: checking {len(item.parsed.citations):,} citations in {len(ms.notes):,} notes")
        reports.append(lasting(lambda: resolve_manuscript(ms, item.bib, item.options, item.parsed,
                                                          resolution(item.parsed, item.bib))))
    return lasting(lambda: _book_rules(members, reports, baselines))


def _book_rules(members: list[_Loaded], reports: list[Resolved], baselines: dict[str, Any]) -> WorkOutcome:
    from . import suppress
    from .book import full_citation_places
    from .pipeline import Options, apply_severity, run_rules
    from .rules import all_rules

    per_chapter = members[0].settings.full_citation == "chapter"
    places = full_citation_places(reports) if not per_chapter else [({}, {})] * len(reports)
    rules = all_rules()
    for item, report, (before, after) in zip(members, reports, places):
        context = {"full_before": before, "full_after": after, "full_per_chapter": per_chapter}
        findings = run_rules(report, item.bib, item.options, "note", context)
        settings = item.settings
        suppressions = suppress.from_text(item.parsed.text, report.manuscript) + \
            suppress.from_config(settings.ignore_notes, settings.config_path)
        findings, unused = suppress.apply(findings, suppressions, rules)
        if "unused-suppression" in item.enabled:
            findings += apply_severity(unused, item.severities)
        findings = _placed(findings, report.manuscript)
        baseline = _baseline(settings, baselines)
        if baseline is not None:
            fresh = baseline.new_findings(item.outcome.path, findings)
            item.outcome.baselined = len(findings) - len(fresh)
            findings = fresh
        item.outcome.report = Report.of(report, findings)
    first = members[0]
    # the bibliography's rules: on where any manuscript of the book has them on; the first one's settings
    options = Options(uncited=set().union(*(m.settings.uncited for m in members)),
                      unused_entries=first.settings.unused_entries,
                      rules=frozenset().union(*(m.enabled for m in members)), severity=first.severities)
    book = Resolved(reports[0].manuscript, [pair for r in reports for pair in r.citations], first.bib.entries,
                  bib_path=first.bib.path)
    findings = run_rules(book, first.bib, options, "work", {"paths": [m.outcome.path for m in members]})
    baseline = _baseline(first.settings, baselines)
    fresh = findings if baseline is None else _new_work_findings(baseline, findings, first.outcome.path)
    work = WorkOutcome(WorkReport([m.outcome.path for m in members], list(first.outcome.bib), fresh),
                       fail_on=first.settings.fail_on)
    work.baselined = len(findings) - len(fresh)
    return work


def _new_work_findings(baseline: Any, findings: list[Finding], fallback: str) -> list[Finding]:
    """The baseline keeps a bibliography's findings under its .bib file."""
    by_file: dict[str, list[Finding]] = {}
    for f in findings:
        by_file.setdefault(f.file or fallback, []).append(f)
    fresh = {id(f) for where, group in by_file.items() for f in baseline.new_findings(where, group)}
    return [f for f in findings if id(f) in fresh]


def _baseline(settings: Settings, baselines: dict[str, Any]) -> Any:
    from .baseline import Baseline

    if not settings.baseline or baselines.get("_off"):
        return None
    if settings.baseline not in baselines:
        baselines[settings.baseline] = Baseline.load(settings.baseline)
    return baselines[settings.baseline]


def _placed(findings: list[Finding], manuscript: Any) -> list[Finding]:
    """A finding on a line of a LaTeX main file's included chapter names that file and its own line."""
    if not manuscript.line_map:
        return findings
    placed = []
    for f in findings:
        if f.file is None and f.line is not None:
            path, line = manuscript.origin(f.line)
            if path != manuscript.path:
                f = replace(f, file=path, line=line)
        placed.append(f)
    return placed


def check_files(paths: list[str], cli: Overrides, config: str | None = None, no_config: bool = False,
                use_baseline: bool = True, progress=None, stdin_name: str | None = None) -> Run:  # type: ignore[no-untyped-def]
    """Check the manuscripts (folders opened, the configured ones when none is named) as books: those sharing a
    bibliography together. UsageError (bad configuration) stops the run; unreadable files do not.
    stdin_name: the file standard input ("-") stands for (--stdin-filename)."""
    from .book import group_key, manuscripts_to_check

    configs = Configs(config, no_config)
    paths = manuscripts_to_check(paths, None if paths else configs.for_manuscript("-"))
    if progress is not None:
        progress.total = len(paths)
    bibs = Bibs()
    baselines: dict[str, Any] = {} if use_baseline else {"_off": True}
    outcomes: list[Outcome] = []
    books: dict[tuple[object, ...], list[_Loaded]] = {}
    for source in paths:
        path = stdin_name if source == "-" and stdin_name else source
        settings = settings_for(path, configs.for_manuscript(path), cli)
        if use_baseline and settings.baseline:
            _baseline(settings, baselines)  # a bad baseline stops the run before any work
        loaded = load_file(path, settings, bibs, progress, source=source if source != path else None)
        if isinstance(loaded, Outcome):
            outcomes.append(loaded)
        else:
            outcomes.append(loaded.outcome)
            books.setdefault(group_key(loaded.outcome.bib, settings.config_path, path), []).append(loaded)
        if progress is not None:
            progress.advance()
    works = [check_book(members, baselines, progress) for members in books.values()]
    from .reuse import wait

    wait()  # the cache files written in the background are complete when the run is
    return Run(outcomes, works)


def baseline_targets(paths: list[str], cli: Overrides, config: str | None, no_config: bool,
                     stdin_name: str | None = None) -> dict[str, list[str]]:
    """Baseline file -> the manuscripts whose findings go into it."""
    from .book import manuscripts_to_check

    configs = Configs(config, no_config)
    targets: dict[str, list[str]] = {}
    for path in manuscripts_to_check(paths, None if paths else configs.for_manuscript("-")):
        name = stdin_name if path == "-" and stdin_name else path
        settings = settings_for(name, configs.for_manuscript(name), cli)
        if settings.baseline:
            targets.setdefault(settings.baseline, []).append(path)
    return targets


def counts(findings: list[Finding]) -> dict[str, int]:
    return {s.value: sum(1 for f in findings if f.severity is s) for s in Severity}


def summary(outcome: Outcome | WorkOutcome) -> str:
    if isinstance(outcome, Outcome) and outcome.error is not None:
        return f"{outcome.path}: not checked: {outcome.error}"
    name = outcome.path if isinstance(outcome, Outcome) else ", ".join(outcome.report.bib_paths) or "bibliography"
    found = counts(outcome.findings)
    parts = [_plural(found["error"], "error"), _plural(found["warning"], "warning"), f"{found['info']} info"]
    line = f"{name}: " + ", ".join(parts)
    if isinstance(outcome, Outcome) and outcome.report is not None:
        read = outcome.report.read()
        matched = "not matched: no bibliography" if outcome.bibless else f"{read['unresolved']} unresolved"
        line += f" ({_plural(read['notes'], 'note')}, {_plural(read['citations'], 'citation')}, {matched})"
    if outcome.baselined:
        line += f" ({outcome.baselined} in the baseline not shown)"
    return line


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"
