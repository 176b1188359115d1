"""The one exception type for errors a user can cause."""

from __future__ import annotations

import re


class HelpersError(Exception):
    """A problem in the user's input (a file, a parameter, a data file).

    The message is one line a person can act on: it names the file or value,
    the reason and, where there is one, the fix.  The CLI prints it without a
    traceback; tracebacks are reserved for bugs.
    """


class DamagedFileWarning(UserWarning):
    """A cache or build-state file could not be used (truncated, garbled, the wrong shape) and is rebuilt.

    The message is one line: the file and the reason.  Nothing is lost: the
    file only saved time.  The CLI shows it as ``warning: ...``.
    """


def one_line(exc: BaseException) -> str:
    """An exception as one line of at most 500 characters (a kernel's ``ename: evalue``, colour codes gone)."""
    ename = getattr(exc, "ename", None)
    evalue = getattr(exc, "evalue", None)
    if ename:
        text = f"{ename}: {evalue}"
    else:
        text = f"{type(exc).__name__}: {exc}"
    text = re.sub(r"\x1b\[[0-9;]*m", "", text)
    return " ".join(text.split())[:500]
