"""Title, source outlet, publication date, city and genre, each with its provenance.

Values read from the article are ``extracted``; values from the manual
metadata file (``seeds/metadata.yaml``) are ``manual`` and win over extracted
ones; a value found nowhere is ``None`` with provenance ``None``.  Two
extracted values say more about where they come from:

* ``extracted:dispatch``: a publication date read from a dispatch line that
  prints its year (``新华社北京2022年3月2日电``, :mod:`helpers.corpus.dispatch`) on a
  page that prints no date, or a city that the dispatch line decides: its place,
  or, for a line from a provincial bureau (``新华社南昌…电``) about one other city
  of the province, that city (:func:`locate`).
  A dispatch line with month and day only (``中新网石家庄1月11日电``) gives no
  publication date: its year would be inferred, not printed, and a reader must be
  able to trust that a date shown was written in the article.  (The timeline
  still takes the year from the body's dates to date the article's own events:
  :mod:`helpers.analysis.events`.);
* ``extracted:source``: a city that the source outlet's name decides
  (``宁德日报``, ``石家庄新闻网``).

Dates and sources usually sit in the page furniture (a byline with a
timestamp, an e-paper paging line), which cleaning removes: they are read
from the removed lines, so nothing is lost by stripping first.  Dates in the
body (``截至2月19日``) are events, never publication dates.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from helpers.corpus.cleaning import CleanedText
from helpers.corpus.dispatch import dispatch_date, find_dispatch
from helpers.corpus.gazetteer import Gazetteer, default_gazetteer
from helpers.corpus.genre import UNKNOWN, genre_of
from helpers.corpus.locating import (
    OUR_CITY,
    TO_EVERY_PROVINCE,
    addressed,
    dispatch_city,
    filed_from,
    introduced_districts,
    kinds_referred,
    leader,
    referred_county,
    signatory,
    without_origins,
    without_people,
    without_quoted_names,
)
from helpers.corpus.outlets import SOURCE_DATELINE, author_places, issuers, posted_from, site_names, source_outlet
from helpers.corpus.phones import phone_cities
from helpers.corpus.short_names import regional_short_names, short_forms
from helpers.script import HAN

FIELDS = ("title", "source", "published", "city", "genre")
EXTRACTED = "extracted"
#: Extracted from the dispatch line (``新华社西安4月2日电``).
FROM_DISPATCH = "extracted:dispatch"
#: Extracted from the name of the source outlet (``宁德日报``).
FROM_SOURCE = "extracted:source"
MANUAL = "manual"
#: What a publication date is when it is not the day itself (``published_qualifier``).
DATE_QUALIFIERS = ("on_or_after", "on_or_before", "approximate")

_DATES = (
    re.compile(r"(?<!\d)(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"),
    # as notices sign off: 二〇二〇年二月四日
    re.compile(r"([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日"),
)
_CHINESE_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
# a byline in brackets: who wrote or photographed the piece (（记者 张某 通讯员 李某）, 【文/王某】)
_BYLINE = re.compile(rf"[（(【\[]\s*(?:[{HAN}]{{2,10}}?(?:报|网|台|社|客户端)\s*)?"
                     r"(?:本报|本台|本网)?(?:特约|见习|实习)?"
                     r"(?:记者|通讯员|实习生|撰稿|摄影|[文图]\s*[/／:：|])[^（）()【】\[\]\n]{1,60}[）)】\]]")
# a reprint's credit line: the outlet it reprints, then that outlet's date (within a few characters)
_REPRINT = re.compile(r"(?:转载自|转自|原载于|原载自|原载|原刊于|原文刊于|刊载于)\s*[《〈“\"]?"
                      r"[^，,。()（）\n]{2,20}?[》〉”\"]?\s*[,，、]?\s*(?P<date>\d{4}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\s*\d{1,2}\s*[-/.]\s*\d{1,2}))")
_TITLE_MAX_CHARS = 40
# How many extra times a city named in the title counts (the title is also the text's first line).
_TITLE_WEIGHT = 2
# What the place of a dispatch line, and an outlet named after a city, count: each alone makes the city.
_DISPATCH_WEIGHT = 2
_SOURCE_WEIGHT = 2
# What a county or district written down to its town, village or community counts (五台县东冶镇某村).
_ADDRESS_WEIGHT = 2
#: Kinds of piece that report from a place (:mod:`helpers.corpus.genre`); a commentary cites places.
REPORTING_GENRES = frozenset({"news", "interview", "feature", "notice"})
# A reporter's own material: someone quoted (”王满仓说, 她说：“, 书记说，…; not 有人说) or what the reporter saw
# or learnt (记者看到), or a resident's account of their own compound (我们小区, a post of someone living there).  A
# piece whose page does not say what it is reports from a place when it has this.
_REPORTED_SPEECH = re.compile(
    rf"[”」』\"][，,]?\s*[{HAN}]{{0,8}}?(?:说|笑着说|介绍|告诉记者)|(?:说|介绍|表示)[:：，,]\s*[“「『\"]"
    r"|告诉记者|记者(?:看到|了解到|注意到|见到|采访时)"
    rf"|[，,。]\s*(?!有人|据)[{HAN}]{{2,6}}说[，,]"
    r"|我们(?:小区|社区|这栋楼|单元)"
)



@dataclass(frozen=True)
class Value:
    """A metadata value with its provenance (``extracted``, ``manual`` or None), note and qualifier.

    ``qualifier`` is one of :data:`DATE_QUALIFIERS` for a publication date that is a
    bound or an approximation, else None.
    """

    value: object
    provenance: str | None
    note: str = ""
    qualifier: str | None = None


def _number(written: str) -> int:
    """A number in digits or Chinese numerals: 2020, 二〇二〇 (digit by digit), 十二, 二十一."""
    if written.isdigit():
        return int(written)
    if "十" not in written:
        return int("".join(str(_CHINESE_DIGITS[ch]) for ch in written))
    tens, _, units = written.partition("十")
    return (_CHINESE_DIGITS[tens] if tens else 1) * 10 + (_CHINESE_DIGITS[units] if units else 0)


def parse_date(text: str) -> str | None:
    """The first full date (``2020-04-10``, ``2022年3月21日``, ``二〇二〇年二月四日``) in ``text`` as ISO, or None."""
    found = []
    for pattern in _DATES:
        for match in pattern.finditer(text):
            year, month, day = (_number(g) for g in match.groups())
            try:
                date = dt.date(year, month, day)
            except ValueError:
                continue
            if 1990 <= year <= 2100:
                found.append((match.start(), date.isoformat()))
    return min(found)[1] if found else None


def publication_date(cleaned: CleanedText) -> str | None:
    """Publication date from the header and paging lines cleaning removed, else from a reprint line.

    A reprint line gives the date of the paper it reprints (（转载自温州日报，2020年2月3日）,
    原载《宁波日报》2021年1月5日): the day the text was first published.
    """
    for removed in cleaned.own_removed():
        date = parse_date(removed["text"])
        if date:
            return date
    for match in _REPRINT.finditer(cleaned.text):
        date = parse_date(match.group("date"))
        if date:
            return date
    return None


def title_of(cleaned: CleanedText) -> str | None:
    """The headline: the first body line when it is short, not a quote and not a full sentence."""
    lines = cleaned.text.split("\n")
    if len(lines) < 2:
        return None
    first = lines[0].strip()
    if (
        not first
        or len(first.replace(" ", "")) > _TITLE_MAX_CHARS
        or first.endswith("。")
        or first[0] in "“「『\"'"
        or SOURCE_DATELINE.search(first)
    ):
        return None
    return first


def city_of(title: str | None, text: str, gazetteer: Gazetteer | None = None, *, source: str | None = None) -> str:
    """The article's city, or ``全国``; see :func:`locate` (this is its value only)."""
    return str(locate(title, text, gazetteer, source=source).value)


