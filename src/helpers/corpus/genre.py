"""What kind of piece an article is: a news report, a commentary, a notice, an interview or a feature.

Read only from what Chinese news pages print to say so, never from the
topic: a label in the headline or subtitle (``时评｜``, ``【社论】``,
``——工作纪实``, ``——记…``, ``关于…的通知``), a commentator's byline (``本报评论员``,
``作者系特约评论员``), the channel in a breadcrumb (``首页 > 评论 > 正文``), a dated column (``观澜评论 2021-08-16``),
the form of the text (``问：``/``记者：`` question lines, ``特此通知``, a
salutation to residents), a dispatch line (``新华社北京3月2日电``,
``本报讯``: a news report) and, last, a writer stating an opinion in the
first person outside quotation marks (``我认为``, ``笔者认为``).  The first
of these that is found decides; with none the genre is :data:`UNKNOWN`.

A label says more than a dispatch line: a 纪实 or an interview is often
filed with one.  Words that merely contain a label are not one: 通讯员 is a
correspondent's byline, 通讯社 an agency, 对话框 no dialogue.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from helpers.corpus.dispatch import find_dispatch
from helpers.corpus.gazetteer import Gazetteer, default_gazetteer
from helpers.script import HAN

#: The genres an article can have, in the order reports list them.
GENRES = ("news", "commentary", "notice", "interview", "feature")
COMMENTARY = "commentary"
#: The genre of an article whose text does not say what it is.
UNKNOWN = "unknown"

# The words that label a genre on Chinese news pages.  Longer labels first, so 本台评论 wins over 评论.
_LABELS = {
    "commentary": ("本台评论", "本报评论", "特约评论员", "评论员", "评论", "时评", "短评", "快评", "网评", "社论",
                   "锐评", "观点"),
    "notice": ("告居民书", "倡议书", "告知书", "通知", "公告", "通告"),
    "interview": ("专访", "访谈录", "访谈", "对话", "答记者问"),
    "feature": ("纪实", "通讯", "特写", "侧记"),
}
# Words that contain a label and are none: a correspondent, an agency, an address book, a dialog box.
_NOT_A_LABEL = r"(?!员|社|录|地址|框)"
_GENRE_OF = {label: genre for genre, labels in _LABELS.items() for label in labels}
_ANY = "|".join(sorted(_GENRE_OF, key=len, reverse=True))
# 【时评】, [社论], （专访）
_BRACKETED = re.compile(rf"[【\[〔［(（]\s*(?P<label>{_ANY}){_NOT_A_LABEL}\s*[】\]〕］)）]")
# 时评｜…, 新华时评：…, 央视快评·…, 人民日报评论员：… (an outlet's name may come first)
_PREFIX = re.compile(rf"^[{HAN}]{{0,8}}?(?P<label>{_ANY}){_NOT_A_LABEL}\s*[|｜丨:：·•/]")
# 专访张文宏, 对话社区书记 (an interview is headed by whom it talks to)
_INTERVIEW_START = re.compile(r"^(?P<label>专访|对话|访谈)(?!框)")
# ——我市社区疫情防控工作纪实 (a subtitle naming its genre at the end)
_SUBTITLE = re.compile(rf"^[—－-]{{1,2}}.*?(?P<label>{_ANY}){_NOT_A_LABEL}$")
# ——记东湖新城社区党委书记 (the subtitle of a feature about a person or a team)
_PORTRAIT = re.compile(rf"^[—－-]{{1,2}}\s*(?P<label>记)(?!者)[{HAN}]")
# 关于…的通知, …防控通告（第5号）, 致全市居民的倡议书, 告全体居民书, 致返乡人员的一封信: a headline that is
# the notice itself
# (通知 only as a noun: after 的, 紧急 or the matter it is about, 防控通知 防疫通知 管控通知 — not
# the verb of 挨家挨户通知)
_NOTICE_TITLE = re.compile(
    rf"(?P<label>(?:(?<=的)|(?<=紧急)|(?<=重要)|(?<=温馨)|(?<=防控)|(?<=防疫)|(?<=管控)|(?<=管理))通知|公告|通告|倡议书|告知书|告[{HAN}]{{1,10}}书|一封信|公开信)"
    r"(?:[(（]\s*第?\s*[\d一二三四五六七八九十百]+\s*号\s*[)）])?$"
)
# A headline that reports on a notice is no notice (某市发布第5号通告).
_REPORTED = re.compile("发布|印发|下发|发出|出台|公布|解读|收到|张贴|贴出|接到")
# A commentator's byline: 作者：张三（光明网特约评论员）, 本报评论员, （作者系本报评论员）
_BYLINE = (
    re.compile(rf"(?:作者|文|来源|撰稿)(?:系|为|是)?\s*[:：/｜|]?[^。]{{0,20}}?(?P<label>[{HAN}]{{0,10}}评论员)"),
    re.compile(rf"^[\s(（【\[□■●◆]*(?:作者系|作者为|作者是)?(?P<label>[{HAN}]{{0,10}}评论员)\s*[{HAN}]{{0,4}}"
               r"\s*[)）】\]]?$"),
)
# 首页 > 评论 > 正文, 当前位置：首页>>通知公告
_CRUMB_SEPARATOR = re.compile(r"\s*(?:>>|>|›|»|→)\s*")
_CRUMB = re.compile(rf"^[{HAN}]{{0,4}}?(?P<label>{_ANY})(?:频道|栏目)?$")
# a commentary column heading the page with its date (观澜评论 2021-08-16 09:00, 天汉时评　2020年2月6日)
_COLUMN = re.compile(rf"^(?P<column>[{HAN}]{{2,8}}?(?P<label>时评|评论|快评|锐评|短评|网评))(?!员)\s*\d{{4}}\s*[-/.年]")
# Q&A: lines that open with who asks (问：, 记者：, 主持人：, Q:)
_QUESTION_LINE = re.compile(r"^\s*(?:问|记者|本报记者|主持人|Q)\s*[:：]")
_NOTICE_CLOSING = re.compile(r"特此(?:通知|公告|通告|告知)")
# 广大居民朋友们：, 尊敬的各位业主：, 全体村民： (a letter or notice to residents opens so)
_SALUTATION = re.compile(
    rf"^(?:亲爱的|尊敬的|各位|广大|全体)[{HAN}、]{{0,12}}(?:居民|市民|朋友|业主|群众|村民|同志|乡亲|家人)们?\s*[:：]$"
)
# An opinion stated in the first person (not 笔者 alone: reporters write 笔者了解到).
_FIRST_PERSON = re.compile(
    "笔者认为|笔者以为|在笔者看来|我认为|我们认为|在我看来|依我看|窃以为|私以为|我以为"
)
_QUOTED = re.compile(r"“[^”]*”|「[^」]*」|『[^』]*』|\"[^\"]*\"")

# A header line (headline, subtitle, column label, byline) is short; the body begins with the first long line.
_HEADER_MAX_CHARS = 40
_HEADER_LINES = 6
_SENTENCE_ENDS = ("。", "！", "？", "!", "?", "；", ";", "…")
_FOOTER_LINES = 3
_MIN_QUESTION_LINES = 2


def genre_of(text: str, removed: Iterable[str] = (), gazetteer: Gazetteer | None = None) -> tuple[str, str] | None:
    """The genre an article's page gives it and the signal that said so, or None.

    Parameters
    ----------
    text : str
        Cleaned, Simplified text with the headline, if any, as its first line.
    removed : iterable of str
        The lines cleaning removed (page furniture: breadcrumbs, bylines), Simplified.
    gazetteer : Gazetteer, optional
        For the dispatch line; default the shipped gazetteer.

    Returns
    -------
    tuple or None
        ``(genre, signal)``: one of :data:`GENRES` and what decided it
        (``label 纪实 in the subtitle``); None when nothing says (the genre is
        then :data:`UNKNOWN`, see :func:`helpers.corpus.metadata.extract_metadata`).
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    removed = [line.strip() for line in removed]
    head = _header(lines)
    found = (
        _labelled(head)
        or _bylined([*head, *lines[-_FOOTER_LINES:], *removed])
        or _crumbs([*removed, *head])
        or _column([*removed, *head])
        or _by_form(lines)
    )
    if found is None:
        dispatch = find_dispatch(text, gazetteer or default_gazetteer())
        if dispatch is not None:
            found = ("news", f"dispatch line {text[dispatch.start:dispatch.end]}")
    if found is None:
        opinion = _FIRST_PERSON.search(_QUOTED.sub("", text))
        if opinion:
            found = ("commentary", f"first-person opinion {opinion.group()}")
    return found


