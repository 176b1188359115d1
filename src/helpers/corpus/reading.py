"""What encoding is this file, and what text does it hold?

Newsrooms and scrapers save articles as UTF-8 (with or without a BOM),
GB18030/GBK, Big5 or UTF-16, with Unix or Windows line ends.  A byte-order
mark decides when there is one; otherwise strict UTF-8 is tried (valid
multi-byte UTF-8 is practically never an accident), and only then is the
guess left to charset-normalizer.  Every problem a user can cause raises
:class:`~helpers.errors.HelpersError` with the file name and the reason, so
the corpus can skip that file with one line and carry on.

A file is binary when it starts like an image, archive, office document or
PDF, or holds more than a few NUL bytes or control characters (more than one
in a hundred, and more than three) and is not UTF-16.  A few strays in text -- a NUL
left by a scraper, an escape sequence pasted from a terminal -- are removed
and counted (:attr:`DecodedText.controls_removed`), never cost the article.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from helpers.errors import HelpersError
from helpers.script import HAN_CHAR, has_han

# Checked longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# charset-normalizer names Chinese code pages by their narrowest match; decode
# with the superset so a rare character outside GB2312/GBK does not fail.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs"}

# C0 controls and DEL, except tab, line feed, vertical tab, form feed and carriage return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

# How files that are never text begin, whatever follows: images, archives (and the office
# formats built on zip), old office files (OLE2), PDF.
_BINARY_SIGNATURES = (
    b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*", b"%PDF-",
    b"PK\x03\x04", b"PK\x05\x06", b"\x1f\x8b", b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07", b"\xfd7zXZ\x00",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
)


@dataclass(frozen=True)
class DecodedText:
    """A file's text with the encoding it was read in.

    Attributes
    ----------
    text : str
        Decoded text with ``\\n`` line ends and no byte-order mark.
    encoding : str
        Encoding name as detected (``utf-8``, ``utf-8-sig``, ``utf-16``, ``gb18030``, ``big5`` ...).
    replaced : int
        Bytes that could not be decoded and became U+FFFD (a damaged UTF-8 file).
    controls_removed : int
        Stray NUL bytes and other control characters removed from the text.
    """

    text: str
    encoding: str
    replaced: int = 0
    controls_removed: int = 0


def _binary(name: str) -> HelpersError:
    return HelpersError(f"{name}: binary file, not text; remove it or export the article as plain text")


def _few(count: int, length: int) -> bool:
    """A few strays, not the make-up of a binary file: at most one in a hundred (at least three allowed)."""
    return count <= max(3, length // 100)


def detect_encoding(raw: bytes, name: str = "<bytes>") -> str:
    """Name the encoding of ``raw``.

    Parameters
    ----------
    raw : bytes
        The file's bytes.
    name : str
        File name used in error messages.

    Returns
    -------
    str
        A codec name Python can decode with.

    Raises
    ------
    HelpersError
        If the bytes are empty, binary or in no encoding the library recognises.
    """
    if not raw.strip():
        raise HelpersError(f"{name}: file is empty; remove it or put the article text in it")
    if raw.startswith(_BINARY_SIGNATURES):
        raise _binary(name)
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding
    if b"\x00" in raw:
        # NUL bytes without a UTF-16/32 BOM: BOM-less UTF-16, a binary file, or text with a few strays
        # (decode_bytes removes them); the strays are left out of the guess.
        few = _few(raw.count(b"\x00"), len(raw))
        if few and _is_utf8(raw.replace(b"\x00", b"")):
            return "utf-8"
        result = charset_normalizer.from_bytes(raw).best()
        if result is not None and result.encoding.startswith("utf_16"):
            return _utf16_byte_order(raw)
        if not few:
            raise _binary(name)
        raw = raw.replace(b"\x00", b"")
    if _is_utf8(raw):
        return "utf-8"
    result = charset_normalizer.from_bytes(raw).best()
    if result is None:
        raise HelpersError(
            f"{name}: cannot tell the text encoding; re-save it as UTF-8 (or GB18030, Big5, UTF-16)"
        )
    return result.encoding.replace("_", "-").lower()


def _is_utf8(raw: bytes) -> bool:
    """Valid UTF-8, or UTF-8 with a few damaged bytes (see :func:`_nearly_utf8`)."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return _nearly_utf8(raw)
    return True


def _nearly_utf8(raw: bytes) -> bool:
    """UTF-8 with a few damaged bytes (a cut-off download, one stray byte), not a legacy code page."""
    text = raw.decode("utf-8", errors="replace")
    damaged = text.count("\ufffd")
    return damaged <= max(3, len(text) // 1000) and len(HAN_CHAR.findall(text)) >= 10 * damaged


def _utf16_byte_order(raw: bytes) -> str:
    """Little or big endian for BOM-less UTF-16: whichever decodes to more Chinese."""
    best, best_score = "utf-16-le", -1
    for codec in ("utf-16-le", "utf-16-be"):
        text = raw[: len(raw) // 2 * 2].decode(codec, errors="replace")
        score = len(HAN_CHAR.findall(text)) + text.count("\n") - 10 * text.count("\ufffd")
        if score > best_score:
            best, best_score = codec, score
    return best


def decode_bytes(raw: bytes, name: str = "<bytes>") -> DecodedText:
    """Decode an article's bytes: detect the encoding, drop the BOM, unify line ends.

    Parameters
    ----------
    raw : bytes
        The file's bytes.
    name : str
        File name used in error messages.

    Returns
    -------
    DecodedText
        Text and the detected encoding name.

    Raises
    ------
    HelpersError
        If the file is empty, binary, undecodable, or holds no Chinese text.
    """
    encoding = detect_encoding(raw, name)
    codec = _SUPERSET.get(encoding, encoding)
    try:
        text = raw.decode(codec, errors="replace" if encoding == "utf-8" else "strict")
    except (UnicodeDecodeError, LookupError) as exc:
        raise HelpersError(f"{name}: not valid {encoding} ({exc.__class__.__name__}); re-save it as UTF-8") from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROL.findall(text))
    if not _few(controls, len(text)):
        raise _binary(name)
    text = _CONTROL.sub("", text) if controls else text
    if not text.strip():
        raise HelpersError(f"{name}: file is empty; remove it or put the article text in it")
    if not has_han(text, 10):
        raise HelpersError(
            f"{name}: no Chinese text found (read as {encoding}); this corpus holds Chinese articles only"
        )
    return DecodedText(text=text, encoding=encoding, replaced=text.count("\ufffd") if encoding == "utf-8" else 0,
                       controls_removed=controls)


def read_text(path: str | Path) -> DecodedText:
    """Read an article file and return its text and encoding.

    Parameters
    ----------
    path : str or Path
        The file to read.

    Returns
    -------
    DecodedText
        Text with ``\\n`` line ends and the detected encoding name.

    Raises
    ------
    HelpersError
        If the file cannot be read, or is empty, binary, undecodable or not Chinese.
    """
    path = Path(path)
    return decode_bytes(read_bytes(path), path.name)


def read_bytes(path: str | Path) -> bytes:
    """The bytes of an article file, or a one-line error naming it (no permission, a folder, gone).

    Raises
    ------
    HelpersError
        ``"{name}: cannot read it ({reason}); ..."`` for any error of the operating system.
    """
    path = Path(path)
    try:
        return path.read_bytes()
    except OSError as exc:
        raise HelpersError(f"{path.name}: cannot read it ({exc.strerror or exc.__class__.__name__}); "
                           "make the file readable (chmod a+r) or remove it") from None
