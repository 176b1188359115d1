"""A sentence's clauses, segmentation and words: where a term's companion words may be.

A clause is the text between ，。；！？： (and their ASCII forms) and line
ends.  A term's companions (its near words, a label's actions) are looked
for in its *reach*: its clause, joined with the next one when the two say
one thing (see :meth:`Sentence.reach`).  Short words (one or two characters)
count only as whole words of the segmentation: the project tokenizer's, with
the codebook's terms in its dictionary; a whole article's tokens give the
same boundaries as the sentence's own, since the tokenizer never joins
characters across the marks that end a sentence.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable, Sequence

from helpers.analysis.codebook import Codebook, whole_word_by_default
from helpers.analysis.speech_acts import (
    ADVISED_AFTER,
    ASKED,
    ASKER,
    ASKS,
    OPENS_WHAT_FOLLOWS,
    OPINION,
    OPINION_INLINE,
    PROPOSAL,
    PROPOSING,
    SHOULD,
    URGING,
    WHETHER,
    WHETHER_WILL,
)
from helpers.corpus.cleaning import is_lost_character

CLAUSE_MARKS = frozenset("，。；！？：,;!?:\n")
# 对于 starts with 对; 遇到 names whom the next clause acts for (遇到独居老人，就直接送到家门口)
_FRONTED_OBJECT = ("对", "针对", "遇到", "遇有")
# the next clause names the agent (由社区...) or the beneficiary (为居民..., 给居民...), or goes on with the
# same agent (…，并登记)
_CONTINUED_BY = ("由", "为", "给", "并", "把", "还")
# a clause saying by what means (通过楼道公示栏和微信群，公布采样点位置) is how the next one is done
_MEANS = re.compile(".{0,6}?(?:通过|利用|借助|依托)")  # after the subject, if any (各社区通过…)
# the next clause refers back to something of this one (独居老人的名单，网格员每天给他们打电话)
PRONOUNS = ("他们", "她们", "他", "她", "将其", "为其", "帮其", "给其")
# a clause that counts a group (辖区有独居老人63名, 楼里有两位独居老人) introduces whom the next one is about ...
COUNTED_GROUP = re.compile(r"有[^，,]*?[0-9０-９零一二两三四五六七八九十百千万几]+[余多]?[名位人户个口]")
# ... unless the next one names residents at large, who are then whom it is about
RESIDENTS_AT_LARGE = ("居民", "村民", "群众", "住户", "业主", "全体", "大家", "每户", "各户", "家家户户")
# a clause ending with those it describes (从湖北返回的人员，请主动报告) is the next one's subject
_THOSE_WHO = re.compile("的(?:人员|人|居民|村民|群众|住户|家庭|员工|旅客|老人)$")
# a group right after these is whom something is done for, not who does it (为志愿者购买保险)
_RECIPIENT = ("为", "给", "向", "对")
_RECIPIENT_GAP = 6
# whom something is given or done to: after these, in at most this many characters (为各村卡点的值守人员), or a
# pronoun referring to a group named before (给大家, 为他们, 对他们进行心理疏导) -- not residents (老人, 患者 ...)
# named since
_GIVEN_TO = "为给向对"
_RECIPIENT_PHRASE = 14
_GROUP_PRONOUNS = ("他们", "她们", "大家", "每人", "每位", "各位")
_RESIDENTS = ("居民", "村民", "群众", "住户", "业主", "每户", "各户", "家家户户", "老人", "患者", "病人", "孩子",
              "家庭", "游客", "学生", "租户", "困难户")
# farther when the group is joined to another recipient (为一线社区工作者和志愿者发放补贴)
_RECIPIENT_JOINED_GAP = 12
_JOINING = "和与及、"
# words that, between a group and 的, do not name one of its members (志愿者为老人的...); 中 picks some of
# the group (志愿者中的心理咨询师), who are the group
_NOT_NAMES = frozenset(["为", "给", "向", "对", "把", "帮", "替", "在", "和", "与", "及", "将", "从", "到", "中", "里"])
# after a group and 的, its own doing (在志愿者的帮助下): the group did it
_DOINGS = ("帮助", "协助", "帮忙", "引导", "带领", "指引", "组织", "陪同", "配合", "努力", "服务")


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


# A residential word that only says where another setting is (辖区的龙岩市第一医院, 小区附近的一家超市,
# 辖区商超): what is said there is said of that setting.  Between them: nothing, or one of these openers and a
# few characters of name, with no verb of going or doing for someone (小区的保安到医院 is the compound's).
_LOCATOR_OPENERS = ("附近的", "周边的", "附近", "周边", "旁边的", "旁的", "内的", "里的", "的", "内")
_LOCATOR_NAME_MAX = 6
_ADDRESS_GAP = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:大街|大道|路|街|巷)(?:\d+号)?的?(?:一家|一处|一个)?"
                          r"|(?:的|附近的?)?(?:一家|一处)")
_NOT_A_NAME = frozenset("到去往在为给陪送帮把对和与及或、，,；;：:")


def _residential(text: str, codebook: Codebook) -> bool:
    """Whether the sentence names a residential setting other than as where another setting is."""
    settings = [start for word in codebook.other_settings for start, _ in occurrences(text, word)]
    for word in codebook.residential:
        for _, end in occurrences(text, word):
            if not any(_locates(text[end:start]) for start in settings if start >= end):
                return True
    return False


# A setting the community works with or runs to for someone is not where the sentence happens (联系了医院开绿色通道,
# 联系县医院开了药, 跑了三家药店才买到): one of these, 了 and a few characters of name, with no verb or mark, right
# before it.
_PARTNERS = re.compile(
    f"(?:联系|联络|对接|协调|联合|邀请|请来|跑遍|跑)了?[^{''.join(_NOT_A_NAME)}]{{0,{_LOCATOR_NAME_MAX}}}$")
# what lists after an opening, which then means "such as" (，如小区、超市等场所)
_LISTING = ("、", "和", "及", "等")
# what opens a clause telling what residents may do (可拨打…热线, 也可联系居委会)
_OPTIONS = ("可", "也可", "还可", "均可", "亦可")
# what may open a clause before a word that opens a condition only there (四、如本村出现确诊病例, 下一步如有需要,
# a quotation: “如有需要，…)
_LIST_NUMBER = re.compile(r"[“「『\"]?[（(]?[一二三四五六七八九十\d]{0,3}[）)、.．]?(?:下一步|今后|此后|届时|后续)?")


def _partner(before: str) -> bool:
    """Whether a setting after ``before`` is one the sentence's actors work with (联系了县医院)."""
    return _PARTNERS.search(before) is not None


