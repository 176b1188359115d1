"""What encoding is this file, and what text does it hold?

Newsrooms and scrapers save articles as UTF-8 (with or without a BOM),
GB18030/GBK, Big5 or UTF-16, with Unix or Windows line ends.  A byte-order
mark decides when there is one; otherwise strict UTF-8 is tried (valid
multi-byte UTF-8 is practically never an accident), and only then is the
guess left to charset-normalizer.  Every problem a user can cause raises
:class:`~helpers.errors.HelpersError` with the file name and the reason, so
the corpus can skip that file with one line and carry on.
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

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


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
    """

    text: str
    encoding: str
    replaced: int = 0


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
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return encoding
    if b"\x00" in raw:
        # NUL bytes without a UTF-16/32 BOM: an image, archive or office file.
        result = charset_normalizer.from_bytes(raw).best()
        if result is None or not result.encoding.startswith("utf_16"):
            raise HelpersError(f"{name}: binary file, not text; remove it or export the article as plain text")
        return _utf16_byte_order(raw)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    if _nearly_utf8(raw):
        return "utf-8"
    result = charset_normalizer.from_bytes(raw).best()
    if result is None:
        raise HelpersError(
            f"{name}: cannot tell the text encoding; re-save it as UTF-8 (or GB18030, Big5, UTF-16)"
        )
    return result.encoding.replace("_", "-").lower()


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
    if len(_CONTROL.findall(text)) > max(3, len(text) // 100):
        raise HelpersError(f"{name}: binary file, not text; remove it or export the article as plain text")
    if not text.strip():
        raise HelpersError(f"{name}: file is empty; remove it or put the article text in it")
    if not has_han(text, 10):
        raise HelpersError(
            f"{name}: no Chinese text found (read as {encoding}); this corpus holds Chinese articles only"
        )
    return DecodedText(text=text, encoding=encoding, replaced=text.count("\ufffd") if encoding == "utf-8" else 0)


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
