"""The words by which a sentence asks, proposes or urges instead of reporting a thing done.

Used by :class:`helpers.analysis.clauses.Sentence` (:meth:`~helpers.analysis.clauses.Sentence.advised`,
:meth:`~helpers.analysis.clauses.Sentence.is_question`).
"""

from __future__ import annotations

import re

# punctuation right after an advice word: what follows is the advice
OPENS_WHAT_FOLLOWS = (",", "，", ":", "：")
# who asks in an interview, opening the line (记者：…？ 问：…？)
ASKER = ("记者：", "记者:", "问：", "问:", "主持人：", "主持人:")
# a question someone asks in a statement (有人问志愿者有没有补贴; 是不是应该给大家发点补贴): what it asks about is
# not done -- unlike the asking a worker does (网格员询问居民有没有外地旅居史), which is itself the measure
ASKERS = "(?:有人|居民|村民|群众|网友|家属|不少人|有的人|记者)"
ASKED = re.compile(ASKERS + r"[^,，;；。]{0,4}?问[,，:：]?[^,，;；。]{0,12}?"
                   r"(?:有没有|是不是|是否|能不能|要不要|会不会|可不可以)"
                   r"|(?:是不是|要不要|应不应该)(?:应该|应|该|可以)")
# what opens a clause that asks whether, not what was done (是否恢复测温，要不要继续封控; 对于是否会设立隔离点)
WHETHER = ("是否", "要不要", "需不需要", "还要不要", "能否", "能不能", "可不可以", "该不该", "应不应该", "何时",
           "什么时候", "对于是否", "关于是否", "至于是否")
# and asking whether something will be done, anywhere before it in its clause (记者问社区是否会开通热线)
WHETHER_WILL = ("是否会", "是否将", "会不会")
# a question someone puts, quoted after a colon, to the question mark that ends the sentence (有居民问：…，能不能…？)
ASKS = re.compile(ASKERS + r"[^,，;；。]{0,6}?问[:：]")
# an opinion whose next clause proposes (专家认为，可以在社区设立心理服务站): a proposal, not a thing done
OPINION = ("认为", "看来")
OPINION_INLINE = ("觉得", "以为", "主张")
PROPOSING = ("可以", "可", "应该", "应当", "不妨", "最好")
# a clause that proposes, after a short subject saying whom it asks at most (各地应当…, 有关部门可以…)
PROPOSAL = re.compile(r"\s*(?:[\u4e00-\u9fff]{0,4}?)(?P<word>可以|应该|应当|不妨|最好|可(?!能|是|见|惜|怕|爱))")
# what a commentary says should be done (各地应当…, 社区不妨…) is its proposal, not a thing done; not 要 or 必须, which
# also say what a rule required (进出小区必须扫码)
SHOULD = ("应当", "应该", "理应", "不妨", "亟需", "亟待", "务必")
# at most this many characters between a term and an advice word after it (红白喜事一律提倡缓办)
ADVISED_AFTER = 2
# what opens a clause that goes on urging after an advice word (倡议大家每天自测体温，积极参加核酸检测)
# and the formulas of advice on family occasions and gatherings (倡议大家少聚集，喜事缓办、丧事简办、宴会不办)
URGING = ("积极", "主动", "尽量", "自觉", "按时", "及时", "做到", "减少", "避免", "少", "不", "并", "非必要",
          "婚事", "喜事", "丧事", "红事", "白事", "红白", "宴会", "宴请", "聚餐", "家庭聚餐",
           # and one saying what the advice is for (建议社区开设心理咨询服务，帮助居民缓解焦虑; not 让…, which may
           # say what is done already: 不妨增加测温设备，让居民在查验二维码的过程中就完成测温)
          "帮助",
           # or going on to more of it (我建议给社区工作者减负，同时落实轮休和补贴)
          "同时", "还要", "也要")
