"""Part-of-speech tags of the project's tokens, from jieba's own tagger (``jieba.posseg``).

The tagger wraps the project's tokenizer instance (never jieba's global one),
so the user dictionary's words and tags and the codebook's terms are the
ones it knows.  :func:`tag` tags running text (the timeline's event labels look for
a verb); :func:`word_tags` tags tokens the vocabulary has already cut.  A token gets the tag jieba's tagger gives it:

* a word the tokenizer's dictionary lists: its tag there (jieba's
  ``dict.txt``, or the user dictionary's), ``x`` if it has none (the
  codebook's terms are added untagged); jieba tags such words from the
  dictionary alone, whatever the context, so tagging the word by itself
  gives the same tag as tagging its sentence;
* a word the dictionary lacks (found by jieba's HMM: names such as 刘征,
  new words): the tag of jieba's POS HMM for the word by itself, ``x`` when
  the tagger would cut it into more than one piece.

Tags follow jieba's letters (ICTCLAS): ``ns`` place name, ``nr``/``nrfg``/``nrt``
person name, ``m`` numeral, ``n`` noun, ``v`` verb ...  They are the
tagger's guesses, not checked facts; :mod:`helpers.text.words` says how far
they are trusted.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import jieba
    from jieba.posseg import POSTokenizer

UNTAGGED = "x"


#: Tags of verbs (``vn``, a verb used as a noun, is not among them).
VERB_TAGS = frozenset({"v", "vd", "vi", "vg", "vq", "vf", "vx"})


def pos_tokenizer(tokenizer: jieba.Tokenizer | None = None) -> POSTokenizer:
    """A ``jieba.posseg.POSTokenizer`` of its own around ``tokenizer`` (default: the project's; one per tokenizer)."""
    from helpers.text.segment import get_tokenizer

    return _wrapped(tokenizer or get_tokenizer())


@functools.lru_cache(maxsize=4)
def _wrapped(tokenizer: jieba.Tokenizer) -> POSTokenizer:
    from jieba.posseg import POSTokenizer

    class ProjectPOSTokenizer(POSTokenizer):
        def makesure_userdict_loaded(self) -> None:
            # jieba's version moves the user words' tags out of the tokenizer (it empties the
            # tokenizer's table); the project's tokenizer is shared, so they are copied instead.
            self.word_tag_tab.update(self.tokenizer.user_word_tag_tab)

    tagger = ProjectPOSTokenizer(tokenizer)
    tagger.makesure_userdict_loaded()
    return tagger


def tag(text: str, tokenizer: jieba.Tokenizer | None = None) -> list[tuple[str, str]]:
    """The words of a running ``text`` (Simplified Chinese) with their tags, in order (whitespace kept as ``x``).

    Unlike :func:`word_tags`, words the dictionary lacks are tagged in their context by jieba's HMM.
    """
    return list(_tagged(text, pos_tokenizer(tokenizer)))


@functools.lru_cache(maxsize=4096)
def _tagged(text: str, tagger: POSTokenizer) -> tuple[tuple[str, str], ...]:
    # posseg's HMM for words the dictionary lacks costs milliseconds a clause; clauses recur
    # (several dates in one sentence, a label trying the clause after it).
    return tuple((pair.word, pair.flag) for pair in tagger.cut(text))


def has_verb(text: str, tokenizer: jieba.Tokenizer | None = None) -> bool:
    """Whether ``text`` holds a word tagged as a verb (:data:`VERB_TAGS`)."""
    return any(flag in VERB_TAGS for _, flag in tag(text, tokenizer))


def word_tags(words: Iterable[str], tokenizer: jieba.Tokenizer) -> dict[str, str]:
    """Each distinct word of ``words`` → its jieba part-of-speech tag (see the module docstring).

    Parameters
    ----------
    words
        Tokens, e.g. the ``token`` column of :func:`helpers.text.segment.corpus_tokens`.
    tokenizer
        The tokenizer that cut them (:func:`helpers.text.segment.get_tokenizer` with the same extra words).
    """
    tagger = pos_tokenizer(tokenizer)
    table = tagger.word_tag_tab
    tokenizer.check_initialized()
    listed = tokenizer.FREQ
    tags: dict[str, str] = {}
    for word in dict.fromkeys(map(str, words)):
        if listed.get(word):
            tags[word] = table.get(word, UNTAGGED)
        else:
            pieces = tagger.lcut(word)
            tags[word] = pieces[0].flag if len(pieces) == 1 else UNTAGGED
    return tags
