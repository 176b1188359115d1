"""The languages reports are built in, and the one check of a language value."""

from __future__ import annotations

from helpers.errors import HelpersError

#: The languages reports are built in, in build order.
LANGS: tuple[str, ...] = ("zh", "en")


def check_lang(lang: str) -> str:
    """Return ``lang`` if reports are built in it, else raise HelpersError listing the valid values."""
    if lang not in LANGS:
        raise HelpersError(f"unknown language {lang!r}; use one of {', '.join(LANGS)}")
    return lang


def parse_langs(value: str) -> tuple[str, ...]:
    """``zh``, ``en`` or ``all`` (a command-line value) as the languages it names."""
    if value == "all":
        return LANGS
    if value in LANGS:
        return (value,)
    raise HelpersError(f"unknown language {value!r}: use one of {', '.join(LANGS)}, all")
