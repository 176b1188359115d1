"""Whether a measure a sentence names was lifted, stopped, prohibited or criticised instead of carried out.

A sentence that reports a measure ending or forbidden does not describe it
being carried out (不再查验健康码, 解除封控, 卡口已全部撤除, 结束静默管理,
一律劝返，被上级点名纠正); one that says it continued does (解除封控后继续…).
The words are the codebook's: ``not_carried_out``, ``prohibition``,
``continuation``, ``lifted_after``, ``lifted_before``, ``criticism`` and ``criticism_lead``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from helpers.analysis.clauses import Sentence

# What may stand between a term and the word that ends it (卡口已全部撤除, 检测于今日起停止).
_LINKING = frozenset("已经均都全部大多陆续逐步相继正式被予以将于自起即日今一律全面暂时也在正了随之")
_LINK_MAX = 4
# a date between them does not count (健康码服务于12月13日零时起正式下线)
_DATE = re.compile(r"[\d零〇一二三四五六七八九十]{1,4}[年月日号时点](?:上旬|中旬|下旬|初|底)?|\d{1,2}:\d{2}")
# what the term may name the things of that are removed (扫码台已撤走, 采样点的帐篷也在拆除, 测温点和扫码点
# 全部停用): short words, joined by 和 、 及 与, the first not starting with one of these, which place the
# term in time or space (封控后撤除)
_THING_MAX = 5
_JOINED = re.compile("[和、及与]")
_NOT_HEADS = frozenset("后前时中里外内上下间起")
# what may follow the lifting word without being its object (暂停服务, 停止使用, 撤了以后)
_COMPLEMENTS = ("了", "起来", "仓库", "完毕", "服务", "使用", "运行", "运营", "营业", "开放", "以后", "之后", "采样",
                "检测", "封控", "管控", "封闭管理", "一大半", "大半", "一半", "大部分")
# what may open a clause before 被 when it says a passive of the clause before (同样被上级纠正)
_PASSIVE_OPENERS = frozenset(["同样", "也", "均", "都", "已", "随后", "随即", "后", "后来", "最终", "因此", "结果",
                              "当即", "旋即", "不久", "很快", "先后", "相继", "已经", "也已"])
# at most this many characters, none of them 的, between a lifted_before word and the term (结束静默管理)
_BEFORE_GAP = 2
# a denial with nobody doing it, or only adverbs and a verb of doing between (没有专门搞心理疏导, 也没有人追着量体温,
# 并未再组织全员核酸)
_NEGATIONS = ("不", "没有", "没", "并未", "尚未", "暂未", "未")
_NEGATED = re.compile("人?来?(?:(?:给|为|帮)(?:我们|大家|居民|村民|他们|她们|他|她))?(?:专门|特意|特地|再|都|也|还)*"
                      "(?:搞|开展|进行|组织|安排|实行|实施|采取|设置|设立|做|追着)?(?:什么|过)?")
# a denial denied says everyone does it (没有人不配合测温, 无一户不参加核酸检测, 没有哪个小区不设卡口), and 不能不,
# 不得不 that it must be done: the 不 right after them governs nothing
_DENIED_DENIAL = re.compile(r"(?:(?:没有|没|无|并无)(?:任何|哪|一)?一?[个户家位名栋处]?"
                            r"(?:人|谁|居民|村民|住户|群众|家庭|小区|楼栋|户|家)[^，,。；;！？]{0,2}|不能|不得|不可)$")
_COORDINATORS = "和与及、或以"  # 以及
# quotes and brackets closing round a term (小区“卡口”撤了)
_CLOSING = "”’\"'」』》〉）)"
# a gate named as where another term is (门口的卡口, 出入口的查验卡口): a word before the gate governs
# both; a measure before 的 is a measure of its own (解除封控区的封闭式小区)
_MODIFIER = re.compile(r"的[^，,。；;：:、]{0,2}")
_GATE_ENDS = ("口", "门")
# closing a gate, or a place people gather, is the measure (小区大门关闭, 棋牌室一律关闭); closing anything else
# ends it (核酸采样点全部关闭)
_CLOSES = ("关闭",)


def _links(gap: str) -> bool:
    return len(gap) <= _LINK_MAX and all(ch in _LINKING for ch in gap)


def _right_after(sentence: Sentence, end: int, at: int, word_end: int | None = None) -> bool:
    """Whether a word at ``at`` comes right after a term ending at ``end``, or after the things it names.

    Only linking words (已, 全部, 陆续 ...) and dates may stand between
    (卡口已全部撤除, 行程卡于12月13日起下线), after short words naming what
    the term is the name of, with or without 的, and others joined to them
    (扫码台已经撤走, 采样点的帐篷也在拆除, 测温点和扫码点全部停用), when the
    word has no object (卡口人员撤除路障 leaves the checkpoint).
    """
    text = sentence.text
    # quotes round what is removed say nothing (小区“卡口”撤了, 扫码“查验”岗陆续撤除)
    gap = "".join(ch for ch in _DATE.sub("", text[end:at]) if ch not in _CLOSING + "“‘「『《")
    if _links(gap):
        return True
    # with an object after it (卡口人员撤除路障) the word before is who removes, not what is removed
    # (after the whole lifting word, which may be longer than a token: 成为了历史)
    after = max(next((e for s, e in sentence.segmentation.spans if s == at), at), word_end or at)
    rest = text[after : sentence.clause(at, at)[1]]
    while rest.startswith(_COMPLEMENTS):
        rest = rest[len(next(c for c in _COMPLEMENTS if rest.startswith(c))) :]
    if rest:
        return False
    first, *joined = _JOINED.split(gap.removeprefix("的"))
    last = (joined or [first])[-1]
    named = last.rstrip("".join(_LINKING))
    things = [first, *joined[:-1], named] if joined else [named]
    if not _links(last[len(named) :]) or (things[0] and things[0][0] in _NOT_HEADS):
        return False
    # the first may be empty: the term itself is what is removed (测温、扫码全部停用)
    return all(len(t.removeprefix("的")) <= _THING_MAX and (t.isalpha() or (i == 0 and not t))
               for i, t in enumerate(things)) and all(things[1:])


# no plan for a measure (没有对小区实行封闭管理的计划, 还没有专门的心理疏导安排): 没有 in the term's clause before it,
# and, closing the clause a few characters after it, what there is none of
_NONE = ("没有", "并没有", "还没有", "暂无", "尚无", "并无")
_NO_PLAN = re.compile(r"[^，,。；;：:]{0,4}?(?:的)?(?:计划|安排|打算|必要|需要)[。，,；;！!？?]?$")


def _no_plan(sentence: Sentence, start: int, end: int) -> str | None:
    """The word saying there is no plan for the measure at ``text[start:end]`` (see ``_NO_PLAN``), or None."""
    begin, stop = sentence.clause(start, end)
    if not _NO_PLAN.match(sentence.text[end:stop + 1]):
        return None
    return next((word for word in _NONE if any(begin <= ws and we <= start for ws, we in sentence.find(word))), None)


def _criticised(sentence: Sentence, start: int, end: int) -> str | None:
    """The criticism word saying the measure at ``text[start:end]`` was criticised.

    A passive after the term: 被 later in its clause, or opening the next
    clause alone or after an adverb such as 同样, 随后, which then says it of
    this one (一律劝返，同样被上级点名纠正); or the term inside what 对 names
    before a criticism word of its clause (对擅自设卡的乡镇进行通报批评).  The
    criticism word follows 被 or the term in the same clause.
    """
    if not sentence.codebook.criticism:
        return None
    text = sentence.text
    begin, stop = sentence.clause(start, end)
    passives = [bs for bs, _ in sentence.find_words("被") if end <= bs < stop]
    if any(begin <= ws and we <= start for ws, we in sentence.find_words("对")):
        passives.append(end - 1)
    if stop < len(text) and text[stop] in ",，;；":
        following = sentence.clause(stop + 1, stop + 1)[1]
        opening = text[stop + 1 : following].lstrip(" “\"「")
        if "被" in opening and opening[: opening.index("被")] in _PASSIVE_OPENERS | {""}:
            passives.append(following - len(opening) + opening.index("被"))
    for at in passives:
        limit = sentence.clause(at, at + 1)[1]
        for word in sentence.codebook.criticism:
            if any(at < ws and we <= limit for ws, we in sentence.find(word)):
                return word
    return None


def _criticised_before_colon(sentence: Sentence, start: int) -> str | None:
    """The criticism_lead word before a colon that comes before ``start``: the sentence lists what was done wrongly.

    Commentaries introduce a list of bad practice with a verdict and a colon
    (一些地方的做法让群众苦不堪言：有的小区…；个别地方防控“简单化”：有的…):
    nothing listed after the colon was carried out as the definitions mean it.
    """
    text = sentence.text
    colon = max(text.rfind("：", 0, start), text.rfind(":", 0, start))
    if colon < 0:
        return None
    for word in sentence.codebook.criticism_lead:
        if any(we <= colon for _, we in sentence.find(word)):
            return word
    return None


# 有的 … 有的 (some … others), also 还有的, 也有的
_SOME = "有的"


def _listed_as_bad_practice(sentence: Sentence, start: int) -> str | None:
    """A criticism_lead word in a sentence that lists what some places did with 有的 … 有的 (the term after the first).

    Commentaries list bad practice that way (有的小区动辄封控，有的社区擅自封堵单元门；还有的地方要求居民天天
    做核酸): one verdict word in the list (动辄, 擅自, 一刀切) says what the whole list is; a list without one may
    be a roundup of good work (有的负责门岗登记，有的负责送菜) and counts.
    """
    found = sentence.find(_SOME)
    if len(found) < 2 or found[0][1] > start:
        return None
    return next((word for word in sentence.codebook.criticism_lead if sentence.find(word)), None)


# A clause that refers back to what the sentence listed before it (这些都需要及时纠正, 这种做法不可取)
_BACK_REFERENCE = ("这些", "这种", "这类", "此类", "上述", "以上", "类似", "这样", "这是", "这也是", "这都是", "这件事",
                   "此事", "这显然", "这明显", "这无疑")


def _criticised_back(sentence: Sentence, end: int) -> str | None:
    """A criticism or criticism_lead word in a later clause that refers back to what came before it.

    A commentary lists bad practice and then judges it (有的地方简单粗暴，用土堆封村、用铁链锁门，这些都需要
    及时纠正): nothing the clauses before the judgment list was carried out as the definitions mean it.
    """
    text = sentence.text
    words = sentence.codebook.criticism + sentence.codebook.criticism_lead
    position = sentence.clause(end, end)[1]
    while position < len(text):
        start = position + 1
        stop = sentence.clause(start, start)[1]
        found = judged_next(text[start:stop], words) or _verdict(text[start:stop], sentence.codebook.criticism_lead,
                                                                   sentence.codebook.criticism)
        if found is not None:
            return found
        position = max(stop, start)
    return None


# a later clause that says what the sentence listed before it has ended (查码、测温、登记，现在这些都不用做了;
# 卡口值守、全员核酸，如今这些措施大部分都取消了): a time word may open it, a back reference follows, then a few
# words of what they are (都, 措施, 大部分) and a lifting word that ends the clause, or leaves only 做/了 after it
_NOW = ("现在", "如今", "目前", "眼下", "当下", "今天", "而今", "")
_BACK_LIFTED_MAX = 6
# a denial or a word of going on before the lifting word says it has not ended (这些措施一直没有取消)
_NOT_ENDED = re.compile("[没未不别非仍]|尚|依然|继续|还是|并")
# (and, for what nobody took up, a denial of doing it again: 这件事就没有再搞)
_NOT_AGAIN = ("没有", "没再", "未再")
# what may follow a term in its clause when the term is the subject of the next one (措施，自…起解除), and when that
# one says it happened (自1月25日零时起, 即日起, 现已)
_SUBJECT_TAIL = 4
# (or the term is in what modifies it: 以查验、封控、核酸为主要内容的社区防控，正在退出舞台)
_MODIFYING = re.compile(r"[^，,。；;]*的[\u4e00-\u9fff]{1,6}")
_NOT_ALONE = ("不再",)
_WHEN = re.compile(r"^(?:(?:自|从|于)?(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日(?:零时|0时|24时|\d{1,2}时)?(?:起|开始)?"
                   r"|即日起|今日起|今天起|这周|本周|上周|今天|昨天|近日|日前|如今|现在|随后|现已|已经|已|均已|全部|也|都"
                   r"|正在|正|将|逐步|陆续)+")
_BACK_LIFTED_TAIL = re.compile(r"(?:再)?(?:做|执行|实行|开展|查|搞)?(?:了|啦)?[。！!]?$")


def _lifted_back(sentence: Sentence, end: int) -> str | None:
    """A not_carried_out or lifted_after word ending a later clause of the sentence that refers back to what
    came before it (…查码、测温、登记，现在这些都不用做了; 这件事就没有再搞), with no denial before it (这些措施一直
    没有取消).  A question (这些措施会不会取消？) ends nothing."""
    text = sentence.text
    if text.rstrip("”\"」 ").endswith(("？", "?")):
        return None
    words = sentence.codebook.not_carried_out + sentence.codebook.lifted_after + _NOT_AGAIN
    position = sentence.clause(end, end)[1]
    while position < len(text):
        start = position + 1
        stop = sentence.clause(start, start)[1]
        clause = text[start:stop].lstrip(" “\"「")
        opening = next(now for now in _NOW if clause.startswith(now))
        rest = clause[len(opening):]
        if rest.startswith(_BACK_REFERENCE):
            for word in words:
                at = rest.find(word, 2)
                if (0 <= at <= 2 + _BACK_LIFTED_MAX and not _NOT_ENDED.search(rest[:at])
                        and _BACK_LIFTED_TAIL.match(rest[at + len(word):])):
                    return word
        position = max(stop, start)
    return None


def _lifted_as_predicate(sentence: Sentence, end: int, restriction: bool) -> str | None:
    """A lifted_after word that is the whole clause after the one the term ends or modifies the subject of, its
    predicate, after when it happened (原对该小区实施的封闭管理措施，自1月25日零时起解除; 以查验、封控为主要内容的
    社区防控，正在退出舞台).  Cancelling what a restriction names is the measure (原定的3场酒席，已经全部取消)."""
    text = sentence.text
    position = sentence.clause(end, end)[1]
    if position >= len(text) or text[position] not in ",，" or (
            position - end > _SUBJECT_TAIL and not _MODIFYING.fullmatch(text, end, position)):
        return None
    # (a word that ends what comes after it, 不再, says nothing alone)
    words = [word for word in sentence.codebook.lifted_after
             if not (restriction and word in sentence.codebook.prohibition) and word not in _NOT_ALONE]
    predicate = _WHEN.sub("", text[position + 1:sentence.clause(position + 1, position + 1)[1]].strip(), count=1)
    word = next((word for word in words if predicate.startswith(word)), None)
    return word if word is not None and _BACK_LIFTED_TAIL.match(predicate[len(word):]) else None


# words that, a few characters before a verdict, deny it (这些做法避免了“一刀切”), or make it the foil of a
# comparison (这样的“精准”，比一封了之难得多)
_DENIED = ("避免", "防止", "杜绝", "不搞", "没有", "反对", "破除", "克服", "不是", "并非", "比")


def judged_next(following: str, words: Sequence[str]) -> str | None:
    """The criticism word of a text that opens by referring back and judges what came before it, or None.

    A commentary tells what some places did and judges it in a later clause or the next sentence
    (…外来车辆一律劝返。这些做法看似“严”，实则是懒政): what came before was done wrongly.  A verdict
    denied just before it (这种做法避免了“一刀切”) is none.
    """
    text = following.lstrip(" “\"「")
    if not text.startswith(_BACK_REFERENCE):
        return None
    for word in words:
        for found in re.finditer(re.escape(word), text):
            if not any(denial in text[max(0, found.start() - 4) : found.start()] for denial in _DENIED):
                return word
    return None


# a later clause of the sentence that judges what it listed without referring back: a copula and a verdict
# (…一律劝返、一律集中隔离，属于层层加码), or an order to correct it (…一律隔离的做法，有关部门要求立即纠正)
_COPULA = re.compile(r"\s*(?:这|此|均|都|也|则|实则|显然|明显|无疑)?(?:属于|属|是|系|实属|纯属|沦为)")
_VERDICT_AFTER_COPULA = 4
_ORDERED_CORRECTED = re.compile(r"\s*[\u4e00-\u9fff]{0,8}?(?:要求|责令)[\u4e00-\u9fff]{0,4}?"
                                r"(?:纠正|叫停|整改)[。！!]?$")


def _verdict(clause: str, verdicts: Sequence[str], corrections: Sequence[str]) -> str | None:
    """The verdict word of a clause that judges, without a back reference, what the clauses before it listed."""
    copula = _COPULA.match(clause)
    if copula is not None:
        # the verdict starts at most _VERDICT_AFTER_COPULA characters after the copula (属于明显的层层加码)
        after = clause[copula.end():]
        found = next((word for word in verdicts if 0 <= after.find(word) <= _VERDICT_AFTER_COPULA), None)
        if found is not None:
            return found
    if _ORDERED_CORRECTED.match(clause) is not None:
        return next((word for word in corrections if word in clause), None)
    return None


# a practice named to be corrected (该市已纠正个别小区随意封控、长时间封控的做法): the term between the word and 的做法
_PRACTICE_END = re.compile(r"的?(?:做法|行为|现象|问题)")
_CORRECTING = ("整治", "清理")


def _corrected_practice(sentence: Sentence, start: int, end: int) -> str | None:
    """A criticism word before the term in its clause whose object, a practice (的做法, 的行为), holds the term."""
    begin, stop = sentence.clause(start, end)
    if _PRACTICE_END.search(sentence.text, end, stop) is None:
        return None
    return next((word for word in (*sentence.codebook.criticism, *_CORRECTING)
                 if any(begin <= ws and we <= start for ws, we in sentence.find(word))), None)


# what was done before and is no longer: 以前进出要扫码，现在直接走 (the term in a clause of what was done before,
# a later clause of the sentence saying that now it is not done; not that it goes on, 以前要扫码，现在还要测温, nor
# what replaced it, 原来有22个出入口，现在只留一个, which is a measure too)
_BEFORE_NOW = ("以前", "以往", "过去", "原先", "原来", "那时", "当时")
_NOW_CLAUSE = re.compile(r"[，,；;]\s*(?:但是?|可是?|而|不过)?(?:现在|如今|眼下|而今)")
_GOING_ON = ("还", "仍", "依然", "依旧", "继续", "照样", "也要", "同样", "照常")
_GONE = ("直接", "不用", "不再", "不需要", "无需", "没有", "没了", "取消", "撤", "随便", "自由")


def _earlier_now(sentence: Sentence, start: int, end: int) -> str | None:
    """``以前 … 现在`` when the term's clause tells what was done before and a later one what is done now."""
    begin, stop = sentence.clause(start, end)
    # (not as whole words: the tokenizer reads 以前进小区 as 以/前进/小区)
    earlier = next((word for word in _BEFORE_NOW
                    if any(begin <= ws and we <= start for ws, we in sentence.find(word))), None)
    now = _NOW_CLAUSE.search(sentence.text, stop) if earlier is not None else None
    if now is None:
        return None
    clause = sentence.text[now.end():sentence.clause(now.end(), now.end())[1]]
    if any(word in clause for word in _GOING_ON) or not any(word in clause for word in _GONE):
        return None
    return f"{earlier} … {now.group().lstrip('，,；; ')}"


