"""Which measures one sentence describes: the codebook's terms and rules applied, a decision for every candidate.

For each measure, on the normalised (Simplified) sentence:

1. every occurrence of every term is a candidate;
2. a whole-word term (one or two characters unless the codebook says
   otherwise) counts only where it starts at a token start and ends at a
   token end of the sentence's segmentation; it may span several tokens
   (核酸|检测), never part of one (动员 in 运动员);
3. overlapping candidates are resolved leftmost, then longest, so a short
   term never fires inside a longer term of the same measure;
4. the winner is dropped inside an ``exclude`` context, in a sentence about
   one of the ``other_settings`` (医院) and no ``residential`` one, in a
   question, with a ``not_near`` word of the term or of its measure (燃气,
   防汛: other topics) within the window, without a ``near``
   word within the window in its clause, or, for a label (志愿者, 网格员),
   without one of the measure's ``actions`` there;
5. it is dropped as not carried out when a ``not_carried_out`` or
   ``prohibition`` word (不再, 取消, 解除 ...) comes before it, or before
   its near word or action, in its clause within the codebook's window, or
   a ``lifted_after`` word right after it (卡口已全部撤除); unless a
   ``continuation`` word (继续, 坚持 ...) sits between, or the term is a
   ``restriction`` that a prohibition word only confirms (禁止外来车辆进入);
6. a ``serving`` label (志愿者) dropped for want of an action counts when
   another measure is counted in its reach: doing that work is serving
   (志愿者为居民测温), unless the label is whom it is done for (为志愿者) or
   only whose something is (志愿者的母亲).

A clause is the text between ，。；！？： (and their ASCII forms) and line
ends; a clause that starts with 对 (a fronted object) or ends with 的 (those
who ...), or is followed by one
starting with 由 (its agent), 为 or 给 (its beneficiary) or referring back
with a pronoun (他们), or ends with a colon, reaches into the next.  not_carried_out,
prohibition, continuation and lifted_after words follow the same whole-word
default as terms (不必 is not 不必要, 不得 is not 不得不).  Segmentation is
the project tokenizer's, with the codebook's terms in its dictionary; a whole
article's tokens give the same boundaries as the sentence's own, since the
tokenizer never joins characters across the marks that end a sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from helpers.analysis.codebook import Codebook, Measure, TermRule, whole_word_by_default
from helpers.corpus.cleaning import is_lost_character

CLAUSE_MARKS = frozenset("，。；！？：,;!?:\n")
_FRONTED_OBJECT = ("对", "针对")  # 对于 starts with 对
# the next clause names the agent (由社区...) or the beneficiary (为居民..., 给居民...)
_CONTINUED_BY = ("由", "为", "给")
# the next clause refers back to something of this one (独居老人的名单，网格员每天给他们打电话)
_PRONOUNS = ("他们", "她们", "他", "她")
# a group right after these is whom something is done for, not who does it (为志愿者购买保险)
_RECIPIENT = ("为", "给", "向", "对")
_RECIPIENT_GAP = 6
# words that, between a group and 的, do not name one of its members (志愿者为老人的...); 中 picks some of
# the group (志愿者中的心理咨询师), who are the group
_NOT_NAMES = frozenset(["为", "给", "向", "对", "把", "帮", "替", "在", "和", "与", "及", "将", "从", "到", "中", "里"])
# What may stand between a term and the word that ends it (卡口已全部撤除, 检测于今日起停止).
_LINKING = frozenset("已经均都全部陆续逐步正式被予以将于自起即日今一律全面暂时也在正了")
_LINK_MAX = 4
# a date between them does not count (健康码服务于12月13日零时起正式下线)
_DATE = re.compile(r"[\d零〇一二三四五六七八九十]{1,4}[年月日号时点]|\d{1,2}:\d{2}")
# what the term may name the thing of that is removed (扫码台已撤走, 采样点的帐篷也在拆除): a short word,
# not one of these, which place the term in time or space
_HEAD_MAX = 3
_NOT_HEADS = frozenset("后前时中里外内上下间起")
# at most this many characters, none of them 的, between a lifted_before word and the term (结束静默管理)
_BEFORE_GAP = 2
_COORDINATORS = "和与及、或以"  # 以及


@dataclass(frozen=True)
class Decision:
    """What happened to one candidate occurrence of a term: counted or not, which rule decided and why.

    ``rule`` is the rule that decided: for a counted hit ``term``,
    ``near:登记`` or ``label+action:配送``; for a dropped one ``word``,
    ``overlap``, ``exclude``, ``setting``, ``question``, ``not_near``,
    ``near``, ``label`` or
    ``not_carried_out``.  ``reason`` says it in words (``inside word
    运动员``, ``excluded: 隔离带``, ``not carried out: 不再``).
    """

    measure: str
    term: str
    start: int
    end: int
    counted: bool
    rule: str
    reason: str


def occurrences(text: str, word: str) -> list[tuple[int, int]]:
    """All (start, end) spans of ``word`` in ``text``, overlapping ones included."""
    spans = []
    pos = text.find(word)
    while pos != -1:
        spans.append((pos, pos + len(word)))
        pos = text.find(word, pos + 1)
    return spans


class Segmentation:
    """Token boundaries of one sentence, asked for only when a whole-word term or word needs them.

    Parameters
    ----------
    sentence
        The sentence.
    spans
        Returns the (start, end) offsets of its tokens, in order.
    """

    def __init__(self, sentence: str, spans: Callable[[], Sequence[tuple[int, int]]]):
        self.sentence = sentence
        self._source = spans
        self._spans: list[tuple[int, int]] | None = None
        self._starts: set[int] = set()
        self._ends: set[int] = set()

    @property
    def spans(self) -> list[tuple[int, int]]:
        if self._spans is None:
            self._spans = [(int(s), int(e)) for s, e in self._source()]
            self._starts = {s for s, _ in self._spans}
            self._ends = {e for _, e in self._spans}
        return self._spans

    def is_word(self, start: int, end: int) -> bool:
        """Whether ``sentence[start:end]`` starts at a token start and ends at a token end."""
        self.spans  # noqa: B018 -- segments on first use
        return start in self._starts and end in self._ends

    def word_at(self, start: int, end: int) -> str:
        """The token or tokens covering ``sentence[start:end]``."""
        covering = [(s, e) for s, e in self.spans if e > start and s < end]
        if not covering:
            return self.sentence[start:end]
        return self.sentence[covering[0][0] : covering[-1][1]]


def sentence_segmentation(sentence: str, codebook: Codebook) -> Segmentation:
    """The sentence segmented on its own by the project tokenizer, with the codebook's terms as words."""

    def spans() -> list[tuple[int, int]]:
        # imported on first use: coding a sentence with no short term never loads jieba
        from helpers.text.segment import get_tokenizer, token_spans

        tokenizer = get_tokenizer(extra_words=codebook.all_terms())
        return [(s, e) for _, s, e in token_spans(sentence, tokenizer)]

    return Segmentation(sentence, spans)


