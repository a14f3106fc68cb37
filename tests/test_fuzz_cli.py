"""Fuzzing the command line's whole argument space (hypothesis, stateful).

A state machine keeps a project folder whose files change between runs: manuscripts and bibliographies of
hostile text (superscript and 5,000-digit numbers, tabs and no-break spaces, stray markup), Word and
OpenDocument packages with odd XML, FIFOs, links, folders, a sparse 10 GB file, a baseline and a
configuration; and it runs every command with options drawn from all of each command's options, against
the files in the folder, standard input included. After every run:
- no traceback (the command's exception is at most SystemExit), exit code 0, 1 or 2;
- the run ended within its time bound (an interval timer interrupts a hang);
- no file in the folder was altered, removed or replaced except the output file the run was asked to write
  (--write-baseline's --baseline, bib draft's -o), and a link's target never.
The runs go through click's test runner in this process: thousands of runs in the time a few hundred
subprocesses take. The subprocess cases (a full or closed stdout, FIFOs on stdin) are in
test_adversarial_inputs.py.

CI runs a small budget (25 sequences). The long run, 100,000 sequences of up to ten steps (about 400,000
command runs; about 40 minutes on two cores):
    SRCCHECK_FUZZ_EXAMPLES=100000 .venv/bin/python -m pytest tests/test_fuzz_cli.py -q
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import tempfile
import zipfile
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule
from cli_harness import Snapshot

from srccheck.cli import main

EXAMPLES = int(os.environ.get("SRCCHECK_FUZZ_EXAMPLES", "25"))
STEPS = 10  # runs and file changes per example
BOUND = 20.0  # seconds one run may take (the inputs are small)

SEP = " " * 40
PIECES = [
    "Body text.1 More.2\n\n" + SEP + "\n", "1 John Smith, The History of Things (London: Penguin, 2001), s. 12.\n",
    "2 Smith, History, 14.\n", "3 a.g.e., s. 5.\n", "Ibid., 7.\n", "BOA, HR. İM., Dosya No: 89, Gömlek No: 65.\n",
    "[^1]", "[^1]: ", "[^²]", "^[inline note]", "[@smith2001, p. 4]", "\\footnote{", "\\footnote[²]{",
    "\\setcounter{footnote}{²}", "}", "{", "\\cite[p.~3]{smith2001}", "---\nbibliography: refs.bib\n---\n",
    "<!-- srccheck: ignore[missing-locator] -->", "*", "**", "_", "~~", "\t", "\u00a0", "\u202f", "\n", "\n\n",
    "²", "٣", "9" * 5000, "(n 12)", "(wie Anm. 3)", "C. IV, s. 3-", "s. 45-39", "\f", "\x00", "\r",
    "İstanbul ığüşöç", "Ab. ", "@book{", "@string{pub = {P}}", "pages = {1--" + "9" * 5000 + "}",
]
BIB_PIECES = [
    "@book{smith2001, author={Smith, John}, title={The History of Things}, publisher={Penguin}, year=2001}\n",
    "@article{jones1999, author={Jones, A. B.}, title={Title}, journal={J}, year=1999, pages={4--5}}\n",
    "@book{x, title={", "}", "{", "pagetotal={" + "9" * 5000 + "}", "volume={²}", "author={{World Bank}}",
    "@string{pub = {P}}", "publisher = pub #", "\\c{s}", "@comment{", "\u00a0", "\t", "\n", "²", "crossref={smith2001}",
]
TEXT_NAMES = ["ms.txt", "ms.md", "ms.tex", "refs.bib", "other.bib", "base.json", "srccheck.toml", "odd.docx",
              "odd.odt"]
SPECIAL = ["fifo", "link", "dir", "sparse", "missing.txt"]
PATHS = TEXT_NAMES + SPECIAL + ["-", "/dev/null", "/dev/zero"]


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


@st.composite
def contents(draw: st.DrawFn, name: str) -> bytes:
    pieces = BIB_PIECES if name.endswith(".bib") else PIECES
    text = "".join(draw(st.lists(st.sampled_from(pieces) | st.text(max_size=20), max_size=12)))
    if name == "base.json":
        text = draw(st.sampled_from(['{"tool": "srccheck", "version": 1, "findings": []}', "[" * 5000, text,
                                     '{"tool": "srccheck", "findings": [{"fingerprint": 1e999999}]}']))
    elif name == "srccheck.toml":
        text = draw(st.sampled_from(['bib = "refs.bib"\n', 'fail-on = "info"\n', "[ignore-notes]\n\"²\" = [\"SC4\"]\n",
                                     "bib = " + "[" * 3000, f"fail-on = {'9' * 5000}\n", text]))
    elif name.endswith((".docx", ".odt")):
        encoding = draw(st.sampled_from(["utf-8", "UTF-16", "idna", "rot13", "utf-7", "cp932", "bogus"]))
        nested = "<x>" * draw(st.sampled_from([1, 300, 5000])) + text.replace("<", "").replace("&", "")
        xml = f'<?xml version="1.0" encoding="{encoding}"?><root>{nested}</root>'
        members = ({"word/document.xml": xml, "word/footnotes.xml": xml} if name.endswith(".docx") else
                   {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": xml,
                    "META-INF/manifest.xml": "<m/>"})
        return _zip(members)
    return text.encode("utf-8", "surrogatepass")


def option(flag: str, values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    """Left out three times in four, so that a run often gets past its options to the files."""
    return st.sampled_from([False, False, False, True]).flatmap(
        lambda given: values.map(lambda v: [flag, v]) if given else st.just([]))


def flag(name: str) -> st.SearchStrategy[list[str]]:
    return st.sampled_from([[], [], [], [name]])


# readable inputs half the time, so that runs get past reading and into parsing, checking and writing
paths = st.sampled_from(["ms.txt", "ms.md", "refs.bib"]) | st.sampled_from(PATHS)
junk = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=8)
rules_arg = st.sampled_from(["SC1", "SC403", "missing-locator", "ALL", "SC", "SC4,SC5", "nope", "", ","]) | junk


@st.composite
def check_args(draw: st.DrawFn) -> list[str]:
    args = ["check", *draw(st.lists(paths, min_size=1, max_size=2))]
    for part in [
        option("--bib", paths), option("--bib", paths),
        option("--format", st.sampled_from(["text", "concise", "json", "sarif", "github", "junit"])),
        option("--language", st.sampled_from(["auto", "tr", "en", "de", "fr", "it", "es", "ru"])),
        option("--input-format", st.sampled_from(["auto", "text", "markdown", "latex", "docx", "odt", "pdf"])),
        option("--encoding", st.sampled_from(["utf-8", "cp1254", "utf-16", "rot13", "idna", "hex", "bogus"]) | junk),
        option("--select", rules_arg), option("--extend-select", rules_arg), option("--ignore", rules_arg),
        option("--fail-on", st.sampled_from(["error", "warning", "info"])),
        option("--unused-entries", st.sampled_from(["auto", "each", "summary"])),
        option("--config", paths), option("--baseline", paths), option("--color", st.sampled_from(["always", "never"])),
        flag("--exit-zero"), flag("--no-config"), flag("--write-baseline"), flag("--force"), flag("--statistics"),
        flag("-q"), flag("--no-sources"), flag("--no-cache"),
    ]:
        args += draw(part)
    return args


@st.composite
def other_args(draw: st.DrawFn) -> list[str]:
    kind = draw(st.sampled_from(["sources", "draft", "lint", "cache", "misc"]))
    if kind == "sources":
        return ["sources", draw(paths), *draw(option("--bib", paths)),
                *draw(option("--sort", st.sampled_from(["first", "count", "author"]))),
                *draw(option("--format", st.sampled_from(["text", "json", "csv"]))), *draw(flag("--uncited"))]
    if kind == "draft":
        return ["bib", "draft", draw(paths), *draw(option("-o", paths)), *draw(flag("--force")),
                *draw(flag("--ascii")), *draw(option("--language", st.sampled_from(["auto", "tr", "en"]))),
                *draw(option("--encoding", st.sampled_from(["utf-8", "bogus", "rot13"])))]
    if kind == "lint":
        return ["bib", "lint", draw(paths), *draw(option("--format", st.sampled_from(["text", "json"])))]
    if kind == "cache":
        return ["cache", draw(st.sampled_from(["dir", "clear"]))]
    return draw(st.sampled_from([["rules"], ["rule", "SC101"], ["rule", "nope"], ["--version"], ["--help"],
                                 ["check", "--help"], ["bogus-command"], ["check"]])) + draw(st.lists(junk, max_size=2))


class Hang(BaseException):
    """A run past its time bound (BaseException: click's runner must not swallow it)."""


def _alarm(signum: int, frame: object) -> None:
    raise Hang()


class CommandLine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="srccheck-fuzz-"))
        self.project = self.root / "project"
        self.project.mkdir()
        self.cache = self.root / "cache"
        self.cache_at = str(self.cache)
        (self.project / "ms.txt").write_text(PIECES[0] + PIECES[1] + PIECES[2], encoding="utf-8")
        (self.project / "ms.md").write_text("Text.[^1] More.[^2]\n\n[^1]: " + PIECES[1] + "[^2]: " + PIECES[2],
                                            encoding="utf-8")
        (self.project / "refs.bib").write_text(BIB_PIECES[0] + BIB_PIECES[1], encoding="utf-8")

    def teardown(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)

    def path(self, name: str) -> str:
        return name if name == "-" or name.startswith("/") else str(self.project / name)

    @rule(name=st.sampled_from(TEXT_NAMES), data=st.data())
    def write_file(self, name: str, data: st.DataObject) -> None:
        target = self.project / name
        if target.is_symlink() or (target.exists() and not target.is_file()):
            return
        target.write_bytes(data.draw(contents(name)))

    @rule(name=st.sampled_from(SPECIAL + TEXT_NAMES), kind=st.sampled_from(["fifo", "link", "dir", "sparse", "remove"]))
    def make_special(self, name: str, kind: str) -> None:
        target = self.project / name
        if os.path.lexists(target):
            if target.is_dir() and not target.is_symlink():
                shutil.rmtree(target)
            else:
                target.unlink()
        if kind == "fifo":
            os.mkfifo(target)
        elif kind == "link":
            target.symlink_to(self.project / "refs.bib")
        elif kind == "dir":
            target.mkdir()
        elif kind == "sparse":
            with open(target, "wb") as handle:
                handle.truncate(10 * 1024 ** 3)

    @rule(at_project=st.booleans())
    def point_the_cache(self, at_project: bool) -> None:
        self.cache_at = str(self.project if at_project else self.cache)

    @rule(args=check_args() | other_args(), stdin=st.binary(max_size=300) | st.sampled_from([b"", PIECES[0].encode()]))
    def run(self, args: list[str], stdin: bytes) -> None:
        args = [self.path(a) if a in PATHS else a for a in args]
        outputs = {args[i + 1] for i, a in enumerate(args[:-1]) if a == "-o"}
        if "--write-baseline" in args:
            outputs |= {args[i + 1] for i, a in enumerate(args[:-1]) if a == "--baseline"}
            outputs.add(str(self.project / "base.json"))  # a configuration may name it
        named = {i + 1 for i, a in enumerate(args[:-1]) if a in ("-o", "--baseline")}
        # an input is a file that is there: "--config ms.tex --no-config --baseline ms.tex --write-baseline" reads no
        # ms.tex, and may create it as the baseline
        inputs = {a for i, a in enumerate(args)
                  if i not in named and a.startswith(str(self.project)) and os.path.lexists(a)}
        config = self.project / "srccheck.toml"
        if args[0] == "check" and config.is_file() and not config.is_symlink():  # found, and what it names
            inputs.add(str(config))
            with open(config, "rb") as handle:  # its head: it may be the sparse 10 GB file
                if b"refs.bib" in handle.read(65536):
                    inputs.add(str(self.project / "refs.bib"))
        # an output file may be written, but never through a link and never over an input of the run
        allowed = tuple(o for o in outputs - inputs if not os.path.islink(o))
        snap = Snapshot(self.project)
        here = os.getcwd()
        os.chdir(self.project)  # a relative name such as "-" given as a file lands in the project, not here
        previous = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, BOUND)
        try:
            result = CliRunner().invoke(main, args, input=stdin, env={"SRCCHECK_CACHE_DIR": self.cache_at,
                                                                      "CI": "1"})
        except Hang:
            raise AssertionError(f"srccheck {' '.join(args)[:300]} ran past {BOUND} s") from None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            os.chdir(here)
        crash = result.exception if not isinstance(result.exception, SystemExit) else None
        assert crash is None, f"srccheck {' '.join(args)[:300]}: {type(crash).__name__}: {crash}"
        assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.output[-500:])
        changes = {p: what for p, what in snap.changes().items()
                   if not (p in allowed and what in ("created", "altered"))}
        assert not changes, (args, changes)

    @invariant()
    def no_temporary_file_left(self) -> None:
        assert not [p for p in self.project.iterdir() if p.name.startswith(".srccheck-")]


CommandLine.TestCase.settings = settings(max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None,
                                         suppress_health_check=list(HealthCheck))
test_command_line = CommandLine.TestCase
