"""What happened on a date: the label of an event, from the clause that holds the date.

An event's label is the clause of its sentence that holds the date, the date
taken out where it opens the clause.  When that clause says nothing but the
date or a setting (``3月14日上午，瑞明社区辖区内，……``), the label is the next
clause of the sentence whose main verb says what happened (the one before it
when none does), led by who acts where a clause between names them
(``后湖社区高新苑小区的一户居民，拨通了……`` → ``一户居民，拨通了…电话``).
Verbs come from ``jieba.posseg`` over the project's tokenizer
(:mod:`helpers.text.postags`); a clause whose verb is negated (上班时间还没到) or
only describes a noun (市直驻主城区……的工作队) sets a scene and is passed over.

A clause longer than :data:`MAX_CHARS` keeps its main verb and object and as
much as fits to their left, from who acts where that is found: ``…`` marks
what is left out inside (``社区工作队…发放蔬菜和大米``), and an object too
long is shortened to its head noun (``下发了…通知``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from helpers.text.postags import VERB_TAGS, tag

if TYPE_CHECKING:
    import jieba

Words = Sequence[tuple[str, str]]

#: Longest label, in characters (22 characters of 8-point type are about 2.4 inches of a 10-inch chart).
MAX_CHARS = 22
_MAX_OBJECT = 12
_MAX_HEAD = 6

_CLAUSE_END = re.compile(r"[，,。；;！!？?]|(?<!\d)[：:]|[：:](?!\d)")  # 9:30 is no clause break
_BRACKETS = re.compile(r"[（(][^（）()]*[）)]")
# What ties a clause to the date it opens with: 截至2月19日, 自4月28日, 9:30前, 3月14日起.
_LEAD_IN = re.compile(r"^(?:截至|截止|截止到|直到|自|从|于|在|到|至)$")
_LEAD_OUT = re.compile(r"^(?:前|后|起|以来|开始|之前|之后|以后|的|时|许|左右)")
_NEGATION = ("没", "未", "不", "没有", "尚未", "并未", "从未", "还没")
_ASPECT = frozenset({"ul", "uz", "ug"})  # 了 着 过
_ADVERBIAL = frozenset({"p", "d", "t", "ad"})
_NOMINAL = ("n", "r", "m", "q", "k", "x", "eng", "j", "s")
_NOT_VERBS = ("n", "m", "q", "r", "x", "uj", "eng")  # words an aspect particle does not make verbs
_LEADING_JUNK = frozenset({"uj", "c", "uv", "ul", "uz", "f"})
_END_TRIM = frozenset({"后", "前", "时", "之后", "之前", "以后", "以前", "以来", "期间"})


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each clause of the sentence, punctuation left out."""
    spans, start = [], 0
    for match in _CLAUSE_END.finditer(sentence):
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(sentence):
        spans.append((start, len(sentence)))
    return spans


def _without_date(text: str, start: int, end: int) -> str:
    """The clause with the date taken out where it opens the clause (with 截至, 自, 起, 前 around it)."""
    before, after = text[:start], text[end:]
    if before.strip() and not _LEAD_IN.match(before.strip()):
        return text  # 北京市从5月开始……: the date sits inside what happened
    rest = after.lstrip()
    trimmed = _LEAD_OUT.sub("", rest)
    return trimmed if len(trimmed) >= 2 else rest  # 开始 stays when it is all the clause says


def verbs(words: Words) -> list[bool]:
    """Which words act as verbs: tagged as verbs, or before 了/着/过, or after 地.

    A verb right after 的 or after another verb is a noun here (的通知, 下发通知), and a
    one-character verb after a number is a measure word (80支).
    """
    found: list[bool] = []
    for index, (word, flag) in enumerate(words):
        previous = words[index - 1][1] if index else ""
        following = words[index + 1][1] if index + 1 < len(words) else ""
        if previous == "uj" or (found and found[-1] and flag in VERB_TAGS | {"vn"}) \
                or previous == "m" and len(word) == 1:
            found.append(False)  # 的通知, 下发通知, 80支 (a measure word)
            continue
        found.append(flag in VERB_TAGS or previous == "uv" and flag not in ("uj", "x")
                     or following in _ASPECT and not flag.startswith(_NOT_VERBS) and not flag.startswith("ns")
                     or flag == "l" and word[-1] in "着了")
    return found


