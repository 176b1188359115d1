"""The outlet a page names (its source) and the sites its header lines carry.

The helpers of :func:`helpers.corpus.metadata.extract_metadata` that read a page's furniture for who published it:
a 来源 byline, a header line with an outlet and a date, a WeChat account's post header (原创　某某文旅　2020-02-21),
a dispatch line, a reporter's credit, a copyright line; and, from the header lines, an office given as the author
(:func:`issuers`) and the province a post says it was published from (:func:`posted_from`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from helpers.corpus.cleaning import CleanedText
from helpers.corpus.locating import OFFICES
from helpers.script import HAN

_SOURCE_BYLINE = re.compile(r"来源\s*[::]\s*(?P<source>[^\s::]{2,30}?)(?=\s|作者|编辑|责任编辑|责编|发布|$)")
# How an outlet's name ends: papers, sites, stations, agencies, apps, a county's media centre or official
# account (卢氏县融媒体中心, 柯城发布), and the accounts and bulletins named like columns (青城观察, 胶东在线)
# (and papers named 晨刊 or 周刊, commentary columns named 时评)
_OUTLET = "(?:报|网|台|社|客户端|融媒体中心|新闻中心|融媒|发布(?!时间|日期)|观察|视点|在线|头条|之声|晚讯|晨讯|刊|时评)"
SOURCE_DATELINE = re.compile(
    f"^(?P<source>[{HAN}]{{2,10}}?(?:报|网|台|社|客户端))[{HAN}\\d月日]{{0,10}}?(?:讯|电)"
)
# (an outlet's commentator signing with the date: 北海日报评论员　2022-07-19)
_SOURCE_HEADER = re.compile(
    f"^[《〈]?(?P<source>[{HAN}]{{2,12}}?{_OUTLET})[》〉]?(?:特约)?(?:评论员)?\\s*\\d{{4}}\\s*[-/.年]")
# a notice's issuer heading it with the date (海晏县西海镇人民政府　2022-10-08)
_SOURCE_ISSUER = re.compile(f"^(?P<source>[{HAN}]{{2,20}}?(?:{'|'.join(OFFICES)}))\\s*\\d{{4}}\\s*[-/.年]")
# a reporter's credit naming the outlet: （大理日报 记者 李永和）, (某某网 通讯员 王某)
_SOURCE_CREDIT = re.compile(f"[（(【\\[]\\s*(?P<source>[{HAN}]{{2,10}}?(?:报|网|台|社|客户端))\\s*"
                            f"(?:特约|见习|实习)?(?:记者|通讯员)")
# a site's name opening a header line before its date or 发布时间 (开封网　发布时间：2021-04-22)
_SITE_HEADER = re.compile(f"^[《〈]?(?P<source>[{HAN}]{{2,12}}?{_OUTLET})[》〉]?"
                          f"\\s*(?:\\d{{4}}|发布时间|时间|日期)")
# a header line with the date first and the outlet after it (2022-11-16 07:30　东营日报　作者：孟涛)
_SOURCE_AFTER_DATE = re.compile(f"^\\d{{4}}\\s*[-/.年][\\d\\s:：/.月日-]*?\\s+"
                                f"(?P<source>[{HAN}]{{2,12}}?{_OUTLET})(?=\\s|$)")
# a header line that is the outlet's name alone, under the title (铜陵新闻网)
_SOURCE_ALONE = re.compile(f"^[《〈]?(?P<source>[{HAN}]{{2,12}}?{_OUTLET})[》〉]?$")
# a WeChat account's post header: 原创, the account, the date (原创　某某文旅　2020-02-21 18:30　发表于山西)
# (a post header may name its author before the account, as WeChat prints them:
# 原创　王某　某某社区　2021-12-26 发表于陕西; the account is the source)
_WECHAT_HEADER = re.compile(f"^原创\\s+(?:(?:作者[:：]\\s*)?[{HAN}]{{2,16}}\\s+)?"
                            f"(?P<source>[{HAN}]{{2,16}})\\s+\\d{{4}}\\s*[-/.年]"
                            # (or the account, then where it posted from: 某某社区　发表于河南　2022-05-20)
                            f"|^(?P<account>[{HAN}]{{2,12}})\\s+(?:作者[:：]\\s*\\S+\\s+)?发表于")
# an office given as a page's author (作者：某县某镇某村村民委员会), or a community or town (作者：琴城镇桔乡社区)
_AUTHOR_OFFICE = re.compile(f"作者\\s*[:：]\\s*(?P<issuer>[{HAN}]{{2,30}}?(?:{'|'.join(OFFICES)}|社区|街道|镇|乡|村))"
                            r"(?=\s|$)")
# an author's place, said in brackets after the name (作者：李某（某区某小区居民）)
_AUTHOR_WHERE = re.compile(f"作者\\s*[:：]\\s*[{HAN}]{{1,6}}[（(](?P<where>[^（()）]{{2,30}})[）)]")
# where a post says it was published from, in its header (原创　某某发布　2022-11-24 18:30　发表于贵州; IP属地：贵州)
_POSTED_FROM = re.compile(rf"(?:发表于|IP属地\s*[:：])\s*(?P<region>[{HAN}]{{2,8}})")
_SOURCE_COPYRIGHT = re.compile(r"^(?:本网站由|本站由)?(?P<source>[^\s,。,::]{2,20}?)\s*版权所有")


def source_outlet(cleaned: CleanedText) -> str | None:
    """Source outlet: a 来源 byline, else an outlet or a notice's issuer before a header date (人民日报
    2022年4月1日, 《佳木斯日报》2021年1月22日, 某县某镇人民政府 2022-10-08), the site a header line names
    (青城观察　发布时间：…) or the account a WeChat post header names (原创　碛口文旅　2020-02-21), else a header
    line that is an outlet's name alone (铜陵新闻网), else a 某某报讯 / 某某社电 dateline opening the body, else
    a reporter's credit naming it (（大理日报 记者 李永和）), else the copyright owner."""
    for removed in cleaned.own_removed():
        match = _SOURCE_BYLINE.search(removed["text"])
        if match:
            return match.group("source")
    for removed in cleaned.own_removed():
        match = (_SOURCE_HEADER.search(removed["text"]) or _SOURCE_AFTER_DATE.search(removed["text"])
                 or _SOURCE_ISSUER.search(removed["text"]) or _SITE_HEADER.search(removed["text"])
                 or _WECHAT_HEADER.search(removed["text"]))
        if match:
            return match.groupdict().get("account") or match.group("source")
    for line in [*(removed["text"] for removed in cleaned.own_removed()), *cleaned.text.split("\n")[1:3]]:
        match = _SOURCE_ALONE.search(line.strip())
        if match:
            return match.group("source")
    for line in cleaned.text.split("\n")[:5]:
        match = SOURCE_DATELINE.search(line)
        if match:
            return match.group("source")
    lines = cleaned.text.split("\n")
    for line in [*(removed["text"] for removed in cleaned.own_removed()), *lines[:5], *lines[-3:]]:
        match = _SOURCE_CREDIT.search(line)
        if match:
            return match.group("source")
    for removed in cleaned.own_removed():
        match = _SOURCE_COPYRIGHT.search(removed["text"])
        if match:
            return match.group("source")
    return None


def site_names(headers: Sequence[str]) -> list[str]:
    """Names of the sites or outlets header lines carry besides the source (开封网　发布时间：…　来源：汴梁晚报)."""
    return [match.group("source") for line in headers for match in [_SITE_HEADER.search(line)] if match]


def issuers(headers: Sequence[str]) -> list[str]:
    """Offices, communities and towns a header line gives as the author (作者：某县某镇某村村民委员会,
    作者：某镇某社区): the issuer, as if signed at the end."""
    return [match.group("issuer") for line in headers for match in [_AUTHOR_OFFICE.search(line)] if match]


def author_places(headers: Sequence[str]) -> list[str]:
    """Where an author says, in brackets after the name, they live or serve (作者：李某（某区某社区志愿者）)."""
    return [match.group("where") for line in headers for match in [_AUTHOR_WHERE.search(line)] if match]


def posted_from(headers: Sequence[str]) -> list[str]:
    """Where header lines say a post was published from (发表于贵州, IP属地：贵州): a province, read as a region."""
    return [match.group("region") for line in headers for match in [_POSTED_FROM.search(line)] if match]