@dataclass(frozen=True)
class _Occurrence:
    start: int
    end: int
    rule: TermRule


class _Sentence:
    """One sentence being coded: its clauses, its segmentation and the occurrences found so far."""

    def __init__(self, text: str, segmentation: Segmentation, codebook: Codebook):
        self.text = text
        self.segmentation = segmentation
        self.codebook = codebook
        # a '?' standing for a character the source lost (健康?码) ends nothing
        self.marks = [i for i, ch in enumerate(text) if ch in CLAUSE_MARKS
                      and not (ch == "?" and is_lost_character(text, i))]
        self.chars = frozenset(text)  # a term whose first character is missing cannot occur
        self._found: dict[str, list[tuple[int, int]]] = {}
        self._words: dict[str, list[tuple[int, int]]] = {}
        self.other_setting = None
        if codebook.other_settings and not any(word in text for word in codebook.residential):
            self.other_setting = next((word for word in codebook.other_settings if word in text), None)

    def find(self, word: str) -> list[tuple[int, int]]:
        if word not in self._found:
            self._found[word] = occurrences(self.text, word) if word in self.text else []
        return self._found[word]

    def find_words(self, word: str) -> list[tuple[int, int]]:
        """Occurrences of a not_carried_out or continuation word, whole words only if it is short."""
        if word not in self._words:
            spans = self.find(word)
            if spans and whole_word_by_default(word):
                spans = [(s, e) for s, e in spans if self.segmentation.is_word(s, e)]
            self._words[word] = spans
        return self._words[word]

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The clause around ``text[start:end]``: from after the last mark before it to the next mark."""
        i = bisect.bisect_left(self.marks, start)
        begin = self.marks[i - 1] + 1 if i else 0
        j = bisect.bisect_left(self.marks, end)
        return begin, self.marks[j] if j < len(self.marks) else len(self.text)

    def is_question(self, start: int, end: int) -> bool:
        """Whether the clause around ``text[start:end]`` ends with a question mark."""
        _, stop = self.clause(start, end)
        return stop < len(self.text) and self.text[stop] in "?？"

    def reach(self, start: int, end: int) -> tuple[int, int]:
        """Where a term's companions may be: its clause, and the next one after a fronted object.

        In "对独居老人，社区每天电话问候" the clause starting with 对 (or 对于,
        针对) is the object of the next one; in "留守儿童，由社区安排专人照料"
        the next clause starts with its agent (由), in "设立休息点，为工作人员
        提供热水" with its beneficiary (为, 给); after a colon comes what is said
        ("社区通知：全体居民居家"); in "梳理了独居老人的名单，网格员每天给他们
        打电话" the next clause refers back with a pronoun (他们, 她们, 他, 她);
        a clause ending with 的 names those the next one is about
        ("从外地返回的，须居家隔离").

        Two clauses so joined are one reach, seen from either: the next clause
        reaches back into the one it continues.
        """
        begin, stop = self.clause(start, end)
        following = self._joined(begin, stop)
        if begin > 0:
            before = self.clause(begin - 1, begin - 1)[0]
            if self._joined(before, begin - 1, backwards=True) is not None:
                begin = before
        return begin, stop if following is None else following

    def _joined(self, begin: int, stop: int, backwards: bool = False) -> int | None:
        """Where the clause after ``text[begin:stop]`` ends, if this clause reaches into it (see ``reach``).

        Looking back from the next clause, one starting with 为 does not join:
        it is as often a purpose (，为确保…) as a beneficiary.
        """
        if stop >= len(self.text) or self.text[stop] not in ",，:：":
            return None
        head = self.text[begin:stop].lstrip(" “\"「")
        tail = self.text[stop + 1 :].lstrip(" “\"「")
        following = self.clause(stop + 1, stop + 1)[1]
        continued = tail.startswith(_CONTINUED_BY) and not (backwards and tail.startswith("为"))
        # a clause ending with 的 names those the next is about, unless it is 是…的 (emphasis)
        topic = head.endswith("的") and not any(begin <= ws and we <= stop for ws, we in self.find_words("是"))
        if (self.text[stop] in ":：" or head.startswith(_FRONTED_OBJECT) or topic or continued
                or any(stop < ws and we <= following for word in _PRONOUNS for ws, we in self.find_words(word))):
            return following
        return None

    def near(self, occ: _Occurrence, words: Sequence[str], window: int, same_clause: bool,
             inside: Sequence[tuple[int, int]] = ()) -> tuple[str, tuple[int, int]] | None:
        """The first of ``words`` within ``window`` characters of ``occ`` (in its reach if asked), and where.

        A word inside ``occ`` itself, or inside one of the ``inside`` spans, does not count.
        """
        found = ((word, span) for word in words for span in self.find(word))
        return self.first_within(occ.start, occ.end, found, window, same_clause, inside)

    def first_within(self, start: int, end: int, found: Iterable[tuple[str, tuple[int, int]]], window: int,
                     same_clause: bool, inside: Sequence[tuple[int, int]] = ()) -> tuple[str, tuple[int, int]] | None:
        """The first of the ``found`` (word, span) pairs within ``window`` characters of ``text[start:end]``."""
        lo, hi = start - window, end + window
        begin, stop = self.reach(start, end) if same_clause else (0, len(self.text))
        # a joined clause counts whole: a fronted object's verb may be anywhere in the next clause
        if same_clause and stop > self.clause(start, end)[1]:
            hi = max(hi, stop)
        if same_clause and begin < self.clause(start, end)[0]:
            lo = min(lo, begin)
        ignored = [(start, end), *inside]
        for word, (ws, we) in found:
            if we > lo and ws < hi and ws >= begin and we <= stop and not any(
                s <= ws and we <= e for s, e in ignored
            ):
                return word, (ws, we)
        return None

    def possessive(self, end: int) -> bool:
        """Whether a group ending at ``end``, or its member's name, is followed by 的 (志愿者张某的父亲)."""
        after = end + 1 if self.text.startswith("们", end) else end
        if self.text.startswith("的", after):
            return True
        name = next(((s, e) for s, e in self.segmentation.spans if s == after), None)
        return (name is not None and self.text.startswith("的", name[1])
                and self.text[name[0]:name[1]] not in _NOT_NAMES)

    def receives(self, start: int) -> bool:
        """Whether the words before ``start`` make it whom something is done for (为志愿者, 给一线人员)."""
        begin, _ = self.clause(start, start)
        return any(begin <= ws and we <= start and start - we <= _RECIPIENT_GAP
                   for word in _RECIPIENT for ws, we in self.find_words(word))

    def _right_after(self, end: int, at: int) -> bool:
        """Whether a word at ``at`` comes right after a term ending at ``end``, or after the thing it names.

        Only linking words (已, 全部, 陆续 ...) and dates may stand between
        (卡口已全部撤除, 行程卡于12月13日起下线), after one short word that the
        term is the name of, with or without 的 (扫码台已经撤走, 采样点的帐篷也在拆除),
        when nothing but 了 or 完毕 follows the word in its clause.
        """

        def links(gap: str) -> bool:
            gap = _DATE.sub("", gap)
            return len(gap) <= _LINK_MAX and all(ch in _LINKING for ch in gap)

        if links(self.text[end:at]):
            return True
        # with an object after it (卡口人员撤除路障) the word before is who removes, not what is removed
        word_end = next((e for s, e in self.segmentation.spans if s == at), at)
        if self.text[word_end:self.clause(at, at)[1]].strip("了完毕"):
            return False
        head = end + 1 if self.text.startswith("的", end) else end
        head_end = next((e for s, e in self.segmentation.spans if s == head), None)
        if head_end is None or head_end > at:
            return False
        noun = self.text[head:head_end]
        return len(noun) <= _HEAD_MAX and noun.isalpha() and noun not in _NOT_HEADS and links(self.text[head_end:at])

    def stopped_by(self, start: int, end: int, restriction: bool = False,
                   others: Sequence[tuple[int, int]] = ()) -> tuple[str, str | None] | None:
        """The not_carried_out word governing ``text[start:end]``, and the continuation word after it, if any.

        A not_carried_out word (or, unless it is a restriction, a prohibition
        word) comes before it in its clause within the window (不再查验健康码),
        or a lifted_after word right after it with only words such as 已, 全部,
        陆续 between (卡口已全部撤除, see ``_right_after``), or a lifted_before
        word right before it (结束静默管理).  A word before governs the first of the
        measure's terms after it (``others``) and the terms joined to that one
        by 和, 、, 及: in 解除集中隔离的人员落实居家健康监测 it ends 集中隔离, not
        居家健康监测; in 不再查验健康码和行程卡 both.
        """
        begin, stop = self.clause(start, end)
        for word in self.codebook.lifted_after:
            for ws, _ in self.find_words(word):
                if end <= ws < stop and self._right_after(end, ws):
                    return word, None
        for word in self.codebook.lifted_before:
            for ws, we in self.find_words(word):
                if begin <= ws and we <= start and start - we <= _BEFORE_GAP and "的" not in self.text[we:start]:
                    return word, None
        nearest: tuple[int, int, str] | None = None
        cues = self.codebook.not_carried_out + (() if restriction else self.codebook.prohibition)
        for word in cues:
            for ws, we in self.find_words(word):
                if ws >= begin and we <= start and start - we <= self.codebook.window and not any(
                    we <= s and e <= start and self.text[e:start].strip(_COORDINATORS) for s, e in others
                ):
                    if nearest is None or (we, we - ws) > (nearest[1], nearest[1] - nearest[0]):
                        nearest = (ws, we, word)
        if nearest is None:
            return None
        for word in self.codebook.continuation:
            if any(ws >= nearest[1] and we <= start for ws, we in self.find_words(word)):
                return nearest[2], word
        return nearest[2], None


