"""Reading text files safely: encoding detection, binary refusal, size limits.

UTF-8 (with or without BOM) and UTF-16/32 with BOM are recognised outright. Other
bytes are tried as UTF-8, then as the legacy code page encodings.py guesses (Western,
Turkish, Central European, Cyrillic or Greek). A byte that code page leaves undefined
(0x81, 0x8D...) is read as ISO-8859-1 would read it (a C1 control), so nothing is
replaced or lost.

Inputs come from strangers, so reading never blocks and never reads without bound:
the file is opened non-blocking and checked to be a regular file *after* opening
(a FIFO or device swapped in after a stat cannot hang the run), and files larger
than the limit for their kind are refused before a byte is read. Nothing here ever
opens a file for writing.
"""

from __future__ import annotations

import codecs
import os
import stat
import sys

from .errors import InputError

MB = 1024 * 1024
# Largest input read, by kind. A long book or thesis as text is 1-3 MB and a large
# BibTeX library (10,000 entries) about 5 MB; past these limits a file is refused
# with a one-line message rather than processed for minutes.
LIMITS = {"manuscript": 16 * MB, "bibliography": 32 * MB, "configuration": 1 * MB, "baseline": 32 * MB}
MAX_BYTES = 64 * MB  # any other kind of file

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_CONTROLS_OK = "\n\r\t\f\v"


def limit_for(what: str) -> int:
    return LIMITS.get(what, MAX_BYTES)


def _too_large(path: str, what: str, size: int, limit: int) -> InputError:
    shown = f"{size / MB:.0f} MB" if size >= MB else f"{size} bytes"
    return InputError(f"{path}: {shown} is larger than the {limit // MB} MB limit for a {what}")


def read_utf8(path: str, what: str) -> str:
    """A small UTF-8 file of srccheck's own (configuration, baseline): read_bytes' checks, then strict UTF-8."""
    data = read_bytes(path, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text (byte {exc.start}), cannot read it as a {what}") from None


def read_bytes(path: str, what: str = "file") -> bytes:
    limit = limit_for(what)
    if path == "-":
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise _too_large("<stdin>", what, len(data), limit)
        return data
    try:
        # O_NONBLOCK: opening a FIFO with no writer returns at once instead of waiting.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError(f"{path}: no such {what}") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a {what}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read {what} ({exc.strerror or exc})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"{path}: is a directory, not a {what}")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"{path}: not a regular file (a device, pipe or socket), cannot read it as a {what}")
        if st.st_size > limit:
            raise _too_large(path, what, st.st_size, limit)
        chunks = []
        total = 0
        while True:
            chunk = os.read(fd, min(4 * MB, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # grew while we read it
                raise _too_large(path, what, total, limit)
        return b"".join(chunks)
    except OSError as exc:
        raise InputError(f"{path}: cannot read {what} ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). Raises InputError for binary or undecodable data."""
    if encoding:
        return _decode_forced(data, path, encoding)
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise InputError(
                    f"{path}: starts with a {name} byte-order mark but is not valid {name} (byte {exc.start})"
                ) from None
    guessed = _utf16_without_bom(data)
    if guessed:
        try:
            text = data.decode(guessed)
        except UnicodeDecodeError:
            raise InputError(f"{path}: looks like UTF-16 without a byte-order mark but is not valid UTF-16; "
                             "use --encoding") from None
        _refuse_binary(text, path)
        return text, guessed
    if b"\x00" in data:
        raise InputError(f"{path}: binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
        name = "utf-8"
    except UnicodeDecodeError:
        from .encodings import guess_code_page

        name = guess_code_page(data)  # Windows-1252/1254/1250/1251/1253, ISO-8859-2/5/7/9, KOI8-R/U, CP866
        text = _single_byte(data, name)
    _refuse_binary(text, path)
    return text, name


def _decode_forced(data: bytes, path: str, encoding: str) -> tuple[str, str]:
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"{path}: unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(f"{path}: {encoding!r} is not a text encoding")
    try:
        text = data.decode(info.name)
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not valid {encoding} (byte {exc.start})") from None
    except (UnicodeError, ValueError, TypeError) as exc:  # codecs such as punycode raise these on bad input
        raise InputError(f"{path}: not valid {encoding} ({str(exc)[:80]})") from None
    return text.removeprefix("\ufeff"), info.name  # a byte-order mark is not part of the text


def _single_byte(data: bytes, name: str) -> str:
    """Decode with a Windows code page; its few undefined bytes read as Latin-1/-9 controls."""
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return data.decode(name, errors="srccheck-latin1")


def _latin1_fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    return exc.object[exc.start : exc.end].decode("latin-1"), exc.end


codecs.register_error("srccheck-latin1", _latin1_fallback)


def _refuse_binary(text: str, path: str) -> None:
    sample = text[:20000]
    controls = sum(1 for ch in sample if (ord(ch) < 32 and ch not in _CONTROLS_OK) or 0x7F <= ord(ch) < 0xA0)
    if controls > max(8, len(sample) // 100):
        raise InputError(f"{path}: looks like a binary file, not text")


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 8:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.6 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.6 and odd < half * 0.05:
        return "utf-16-be"
    return None


def read_text(path: str, what: str = "file", encoding: str | None = None) -> tuple[str, str]:
    return decode_lines(read_bytes(path, what), path, encoding)


def decode_lines(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """decode(), with Windows and old Mac line ends made "\n" (line numbers count "\n" only)."""
    text, used = decode(data, path, encoding)
    return text.replace("\r\n", "\n").replace("\r", "\n"), used