def _locates(gap: str) -> bool:
    # (a street of the sub-district and 一家: 永昌街道锦山大街一家超市, 城关街道中山路的一家药店)
    if _ADDRESS_GAP.fullmatch(gap):
        return True
    for opener in _LOCATOR_OPENERS:
        if gap.startswith(opener):
            gap = gap[len(opener):]
            break
    else:
        if gap:
            return False
    return len(gap) <= _LOCATOR_NAME_MAX and not (_NOT_A_NAME & set(gap))


# a drill of a measure (封控应急演练, 核酸采样实战演练): a few characters of its kind between, in its clause
_DRILL = re.compile(r"[^，,。；;：:、]{0,4}?(演练|演习)")


class Sentence:
    """One sentence being coded: its clauses, its segmentation and the words found in it so far."""

    def __init__(self, text: str, segmentation: Segmentation, codebook: Codebook, commentary: bool = False):
        self.text = text
        self.commentary = commentary  # a commentary's sentence: what it says should be done is advice
        self.segmentation = segmentation
        self.codebook = codebook
        # a '?' standing for a character the source lost (健康?码) ends nothing
        self.marks = [i for i, ch in enumerate(text) if ch in CLAUSE_MARKS
                      and not (ch == "?" and is_lost_character(text, i))]
        self.chars = frozenset(text)  # a term whose first character is missing cannot occur
        self._found: dict[str, list[tuple[int, int]]] = {}
        self._words: dict[str, list[tuple[int, int]]] = {}
        self.other_setting = None
        if codebook.other_settings and not _residential(text, codebook):
            self.other_setting = next((word for word in codebook.other_settings if any(
                not _partner(text[:start]) for start, _ in occurrences(text, word))), None)

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

    def same_subject(self, end: int, at: int) -> bool:
        """Whether what is said at ``at`` is still said of a group ending at ``end`` before it.

        Chinese leaves the subject out of the clauses after the one that names it
        (志愿者拿着花名册，一户一户敲门); a clause between them, or the one at ``at``,
        that opens with a residential word names a new one (党员来了，社区封控).
        """
        position = self.clause(end, end)[1]
        while position < at:
            opening = self.text[position + 1:at].lstrip(" “\"「")
            if opening.startswith(self.codebook.residential):
                return False
            position = self.clause(position + 1, position + 1)[1]
        return True

    def hypothetical(self, start: int, end: int | None = None) -> str | None:
        """The hypothetical word before ``start`` in its sentence (一旦小区临时管控), or None; or the word of a
        drill a few characters after ``end`` in its clause (组织了一次封控应急演练): a rehearsal of the measure.

        Neither what a condition supposes nor what is planned for the case is carried out
        (如果再出现阳性病例，社区将立即恢复封控管理): the rest of the sentence is a plan for a case.
        """
        if end is not None and (drill := _DRILL.match(self.text, end)) is not None:
            return drill.group(1)
        begin = self.clause(start, start)[0]
        for word in self.codebook.hypothetical:
            if any(we <= start and self._supposes(ws, begin) for ws, we in self.find_words(word)):
                return word
        for word in self.codebook.hypothetical_opening:
            if any(we <= start and self._supposes(ws, begin) and not self.text.startswith(_LISTING, we)
                   and _LIST_NUMBER.fullmatch(self.text[self.clause(ws, we)[0]:ws].strip())
                   for ws, we in self.find(word)):
                return word
        return None

    def _supposes(self, at: int, begin: int) -> bool:
        """Whether a condition at ``at`` covers the clause starting at ``begin``.

        A later clause telling what residents may do in the case names a service there is now
        (如出现焦虑情绪，可拨打心理援助热线), not a plan for the case.
        """
        opening = self.text[begin:].lstrip(" “\"「")
        return begin <= at or not opening.startswith(_OPTIONS) or opening.startswith("可能")

    def advised(self, start: int, end: int | None = None) -> str | None:
        """The advice word that urges what is at ``start`` (倡议居民每天自测体温，积极参加核酸检测), or None.

        It urges the rest of its clause, and a clause after a comma that goes on urging (积极,
        主动, 尽量 ...); right after a term (``end``) it urges what the term names (红白喜事提倡缓办).
        """
        # (in a commentary, what it says should be done before the term, in its clause: 各地应当为社区工作者落实轮休;
        # not what the next clause says is done meanwhile: 不妨增加测温设备，让居民在查验二维码的过程中就完成测温)
        if self.commentary:
            begin = self.clause(start, start)[0]
            for word in SHOULD:
                if any(begin <= ws and we <= start for ws, we in self.find(word)):
                    return f"commentary: {word}"
        for word in OPINION:
            for _, we in self.find(word):
                # (an opinion ending its clause, then a clause that proposes, after whom it asks at most:
                # 专家认为，可以…; 在笔者看来，各地应当…)
                proposal = PROPOSAL.match(self.text, we + 1)
                if we <= start and self.text.startswith(OPENS_WHAT_FOLLOWS, we) and proposal is not None \
                        and self._proposing_to(we, start):
                    return f"{word}，{proposal.group('word')}"
        # (or an opinion in the term's clause, and a word proposing between it and the term: 我觉得社区也应该
        # 重视居民的心理疏导)
        begin = self.clause(start, start)[0]
        for word in (*OPINION, *OPINION_INLINE):
            for _, we in self.find(word):
                if begin <= we <= start and (proposed := next(
                        (p for p in PROPOSING if p != "可" and p in self.text[we:start]), None)) is not None:
                    return f"{word} … {proposed}"
        for word in self.codebook.advice:
            for ws, we in self.find_words(word):
                if end is not None and end <= ws <= end + ADVISED_AFTER and ws < self.clause(start, end)[1]:
                    return word
                if we > start:
                    continue
                # an advice word that ends its clause (笔者建议，社区可以…; 我们建议：…) urges the rest of the
                # sentence, up to a semicolon
                if self.text.startswith(OPENS_WHAT_FOLLOWS, we) and self._proposing_to(we, start, ";；"):
                    return word
                at = we
                while True:
                    _, stop = self.clause(at, at)
                    if start <= stop:
                        return word
                    if stop >= len(self.text) or self.text[stop] not in ",，" \
                            or not self.text[stop + 1:].lstrip("“\"「").startswith(URGING):
                        break
                    at = stop + 1
        return None

    def _proposing_to(self, at: int, start: int, marks: str = ";；。") -> bool:
        """Whether a proposal opened at ``at`` still holds at ``start``: no mark of ``marks`` between them, or, past a
        semicolon, a word proposing again between the last one and ``start`` (笔者以为，各地应当为社区工作者减负；
        对居民，也可以通过心理热线…)."""
        between = self.text[at:start]
        if "。" in between and "。" in marks:
            return False
        last = max(between.rfind(mark) for mark in marks)
        if last < 0:
            return True
        return any(word in between[last:] for word in PROPOSING if word != "可")

    def abandoned(self, start: int, end: int) -> str | None:
        """The plan before ``start`` and the word after ``end`` that drops it (镇里原本计划开展全员核酸检测，…决定暂不
        开展; 有居民提议架设测温门，社区没有采纳), as ``"原本 … 暂不"``, or None: planned or proposed, then not done."""
        plan = next((word for word in self.codebook.plans if any(we <= start for _, we in self.find(word))), None)
        if plan is None:
            return None
        dropped = next((word for word in self.codebook.abandoned if any(ws >= end for ws, _ in self.find(word))), None)
        return f"{plan} … {dropped}" if dropped is not None else None

    def is_question(self, start: int, end: int) -> bool:
        """Whether the clause around ``text[start:end]`` ends with a question mark, opens by asking whether
        (是否恢复测温), asks about it before it (有人问志愿者有没有补贴), or the sentence is an interviewer's question
        (记者：全员核酸停了，社区还要组织检测吗？)."""
        begin, stop = self.clause(start, end)
        if stop < len(self.text) and self.text[stop] in "?？":
            return True
        # a clause that opens by asking whether (是否恢复测温，社区表示将视疫情而定)
        if self.text[begin:start].lstrip(" “\"「").startswith(WHETHER) \
                or any(word in self.text[begin:start] for word in WHETHER_WILL):
            return True
        asks = ASKS.search(self.text, 0, start)
        # (what is asked runs from the colon to its question mark: 有人问：解封以后，行程卡会不会“带星”？社区…)
        asked = re.search("[?？]", self.text[start:])
        if asks is not None and (self.text.rstrip().endswith(("?", "？")) or (
                asked is not None and not any(mark in self.text[asks.end():start + asked.start()]
                                              for mark in "。！!"))):
            return True
        if any(match.end() <= start and not any(mark in self.text[match.end():start] for mark in ",，;；")
               for match in ASKED.finditer(self.text, 0, start)):
            return True
        return self.text.lstrip().startswith(ASKER) and self.text.rstrip().endswith(("?", "？"))

    def reach(self, start: int, end: int) -> tuple[int, int]:
        """Where a term's companions may be: its clause, and the next one after a fronted object.

        In "对独居老人，社区每天电话问候" the clause starting with 对 (or 对于,
        针对) is the object of the next one; in "留守儿童，由社区安排专人照料"
        the next clause starts with its agent (由), in "设立休息点，为工作人员
        提供热水" with its beneficiary (为, 给), in "入户，并登记", "发了口罩，还买了保险" and "建了楼栋群，把
        防控要求推送给居民" it goes on with the same agent (并, 还, 把); after a colon comes what is said
        ("社区通知：全体居民居家"); in "梳理了独居老人的名单，网格员每天给他们
        打电话" the next clause refers back with a pronoun (他们, 她们, 他, 她);
        a clause ending with 的 names those the next one is about
        ("从外地返回的，须居家隔离", also "从外地返回的人员，须居家隔离"); one of 在…下 says how it happened
        ("在志愿者的帮助下，老人完成了采样"), and one opening with 通过, 利用 … by what means
        ("通过公示栏和微信群，公布采样点位置"); one that counts a group
        introduces it to the next ("辖区有独居老人63名，社区每天电话问候"),
        unless that one names residents at large ("…，全体居民下楼核酸").

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
        topic = (head.endswith("的") or _THOSE_WHO.search(head) is not None) and not any(
            begin <= ws and we <= stop for ws, we in self.find_words("是"))
        # 在…下 (在志愿者的帮助下，…) says how the next clause happened
        circumstance = (head.startswith("在") and head.endswith("下")) or _MEANS.match(head) is not None
        counted = (COUNTED_GROUP.search(head) is not None
                   and not any(word in self.text[stop + 1:following] for word in RESIDENTS_AT_LARGE))
        if (self.text[stop] in ":：" or head.startswith(_FRONTED_OBJECT) or topic or continued or circumstance
                or counted
                or any(stop < ws and we <= following for word in PRONOUNS for ws, we in self.find_words(word))):
            return following
        return None

    def recipient(self, start: int, phrases: Sequence[str]) -> tuple[str, tuple[int, int]] | None:
        """Whom what is at ``start`` is given to, when it is one of ``phrases`` (为值守人员, 给志愿者), or None.

        The group may come after words saying which (为各村卡点的值守人员配发了军大衣, 为在村部值班的村干部
        送来了棉大衣), or be named earlier in the sentence and referred to by a pronoun after 为/给
        (社区十几名工作人员几乎没有回过家，街道给大家送来了折叠床) when the clause names who gives
        and neither a giver of that group nor residents come between.
        """
        groups = [(phrase[0], phrase[1:]) for phrase in phrases if len(phrase) > 1 and phrase[0] in _GIVEN_TO]
        # the groups a pronoun may refer to: those of the phrases, and the plain words among them (工作人员)
        named_groups = [group for _, group in groups] + [phrase for phrase in phrases if phrase[0] not in _GIVEN_TO]
        begin, _ = self.clause(start, start)
        text = self.text
        for preposition in _GIVEN_TO:
            for ws, we in self.find_words(preposition):
                if not begin <= ws or we > start:
                    continue
                phrase = text[we : min(start, we + _RECIPIENT_PHRASE)]
                for group in (group for given, group in groups if given == preposition and group in phrase):
                    at = we + phrase.index(group)
                    return preposition + group, (at, at + len(group))
                giver = text[begin:ws].strip()
                if not phrase.startswith(_GROUP_PRONOUNS) or not giver or any(g in giver for g in named_groups):
                    continue
                named = max(((text.rfind(group, 0, begin), group) for group in named_groups), default=(-1, ""))
                if named[0] >= 0 and not any(word in text[named[0]:ws] for word in _RESIDENTS):
                    return named[1], (named[0], named[0] + len(named[1]))
        return None

    def near(self, start: int, end: int, words: Sequence[str], window: int, same_clause: bool,
             inside: Sequence[tuple[int, int]] = ()) -> tuple[str, tuple[int, int]] | None:
        """The first of ``words`` within ``window`` characters of ``text[start:end]`` (in its reach if asked).

        Returns the word and where it is.  A word inside ``text[start:end]``
        itself, or inside one of the ``inside`` spans, does not count.
        """
        found = ((word, span) for word in words for span in self.find(word))
        return self.first_within(start, end, found, window, same_clause, inside)

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
        """Whether a group ending at ``end``, or its member's name, is followed by 的 (志愿者张某的父亲).

        Not when what follows 的 is the group's own doing (在志愿者的帮助下).
        """
        after = end + 1 if self.text.startswith("们", end) else end
        if not self.text.startswith("的", after):
            name = next(((s, e) for s, e in self.segmentation.spans if s == after), None)
            if name is None or not self.text.startswith("的", name[1]) or self.text[name[0]:name[1]] in _NOT_NAMES:
                return False
            after = name[1]
        return not self.text.startswith(_DOINGS, after + 1)

    def receives(self, start: int) -> bool:
        """Whether the words before ``start`` make it whom something is done for (为志愿者, 给一线人员)."""
        begin, _ = self.clause(start, start)
        return any(begin <= ws and we <= start and (start - we <= _RECIPIENT_GAP or (
                       start - we <= _RECIPIENT_JOINED_GAP and self.text[start - 1] in _JOINING))
                   for word in _RECIPIENT for ws, we in self.find_words(word))
