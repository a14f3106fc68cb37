"""Check several manuscripts: settings per file, suppressions, baseline, and the exit code.

cli.py parses options and renders; everything between the two lives here so that the
order is fixed in one place: rules (selected, severities applied) -> suppressions
-> baseline -> exit code.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path

from .collector import lasting, settle
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
        from .bibliography import load_bibliography

        if paths not in self.cache:
            loaded = [load_bibliography(p, background=True) for p in paths]
            self.cache[paths] = loaded[0] if len(loaded) == 1 else _merge(loaded)
        return self.cache[paths]

    def to_parse(self, paths: tuple[str, ...]) -> int:
        """Bytes of these bibliographies that are neither loaded nor in the on-disk cache."""
        from .bibliography import is_cached

        if paths in self.cache:
            return 0
        try:
            return sum(os.path.getsize(p) for p in paths if p != "-" and not is_cached(p))
        except (OSError, InputError):
            return 0  # reported when the file is loaded


# Below these sizes a file parses in less time than a helper process takes to start: a forked one
# at once, a spawned one (macOS, Windows, or with the progress display running) after importing srccheck.
ASIDE_MANUSCRIPT_BYTES = 64 * 1024
ASIDE_MANUSCRIPT_BYTES_SPAWNED = 256 * 1024
ASIDE_BIB_BYTES = 512 * 1024


def _parse_aside(path: str, options, bib_paths: tuple[str, ...], bibs: Bibs):  # type: ignore[no-untyped-def]
    """A helper process parsing the manuscript into the cache while this one parses the bibliography, or
    None. Worth it only when both are large and neither is cached (a book against a large library, first
    run): the two jobs are independent and take about as long. Needs the cache and a second core."""
    from . import cache
    from .pipeline import is_parsed

    if not bib_paths or path == "-" or not cache.enabled() or (os.cpu_count() or 1) < 2:
        return None
    try:
        smallest = ASIDE_MANUSCRIPT_BYTES if cache.fork_is_safe() else ASIDE_MANUSCRIPT_BYTES_SPAWNED
        if os.path.getsize(path) < smallest or is_parsed(path, options):
            return None
    except (OSError, InputError):
        return None  # reported when the file is read
    if bibs.to_parse(bib_paths) < ASIDE_BIB_BYTES:
        return None
    return _start_helper(_parse_into_cache, path, options)


def _start_helper(target, *args):  # type: ignore[no-untyped-def]
    import multiprocessing

    from .cache import fork_is_safe

    # fork shares the imported modules and starts at once; spawn starts a fresh interpreter
    context = multiprocessing.get_context("fork" if fork_is_safe() else "spawn")
    helper = context.Process(target=target, args=args, daemon=True)
    helper.start()
    return helper


def _parse_into_cache(path: str, options) -> None:  # type: ignore[no-untyped-def]
    try:
        from .pipeline import load_parsed

        load_parsed(path, options)
    except BaseException:  # noqa: BLE001 - the main process reads the file again and reports any problem
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
    merged.digest = b"".join(bib.digest for bib in bibs) if all(bib.digest for bib in bibs) else b""
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
                      uncited=set(settings.uncited), unused_entries=settings.unused_entries, rules=enabled,
                      severity=severities)
    helper = _parse_aside(path, options, tuple(settings.bib), bibs)
    try:
        if helper is not None:
            progress.stage(f"{path}: loading {', '.join(settings.bib)} and reading the notes")
            bibs.get(tuple(settings.bib))
            helper.join()  # then the manuscript comes from the cache
            helper = None
        progress.stage(f"{path}: reading the notes")
        parsed = load_parsed(path, options, background=True)
        manuscript, text = parsed.manuscript, parsed.text
        # no --bib and none configured: the bibliographies the manuscript names (YAML, \addbibresource)
        outcome.bib = list(settings.bib) or bibliography_paths(manuscript)
        if outcome.bib:
            progress.stage(f"{path}: loading {', '.join(outcome.bib)}")
            bib = bibs.get(tuple(outcome.bib))
        else:
            from .fieldmatch import items_bibliography

            bib = items_bibliography(manuscript)  # the reference manager's own items are the bibliography
            if bib is None:
                raise UsageError(f"{path}: no bibliography: pass --bib FILE or set bib in the configuration")
    except InputError as exc:
        if helper is not None:
            helper.terminate()
            helper.join()
        outcome.error = str(exc)
        return outcome
    # The inputs are loaded (a freshly parsed manuscript is not frozen yet); the check then makes
    # its own objects, none of them in cycles, with the collector paused.
    settle()
    progress.stage(f"{path}: checking {len(parsed.citations):,} citations in {len(manuscript.notes):,} notes")
    report = lasting(lambda: check_loaded(manuscript, bib, options, parsed))
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
    from . import cache

    cache.wait()  # the cache files written in the background are complete when the run is
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
