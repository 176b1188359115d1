"""The pieces the methods report is built of: headings with stable anchors, paragraphs, lists, Chinese words.

Every string is escaped by :func:`helpers.report.markup.html_text`; structure
is added around it.  A heading's ``id`` is the anchor other reports link to
(``05_methods.html#measure-quarantine``), so it never depends on the heading's
text or language.  On English pages a Chinese word carries its pinyin and an
English gloss (:mod:`helpers.text.gloss`); Chinese pages show it as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from helpers.catalogue import text
from helpers.langs import check_lang
from helpers.report.markup import html_text
from helpers.text.gloss import gloss

# Chinese punctuation that needs no space after it.
_CLOSED = ("：", "（", "，", "；", "、", "。")


def heading(level: int, anchor: str, title: str) -> str:
    """``<h2 id="anchor">title</h2>``: the report's table of contents lists levels 2 and 3."""
    return f'<h{level} id="{html_text(anchor)}">{html_text(title)}</h{level}>'


def para(*parts: str) -> str:
    """A paragraph of HTML parts (each already escaped or built here)."""
    return f"<p>{''.join(parts)}</p>"


def say(key: str, lang: str, /, **fields: object) -> str:
    """A catalogue text, escaped, as a paragraph."""
    return para(html_text(text(key, lang, **fields)))


def bullets(items: Iterable[str]) -> str:
    """A list of HTML items (``""`` when there are none)."""
    rows = "".join(f"<li>{item}</li>" for item in items)
    return f"<ul>{rows}</ul>" if rows else ""


def then(lead: str, body: str) -> str:
    """HTML ``lead`` followed by ``body``: a space between them, none after Chinese punctuation (定义：…)."""
    return lead + body if lead.endswith(_CLOSED) or not body else f"{lead} {body}"


def labelled(label: str, body: str) -> str:
    """``<strong>label</strong> body`` for a paragraph or list item (``label`` plain text, ``body`` HTML)."""
    lead = f"<strong>{html_text(label)}</strong>"
    return lead + body if label.endswith(_CLOSED) or not body else f"{lead} {body}"


def folded(summary: str, body: str) -> str:
    """A section a reader opens when wanted (long lists of terms)."""
    return f"<details><summary>{html_text(summary)}</summary>{body}</details>"


def chinese(word: str, lang: str) -> str:
    """A Chinese word: as it is on Chinese pages; with pinyin and English on English pages."""
    if check_lang(lang) == "zh":
        return html_text(word)
    found = gloss(word)
    inside = ", ".join(part for part in (f"<i>{html_text(found.pinyin)}</i>" if found.pinyin else "",
                                         html_text(found.english)) if part)
    shown = f'<span lang="zh">{html_text(word)}</span>'
    return f"{shown} ({inside})" if inside else shown


def chinese_words(words: Iterable[str], lang: str) -> str:
    """Chinese words as a list in running text: 、 between them in Chinese, ``;`` between glossed words in English."""
    return html_text(text("methods.word_separator", lang)).join(chinese(word, lang) for word in words)


def quoted(sentence: str) -> str:
    """A Chinese sentence quoted as written (marked as Chinese for the browser and screen readers)."""
    return f'<span lang="zh">{html_text(sentence)}</span>'