def _leftmost_longest(candidates: list[_Occurrence]) -> tuple[list[_Occurrence], list[tuple[_Occurrence, _Occurrence]]]:
    """Non-overlapping winners, and (loser, winner) pairs."""
    ordered = sorted(candidates, key=lambda o: (o.start, -(o.end - o.start), o.rule.term))
    winners: list[_Occurrence] = []
    shadowed: list[tuple[_Occurrence, _Occurrence]] = []
    for occ in ordered:
        if winners and occ.start < winners[-1].end:
            shadowed.append((occ, winners[-1]))
        else:
            winners.append(occ)
    return winners, shadowed


def _judge(sentence: _Sentence, occ: _Occurrence, measure: Measure, terms: Sequence[tuple[int, int]]) -> Decision:
    """The decision on one winning occurrence: the rules of the module docstring, steps 4 to 6."""
    rule = occ.rule

    def dropped(kind: str, reason: str) -> Decision:
        return Decision(measure.id, rule.term, occ.start, occ.end, False, kind, reason)

    for context in measure.exclude:
        if any(cs <= occ.start and occ.end <= ce for cs, ce in sentence.find(context)):
            return dropped("exclude", f"excluded: {context}")
    if sentence.other_setting is not None:
        return dropped("setting", f"other setting: {sentence.other_setting}")
    if sentence.is_question(occ.start, occ.end):
        return dropped("question", "in a question")
    if rule.not_near:
        blocker = sentence.near(occ, rule.not_near, rule.window, same_clause=False)
        if blocker is not None:
            return dropped("not_near", f"not_near: {blocker[0]}")
    if measure.not_near:
        blocker = sentence.near(occ, measure.not_near, rule.window, same_clause=False)
        if blocker is not None:
            return dropped("not_near", f"not_near of the measure: {blocker[0]}")
    decided, companions = [], []
    if rule.near:
        companion = sentence.near(occ, rule.near, rule.window, same_clause=True)
        if companion is None:
            return dropped("near", f"no near word ({'/'.join(rule.near)}) in its clause within {rule.window}")
        decided.append(f"near:{companion[0]}")
        companions.append(companion)
    if rule.label:
        # an action inside a label (隔离 in 居家隔离人员) is part of a name, not something done
        labels = [span for other in measure.terms if other.label for span in sentence.find(other.term)]
        action = sentence.near(occ, measure.actions, rule.window, same_clause=True, inside=labels)
        if action is None:
            return dropped("label", "label without action")
        decided.append(f"label+action:{action[0]}")
        companions.append(action)
    reason = "counted"
    # the measure is the term with its companion word: stopping either stops it (不再设卡 at 出入口)
    for what, (start, end) in [(rule.term, (occ.start, occ.end))] + [(w, span) for w, span in companions]:
        stop = sentence.stopped_by(start, end, restriction=rule.restriction, others=terms)
        if stop is None:
            continue
        cue, continued = stop
        if continued is None:
            return dropped("not_carried_out", f"not carried out: {cue}" + ("" if what == rule.term else f" {what}"))
        if what == rule.term:
            reason = f"counted: {continued} after {cue}"
    return Decision(measure.id, rule.term, occ.start, occ.end, True, ", ".join(decided) or "term", reason)


