"""The text catalogue: every string a reader sees, in Chinese and English (``data/catalogue.yaml``).

:func:`text` looks a string up by key and fills in its fields.  Messages that
are stored with the data (an article's warnings) are kept as a code plus
fields (:class:`Message`, a plain dict, so it goes into caches and tables as
it is) and rendered in the reader's language by :func:`render`, once, where
they are shown.
"""

from __future__ import annotations

import functools
import string
from typing import TypedDict

from helpers import paths
from helpers.errors import HelpersError
from helpers.langs import check_lang
from helpers.schema import read_yaml

CATALOGUE_FILE = "catalogue.yaml"
_ENTRY_KEYS = {"zh", "en", "terms"}


class Message(TypedDict):
    """A message kept with the data: the catalogue key of its template and the values of its fields."""

    code: str
    fields: dict[str, object]


def message(code: str, /, **fields: object) -> Message:
    """A :class:`Message` for the template ``code`` (a key of the catalogue), checked to exist."""
    _entry(code)
    return {"code": code, "fields": fields}


def text(key: str, lang: str, /, **fields: object) -> str:
    """The string ``key`` (``"group.name"``) in ``lang``, with ``fields`` filled into its template."""
    check_lang(lang)
    entry = _entry(key)
    values = dict(fields)
    for name in entry.get("terms", ()):
        if name in values:
            values[name] = text(f"term.{values[name]}", lang)
    template = entry[lang]
    return template.format(**values) if values else template


def render(item: Message | str, lang: str) -> str:
    """A stored message in ``lang`` (a plain string, from elsewhere, is shown as it is)."""
    if isinstance(item, str):
        return item
    return text(item["code"], lang, **item["fields"])


def keys() -> list[str]:
    """Every key of the catalogue, sorted."""
    return sorted(_catalogue())


def _entry(key: str) -> dict:
    try:
        return _catalogue()[key]
    except KeyError:
        raise HelpersError(f"unknown text {key!r}; add it to {CATALOGUE_FILE}") from None


@functools.lru_cache(maxsize=1)
def _catalogue() -> dict[str, dict]:
    """The catalogue as ``{"group.name": {"zh": ..., "en": ..., "terms": [...]}}``, validated."""
    path = paths.data_file(CATALOGUE_FILE)
    data, lines = read_yaml(path)
    flat: dict[str, dict] = {}

    def walk(node: object, prefix: tuple) -> None:
        where = f"{path.name}, line {lines.get(prefix, 1)}"
        if not isinstance(node, dict) or not node:
            raise HelpersError(f"{where}: {'.'.join(prefix) or 'the file'} must be a mapping; see the header")
        if "zh" in node or "en" in node:
            unknown = set(node) - _ENTRY_KEYS
            if unknown or not {"zh", "en"} <= set(node):
                raise HelpersError(f"{where}: {'.'.join(prefix)} needs exactly zh, en and optionally terms")
            if not all(isinstance(node[lang], str) and node[lang] for lang in ("zh", "en")):
                raise HelpersError(f"{where}: {'.'.join(prefix)}: zh and en must be non-empty text")
            for lang in ("zh", "en"):
                try:
                    _fields(node[lang])
                except ValueError as exc:
                    raise HelpersError(f"{where}: {'.'.join(prefix)}: {lang} is not a valid template ({exc}); "
                                       "write {{ and }} for literal braces") from None
            flat[".".join(prefix)] = node
            return
        for name, child in node.items():
            walk(child, (*prefix, str(name)))

    walk(data, ())
    return flat


def _fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}
