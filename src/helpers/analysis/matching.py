"""Which measures one sentence describes: the codebook's terms and rules applied, a decision for every candidate.

For each measure, on the normalised (Simplified) sentence:

1. every occurrence of every term is a candidate;
2. a whole-word term (one or two characters unless the codebook says
   otherwise) counts only where it starts at a token start and ends at a
   token end of the sentence's segmentation; it may span several tokens
   (核酸|检测), never part of one (动员 in 运动员);
3. overlapping candidates are resolved leftmost, then longest, so a short
   term never fires inside a longer term of the same measure;
4. the winner is dropped inside an ``exclude`` context, with a ``not_near``
   word within the window, without a ``near`` word within the window in its
   clause, or, for a label (志愿者, 网格员), without one of the measure's
   ``actions`` within the window in its clause;
5. it is dropped as not carried out when a ``not_carried_out`` word (不再,
   取消, 解除 ...) comes before it in its clause within the codebook's
   window, unless a ``continuation`` word (继续, 坚持 ...) sits between them
   or the term is a ``restriction`` (禁止外来车辆进入 is entry control).

A clause is the text between ，。；！？： (and their ASCII forms) and line
ends.  not_carried_out and continuation words follow the same whole-word
default as terms (不必 is not 不必要, 不得 is not 不得不).  Segmentation is the
project tokenizer's, with the codebook's terms in its dictionary; a whole
article's tokens give the same boundaries as the sentence's own, since the
tokenizer never joins characters across the marks that end a sentence.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from helpers.analysis.codebook import Codebook, Measure, TermRule, whole_word_by_default

CLAUSE_MARKS = frozenset("，。；！？：,;!?:\n")


@dataclass(frozen=True)
class Decision:
    """What happened to one candidate occurrence of a term: counted or not, which rule decided and why.

    ``rule`` is the rule that decided: for a counted hit ``term``,
    ``near:登记`` or ``label+action:配送``; for a dropped one ``word``,
    ``overlap``, ``exclude``, ``not_near``, ``near``, ``label`` or
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
        self.marks = [i for i, ch in enumerate(text) if ch in CLAUSE_MARKS]
        self._found: dict[str, list[tuple[int, int]]] = {}
        self._words: dict[str, list[tuple[int, int]]] = {}

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

    def near(self, occ: _Occurrence, words: Sequence[str], window: int, same_clause: bool,
             inside: Sequence[tuple[int, int]] = ()) -> str | None:
        """The first of ``words`` within ``window`` characters of ``occ``, in its clause if asked.

        A word inside ``occ`` itself, or inside one of the ``inside`` spans, does not count.
        """
        lo, hi = occ.start - window, occ.end + window
        begin, end = self.clause(occ.start, occ.end) if same_clause else (0, len(self.text))
        ignored = [(occ.start, occ.end), *inside]
        for word in words:
            for ws, we in self.find(word):
                if we > lo and ws < hi and ws >= begin and we <= end and not any(
                    s <= ws and we <= e for s, e in ignored
                ):
                    return word
        return None

    def stopped_by(self, occ: _Occurrence) -> tuple[str, str | None] | None:
        """The not_carried_out word governing ``occ`` and the continuation word after it, if any."""
        begin, _ = self.clause(occ.start, occ.end)
        nearest: tuple[int, int, str] | None = None
        for word in self.codebook.not_carried_out:
            for ws, we in self.find_words(word):
                if ws >= begin and we <= occ.start and occ.start - we <= self.codebook.window:
                    if nearest is None or (we, we - ws) > (nearest[1], nearest[1] - nearest[0]):
                        nearest = (ws, we, word)
        if nearest is None:
            return None
        for word in self.codebook.continuation:
            if any(ws >= nearest[1] and we <= occ.start for ws, we in self.find_words(word)):
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


def _judge(sentence: _Sentence, occ: _Occurrence, measure: Measure) -> Decision:
    """The decision on one winning occurrence: the rules of the module docstring, steps 4 and 5."""
    rule = occ.rule

    def dropped(kind: str, reason: str) -> Decision:
        return Decision(measure.id, rule.term, occ.start, occ.end, False, kind, reason)

    for context in measure.exclude:
        if any(cs <= occ.start and occ.end <= ce for cs, ce in sentence.find(context)):
            return dropped("exclude", f"excluded: {context}")
    if rule.not_near:
        blocker = sentence.near(occ, rule.not_near, rule.window, same_clause=False)
        if blocker is not None:
            return dropped("not_near", f"not_near: {blocker}")
    decided = []
    if rule.near:
        companion = sentence.near(occ, rule.near, rule.window, same_clause=True)
        if companion is None:
            return dropped("near", f"no near word ({'/'.join(rule.near)}) in its clause within {rule.window}")
        decided.append(f"near:{companion}")
    if rule.label:
        # an action inside a label (隔离 in 居家隔离人员) is part of a name, not something done
        labels = [span for other in measure.terms if other.label for span in sentence.find(other.term)]
        action = sentence.near(occ, measure.actions, rule.window, same_clause=True, inside=labels)
        if action is None:
            return dropped("label", "label without action")
        decided.append(f"label+action:{action}")
    reason = "counted"
    if not rule.restriction and sentence.codebook.not_carried_out:
        stop = sentence.stopped_by(occ)
        if stop is not None:
            cue, continued = stop
            if continued is None:
                return dropped("not_carried_out", f"not carried out: {cue}")
            reason = f"counted: {continued} after {cue}"
    return Decision(measure.id, rule.term, occ.start, occ.end, True, ", ".join(decided) or "term", reason)


def _decide_measure(sentence: _Sentence, measure: Measure) -> list[Decision]:
    decisions, candidates = [], []
    for rule in measure.terms:
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
    decisions.extend(_judge(sentence, occ, measure) for occ in winners)
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
    return decisions