def _decide_measure(sentence: _Sentence, measure: Measure) -> list[Decision]:
    decisions, candidates = [], []
    for rule in measure.terms:
        if rule.term[0] not in sentence.chars:
            continue
        for start, end in sentence.find(rule.term):
            if rule.word and not sentence.segmentation.is_word(start, end):
                word = sentence.segmentation.word_at(start, end)
                decisions.append(Decision(measure.id, rule.term, start, end, False, "word", f"inside word {word}"))
            else:
                candidates.append(_Occurrence(start, end, rule))
    winners, shadowed = _leftmost_longest(candidates)
    for loser, winner in shadowed:
        decisions.append(Decision(measure.id, loser.rule.term, loser.start, loser.end, False, "overlap",
                                  f"overlaps the longer or earlier term {winner.rule.term}"))
    # labels and restrictions name who or what, not a measure a word before could end
    spans = [(occ.start, occ.end) for occ in winners if not (occ.rule.label or occ.rule.restriction)]
    decisions.extend(_judge(sentence, occ, measure, spans) for occ in winners)
    return sorted(decisions, key=lambda d: (d.start, d.end, d.term))


def decide_sentence(sentence: str, codebook: Codebook, segmentation: Segmentation | None = None) -> list[Decision]:
    """Every candidate occurrence of every measure's terms in one sentence, with its decision.

    Parameters
    ----------
    sentence
        A normalised (Simplified) sentence.
    codebook
        The measures codebook.
    segmentation
        Its token boundaries, e.g. from the article's tokens; by default the
        sentence is segmented on its own, and only if a rule needs it.

    Returns
    -------
    list of Decision
        Measures in codebook order, occurrences in text order; offsets in the sentence.
    """
    coded = _Sentence(sentence, segmentation or sentence_segmentation(sentence, codebook), codebook)
    decisions: list[Decision] = []
    for measure in codebook.measures:
        decisions.extend(_decide_measure(coded, measure))
    return _serving(coded, decisions)


