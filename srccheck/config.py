"""Configuration: `[tool.srccheck]` in pyproject.toml or a srccheck.toml, and rule selection.

The file is found by walking up from the manuscript's directory; the nearest
srccheck.toml, or pyproject.toml with a [tool.srccheck] table, wins. Every key is
declared once in _KEYS with its validator, so unknown keys and bad values are
reported in one place (as UsageError: one line, exit 2).

Rule selection is one small engine (`enabled_rules`): selectors are a rule code
("SC403"), a code prefix ("SC4", "SC") or a rule name ("missing-locator"); the most
specific matching selector decides, and `ignore` beats `select` at equal specificity.
Layers (the file, then each matching per-file block, then the command line) apply in
order; a layer with `select` first switches off everything it does not select.
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import UsageError
from .grammar import LANGUAGES as _GRAMMAR_LANGUAGES
from .model import Severity

CONFIG_NAMES = ("srccheck.toml", "pyproject.toml")
LANGUAGES = ("auto", *_GRAMMAR_LANGUAGES)
LEVELS = ("error", "warning", "info")
UNUSED_ENTRIES = ("auto", "each", "summary")  # how unused-entry reports uncited entries
FULL_CITATION = ("book", "chapter")  # short-before-full: a work's first full citation once per book, or per chapter
EXACT = 100  # specificity of a full code or a rule name; a prefix counts its length


class RuleLike:  # the two attributes selection needs (srccheck.rules.Rule has them)
    code: str
    name: str


# --- selection engine -----------------------------------------------------------------


def specificity(selector: str, rule: RuleLike) -> int | None:
    """How specifically `selector` names `rule`, or None when it does not match it."""
    sel = selector.strip()
    if sel.upper() == "ALL":
        return 0
    if sel.lower() == rule.name or sel.upper() == rule.code.upper():
        return EXACT
    if sel and rule.code.upper().startswith(sel.upper()):
        return len(sel)
    return None


def matches(selectors: Iterable[str], rule: RuleLike) -> bool:
    return any(specificity(s, rule) is not None for s in selectors)


@dataclass(frozen=True)
class Layer:
    """One source of select/ignore decisions (the file, a per-file block, the command line)."""

    select: tuple[str, ...] | None = None  # None: keep what earlier layers decided
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def decide(self, rule: RuleLike) -> bool | None:
        best: tuple[int, bool] | None = None
        for sel in (self.select or ()) + self.extend_select:
            s = specificity(sel, rule)
            if s is not None and (best is None or s > best[0]):
                best = (s, True)
        for sel in self.ignore:
            s = specificity(sel, rule)
            if s is not None and (best is None or s >= best[0]):  # ignore wins a tie
                best = (s, False)
        if best is not None:
            return best[1]
        return False if self.select is not None else None


def enabled_rules(rules: Sequence[RuleLike], layers: Iterable[Layer]) -> frozenset[str]:
    """Names of the rules left on after applying the layers in order (all rules start on)."""
    enabled = {r.name for r in rules}
    for layer in layers:
        for rule in rules:
            decision = layer.decide(rule)
            if decision is True:
                enabled.add(rule.name)
            elif decision is False:
                enabled.discard(rule.name)
    return frozenset(enabled)


def severity_overrides(rules: Sequence[RuleLike], table: dict[str, str]) -> dict[str, Severity]:
    """Rule name -> severity; the most specific key wins (a name beats "SC4", which beats "SC")."""
    result: dict[str, Severity] = {}
    for rule in rules:
        best: tuple[int, str] | None = None
        for sel, level in table.items():
            s = specificity(sel, rule)
            if s is not None and (best is None or s >= best[0]):
                best = (s, level)
        if best is not None:
            result[rule.name] = Severity(best[1])
    return result


# --- validation -------------------------------------------------------------------------


class _Bad(Exception):
    """A bad value; the caller adds the file and key."""


def _str(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad(f"expected a non-empty string, got {value!r}")
    return value


def _choice(options: Sequence[str]) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if value not in options:
            raise _Bad(f"expected one of {', '.join(options)}, got {value!r}")
        return str(value)

    return check


def _str_list(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _Bad(f"expected a list of strings, got {value!r}")
    return list(value)


def _known_selector(sel: str) -> str:
    from .rules import all_rules

    if sel.strip().upper() != "ALL" and not any(specificity(sel, r) is not None for r in all_rules()):
        raise _Bad(f"{sel!r} is no rule code, code prefix or rule name (see 'srccheck rules')")
    return sel


def _selectors(value: Any) -> list[str]:
    return [_known_selector(s) for s in _str_list(value)]


def _severity_table(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _Bad(f"expected a table of rule = \"error|warning|info\", got {value!r}")
    for sel, level in value.items():
        _known_selector(sel)
        if level not in LEVELS:
            raise _Bad(f"{sel} = {level!r}: expected one of {', '.join(LEVELS)}")
    return dict(value)


def _ignore_notes(value: Any) -> dict[int, list[str]]:
    from .numbers import parse_int

    if not isinstance(value, dict):
        raise _Bad(f"expected a table of note number = [rules], got {_shown(value)}")
    result: dict[int, list[str]] = {}
    for number, sels in value.items():
        parsed = parse_int(number) if isinstance(number, str) else None
        if parsed is None:
            raise _Bad(f"{_shown(number)} is not a note number (at most 9 digits, 0-9)")
        result[parsed] = _selectors(sels)
    return result


def _shown(value: Any) -> str:
    """A value for a message, short: a hostile file's value may be megabytes long."""
    text = repr(value) if not isinstance(value, int) else (str(value) if abs(value) < 10**40 else "a huge number")
    return text if len(text) <= 60 else text[:57] + "..."