# a measure said to have been in force earlier (此前实行封控管理的两栋楼已于12月5日全部解封)
_EARLIER = ("此前", "之前", "前期", "先前", "原先", "此前已", "已设立", "已划定", "原来", "原有", "一度", "曾经", "曾")


def _earlier_then_lifted(sentence: Sentence, start: int, end: int) -> str | None:
    """A lifting word later in the sentence of a measure said, in its clause, to have been in force earlier.

    News of a lifting names what was lifted as what was there before (此前划定的临时管控区一律解除管控,
    两个此前列为封控区的小区，经多轮核酸检测均为阴性，已于10月5日起解除封控).
    """
    begin, _ = sentence.clause(start, end)
    if not any(begin <= ws and we <= start for word in _EARLIER for ws, we in sentence.find_words(word)):
        return None
    return next((word for word in sentence.codebook.lifted_after
                 if any(ws >= end for ws, _ in sentence.find_words(word))), None)


# at most this many characters between 的 and the lifting word that ends the clause (的32名干部也于当天返回原单位)
_SUBJECT_MAX = 14


def _subject_lifted(sentence: Sentence, start: int, end: int) -> str | None:
    """A lifting word ending the clause whose subject the measure describes (下沉到社区的32名干部也于当天返回原单位,
    设在小区门口的测温点已全部撤除): what was there is gone."""
    _, stop = sentence.clause(start, end)
    rest = sentence.text[end:stop].rstrip("。！!")
    at = rest.find("的")
    if at < 0 or "的" in rest[at + 1:]:
        return None
    for word in sentence.codebook.lifted_after:
        head = rest[at + 1:-len(word)] if rest.endswith(word) else None
        if head is not None and 0 < len(head) <= _SUBJECT_MAX and not any(
                head.endswith(other) for other in sentence.codebook.lifted_after):
            return word
    return None



