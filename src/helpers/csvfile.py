"""CSV as this project writes it: UTF-8 with a byte-order mark, so Excel shows the Chinese.

Excel on Windows reads a CSV file in the machine's ANSI code page unless the
file starts with the UTF-8 byte-order mark (``EF BB BF``); without it every
Chinese character comes out garbled.  So every CSV helpers writes -- the
command line's ``--format csv`` and the tables a report offers for download --
starts with the mark.  pandas reads such a file as it is (``pd.read_csv``);
Python's ``csv`` module wants ``encoding="utf-8-sig"``.

On a terminal (stdout not redirected) the mark is left out: a person reads
the text there, and no spreadsheet does; so it is for a text stream inside
Python (``redirect_stdout``), which has no bytes to mark.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:  # pandas is imported by the callers, not by `python -m helpers --help`
    import pandas as pd

#: The UTF-8 byte-order mark every CSV file of the project starts with.
BOM = b"\xef\xbb\xbf"
#: The encoding name that writes (and, reading, drops) the mark.
ENCODING = "utf-8-sig"
#: What the command line's help says of ``--format csv``.
CSV_NOTE = "csv is UTF-8 with a byte-order mark, so that Excel reads the Chinese (left out on a terminal)"


def csv_text(frame: pd.DataFrame, **options) -> str:
    """``frame`` as CSV text: no index, one ``\\n`` per row; ``options`` go to ``DataFrame.to_csv``."""
    return frame.to_csv(index=False, lineterminator="\n", **options)


def csv_bytes(frame: pd.DataFrame, **options) -> bytes:
    """``frame`` as the bytes of a CSV file: the byte-order mark, then UTF-8 (:func:`csv_text`)."""
    return BOM + csv_text(frame, **options).encode("utf-8")


def write_csv_batches(frames: Iterable[pd.DataFrame], **options) -> None:
    """Write the tables of ``frames`` to standard output as one CSV: one mark and one header, at the start."""
    for number, frame in enumerate(frames):
        write_csv(frame, mark=number == 0, header=number == 0, **options)


def write_csv(frame: pd.DataFrame, target: Path | BinaryIO | None = None, *, mark: bool = True,
              **options) -> None:
    """Write ``frame`` as CSV to a file, a binary stream, or standard output (``target`` None).

    Standard output gets the byte-order mark (unless ``mark`` is false: a later batch
    of one table) unless it is a terminal, or a
    text stream with no bytes beneath it (``contextlib.redirect_stdout`` to a
    ``StringIO``), which receives the text: the mark belongs to a file's bytes.
    """
    if isinstance(target, str | Path):
        Path(target).write_bytes(csv_bytes(frame, **options))
        return
    if target is None:
        sys.stdout.flush()  # anything printed before goes first
        stream = getattr(sys.stdout, "buffer", None)
        if stream is None:
            sys.stdout.write(csv_text(frame, **options))
            return
        data = csv_text(frame, **options).encode("utf-8")
        if mark and not sys.stdout.isatty():
            data = BOM + data
    else:
        stream, data = target, csv_bytes(frame, **options)
    stream.write(data)
    stream.flush()
