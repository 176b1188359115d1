"""Part-of-speech tags of the project's tokens, from jieba's own tagger (``jieba.posseg``).

The tagger wraps the project's tokenizer instance (never jieba's global one),
so the user dictionary's words and tags and the codebook's terms are the
ones it knows.  A token gets the tag jieba's tagger gives it:

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


@functools.lru_cache(maxsize=4)
def pos_tokenizer(tokenizer: jieba.Tokenizer) -> POSTokenizer:
    """A ``jieba.posseg.POSTokenizer`` of its own around ``tokenizer`` (one per tokenizer, kept for the process)."""
    from jieba.posseg import POSTokenizer

    class ProjectPOSTokenizer(POSTokenizer):
        def makesure_userdict_loaded(self) -> None:
            # jieba's version moves the user words' tags out of the tokenizer (it empties the
            # tokenizer's table); the project's tokenizer is shared, so they are copied instead.
            self.word_tag_tab.update(self.tokenizer.user_word_tag_tab)

    tagger = ProjectPOSTokenizer(tokenizer)
    tagger.makesure_userdict_loaded()
    return tagger


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