def locate(title: str | None, text: str, gazetteer: Gazetteer | None = None, *,
           source: str | None = None, genre: str | None = None, sites: Sequence[str] = (),
           posted: Sequence[str] = (), authors_at: Sequence[str] = ()) -> Value:
    """The article's city by the places its title, body, dispatch line and outlet name, with provenance.

    Every name of a city in the body counts once and in the title three times (the title is also
    the text's first line); the place of a dispatch line (``新华社西安4月2日电``, ``本报柘荣讯``)
    counts two, except 北京, where the national newsrooms file from; an outlet named after a city
    (``宁德日报``, given as ``source`` or opening the dispatch line) counts two.  The city with the
    most, if at least two, is the article's; a tie goes to the city named first; with none the
    piece is national.  A word such as 首都, 省会 or 本市 names no city (本市 says the one city named is the piece's).

    Two rules read a report about one county the way it is written: the county
    is named once, in the lead (``江西省都昌县某社区……``), and then called
    该县, 全县 or 当地, while its prefecture is never named and the dispatch
    line is from Beijing, from the provincial capital or absent.

    * *A county referred back to is named twice.*  When the title and body
      name one place only, once, and it is a county, county-level city,
      district or banner (:attr:`Gazetteer.counties`), a word after it that
      refers back to it (该县 全县 本县 县里 for a 县, 该市 全市 本市 for a
      county-level 市, 该区 全区 本区, 该旗 全旗 本旗, or 当地) counts as a
      second mention; so does its name again without the 县, 市, 区 or 旗
      when two characters or more remain (都昌县 … 都昌方言, 柘荣县 …
      柘荣人), the way a report shortens a place it has introduced.  A
      county is specific: it is named because something
      happened there, and a text that goes on about "the county" is about it.
      A commentary cites places in passing (武汉保卫战, 像上海那样), mostly
      cities and several at once; so a city's own name once stays one
      mention, a place named once and never referred back to stays a
      citation, and when two places are named once each the referring word
      has no one antecedent: neither counts twice, and the tie of single
      mentions leaves the piece national (two counties of one prefecture are
      that city's two mentions) -- unless the word can refer to one of them
      only: 该县 or 县里 after one 县 and some cities (返乡的人从武汉、温州
      回来) refers to the 县, since no larger unit is a 县 (so for 旗; not for
      市, which a prefecture is too, nor for 区, which an autonomous region is).
      Being in the lead is not enough: commentaries open with the news they
      argue from.  What a piece is decides the rest: in a piece known to
      report from a place -- a news report, an interview, a feature or a
      notice (``genre``, :mod:`helpers.corpus.genre`), or a piece whose page
      does not say what it is but that quotes people speaking (”他说,
      告诉记者) or what the reporter saw (记者看到) -- the one county-level
      place it names is where it reports from, named once or not; only a
      commentary, or a piece of unknown kind without a reporter's own
      material, cites it.  So for a city named once that such a report then calls
      全市 or 该市 (三亚市实行临时性全域静态管理，全市居民居家).  A county name
      of two characters (单县, 和县) is also part of ordinary phrases
      (区和县城), so it counts here only right after its province (山东省单县) or as
      a word of its own, which no word of general Chinese runs across (莘县一个村子).
    * *A provincial bureau's dispatch is not the story's place.*  The news
      agencies file from their bureau in the provincial capital (the
      gazetteer's ``bureaus``).  When the title and body name another city
      of its province more often than the bureau's city, the dispatch counts
      for the one named most (新华社南昌…电 about 都昌县 counts for 九江;
      中新网福州…电 about 莆田市仙游县 that mentions medical teams from 福州
      in passing counts for 莆田), and for none if several tie (a roundup of
      the province is no story of the capital's).  Named in the text at
      least as often as any other city of the province, the capital keeps
      its dispatch.
    * *The outlet and the dispatch line decide a shared name.*  A district
      name several cities share (南山区 of 深圳 and 鹤岗, 鼓楼区 of four
      cities) is the outlet's or the dispatch line's city where the text
      does not decide it, or the site named in a header line (开封网　发布时间：…).
    * *An outlet reports on other cities too.*  Where the text alone (with
      its dispatch line) makes a city, and names one of its counties or
      districts, that is the story's place: an outlet from another city
      (嘉兴日报 on 湖州市安吉县, 香港商报 on 惠州市惠阳区) does not count,
      unless the text names a county or district of the outlet's city too.
    * *Not every place named is a place of the story.*  A reporter's name in
      the byline (（记者 杨春燕 通讯员 岳金华）) is no place, nor is the outlet a
      credit names (（大理日报 记者 李永和）: that is the outlet, counted as one), nor a person the piece
      names (赵玉林（化名）, the speaker a transcript labels 赵玉林：), nor a show, slogan or brand in
      quotation marks (“魅力湘西”演出; a local account, “玛纳斯发布”, is its place's), nor a place
      the story is compared with (与武汉市青山区一样), and where people
      came from (从武汉回来的, 来自石家庄的, 武汉返乡人员, 有莆田旅居史), in the
      title too, and the places listed with such a place (从莆田、厦门回来),
      is not where the story happens, nor where they go (前往瑞丽, 往返澳门) or came
      to and back (来京返京); a way from a place (从镇康县南伞镇往西走)
      starts in it.  Three cities or more tied at the top make a roundup: national.
    * *A number to call is the issuer's.*  A landline number the piece prints
      (咨询电话：0855-6621837) counts like an outlet for the one city its area code belongs to
      (:mod:`helpers.corpus.phones`; a code several cities share counts for none); so does the office
      a notice is signed by at its end (和平县新冠肺炎疫情防控指挥部办公室; a name several cities
      share there is the one the text names: 根据沈阳市…要求 … 和平区指挥部).
      A county's or city's short name right before a town (台山端芬镇) is an address, as is the county in
      full, and so is a town or sub-district whose name tells one city (枫亭镇 of 莆田:
      :mod:`helpers.corpus.towns`), or one city of the province the piece is from (荷城街道 in a post
      发表于贵州, of 六盘水 and of 佛山), and so is a county's short name alone (回沭阳过年) in a piece its
      header or outlet says is from that county's province; new cases elsewhere (禹州市新增多例本土病例) are
      the story's background, as are outbreaks several places had (温州、台州都出现了疫情), unless the next
      clause goes on about the place (…疫情形势严峻，全市…) or the next sentence opens with its district
      (…新增本土感染者。随后，鼓楼区…); so is a place said to do likewise (在西藏拉萨，城关区同样…), one the
      story's place borders or is next to (与扬州接壤, 邻近的佛山南海), one it is mistaken for or said not to
      be (和天津的和平区搞混, 不是石家庄的新华区), and one people have been to (去过扬州).
    * *A county's own media name it without 县 or 区* (普陀新闻网, 柯城发布):
      that is the outlet's city, and where several cities share the name the
      text's places decide (普陀 of 上海 or of 舟山), or else the kind of place
      the text refers back to (山阳发布 on a piece saying 县里: 山阳县, not 山阳区).
    * *How a report places its story.*  A county or district written down to
      its town, village, street or community (五台县东冶镇某村) scores two, as
      does the place a reporter's credit says they filed from (记者 陈静 泰安报道);
      a county named in full and then by its short form (罗定市 … 罗定人) scores
      each short form; a notice naming one city once is that city's, as is a post from
      a city that is a province of its own (发表于上海) naming it once.  An
      outbreak after which the story happens (瑞丽发生疫情后) is no place of
      the story when the text names another; places written right before an
      origin (有德宏州瑞丽市旅居史) are origins too.  A district name that is
      an ordinary word (郊区, 古城区) counts once the text writes it after its
      city (铜陵市郊区), every time (:attr:`Gazetteer.shadowed`).

    Parameters
    ----------
    title : str or None
        The headline.
    text : str
        Cleaned, Simplified text (boilerplate already gone).
    gazetteer : Gazetteer, optional
        Default: the shipped gazetteer.
    source : str, optional
        The source outlet (:func:`~helpers.corpus.outlets.source_outlet`).
    genre : str, optional
        What the piece is (:func:`~helpers.corpus.genre.genre_of`): a piece that reports
        from a place (:data:`REPORTING_GENRES`) takes the one county it names, named once.
    sites : sequence of str, optional
        Sites named in the header lines (:func:`~helpers.corpus.outlets.site_names`): they decide a shared name too.
    authors_at : sequence of str, optional
        Where the author says they live or serve (:func:`~helpers.corpus.outlets.author_places`): the city it names
        counts like an outlet's, as a resident's letter signed with its place.
    posted : sequence of str, optional
        Where the header says a post was published (发表于贵州: :func:`~helpers.corpus.outlets.posted_from`): its
        province decides a shared name, and a town several cities have (荷城街道 of 六盘水 and of 佛山); a city that
        is a province of its own (发表于上海) makes the one city named once, that city, the piece's.

    Returns
    -------
    Value
        The city (a gazetteer city or the national label) with provenance
        ``extracted`` when title and body decide it, :data:`FROM_DISPATCH` when
        the dispatch line does (its place, or the city of its province a
        bureau's dispatch counts for), :data:`FROM_SOURCE` when the outlet's
        name does.
    """
    gazetteer = gazetteer or default_gazetteer()
    dispatch = find_dispatch(text, gazetteer)
    body = text if dispatch is None else text[:dispatch.start] + " " * (dispatch.end - dispatch.start) \
        + text[dispatch.end:]
    # reporters' names are no places (通讯员 岳金华 names no 金华)
    body = _BYLINE.sub(lambda m: " " * len(m.group()), body)
    # nor are the people it names (赵玉林（化名）, a transcript's 赵玉林：)
    body, title = without_people(body, title or "")
    # nor the places in a name in quotation marks (“魅力湘西”演出)
    body, title = without_quoted_names(body, gazetteer), without_quoted_names(title, gazetteer)
    named = Counter(gazetteer.city_of(name) for *_, name in gazetteer.places_in(body))
    body = without_origins(body, gazetteer)
    # a city named as where people came from or an outbreak was is not the one a shared name stands for
    avoided = frozenset(str(city) for city in named - Counter(
        gazetteer.city_of(name) for *_, name in gazetteer.places_in(body)) if city is not None)
    # (an outlet named by a name several cities share, 普陀新闻网, waits for the text to say which)
    kinds = kinds_referred(body)  # (山阳发布 on a piece saying 县里 is 山阳县's, not 山阳区's)
    outlets = {gazetteer.outlet_city(name, prefer=False, kinds=kinds)
               for name in (source, dispatch.outlet if dispatch else None)} - {None}
    # so is the place an author says they live or serve in (作者：李某（某区某社区志愿者）)
    outlets |= {city for place in authors_at for *_, city in gazetteer.located(place) if city is not None}
    # a landline number printed in the piece is the issuer's (咨询电话：0855-6621837)
    outlets |= phone_cities(text, gazetteer)
    # so is the place a notice is signed in (和平县…指挥部办公室), a shared name read as the whole text reads it
    if signed := signatory(text):
        at = text.rstrip().rfind(signed)
        outlets |= {city for start, *_, city in gazetteer.located(text) if start >= at and city is not None}
    # the outlet, the site that carries it and the dispatch line say which of several cities a shared name is
    context = Counter(str(city) for city in outlets | {gazetteer.outlet_city(site, prefer=False, kinds=kinds)
                                                       for site in sites} - {None})
    if dispatch is not None and dispatch.place is not None and gazetteer.city_of(dispatch.place) is not None:
        context[str(gazetteer.city_of(dispatch.place))] += 1
    filed = filed_from(body, gazetteer)
    if filed is not None:
        start, end, place = filed
        body = body[:start] + " " * (end - start) + body[end:]
        context[str(gazetteer.city_of(place))] += 1
    # a provincial outlet (西藏日报, 云南网) or a post's 发表于贵州 says which province a shared name (城关区) is in
    regions = frozenset().union(*(gazetteer.regions_in(name[:4]) for name in (source, *sites, *posted) if name))
    # a town or sub-district the text names (枫亭镇, 南川东路街道) is an address in its city, and says which of
    # several cities a district name is (西湖区朝阳洲街道 is 南昌's); so does one several cities have, in the province
    towns = Counter(gazetteer.towns[name] for *_, name in gazetteer.towns_in(body))
    towns.update(city for *_, city in gazetteer.towns_in_regions(body, regions | gazetteer.regions_in(body)))
    # (and a town many places have says which district it is, right after a district several cities share:
    # 长安区育才街道 is 石家庄's)
    towns.update(city for *_, city in gazetteer.district_towns_in(body))
    scores = gazetteer.mentions(body, context + towns, regions, avoided)
    for city, count in towns.items():
        scores[city] += _ADDRESS_WEIGHT * count
    if filed is not None:
        scores[str(gazetteer.city_of(filed[2]))] += _DISPATCH_WEIGHT
    scores.update(introduced_districts(body, gazetteer))
    scores.update(short_forms(without_origins(title or "", gazetteer) + "\n" + body, gazetteer, source or ""))
    # a county's short name alone (沭阳) in a piece from its province (发表于江苏), as an address
    # (or in the name of the account that posts it: 汝南梧桐社区　发表于河南)
    for city, count in regional_short_names("\n".join([without_origins(title or "", gazetteer), source or "", body]),
                                            gazetteer, regions).items():
        scores[city] += _ADDRESS_WEIGHT * count
    for city in addressed(body, gazetteer, context + towns, regions, avoided):
        scores[city] += _ADDRESS_WEIGHT
    if title:  # a shared name in the title (鼓楼区丰财街道) is the one the body says, as well as the outlet
        in_body = context + Counter({city: score for city, score in scores.items() if score > 0})
        for city, count in gazetteer.mentions(without_origins(title, gazetteer), in_body, regions, avoided).items():
            scores[city] += _TITLE_WEIGHT * count
    # an outlet named after a name several cities share (普陀新闻网) is of the one the text names
    named = Counter({city: score for city, score in scores.items() if score})
    outlets |= {gazetteer.outlet_city(name, named, kinds=kinds)
                for name in (source, dispatch.outlet if dispatch else None)} - {None}
    reporting = genre in REPORTING_GENRES or (genre in (None, UNKNOWN) and _REPORTED_SPEECH.search(body) is not None)
    referred = referred_county(body, scores, gazetteer, reporting=reporting)
    if referred is not None:
        scores[referred] += 1
    # the one city a notice (not one to every province) or a piece saying 我市 names once is its (天水…我市各社区)
    named_cities = [city for city, score in scores.items() if score]
    if referred is None and len(named_cities) == 1 and scores[named_cities[0]] == 1 and (
            (genre == "notice" and not TO_EVERY_PROVINCE.search(text)) or OUR_CITY.search(body)
            # (or a post from a city that is a province itself, 发表于上海, naming it once)
            or named_cities[0] in posted):
        scores[named_cities[0]] += 1
    by_text = leader(scores, text, gazetteer)
    dispatched = dispatch_city(dispatch, gazetteer, scores)
    if dispatched is not None:
        scores[dispatched] += _DISPATCH_WEIGHT
    by_dispatch = leader(scores, text, gazetteer)
    # a story the text places down to a county or district (湖州市安吉县) is there, whatever city
    # the outlet that reports it is from (嘉兴日报, 香港商报)
    located = {gazetteer.city_of(name) for _, _, name in gazetteer.places_in(body) if name in gazetteer.counties}
    for city in outlets:
        if by_dispatch in located and str(city) != by_dispatch and city not in located:
            continue
        scores[str(city)] += _SOURCE_WEIGHT
    city = leader(scores, text, gazetteer, commentary=genre == "commentary")
    if city == by_text:
        return Value(city, EXTRACTED)
    return Value(city, FROM_DISPATCH if city == by_dispatch else FROM_SOURCE)


