"""Reading text files safely: encoding detection, binary refusal, size limits.

UTF-8 (with or without BOM) and UTF-16/32 with BOM are recognised outright. Other
bytes are tried as UTF-8, then as a single-byte code page: Windows-1254 when the
bytes for ğ ı ş Ğ İ Ş appear (ISO-8859-9 reads the same there), else Windows-1252.
"""

from __future__ import annotations

import codecs
import os
import stat

from .errors import InputError

MAX_BYTES = 200 * 1024 * 1024
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_TURKISH_1254 = set(b"\xd0\xdd\xde\xf0\xfd\xfe")


def read_bytes(path: str, what: str = "file") -> bytes:
    if path == "-":
        import sys

        return sys.stdin.buffer.read(MAX_BYTES + 1)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such {what}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read {what} ({exc.strerror})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: is a directory, not a {what}")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{path}: not a regular file (a device, pipe or socket?)")
    if st.st_size > MAX_BYTES:
        raise InputError(f"{path}: {st.st_size // (1024 * 1024)} MB is larger than the {MAX_BYTES // (1024 * 1024)} MB limit")
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise InputError(f"{path}: cannot read {what} ({exc.strerror})") from None


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). Raises InputError for binary data."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not valid {encoding} (byte {exc.start})") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                raise InputError(f"{path}: starts with a {name} byte-order mark but is not valid {name}") from None
    guessed = _utf16_without_bom(data)
    if guessed:
        return data.decode(guessed, errors="replace"), guessed
    if b"\x00" in data:
        raise InputError(f"{path}: binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
        name = "utf-8"
    except UnicodeDecodeError:
        name = "cp1254" if _TURKISH_1254 & set(data) else "cp1252"
        text = data.decode(name, errors="replace")
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    if controls > max(8, len(text[:20000]) // 100):
        raise InputError(f"{path}: looks like a binary file, not text")
    return text, name


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
    data = read_bytes(path, what)
    text, used = decode(data, path, encoding)
    return text.replace("\r\n", "\n").replace("\r", "\n"), used
