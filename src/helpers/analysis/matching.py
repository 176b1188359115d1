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
   question or after a ``hypothetical`` word in its sentence (一旦小区临时管控，…), urged by an
   ``advice`` word (a label's action too: 有旅居史的居民，建议主动报备), planned and then dropped
   (原本计划…，决定暂不开展: ``plans``, ``abandoned``),
   with a ``not_near`` word of the term or of its measure (燃气,
   防汛: other topics) within the window, without a ``near``
   word within the window in its clause (or its sentence, for a term with
   ``near_scope: sentence``), or, for a label (志愿者, 网格员),
   without one of the measure's ``actions`` there;
5. it is dropped as not carried out (:mod:`helpers.analysis.lifting`):
   lifted, stopped, prohibited or criticised (不再查验健康码, 卡口已全部撤除,
   结束静默管理, 一律劝返，被上级点名纠正), or judged by the next sentence
   (…一律劝返。这些做法看似“严”，实则是懒政), unless a ``continuation`` word
   (继续, 坚持 ...) says it went on, or the term is a ``restriction`` that a
   prohibition word only confirms (禁止外来车辆进入);
6. a ``serving`` label (志愿者) counts with an action after it anywhere in its
   sentence, within the window; dropped for want of an action, it counts when
   another measure is counted in its reach, or after it in its sentence: doing that work is serving
   (志愿者为居民测温), unless the label is whom it is done for (为志愿者) or
   only whose something is (志愿者的母亲);
7. a group the sentence before named without an action (a :class:`Topic`)
   is what this sentence's action of its measure is about: after a question
   naming it (记者：社区里的老人呢？), the answer's action; after a clause
   that counts it (社区里有独居老人47位。), an action in the reach of a
   pronoun referring back (工作人员每天给他们打电话), or anywhere in a
   sentence that names the group again.  Within one sentence, a label's
   action may also be near a pronoun in a later clause (孕妇…，送她去医院),
   or, for a measure whose labels name those it is for (``group_topic``),
   anywhere after a first clause that names the group, the sentence's
   topic (辖区28户低保户，社区干部每天电话联系), unless that clause names
   residents at large.
   The evidence row is the action word, with the rule ``topic+action``.

Clauses, the reach of a term (its clause, joined with the next when they say
one thing) and whole words are :mod:`helpers.analysis.clauses`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from helpers.analysis.clauses import (
    COUNTED_GROUP,
    PRONOUNS,
    RESIDENTS_AT_LARGE,
    Segmentation,
    Sentence,
    sentence_segmentation,
)
from helpers.analysis.codebook import Codebook, Measure, TermRule
from helpers.analysis.lifting import judged_next, stopped_by

# The epidemic named with another topic (防汛防疫知识, 疫情防控和安全生产): the sentence is about both.
_EPIDEMIC = "(?:防疫|疫情防控|疫情|新冠|抗疫)"
_WITH_THE_EPIDEMIC_AFTER = re.compile(f"[和与及、]?{_EPIDEMIC}")
_WITH_THE_EPIDEMIC_BEFORE = re.compile(f"{_EPIDEMIC}(?:工作)?[和与及、]?$")
_ANIMAL_DISEASES = ("口蹄疫", "猪瘟", "禽流感", "动物疫病", "动物防疫")
# a zone named as where people came from (来自上海封控区、管控区的人员, 从封闭管理区域返回的): no measure;
# a label of people from such places (来自中高风险地区的人员) is screening's, and its own rule decides
_FROM = re.compile("(?:来自|从)[^，,。；;：:]{0,12}$")
_ZONE = re.compile("区|区域|地区")


def _came_from(sentence: Sentence, start: int, end: int) -> bool:
    """Whether the term at ``start:end`` names a zone (封控区, 封闭管理区域) that people came from."""
    text = sentence.text
    zone = text[start:end].endswith("区") or _ZONE.match(text, end) is not None
    return zone and _FROM.search(text, 0, start) is not None


# a sentence telling someone's age or need (82岁的林阿婆独自住在村东头，有高血压) introduces whom the next
# one helps (志愿者每天给她送药)
_IN_NEED = re.compile("[0-9０-９零一二两三四五六七八九十]+岁|独自|独居|一个人住|患有|行动不便|腿脚不便|不会用|卧床|瘫痪"
                      "|快吃完|快用完|吃完了|用完了|只剩")


@dataclass(frozen=True)
class Decision:
    """What happened to one candidate occurrence of a term: counted or not, which rule decided and why.

    ``rule`` is the rule that decided: for a counted hit ``term``,
    ``near:登记``, ``label+action:配送`` or ``label+serving:<measure>``
    (a serving label doing that measure's work); for a dropped one ``word``,
    ``overlap``, ``exclude``, ``setting``, ``question``, ``origin``, ``hypothetical``, ``advice``, ``abandoned``,
    ``not_near``, ``near``, ``label`` or
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


@dataclass(frozen=True)
class Topic:
    """A group a sentence named without an action, which the next sentence may act on (rule 7).

    ``asked``: named in a question (the answer is about it); else counted in
    one of the sentence's clauses (社区里有独居老人47位).
    """

    measure: str
    label: str
    asked: bool


@dataclass(frozen=True)
class _Occurrence:
    start: int
    end: int
    rule: TermRule


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


def _referred_back(sentence: Sentence, end: int, actions: Sequence[str], window: int,
                   labels: Sequence[tuple[int, int]]) -> tuple[str, tuple[int, int]] | None:
    """An action near a pronoun in a later clause that refers back to a group (孕妇临近预产期，…，送她去医院)."""
    after = sentence.clause(end, end)[1]
    for word in PRONOUNS:
        for start, stop in sentence.find_words(word):
            if start > after:
                found = sentence.near(start, stop, actions, window, same_clause=True, inside=labels)
                if found is not None:
                    return found
    return None


def _sentence_topic(sentence: Sentence, start: int, end: int, actions: Sequence[str],
                    labels: Sequence[tuple[int, int]]) -> tuple[str, tuple[int, int]] | None:
    """An action anywhere in a sentence whose first clause names the group: its topic.

    Chinese puts what a sentence is about first (辖区28户低保户和残疾人家庭，社区干部每天电话联系，
    需要买药的，当天就送到); after a speaker's name and colon too.  A later clause that names
    residents at large (居民, 全体 ...) is about them instead.
    """
    begin, stop = sentence.clause(start, end)
    prefix = sentence.text[:begin]
    if begin and not (len(prefix) <= 8 and prefix.rstrip().endswith(("：", ":"))):
        return None
    for word in actions:
        for ws, we in sentence.find(word):
            if ws <= stop or any(s <= ws and we <= e for s, e in labels):
                continue
            clause_begin, clause_end = sentence.clause(ws, we)
            if not any(at_large in sentence.text[clause_begin:clause_end] for at_large in RESIDENTS_AT_LARGE):
                return word, (ws, we)
    return None


# a run of short quoted words (“场所码”“弹窗”“全员核酸”“门磁”……这些词): the words are named, not used
_QUOTED = re.compile("“[^“”]{1,8}”")
_QUOTED_RUN = 3


def _listed_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is inside one of three or more quoted words written one after another."""
    if "“" not in text:
        return False
    run: list[re.Match] = []
    for match in _QUOTED.finditer(text):
        if run and text[run[-1].end():match.start()] not in ("", "、"):
            if len(run) >= _QUOTED_RUN and any(m.start() < start and end < m.end() for m in run):
                return True
            run = []
        run.append(match)
    return len(run) >= _QUOTED_RUN and any(m.start() < start and end < m.end() for m in run)


def _judge(sentence: Sentence, occ: _Occurrence, measure: Measure, terms: Sequence[tuple[int, int]]) -> Decision:
    """The decision on one winning occurrence: the rules of the module docstring, steps 4 to 7."""
    rule = occ.rule

    def dropped(kind: str, reason: str) -> Decision:
        return Decision(measure.id, rule.term, occ.start, occ.end, False, kind, reason)

    for context in measure.exclude:
        if any(cs <= occ.start and occ.end <= ce for cs, ce in sentence.find(context)):
            return dropped("exclude", f"excluded: {context}")
    if _listed_word(sentence.text, occ.start, occ.end):
        return dropped("exclude", "a word in a list of quoted words")
    if sentence.other_setting is not None:
        return dropped("setting", f"other setting: {sentence.other_setting}")
    if sentence.is_question(occ.start, occ.end):
        return dropped("question", "in a question")
    if not rule.label and _came_from(sentence, occ.start, occ.end):
        return dropped("origin", "where people came from")
    condition = sentence.hypothetical(occ.start, occ.end)
    if condition is not None:
        return dropped("hypothetical", f"in a condition: {condition}")
    urged = sentence.advised(occ.start, occ.end) if measure.id != sentence.codebook.advice_is else None
    if urged is not None:
        return dropped("advice", f"advice: {urged}")
    given_up = sentence.abandoned(occ.start, occ.end)
    if given_up is not None:
        return dropped("abandoned", f"planned or proposed, then dropped: {given_up}")
    if rule.not_near:
        blocker = sentence.near(occ.start, occ.end, rule.not_near, rule.window, same_clause=False)
        if blocker is not None:
            return dropped("not_near", f"not_near: {blocker[0]}")
    if measure.not_near:
        # another topic counts against a term unless the epidemic is named with it (防汛防疫知识)
        # (an animal disease's own 防疫 is no epidemic named with it: 禽流感防疫消杀)
        topics = ((word, (ws, we)) for word in measure.not_near for ws, we in sentence.find(word)
                  if not (_WITH_THE_EPIDEMIC_AFTER.match(sentence.text, we)
                          and not (word in _ANIMAL_DISEASES and sentence.text.startswith("防疫", we)))
                  and not _WITH_THE_EPIDEMIC_BEFORE.search(sentence.text, 0, ws))
        blocker = sentence.first_within(occ.start, occ.end, topics, rule.window, same_clause=False)
        if blocker is not None:
            return dropped("not_near", f"not_near of the measure: {blocker[0]}")
    decided, companions = [], []
    if rule.near:
        companion = sentence.near(occ.start, occ.end, rule.near, rule.window, same_clause=not rule.near_in_sentence)
        # near words saying for whom (为值守人员): whom it is given to, however the group is written
        companion = companion or sentence.recipient(occ.start, rule.near)
        if companion is None:
            where = "its sentence" if rule.near_in_sentence else "its clause"
            return dropped("near", f"no near word ({'/'.join(rule.near)}) in {where} within {rule.window}")
        decided.append(f"near:{companion[0]}")
        companions.append(companion)
    if rule.label:
        # an action inside a label (隔离 in 居家隔离人员) is part of a name, not something done
        labels = [span for other in measure.terms if other.label for span in sentence.find(other.term)]
        action = sentence.near(occ.start, occ.end, measure.actions, rule.window, same_clause=True, inside=labels)
        if action is None:
            action = _referred_back(sentence, occ.end, measure.actions, rule.window, labels)
        # those who serve are the subject of what follows them in the sentence (志愿者，很多是退休的老街坊，每天轮班…)
        if action is None and rule.serving:
            after = ((word, span) for word in measure.actions for span in sentence.find(word)
                     if span[0] >= occ.end and sentence.same_subject(occ.end, span[0]))
            action = sentence.first_within(occ.start, occ.end, after, rule.window, same_clause=False, inside=labels)
        if action is None and measure.group_topic:
            action = _sentence_topic(sentence, occ.start, occ.end, measure.actions, labels)
        if action is None:
            return dropped("label", "label without action")
        # the group named first, then the action urged (有外地旅居史的居民，建议主动向社区报备)
        urged = sentence.advised(*action[1]) if measure.id != sentence.codebook.advice_is else None
        if urged is not None:
            return dropped("advice", f"advice: {urged}")
        decided.append(f"label+action:{action[0]}")
        companions.append(action)
    reason = "counted"
    # the measure is the term with its companion word: stopping either stops it (不再设卡 at 出入口)
    for what, (start, end) in [(rule.term, (occ.start, occ.end))] + [(w, span) for w, span in companions]:
        stop = stopped_by(sentence, start, end, restriction=rule.restriction, others=terms)
        if stop is None:
            continue
        cue, continued = stop
        if continued is None:
            return dropped("not_carried_out", f"not carried out: {cue}" + ("" if what == rule.term else f" {what}"))
        if what == rule.term:
            reason = f"counted: {continued} after {cue}"
    return Decision(measure.id, rule.term, occ.start, occ.end, True, ", ".join(decided) or "term", reason)


def _decide_measure(sentence: Sentence, measure: Measure) -> list[Decision]:
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


def decide_sentence(sentence: str, codebook: Codebook, segmentation: Segmentation | None = None,
                    topics: Sequence[Topic] = ()) -> list[Decision]:
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
    topics
        Groups the sentence before named without an action (rule 7; the
        second value of :func:`decide_in_context` for that sentence).

    Returns
    -------
    list of Decision
        Measures in codebook order, occurrences in text order; offsets in the sentence.
    """
    return decide_in_context(sentence, codebook, segmentation, topics)[0]


def decide_in_context(sentence: str, codebook: Codebook, segmentation: Segmentation | None = None,
                      topics: Sequence[Topic] = (), following: str = "", commentary: bool = False,
                      ) -> tuple[list[Decision], list[Topic]]:
    """:func:`decide_sentence`, and the groups this sentence leaves for the next one to act on (rule 7).

    ``following`` is the next sentence of the article: when it refers back and judges this one
    (这些做法看似“严”，实则是懒政), nothing this one lists was carried out (rule 5).  ``commentary``: the
    sentence is a commentary's, whose proposals (各地应当…) are advice (rule 5).
    """
    coded = Sentence(sentence, segmentation or sentence_segmentation(sentence, codebook), codebook, commentary)
    decisions: list[Decision] = []
    for measure in codebook.measures:
        decisions.extend(_decide_measure(coded, measure))
    decisions = _serving(coded, decisions)
    if topics:
        decisions += _carried(coded, decisions, topics)
    verdict = judged_next(following, codebook.criticism + codebook.criticism_lead) if following else None
    if verdict is not None:
        decisions = [Decision(d.measure, d.term, d.start, d.end, False, "not_carried_out",
                              f"not carried out: judged in the next sentence ({verdict})") if d.counted else d
                     for d in decisions]
    return decisions, _topics(coded, decisions)


def _topics(sentence: Sentence, decisions: Sequence[Decision]) -> list[Topic]:
    """The groups the sentence names without an action that the next sentence may act on (rule 7).

    A label dropped in a question (社区里的老人怎么照顾？), or dropped for want
    of an action in a clause that counts the group (社区里有独居老人47位。) or, for a
    measure whose labels name those it is for, in a sentence telling someone's age or need
    (82岁的林阿婆独自住在村东头，有高血压。).
    A measure counted in the sentence has already been coded there and
    leaves no topic.
    """
    labels = {(m.id, rule.term) for m in sentence.codebook.measures for rule in m.terms if rule.label}
    counted = {d.measure for d in decisions if d.counted}
    topics = []
    for d in decisions:
        if (d.measure, d.term) not in labels or d.measure in counted:
            continue
        begin, stop = sentence.clause(d.start, d.end)
        if d.rule == "question":
            topics.append(Topic(d.measure, d.term, asked=True))
        elif d.rule == "label" and (COUNTED_GROUP.search(sentence.text[begin:stop]) or (
                sentence.codebook.measure(d.measure).group_topic and _IN_NEED.search(sentence.text))):
            topics.append(Topic(d.measure, d.term, asked=False))
    return list(dict.fromkeys(topics))


def _carried(sentence: Sentence, decisions: list[Decision], topics: Sequence[Topic]) -> list[Decision]:
    """Rule 7: an action of a topic's measure, in the answer or in the reach of a pronoun, counts."""
    if sentence.other_setting is not None:
        return []
    counted = {d.measure for d in decisions if d.counted}
    carried = []
    for topic in topics:
        if topic.measure in counted:
            continue
        measure = sentence.codebook.measure(topic.measure)
        window = max(len(sentence.text), 1)
        labels = [span for other in measure.terms if other.label for span in sentence.find(other.term)]
        found = None
        if topic.asked:
            found = sentence.near(0, 0, measure.actions, window, same_clause=False, inside=labels)
            if found is not None and sentence.is_question(*found[1]):
                found = None
        elif labels:  # the group named again: what the sentence does is done for it
            found = sentence.near(0, 0, measure.actions, window, same_clause=False, inside=labels)
        else:
            for word in PRONOUNS:
                for start, end in sentence.find_words(word):
                    found = found or sentence.near(start, end, measure.actions, window, same_clause=True, inside=labels)
        if found is None:
            continue
        action, (start, end) = found
        stop = stopped_by(sentence, start, end)
        if stop is not None and stop[1] is None:
            continue
        # an answer that only advises or supposes does nothing for them (建议子女每天和老人通个电话)
        if sentence.advised(start, end) or sentence.hypothetical(start) or sentence.abandoned(start, end):
            continue
        counted.add(topic.measure)
        carried.append(Decision(topic.measure, action, start, end, True, f"topic+action:{action}",
                                f"counted: about {topic.label}, named in the sentence before"))
    return carried


def _serving(sentence: Sentence, decisions: list[Decision]) -> list[Decision]:
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
            if work is None:  # the subject of what follows it in the sentence (志愿者拿着花名册，一户一户敲门)
                work = sentence.first_within(d.start, d.end, (
                    (m, span) for m, span in served
                    if m != d.measure and span[0] >= d.end and sentence.same_subject(d.end, span[0])),
                    rule.window, same_clause=False)
            stop = stopped_by(sentence, d.start, d.end)
            if work is not None and (stop is None or stop[1] is not None):
                d = Decision(d.measure, d.term, d.start, d.end, True, f"label+serving:{work[0]}",
                             f"counted: serving in {work[0]}")
        result.append(d)
    return result