def _modifies(words: Words, index: int) -> bool:
    """Whether the verb at ``index`` belongs to a 的-phrase (身着防护服的社区工作人员)."""
    for word, flag in words[index + 1:]:
        if flag in _ASPECT:
            return False
        if flag == "uj" or word == "的":
            return True
    return False


def _negated(words: Words, index: int) -> bool:
    word = words[index][0]
    previous = words[index - 1][0] if index else ""
    return word.startswith(_NEGATION) and len(word) > 1 or previous in _NEGATION


def main_verb(words: Words) -> int | None:
    """Index of the clause's main verb: the last verb outside a 的-phrase, not negated; None if none."""
    found = [i for i, is_verb in enumerate(verbs(words)) if is_verb]
    free = [i for i in found if not _modifies(words, i) and not _negated(words, i)]
    return free[-1] if free else None


def _object(words: Words) -> str:
    """The object, shortened to its head noun (…通知) or cut (…) when it is long."""
    text = "".join(w for w, _ in words)
    if len(text) <= _MAX_OBJECT:
        return text
    marks = [i for i, (w, f) in enumerate(words) if f == "uj" or w == "的"]
    if marks:
        head = "".join(w for w, _ in words[marks[-1] + 1:])
        if 0 < len(head) <= _MAX_HEAD:
            return "…" + head
    kept = ""
    for word, _ in words:
        if len(kept) + len(word) > _MAX_OBJECT or word == "《" and text.count("》") and len(kept) > 2:
            break
        kept += word
    return kept + "…"


def _subject(words: Words, verb: int) -> int | None:
    """Where who acts begins: the nouns before the verb's adverbs and prepositions (at most 6 characters)."""
    is_verb = verbs(words)
    last_verb = max((i for i in range(verb) if is_verb[i]), default=-1)
    zone = next((i for i in range(last_verb + 1, verb) if words[i][1] in _ADVERBIAL), verb)
    start, length = zone, 0
    while start > last_verb + 1 and _nominal(words, start - 1):
        if length + len(words[start - 1][0]) > _MAX_HEAD:
            break
        start -= 1
        length += len(words[start][0])
    return start if start < zone else None


def _nominal(words: Words, index: int) -> bool:
    """A noun, pronoun or number, or a verb used as a noun after 的 (的通知)."""
    flag = words[index][1]
    return flag != "uj" and (flag.startswith(_NOMINAL) or index > 0 and words[index - 1][1] == "uj")


def _join(words: Words) -> str:
    return "".join(w for w, _ in words)


def _fit(words: Words, budget: int) -> int:
    """Index of the first of the words that end the sequence within ``budget`` characters."""
    start, length = len(words), 0
    while start > 0 and length + len(words[start - 1][0]) <= budget:
        start -= 1
        length += len(words[start][0])
    while start < len(words) and words[start][1] in _LEADING_JUNK:
        start += 1  # a label does not open with 的, 和 or 了
    return start


def _compress(words: Words, verb: int, subject: str = "") -> str:
    """The clause, or its main verb and object with as much as fits to their left.

    ``subject`` is who acts, from a clause before (``一户居民，`` for 拨通了……).  The whole
    object is kept where it fits with who acts; else it is shortened (…通知).
    """
    while len(words) > verb + 1 and words[-1][0] in _END_TRIM:
        words = words[:-1]  # 被划为管控区后: what happened, not when
    if len(subject) + len(_join(words)) <= MAX_CHARS:
        return subject + _join(words)
    end = verb + 1
    while end < len(words) and words[end][1] in _ASPECT:
        end += 1
    verb_words = _join(words[verb:end])
    whole = verb_words + _join(words[end:])
    for predicate in (whole, verb_words + _object(words[end:])):
        label = _lead_to(words[:verb], predicate, subject, _subject(words, verb) if not subject else None)
        if label is not None:
            return label
    return verb_words + _object(words[end:])


