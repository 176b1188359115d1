"""Checks of the notebooks' parameters that are neither cities (helpers.corpus.cities) nor languages (helpers.langs)."""

from __future__ import annotations

from helpers.errors import HelpersError


def check_count(value: object, name: str, minimum: int = 1) -> int:
    """``value`` if it is a whole number of at least ``minimum``; else a one-line error naming the parameter."""
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise HelpersError(f"{name} must be a whole number of at least {minimum}, not {value!r}; "
                           f"fix: pass e.g. -p {name} {max(minimum, 10)}")
    return value