def _input_format(value: Any) -> str:
    from .manuscript import FORMATS

    return _choice(("auto", *FORMATS))(value)


# Keys allowed at the top level and (all but the last two) in a [[per-file]] block.
_KEYS: dict[str, Callable[[Any], Any]] = {
    "bib": _str_list,
    "language": _choice(LANGUAGES),
    "input-format": _input_format,
    "encoding": _str,
    "select": _selectors,
    "extend-select": _selectors,
    "ignore": _selectors,
    "severity": _severity_table,
    "uncited": _str_list,
    "unused-entries": _choice(UNUSED_ENTRIES),
    "fail-on": _choice(LEVELS),
    "ignore-notes": _ignore_notes,
    "baseline": _str,
    "full-citation": _choice(FULL_CITATION),
    "manuscripts": _str_list,  # the book's manuscripts (globs relative to the file), checked when none is named
    "per-file": lambda v: v,  # checked by _validate_per_file
}
_TOP_ONLY = {"baseline", "per-file", "manuscripts"}


@dataclass
class ConfigFile:
    path: Path  # the file it came from
    values: dict[str, Any]
    per_file: list[dict[str, Any]] = field(default_factory=list)  # each with "path" (a glob)

    @property
    def root(self) -> Path:
        return self.path.parent


def _validate(table: dict[str, Any], where: str, allowed: Iterable[str]) -> dict[str, Any]:
    allowed = set(allowed)
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in allowed:
            raise UsageError(f"{where}: unknown key {key!r} (known: {', '.join(sorted(allowed))})")
        try:
            values[key] = _KEYS[key](value)
        except _Bad as exc:
            raise UsageError(f"{where}: {key}: {exc}") from None
    return values


def parse_config(text: str, path: Path) -> ConfigFile | None:
    """The srccheck table of a config file, validated; None for a pyproject.toml without one."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not valid TOML ({exc})") from None
    except RecursionError:
        raise UsageError(f"{path}: not a configuration: nested too deeply") from None
    except ValueError as exc:  # an integer of more digits than Python converts
        raise UsageError(f"{path}: not a configuration ({str(exc)[:80]})") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("srccheck")
        where = f"{path} [tool.srccheck]"
        if table is None:
            return None
    else:
        table = data.get("tool", {}).get("srccheck", data) if set(data) == {"tool"} else data
        where = str(path)
    if not isinstance(table, dict):
        raise UsageError(f"{where}: expected a table")
    values = _validate(table, where, _KEYS)
    blocks = values.pop("per-file", [])
    if not isinstance(blocks, list) or not all(isinstance(b, dict) for b in blocks):
        raise UsageError(f"{where}: per-file: expected [[per-file]] tables")
    per_file = []
    for i, block in enumerate(blocks, 1):
        block = dict(block)
        pattern = block.pop("path", None)
        if not isinstance(pattern, str) or not pattern:
            raise UsageError(f"{where}: per-file block {i}: needs path = \"glob\"")
        checked = _validate(block, f"{where}: per-file {pattern!r}", set(_KEYS) - _TOP_ONLY)
        checked["path"] = pattern
        per_file.append(checked)
    return ConfigFile(path, values, per_file)


def load_config(path: Path) -> ConfigFile:
    found = parse_config(_read(path, explicit=True), path)
    if found is None:
        raise UsageError(f"{path}: has no [tool.srccheck] table")
    return found


def _read(path: Path, explicit: bool = False) -> str:
    """A configuration file's text: a regular file within the size limit, UTF-8 (textio.read_utf8)."""
    from .errors import InputError
    from .textio import read_utf8

    try:
        return read_utf8(str(path), "configuration")
    except InputError as exc:
        message = str(exc)
        if explicit and message.endswith("no such configuration"):
            message = f"{path}: no such configuration file"
        raise UsageError(message) from None


