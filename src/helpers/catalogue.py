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
from typing import Any, TypedDict

from pydantic import ConfigDict, RootModel, model_validator

from helpers import paths, schema
from helpers.errors import HelpersError
from helpers.langs import check_lang

CATALOGUE_FILE = "catalogue.yaml"
#: The group of analysts' wordings of stored messages (see :func:`render`).
ANALYST = "analyst"


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


def render(item: Message | str, lang: str, *, analyst: bool = False) -> str:
    """A stored message in ``lang`` (a plain string, from elsewhere, is shown as it is).

    Reader pages show a message in plain words; the command line passes
    ``analyst=True`` for the wording that names the file to check or edit
    (``analyst.<code>``, where the catalogue has one).
    """
    if isinstance(item, str):
        return item
    code = item["code"]
    if analyst and f"{ANALYST}.{code}" in _catalogue():
        code = f"{ANALYST}.{code}"
    return text(code, lang, **item["fields"])


def keys() -> list[str]:
    """Every key of the catalogue, sorted."""
    return sorted(_catalogue())


def _entry(key: str) -> dict:
    try:
        return _catalogue()[key]
    except KeyError:
        raise HelpersError(f"unknown text {key!r}; add it to {CATALOGUE_FILE}") from None


class CatalogueNode(schema.Section):
    """An entry (``zh``, ``en``, optionally ``terms``) or a group: a mapping of names to entries or groups."""

    # A group's names are its extra keys, each validated as a node in turn.
    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, CatalogueNode]

    zh: str | None = None
    en: str | None = None
    terms: list[str] | None = None

    @property
    def is_entry(self) -> bool:
        return bool({"zh", "en"} & self.model_fields_set)

    @model_validator(mode="before")
    @classmethod
    def _entry_keys(cls, data: Any) -> Any:
        # Checked before the values: in an entry, a stray key is a typo, not a group.
        if isinstance(data, dict) and ("zh" in data or "en" in data):
            for key in data:
                if key not in ("zh", "en", "terms"):
                    raise schema.fail(f"unknown key {key!r}", "remove it; an entry has zh, en and optionally terms",
                                      (key,))
        return data

    @model_validator(mode="after")
    def _complete(self) -> CatalogueNode:
        if not self.is_entry:
            if "terms" in self.model_fields_set:
                raise schema.fail("terms belongs to an entry, which needs zh and en", "add zh and en", ("terms",))
            if not self.__pydantic_extra__:
                raise schema.fail("{key} is an empty group", "add entries (zh: ..., en: ...) or remove it")
            return self
        for lang in ("zh", "en"):
            text = getattr(self, lang)
            if lang not in self.model_fields_set:
                raise schema.fail(f"{{key}} lacks {lang}", f"add '{lang}:' with the text")
            if not text:
                raise schema.fail("{key} must be non-empty text", "write the text", (lang,))
            try:
                _fields(text)
            except ValueError as exc:
                raise schema.fail(f"{{key}} is not a valid template ({exc})", "write {{ and }} for literal braces",
                                  (lang,)) from None
        return self


class CatalogueFile(RootModel[dict[str, CatalogueNode]]):
    """The schema of ``data/catalogue.yaml``: groups of entries; see ``data/defaults.yaml``."""

    model_config = ConfigDict(strict=True, defer_build=True)


@functools.lru_cache(maxsize=1)
def _catalogue() -> dict[str, dict]:
    """The catalogue as ``{"group.name": {"zh": ..., "en": ..., "terms": [...]}}``, validated."""
    flat: dict[str, dict] = {}

    def flatten(nodes: dict[str, CatalogueNode], prefix: str) -> None:
        for name, node in nodes.items():
            if node.is_entry:
                flat[prefix + name] = node.model_dump(exclude_unset=True)
            else:
                flatten(node.__pydantic_extra__, f"{prefix}{name}.")

    flatten(schema.load(paths.data_file(CATALOGUE_FILE), CatalogueFile).root, "")
    return flat


def _fields(template: str) -> set[str]:
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(template) if name}
