"""Parts of speech: ``jieba.posseg`` over the project's own tokenizer instance.

jieba's ``posseg`` module comes with a ``POSTokenizer`` around jieba's global
tokenizer; this module never uses it.  :func:`pos_tokenizer` wraps the
project's tokenizer (:func:`helpers.text.segment.get_tokenizer`, with its user
dictionary) in a ``POSTokenizer`` of its own, so words stay whole as the rest
of the analysis cuts them, and tags them with jieba's letters (``n`` noun,
``v`` verb, ``vn`` verbal noun, ``p`` preposition, ``d`` adverb, ``uj`` 的,
``ul`` 了, ``uz`` 着, ``uv`` 地 ...).  Words of the user dictionary without a tag
are ``x``.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba

#: Tags of verbs (``vn``, a verb used as a noun, is not among them).
VERB_TAGS = frozenset({"v", "vd", "vi", "vg", "vq", "vf", "vx"})


def _pos_class():
    from jieba.posseg import POSTokenizer

    class ProjectPOSTokenizer(POSTokenizer):
        """A ``POSTokenizer`` that reads the user dictionary's tags without taking them away.

        jieba's own moves the tags out of the tokenizer it wraps on first use, so a second
        wrapper around the same (shared) tokenizer would never see them.
        """

        def makesure_userdict_loaded(self):
            if self.tokenizer.user_word_tag_tab:
                self.word_tag_tab.update(self.tokenizer.user_word_tag_tab)

    return ProjectPOSTokenizer


@functools.lru_cache(maxsize=4)
def _wrapped(tokenizer: jieba.Tokenizer):
    return _pos_class()(tokenizer)


def pos_tokenizer(tokenizer: jieba.Tokenizer | None = None):
    """A ``jieba.posseg.POSTokenizer`` around ``tokenizer`` (default: the project's), made once per tokenizer."""
    from helpers.text.segment import get_tokenizer

    return _wrapped(tokenizer or get_tokenizer())


def tag(text: str, tokenizer: jieba.Tokenizer | None = None) -> list[tuple[str, str]]:
    """The words of ``text`` with their part-of-speech tags, in order (whitespace kept as ``x``).

    Parameters
    ----------
    text : str
        Simplified Chinese.
    tokenizer : jieba.Tokenizer, optional
        Default: :func:`helpers.text.segment.get_tokenizer` ``()``.
    """
    return list(_tagged(text, pos_tokenizer(tokenizer)))


@functools.lru_cache(maxsize=4096)
def _tagged(text: str, tagger) -> tuple[tuple[str, str], ...]:
    # posseg's HMM for words the dictionary lacks costs milliseconds a clause; clauses recur
    # (several dates in one sentence, a label trying the clause after it).
    return tuple((pair.word, pair.flag) for pair in tagger.cut(text))


def has_verb(text: str, tokenizer: jieba.Tokenizer | None = None) -> bool:
    """Whether ``text`` holds a word tagged as a verb (:data:`VERB_TAGS`)."""
    return any(flag in VERB_TAGS for _, flag in tag(text, tokenizer))