def discover(start: Path) -> ConfigFile | None:
    """The nearest configuration at or above `start` (a directory)."""
    directory = Path(os.path.realpath(start))  # never raises, even on a symlink loop (Path.resolve does)
    for folder in (directory, *directory.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                found = parse_config(_read(candidate), candidate)
                if found is not None:
                    return found
    return None


# --- settings for one manuscript ------------------------------------------------------------


@dataclass
class Overrides:
    """What the command line says; None / empty: not given."""

    bib: tuple[str, ...] = ()
    language: str | None = None
    input_format: str | None = None
    encoding: str | None = None
    fail_on: str | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    baseline: str | None = None
    unused_entries: str | None = None
    full_citation: str | None = None


@dataclass
class Settings:
    """Everything that decides how one manuscript is checked."""

    bib: list[str] = field(default_factory=list)
    language: str | None = None  # None: detect
    input_format: str | None = None
    encoding: str | None = None
    fail_on: Severity = Severity.ERROR
    layers: list[Layer] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)  # selector -> level
    uncited: set[str] = field(default_factory=set)
    unused_entries: str = "auto"
    ignore_notes: dict[int, list[str]] = field(default_factory=dict)
    baseline: str | None = None
    config_path: str | None = None
    full_citation: str = "book"


def _display(path: Path) -> str:
    """A path as the user would type it: relative to the working directory when below it."""
    rel = os.path.relpath(path, Path.cwd())
    return str(path) if rel.startswith("..") else rel


def _apply(settings: Settings, values: dict[str, Any], root: Path | None) -> None:
    if "bib" in values:
        settings.bib = [_display(root / b) if root else b for b in values["bib"]]
    if "language" in values:
        settings.language = None if values["language"] == "auto" else values["language"]
    if "input-format" in values:
        settings.input_format = None if values["input-format"] == "auto" else values["input-format"]
    if "encoding" in values:
        settings.encoding = values["encoding"]
    if "fail-on" in values:
        settings.fail_on = Severity(values["fail-on"])
    if {"select", "extend-select", "ignore"} & set(values):
        select = values.get("select")
        settings.layers.append(Layer(tuple(select) if select is not None else None,
                                     tuple(values.get("extend-select", ())), tuple(values.get("ignore", ()))))
    settings.severity.update(values.get("severity", {}))
    settings.uncited |= set(values.get("uncited", ()))
    if "unused-entries" in values:
        settings.unused_entries = values["unused-entries"]
    for number, sels in values.get("ignore-notes", {}).items():
        settings.ignore_notes.setdefault(number, []).extend(sels)
    if "full-citation" in values:
        settings.full_citation = values["full-citation"]
    if "baseline" in values:
        settings.baseline = _display(root / values["baseline"]) if root else values["baseline"]


def _relative_to(path: Path, root: Path) -> str | None:
    try:
        return Path(os.path.realpath(path)).relative_to(os.path.realpath(root)).as_posix()
    except ValueError:
        return None


def settings_for(manuscript: str, config: ConfigFile | None, cli: Overrides) -> Settings:
    """File, then per-file blocks matching the manuscript (a glob relative to the file), then the command line."""
    settings = Settings()
    if config is not None:
        settings.config_path = _display(config.path)
        _apply(settings, config.values, config.root)
        rel = _relative_to(Path(manuscript), config.root) if manuscript != "-" else None
        for block in config.per_file:
            if rel is not None and fnmatch.fnmatchcase(rel, block["path"]):
                _apply(settings, block, config.root)
    cli_values: dict[str, Any] = {}
    if cli.bib:
        cli_values["bib"] = list(cli.bib)
    for key, value in (("language", cli.language), ("input-format", cli.input_format),
                       ("encoding", cli.encoding), ("fail-on", cli.fail_on), ("baseline", cli.baseline),
                       ("unused-entries", cli.unused_entries), ("full-citation", cli.full_citation)):
        if value is not None:
            cli_values[key] = value
    try:
        for name, sels in (("select", cli.select or ()), ("extend-select", cli.extend_select), ("ignore", cli.ignore)):
            for sel in sels:
                _known_selector(sel)
    except _Bad as exc:
        raise UsageError(f"--{name}: {exc}") from None
    _apply(settings, cli_values, None)
    if cli.select is not None or cli.extend_select or cli.ignore:
        settings.layers.append(Layer(cli.select, cli.extend_select, cli.ignore))
    return settings