def _lead_to(before: Words, predicate: str, subject: str, head: int | None) -> str | None:
    """``predicate`` led by who acts and what fits before it; None if who acts does not fit."""
    room = MAX_CHARS - len(predicate) - len(subject)
    if room < 0:
        return None
    first = _fit(before, room)
    if first == 0:
        return subject + _join(before) + predicate
    if head is not None and first <= head:
        # Who acts is within reach: start there, not inside a 的-phrase before it.
        inside = any(f == "uj" for _, f in before[first:head])
        return _join(before[head if inside else first:]) + predicate
    lead = subject or (_join(before[head:_zone_end(before, head)]) if head is not None else "")
    first = _fit(before, room - len(lead) - 1)
    preposition = max((i for i, (_, f) in enumerate(before) if f == "p"), default=-1)
    if 0 <= preposition < first:
        first = len(before)  # 给高水兰等7户…发放: a phrase cut in two says the wrong thing; leave it out
    if len(lead) + 1 + len(predicate) > MAX_CHARS:
        return None
    return lead.rstrip("，") + "…" + _join(before[first:]) + predicate


def _zone_end(words: Words, head: int) -> int:
    """End of the run of nouns that starts at ``head``."""
    end = head
    while end < len(words) and _nominal(words, end):
        end += 1
    return end


def _setting(words: Words) -> str:
    """Who a clause without a verb names, for the next clause's verb (…小区的一户居民 → 一户居民)."""
    if not words or not words[-1][1].startswith(("n", "r", "x")):
        return ""
    marks = [i for i, (w, f) in enumerate(words) if f == "uj" or w == "的"]
    tail = words[marks[-1] + 1:] if marks else words
    return _join(tail[_fit(tail, _MAX_HEAD):])


def event_label(sentence: str, start: int, end: int, other_dates: Sequence[tuple[int, int]] = (),
                tokenizer: jieba.Tokenizer | None = None) -> str:
    """What happened on the date at ``sentence[start:end]``, in at most :data:`MAX_CHARS` characters.

    Parameters
    ----------
    sentence : str
        The normalised sentence.
    start, end : int
        Offsets of the date expression in it.
    other_dates : sequence of (int, int)
        Offsets of the sentence's other date expressions: a clause holding one of
        them says what happened on that date, not on this one.
    tokenizer : jieba.Tokenizer, optional
        The project's tokenizer (default :func:`helpers.text.segment.get_tokenizer`).
    """
    clauses = _clauses(sentence)
    own = next((i for i, (a, b) in enumerate(clauses) if a <= start < b), 0)

    def free(index: int) -> bool:
        a, b = clauses[index]
        return not any(a <= s < b for s, _ in other_dates)

    order = [own]
    for index in range(own + 1, min(own + 4, len(clauses))):
        if not free(index):
            break
        order.append(index)
    if own > 0 and free(own - 1):
        order.append(own - 1)
    fallback, setting = "", ""
    for index in order:
        a, b = clauses[index]
        text = sentence[a:b] if index != own else _without_date(sentence[a:b], start - a, end - a)
        text = _BRACKETS.sub("", text).strip()
        if not text:
            continue
        words = tag(text, tokenizer)
        verb = main_verb(words)
        if verb is None:
            fallback = fallback or text
            if index > own or not setting:
                setting = _setting(words)  # who acts in the next clause
            continue
        no_subject = words[0][1] in VERB_TAGS | _ADVERBIAL and _subject(words, verb) is None
        subject = f"{setting}，" if setting and index > own and no_subject else ""
        label = _compress(words, verb, subject)
        return _with_next(label, index, order, clauses, sentence, tokenizer)
    text = fallback or sentence
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS - 1] + "…"


def _with_next(label: str, index: int, order: list[int], clauses: list[tuple[int, int]], sentence: str,
               tokenizer: jieba.Tokenizer | None) -> str:
    """A short label joined by the next clause where that one has a verb too and fits (寒潮来袭，孝感普降大雪)."""
    following = index + 1
    if following not in order or len(label) > MAX_CHARS // 2:
        return label
    a, b = clauses[following]
    text = _BRACKETS.sub("", sentence[a:b]).strip()
    if len(label) + 1 + len(text) > MAX_CHARS or main_verb(tag(text, tokenizer)) is None:
        return label
    return f"{label}，{text}"