def _serving(sentence: _Sentence, decisions: list[Decision]) -> list[Decision]:
    """Count a serving label (志愿者) dropped for want of an action when it does another measure's work.

    The other measure must be counted in the label's reach within its window;
    the label must name who does it: not whom something is done for
    (为志愿者购买保险) nor, before 的, whose something is (志愿者的母亲正在
    居家隔离); and nothing may have stopped it (志愿者已撤离).
    """
    rules = {(m.id, rule.term): rule for m in sentence.codebook.measures for rule in m.terms if rule.serving}
    if not rules:
        return decisions
    served = [(d.measure, (d.start, d.end)) for d in decisions if d.counted]
    result = []
    for d in decisions:
        rule = rules.get((d.measure, d.term))
        if rule is not None and d.rule == "label" and not sentence.possessive(d.end) and not sentence.receives(d.start):
            work = sentence.first_within(d.start, d.end, ((m, span) for m, span in served if m != d.measure),
                                         rule.window, same_clause=True)
            stop = sentence.stopped_by(d.start, d.end)
            if work is not None and (stop is None or stop[1] is not None):
                d = Decision(d.measure, d.term, d.start, d.end, True, f"label+serving:{work[0]}",
                             f"counted: serving in {work[0]}")
        result.append(d)
    return result