def extract_metadata(cleaned: CleanedText, gazetteer: Gazetteer | None = None) -> dict[str, Value]:
    """Title, source, publication date, city and genre read from one cleaned article.

    Returns
    -------
    dict
        Field name -> :class:`Value` (provenance ``extracted``, or None when not found).  The
        genre (:mod:`helpers.corpus.genre`) is never None: not found, it is ``unknown``; found,
        its note names the signal that decided it.
    """
    gazetteer = gazetteer or default_gazetteer()
    title = title_of(cleaned)
    source = source_outlet(cleaned)

    def value(v: object, provenance: str = EXTRACTED) -> Value:
        return Value(v, provenance if v is not None else None)

    published = value(publication_date(cleaned))
    if published.value is None:
        dispatch = find_dispatch(cleaned.text, gazetteer)
        printed = dispatch is not None and dispatch.year is not None
        published = value(dispatch_date(dispatch, cleaned.text) if printed else None, FROM_DISPATCH)
    found = genre_of(cleaned.text, [removed["text"] for removed in cleaned.own_removed()], gazetteer)
    # the links a page lists to other pages of its site (相关阅读：…) are no text of the article, but
    # they name the places the site reports on, as the text does
    linked = "".join(f"\n{item['text']}" for item in cleaned.removed if item["line"] in cleaned.links)
    # and an office given as the author is the issuer, as if it signed at the end
    headers = [removed["text"] for removed in cleaned.own_removed()]
    linked += "".join(f"\n{issuer}" for issuer in issuers(headers))
    city = locate(title, cleaned.text + linked, gazetteer, source=source, genre=found[0] if found else None,
                  sites=site_names(headers), posted=posted_from(headers),
                  authors_at=author_places(headers))
    genre = Value(found[0], EXTRACTED, found[1]) if found else Value(UNKNOWN, None)
    return {"title": value(title), "source": value(source), "published": published, "city": city,
            "genre": genre}