def _header(lines: list[str]) -> list[str]:
    """The short lines that open the text: headline, subtitle, column label, caption, byline.

    The body begins at the first long line or the first after the headline that ends as a sentence does.
    """
    head = []
    for position, line in enumerate(lines[:_HEADER_LINES]):
        if len(line) > _HEADER_MAX_CHARS or (position and line.endswith(_SENTENCE_ENDS)):
            break
        head.append(line)
    return head


def _labelled(head: list[str]) -> tuple[str, str] | None:
    for position, line in enumerate(head):
        where = "the subtitle" if line[:1] in "—－-" else "the headline" if position == 0 else "a header line"
        for pattern in (_BRACKETED, _PREFIX, _SUBTITLE):
            match = pattern.search(line)
            if match:
                return _GENRE_OF[match.group("label")], f"label {match.group('label')} in {where}"
        match = _INTERVIEW_START.search(line)
        if match:
            return "interview", f"{match.group('label')} opening {where}"
        if _PORTRAIT.search(line):
            return "feature", f"——记… opening {where}"
        match = _NOTICE_TITLE.search(line) if position == 0 or where == "the subtitle" else None
        if match and not _REPORTED.search(line[:match.start()]):
            return "notice", f"{where} ends with {match.group('label')}"
    return None


def _bylined(lines: list[str]) -> tuple[str, str] | None:
    for line in lines:
        if len(line) > _HEADER_MAX_CHARS:
            continue
        for pattern in _BYLINE:
            match = pattern.search(line)
            if match:
                return "commentary", f"byline {match.group('label')}"
    return None


def _crumbs(lines: list[str]) -> tuple[str, str] | None:
    for line in lines:
        parts = _CRUMB_SEPARATOR.split(line)
        if len(parts) < 2 or len(line) > 60:
            continue
        for part in parts[1:]:
            match = _CRUMB.match(part.strip())
            if match:
                return _GENRE_OF[match.group("label")], f"channel {part.strip()} in the breadcrumb"
    return None


def _column(lines: list[str]) -> tuple[str, str] | None:
    match = next((m for line in lines for m in [_COLUMN.match(line)] if m), None)
    return ("commentary", f"column {match.group('column')} dated") if match else None


def _by_form(lines: list[str]) -> tuple[str, str] | None:
    questions = [line for line in lines if _QUESTION_LINE.match(line)]
    if len(questions) >= _MIN_QUESTION_LINES:
        return "interview", f"{len(questions)} question lines ({questions[0][:4]}…)"
    for line in lines[-_FOOTER_LINES - 2:]:
        match = _NOTICE_CLOSING.search(line)
        if match:
            return "notice", f"closing {match.group()}"
    for line in lines[:3]:
        if _SALUTATION.match(line):
            return "notice", f"salutation {line}"
    return None
