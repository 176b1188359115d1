"""Chinese words and names on English pages: each with its pinyin and an English gloss (:mod:`helpers.text.gloss`).

Chinese pages show the Chinese as it is; every function here returns plain
text (tables escape it) and leaves Chinese untouched for ``lang="zh"``.
Quotes stay as written: a reader of English gets the glossed matched term
beside them instead (:func:`term_columns`).
"""

from __future__ import annotations

from collections.abc import Iterable

from helpers.catalogue import text
from helpers.langs import check_lang
from helpers.script import has_han
from helpers.text.gloss import gloss, key_words, name_gloss

#: The name kinds of :func:`helpers.text.gloss.name_gloss`, by the reason a word is left out of the vocabulary.
NAME_KINDS = {"place": "place", "place_part": "place", "person": "person"}


def word_columns(words: Iterable[str], lang: str) -> dict[str, list[str]]:
    """The columns an English table adds beside a column of Chinese ``words``: ``pinyin`` and ``english``.

    Empty for Chinese pages.  Every Chinese word gets a non-empty English gloss
    (:func:`helpers.text.gloss.gloss` falls back to its pieces, then to pinyin).
    """
    if check_lang(lang) == "zh":
        return {}
    found = [gloss(str(word)) for word in words]
    return {"pinyin": [g.pinyin for g in found], "english": [g.english for g in found]}


def gloss_after(word: str, lang: str, kind: str | None = None) -> str:
    """What follows ``word`` on an English page, " (shèqū, community)"; "" on Chinese pages and for non-Chinese text.

    ``kind`` (``"person"`` or ``"place"``) glosses a name as a name (Liu Haojun,
    not the senses of its characters).
    """
    if check_lang(lang) == "zh" or not has_han(str(word), 1):
        return ""
    found = name_gloss(str(word), kind) if kind else gloss(str(word))
    return str(found)[len(found.word):]


def glossed(word: str, lang: str, kind: str | None = None) -> str:
    """``word`` as an English page shows it, "社区 (shèqū, community)"; as it is on Chinese pages."""
    return f"{word}{gloss_after(word, lang, kind)}"


def glossed_list(words: Iterable[str], lang: str, kind: str | None = None) -> str:
    """Words in a table cell: 社区、疫情 in Chinese; "社区 (shèqū, community); 疫情 (…)" in English."""
    return text("table.word_separator", lang).join(glossed(word, lang, kind) for word in words)


def clause_gloss(clause: object, lang: str) -> str:
    """The content words of a Chinese clause (an event's label, a title), each glossed, for English pages.

    "社区 (shèqū, community); 核酸检测 (hésuān jiǎncè, nucleic-acid (PCR) test)";
    "" on Chinese pages and for a clause without Chinese.
    """
    if check_lang(lang) == "zh" or not has_han(str(clause or ""), 1):
        return ""
    return text("table.word_separator", lang).join(str(g) for g in key_words(str(clause)))


def term_columns(terms: Iterable[str], lang: str) -> dict[str, list[str]]:
    """The column an English quote table adds beside the matched term: the term's pinyin and English."""
    if check_lang(lang) == "zh":
        return {}
    found = [gloss(str(term)) for term in terms]
    return {"term_english": [", ".join(part for part in (g.pinyin, g.english) if part) for g in found]}


def english_title(title: object, title_en: object, lang: str) -> str:
    """An article's title for English readers: ``title_en`` of the metadata where given, else a gloss of its key words.

    "" on Chinese pages and when there is no title.
    """
    if check_lang(lang) == "zh":
        return ""
    if isinstance(title_en, str) and title_en.strip():
        return title_en.strip()
    key = clause_gloss(title if isinstance(title, str) else "", lang)
    return text("table.title_gloss", lang, words=key) if key else ""