# work that shifts from one thing to another (工作重心从查码、测温，转向健康服务), a zone lowered from one
# kind to another (小区由封控区调整为防范区), people freed from it (把人力从查码、守门中解放出来): what it shifts
# from has ended
_SHIFT = ("转向", "转为", "转到", "转变为", "转移到", "调整为", "降为", "降级为", "下调为", "解放出来", "解脱出来",
          "抽身")


def _shifted_from(sentence: Sentence, start: int, end: int) -> str | None:
    """``从…转向``: 从 before the term in its clause and a word of shifting after it in the sentence; or
    ``由…调整为``: 由 right before the term and the word of shifting right after it (由 is also "by": 由专人接送)."""
    begin, stop = sentence.clause(start, end)
    if any(begin <= ws and we <= start and start - we <= sentence.codebook.window
           for ws, we in sentence.find_words("从")):
        return next((word for word in _SHIFT if any(ws >= end for ws, _ in sentence.find(word))), None)
    if any(we == start for _, we in sentence.find_words("由")):
        return next((word for word in _SHIFT
                     if any(end <= ws < stop and ws - end <= 2 for ws, _ in sentence.find(word))), None)
    return None


def stopped_by(sentence: Sentence, start: int, end: int, restriction: bool = False,
               others: Sequence[tuple[int, int]] = ()) -> tuple[str, str | None] | None:
    """The not_carried_out word governing ``sentence.text[start:end]``, and the continuation word after it, if any.

    A not_carried_out word (or, unless it is a restriction, a prohibition
    word) comes before it in its clause within the window (不再查验健康码),
    or a lifted_after word right after it with only words such as 已, 全部,
    陆续 between (卡口已全部撤除, see ``_right_after``), or a lifted_before
    word right before it (结束静默管理) or after it when 把 puts it first
    (把封控范围随意扩大), or a criticism_lead word before a colon before it
    (一些地方的做法让群众苦不堪言：有的…) or a criticism word in a later clause that refers
    back to it (…，这些都需要及时纠正), or a criticism_lead word in a list of 有的 … 有的 it is in
    (有的小区动辄封控，有的社区…), or 没有 before it in a clause that ends with 计划, 安排 … (没有对小区实行
    封闭管理的计划), or 从 before it and a word of shifting after it
    (工作重心从查码、测温，转向健康服务; 由封控区调整为防范区), or 此前 before it in its clause and a lifted_after
    word later in the sentence (此前实行封控管理的两栋楼已全部解封).  A word before governs the first of the
    measure's terms after it (``others``) and the terms joined to that one
    by 和, 、, 及: in 解除集中隔离的人员落实居家健康监测 it ends 集中隔离, not
    居家健康监测; in 不再查验健康码和行程卡 both.
    """
    begin, stop = sentence.clause(start, end)
    # 把 puts the object first (把封控范围随意扩大): a lifted_before word after it governs it too
    fronted = any(begin <= ws and we <= start for ws, we in sentence.find_words("把"))
    # 广场舞暂停: stopping what a restriction names is the measure
    ending = [word for word in sentence.codebook.lifted_after
              if not (restriction and word in sentence.codebook.prohibition)
              and not (word in _CLOSES and (restriction or sentence.text[start:end].endswith(_GATE_ENDS + ("通道",))))]
    for word in ending:
        for ws, we in sentence.find_words(word):
            # right after the term, or anywhere after it when 把 puts what is removed first (把值守帐篷拆了下来)
            if end <= ws < stop and (fronted or _right_after(sentence, end, ws, we)):
                return word, None
    for word in sentence.codebook.lifted_before:
        for ws, we in sentence.find_words(word):
            gap = sentence.text[we:start]
            if begin <= ws and we <= start and ((start - we <= _BEFORE_GAP and "的" not in gap)
                                                or (word in _NEGATIONS and _NEGATED.fullmatch(gap))) \
                    and not _denied_denial(sentence, begin, ws, word):
                return word, None
            if fronted and end <= ws and we <= stop and ws - end <= sentence.codebook.window:
                return word, None
    blame = (_criticised(sentence, start, end) or _criticised_before_colon(sentence, start)
             or _corrected_practice(sentence, start, end) or _earlier_now(sentence, start, end)
             or _criticised_back(sentence, end) or _lifted_back(sentence, end)
             or _lifted_as_predicate(sentence, end, restriction)
             or _listed_as_bad_practice(sentence, start)
             or _no_plan(sentence, start, end)
             or _shifted_from(sentence, start, end)
             or _earlier_then_lifted(sentence, start, end)
             or _subject_lifted(sentence, start, end))
    if blame is not None:
        return blame, None
    nearest: tuple[int, int, str] | None = None
    cues = sentence.codebook.not_carried_out + (() if restriction else sentence.codebook.prohibition)
    for word in cues:
        for ws, we in sentence.find_words(word):
            if ws >= begin and we <= start and start - we <= sentence.codebook.window and not any(
                we <= s and e <= start and sentence.text[e:start].strip(_COORDINATORS)
                and not (sentence.text[s:e].endswith(_GATE_ENDS) and _MODIFIER.fullmatch(sentence.text[e:start]))
                for s, e in others
            ):
                if nearest is None or (we, we - ws) > (nearest[1], nearest[1] - nearest[0]):
                    nearest = (ws, we, word)
    if nearest is None or _denied_denial(sentence, begin, nearest[0], nearest[2]):
        return None
    for word in sentence.codebook.continuation:
        if any(ws >= nearest[1] and we <= start for ws, we in sentence.find_words(word)):
            return nearest[2], word
    return nearest[2], None


def _denied_denial(sentence: Sentence, begin: int, at: int, word: str) -> bool:
    """Whether the 不 at ``at`` is denied before it in its clause (没有人不配合测温, 不能不): see ``_DENIED_DENIAL``."""
    return word == "不" and _DENIED_DENIAL.search(sentence.text, begin, at) is not None
