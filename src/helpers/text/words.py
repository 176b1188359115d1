"""What counts as a word: the one filter for every list of words a reader sees.

Frequencies, keyness, the vocabulary tables, bars and word clouds all keep
the same words, those :class:`WordFilter` keeps: two or more Han characters
and none of

* ``numeral``: digits, Chinese numerals, ordinals and a numeral with its
  measure word (2022, 十二, 第一, 一份, 两个, 24小时, 数十册), :func:`is_numeral`;
* ``stopword``: a word of :func:`load_stopwords` (the maintained Chinese list
  of ``stopwordsiso`` plus ``data/stopwords.txt``);
* ``place``: a place name of the gazetteer (every city, county and district
  of China, the provinces, the file's places; 北京, 洮北区, 北大地) or a
  word jieba tags ``ns``; ``place_part``: a word inside a place name of
  the gazetteer in the text (北大 in 北大地, 街道 in 五里店街道);
* ``person``: a word of two or three characters jieba tags as a person's
  name (``nr``, ``nrfg``, ``nrt``): 刘征, 赵晨娟, 习近平, 王大爷.

Tokens that are not Chinese at all (punctuation, Latin) are ``not_chinese``;
single characters (防, 新, 驻: mostly fragments or function words) are
``single_character``.

jieba's name tags are guesses (:mod:`helpers.text.postags`).  Its dictionary
tags some common words as names (城市, 上门 and 东西 as places; 康复, 杜绝 and
谢谢 as persons), so a tag ``ns``/``nr`` is trusted only for a word the
general word list (:mod:`helpers.text.reference`) has below
:data:`COMMON_PER_MILLION` per million words: a name used that often in
general Chinese is a large place, which the gazetteer lists, or a very famous
person.  Names jieba finds itself (words its dictionary lacks: 刘征, 宛平) are
rare by definition and their tags are trusted.  The words left out, with the
reason, are :func:`word_table`'s ``left_out`` column, for listing separately.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.errors import HelpersError
from helpers.schema import read_lines
from helpers.script import is_han_word

#: Why a token is left out, in the order the rules are tried.
REASONS = ("not_chinese", "single_character", "numeral", "stopword", "place", "person", "place_part")
#: Shortest word shown to readers; single characters are mostly fragments or function words (防, 新).
MIN_SHOWN_LENGTH = 2
#: A word jieba tags as a name is trusted to be one only below this frequency in general Chinese.
COMMON_PER_MILLION = 1.0

_DIGITS = re.compile(r"^(?=.*[0-9０-９])[0-9０-９.,，．:：/%％+\-]+$")
_NUMERAL = "[0-9０-９零〇一二三四五六七八九十百千万亿两]"
# Measure words (量词) a numeral may carry; two-character ones first so they win.  Left out on
# purpose: 线 (一线, the front line), 起 (一起, together), 样 (一样), 致 (一致), 方 (第三方).
_MEASURES = ("公里|千米|平方米|小时|分钟|个|位|名|人|份|张|天|年|月|日|周|次|回|遍|项|本|册|户|家|辆|道|米"
             "|批|场|座|句|封|轮|栋|幢|层|号|件|些|类|种|支|所|间|片|套|台|口|元|块|岁|届|期|页|处|头|只"
             "|例|组|队|根|盒|瓶|袋|箱|斤|吨|条|点|分|秒|时|里|成|倍")
_NUMERAL_WORD = re.compile(
    rf"^(?:第?{_NUMERAL}+(?:[.．]{_NUMERAL}+)?[多余几]?|[几数多半]{_NUMERAL}*)(?:{_MEASURES}){{0,2}}[%％]?$"
)
_PLACE_TAG = "ns"
_PERSON_TAG = "nr"  # nr, nrfg (full name), nrt (transliterated)
# A Chinese name is a surname and one or two characters (刘征, 赵晨娟, 田大爷); jieba's dictionary
# also tags four-character phrases nr (尤为重要, 严格执行, 宣传教育), which are not names.
_LONGEST_NAME = 3


# --------------------------------------------------------------------------- stopwords


def maintained_stopwords() -> frozenset[str]:
    """The Chinese stopwords of the ``stopwordsiso`` package (Stopwords ISO, MIT licence; 794 words)."""
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords("zh"))


def load_stopword_additions(path: str | Path | None = None) -> frozenset[str]:
    """The project's additions to the maintained list (``data/stopwords.txt``), Latin entries lower-cased.

    Raises
    ------
    HelpersError
        Naming the file and line of an entry holding a space.
    """
    path = Path(path) if path is not None else paths.data_file("stopwords.txt")
    return _load_additions_cached(str(path), path.stat().st_mtime_ns if path.exists() else 0)


@functools.lru_cache(maxsize=4)
def _load_additions_cached(path: str, _mtime: int) -> frozenset[str]:
    words = set()
    for number, line in read_lines(Path(path)):
        if any(ch.isspace() for ch in line):
            raise HelpersError(f"{Path(path).name}, line {number}: one word per line, {line!r} has a space; "
                               "fix: put each word on a line of its own")
        words.add(line.lower())
    return frozenset(words)


def load_stopwords(path: str | Path | None = None) -> frozenset[str]:
    """Every stopword: :func:`maintained_stopwords` and the additions of ``path`` (``data/stopwords.txt``)."""
    return maintained_stopwords() | load_stopword_additions(path)


# --------------------------------------------------------------------------- the filter


def is_numeral(token: str) -> bool:
    """A number, not a word: digits, Chinese numerals, an ordinal, or a numeral with its measure word.

    2022, 3.5%, 十二, 两, 第一, 一份, 两个, 一百米, 24小时, 数十册, 多名 are
    numerals; 一线 (the front line), 一起, 第三方, 两委 and 四早 are not.
    """
    token = str(token).strip()
    return bool(token) and bool(_DIGITS.match(token) or _NUMERAL_WORD.match(token))


@functools.lru_cache(maxsize=1)
def _common_in_general_chinese() -> Callable[[str], bool]:
    from helpers.text.reference import listed_words

    listed = listed_words()
    floor = listed.total * COMMON_PER_MILLION / 1_000_000
    return lambda word: listed.get(word) >= floor


def is_common_word(word: str) -> bool:
    """Whether the general word list has ``word`` at :data:`COMMON_PER_MILLION` per million words or more."""
    return _common_in_general_chinese()(word)


@dataclass(frozen=True)
class WordFilter:
    """The one word filter (see the module docstring).

    Attributes
    ----------
    stopwords
        Words never shown.
    places
        Place names (the gazetteer's, :func:`gazetteer_place_names`).
    common
        Whether a word is common in general Chinese, so that a name tag on it is not trusted.
    """

    stopwords: frozenset[str]
    places: frozenset[str] = frozenset()
    common: Callable[[str], bool] = field(default=is_common_word, repr=False)

    def reason(self, token: str, tag: str | None = None) -> str | None:
        """Why ``token`` (with jieba tag ``tag``, if known) is left out, one of :data:`REASONS`; None to keep it."""
        word = str(token).strip()
        if not is_han_word(word):
            return "numeral" if is_numeral(word) else "not_chinese"
        if len(word) < MIN_SHOWN_LENGTH:
            return "single_character"
        if is_numeral(word):
            return "numeral"
        if word in self.stopwords:
            return "stopword"
        if word in self.places:
            return "place"
        if tag and tag.startswith(_PLACE_TAG) and not self.common(word):
            return "place"
        if tag and tag.startswith(_PERSON_TAG) and len(word) <= _LONGEST_NAME and not self.common(word):
            return "person"
        return None

    def keeps(self, token: str, tag: str | None = None) -> bool:
        """True for a word worth counting and showing."""
        return self.reason(token, tag) is None


def gazetteer_place_names() -> frozenset[str]:
    """Every name the gazetteer reads as a place in running text, and the provinces' names."""
    from helpers.corpus.gazetteer import default_gazetteer

    gazetteer = default_gazetteer()
    names = {name for name, owners in gazetteer.matcher.owners.items() if owners}
    return frozenset(names | gazetteer.provinces)


@functools.lru_cache(maxsize=4)
def _default_filter(_mtime: int) -> WordFilter:
    return WordFilter(load_stopwords(), gazetteer_place_names())


def word_filter() -> WordFilter:
    """The project's filter: :func:`load_stopwords`, the gazetteer's place names, jieba's general word list."""
    file = paths.data_file("stopwords.txt")
    return _default_filter(file.stat().st_mtime_ns if file.exists() else 0)


def is_shown_word(token: str, tag: str | None = None) -> bool:
    """Whether the project's :func:`word_filter` keeps ``token`` (tag: its jieba tag, if known)."""
    return word_filter().keeps(token, tag)


# --------------------------------------------------------------------------- tokens of a corpus


def _inside_places(tokens: pd.DataFrame, articles: pd.DataFrame) -> pd.Series:
    """True for each token row lying inside a gazetteer place name of its article's text (北大 in 北大地)."""
    from helpers.corpus.gazetteer import default_gazetteer

    matcher = default_gazetteer().matcher
    inside = pd.Series(False, index=tokens.index)
    texts = dict(zip(articles["id"], articles["text"]))
    for article_id, rows in tokens.groupby("id", sort=False):
        spans = matcher.find(texts.get(article_id, ""))
        if not spans:
            continue
        starts, ends = rows["start"].to_numpy(), rows["end"].to_numpy()
        hit = pd.Series(False, index=rows.index)
        for start, end, _name in spans:
            hit |= (starts >= start) & (ends <= end)
        inside[rows.index] = hit.to_numpy()
    return inside


def word_table(tokens: pd.DataFrame, articles: pd.DataFrame | None = None,
               tags: Mapping[str, str] | None = None, words: WordFilter | None = None) -> pd.DataFrame:
    """Every token with its jieba tag and why it is left out (empty when it is a word worth showing).

    Parameters
    ----------
    tokens
        ``id``, ``city``, ``token`` (and ``start``, ``end`` for the place names
        in the text), e.g. :func:`helpers.text.segment.corpus_tokens`.
    articles
        ``id``, ``text``: with it, a token inside a gazetteer place name of
        the text is a ``place_part`` (北大 in 北大地); without it only whole names count.
    tags
        Token → jieba tag (:func:`helpers.text.postags.word_tags`); without it no tag rule applies.
    words
        The filter; :func:`word_filter` by default.

    Returns
    -------
    DataFrame
        The columns of ``tokens`` plus ``tag`` (``""`` when unknown) and
        ``left_out`` (one of :data:`REASONS`, or ``""``), same rows and order.
    """
    words = words or word_filter()
    table = tokens.copy()
    table["token"] = table["token"].astype(str).str.strip()
    tags = tags or {}
    table["tag"] = table["token"].map(lambda t: tags.get(t, "")).astype(object)
    pairs = table[["token", "tag"]].drop_duplicates()
    reasons = {(t, g): words.reason(t, g or None) or "" for t, g in zip(pairs["token"], pairs["tag"])}
    table["left_out"] = [reasons[pair] for pair in zip(table["token"], table["tag"])]
    if articles is not None and {"start", "end"} <= set(table.columns) and len(table):
        inside = _inside_places(table, articles) & (table["left_out"] == "")
        table.loc[inside, "left_out"] = "place_part"
    return table


def content_words(tokens: pd.DataFrame | Iterable[str], words: WordFilter | None = None):
    """The tokens :func:`word_filter` keeps (type by type: no tag, no place names inside the text).

    Parameters
    ----------
    tokens : DataFrame or iterable of str
        A frame with a ``token`` column (a :func:`word_table` frame: its
        ``left_out`` column decides), or plain tokens.

    Returns
    -------
    DataFrame or list of str
        The same kind as the input.
    """
    if isinstance(tokens, pd.DataFrame):
        if "left_out" in tokens.columns:
            return tokens[tokens["left_out"] == ""].reset_index(drop=True)
        return word_table(tokens, words=words).pipe(lambda t: t[t["left_out"] == ""]).reset_index(drop=True)
    words = words or word_filter()
    return [t for t in tokens if words.keeps(t)]
