"""How a text names the place of its story: origins, counties referred back to, bureaus, the leading city.

The helpers of :func:`helpers.corpus.metadata.locate`, which documents the rules
they implement; they read a text's places through the gazetteer.
"""

from __future__ import annotations

import re
from collections import Counter

from helpers.corpus.dispatch import Dispatch
from helpers.corpus.gazetteer import LOCAL_MEDIA, Gazetteer
from helpers.corpus.matcher import whole_word
from helpers.script import HAN, HAN_CHAR

# a place people came from: 从武汉回来, 来自石家庄, 自湖北返乡, 武汉返乡人员, 武汉来的
_FROM_ONLY = ("来自", "自", "离开")  # 来自石家庄, 自湖北返乡, 离开西安: an origin whatever follows
# where people go is not where the story happens either (非必要不前往瑞丽, 往返澳门上班)
# (and where they have been: 有没有人去过扬州; 去 alone: 在外打工的有去广东的，有去贵阳的)
_TO = ("前往", "去往", "往返", "往来", "去过", "到过", "途经", "去")
# after 从 and the place, a direction (往西走, 向北) makes it where the way starts, in the story's place; so
# does its town centre (从庆元县城出发，开一个多小时才到村里); and 从 with what the reporter learned
# is where the news comes from (记者从东兴市获悉, 从马尔康市疫情防控指挥部了解到, 从道里区、道外区多个街道了解到)
_ROUTE = re.compile(rf"[{HAN}]{{0,6}}?(?:往|向|沿|朝)|(?:县?城|城区|市区)出发|[{HAN}、]{{0,16}}?(?:获悉|了解到|得知)")
_BACK = ("回来", "回到", "返回", "返乡", "返", "来的", "来人", "旅居史")  # 来人: 西安来人, 西安来人员
# 来京返京, 来丽返丽 (came to and back to the place abbreviated): the place before it is where they came from
# and 贵阳来都人员, 绥芬河来（返）佳人员 (people from the place coming to one abbreviated by a character)
_CAME_TO = re.compile(rf"来[{HAN}]返[{HAN}]|来[（(]?返?[)）]?(?:[{HAN}](?:返[{HAN}])?)?(?:人员|的人|群众)")
# places listed together share their role: 从莆田、厦门回来, 有莆田、厦门旅居史; so does a place
# written right before a place in it (有德宏州瑞丽市旅居史)
_LISTED = ("、", "和", "及", "或", "")
# places given as examples of many: a list ending in 等地 (上海、吉林等地, 广州、深圳等城市)
_EXAMPLES = re.compile(rf"(?:[、和及与][{HAN}]{{2,4}}?)+等(?:地|省|城市|省市|多地)")
# the words before a city's one-character name that say people come or go back to it (来穗, 返甬, 抵沪)
_ARRIVING = "来返抵"
# an outbreak after which the story happens is named for when, not where (瑞丽近期再次出现本土疫情后,
# 绥芬河出现境外输入关联病例后); an outbreak the text goes on about is its story (惠阳区近日出现本土病例，当地…)
# the place an outbreak broke out at, after the city's name (禄口机场, 某棋牌室), and 相关 (禄口机场相关疫情)
_SITE = (rf"(?:[{HAN}]{{0,5}}?(?:机场|口岸|码头|市场|超市|商场|医院|酒店|学校|小区|棋牌室|工厂|车站|港|村子|村|社区))?"
         rf"(?:相关)?")
_OUTBREAK = re.compile(rf"(?:[市县区州旗盟]|地区)?(?:[、和及与][{HAN}]{{2,4}}?)*(?:等地)?"
                       rf"{_SITE}(?:近期|近日|日前|前不久|此前|再次|又|接连|相继|突然|突发)*"
                       rf"(?:出现|发生|暴发|爆发|报告|通报|发现)了?[{HAN}]{{0,8}}?(?:疫情|病例|感染者)(?:以来|以后|之后|后)"
                       # and a disaster there (泸定县发生6.8级地震)
                       rf"|(?:[市县区州旗盟]|地区)?[{HAN}]{{0,6}}?发生[\d.]*级?(?:地震|洪灾|洪涝|山火|森林火灾)"
                       # (also one named by where it broke out there: 南京禄口机场疫情发生以来)
                       rf"|(?:[市县区州旗盟]|地区)?{_SITE}(?:本轮)?疫情(?:发生|暴发|爆发)?(?:以来|以后|之后|后)"
                       # and one going on there, the story's background (上海疫情持续发展, 形势严峻, 多地的疫情持续,
                       # 南京禄口机场相关疫情波及多个省份, 莆田疫情牵动沙县; not 张家界疫情牵动人心, its own)
                       rf"|(?:[市县区州旗盟]|地区)?(?:[、和及与][{HAN}]{{2,4}}?)*(?:等地)?的?{_SITE}(?:本轮)?疫情(?:形势)?"
                       rf"(?:持续|严峻|复杂|反弹|蔓延|扩散|多点|波及|外溢|牵动(?!人心|着|了|全|大家|各))"
                       # and outbreaks several places had (温州、台州都出现了较为严重的疫情)
                       # (the places listed may be written down to a district: 莆田市仙游县、厦门市同安区相继发生…)
                       rf"|(?:[市县区州旗盟]|地区)?(?:[、和及与][{HAN}]{{2,7}}?)*(?:等地)?(?:都|也|均|先后|相继)"
                       rf"(?:出现|发生|暴发|爆发)了?[{HAN}]{{0,8}}?(?:疫情|病例|感染者)"
                       # and an outbreak there, ending its clause (7月下旬，南京出现疫情，社区通知…)
                       rf"|(?:[市县区州旗盟]|地区)?(?:那边|那里|那儿)?(?:近期|近日|日前|再次|又|突然|突发)*"
                       rf"(?:出现|发生|暴发|爆发|出)了?(?:本土|新冠肺炎|新冠|新一轮|聚集性)?疫情(?=[，,。；;])"
                       # and a city-wide closure there, after which the story happens (西安实行全域封闭管理以来,
                       # 西安12月23日起实行全市封闭管理后, 西安“封城”后)
                       rf"|(?:[市县区州旗盟]|地区)?(?:\d{{1,2}}月)?(?:\d{{1,2}}日)?(?:起|开始)?(?:实行|实施|启动|进入)"
                       rf"[{HAN}]{{0,6}}?(?:封闭管理|封控|封城|静态管理|静默管理)(?:以来|以后|之后|后)"
                       rf"|(?:[市县区州旗盟]|地区)?[“\"]?封城[”\"]?(?:以来|以后|之后|后)"
                       # and new cases reported there (禹州市新增多例本土病例)
                       rf"|(?:[市县区州旗盟]|地区)?(?:近期|近日|日前|再次|又|接连|相继)*新增[{HAN}\d]{{0,8}}?(?:病例|感染者)")
# (unless the next clause goes on about the place itself: 近期兰州疫情形势严峻，全市倡导居民减少外出; not
# after one it happened after, which the story's city counts from: 贵阳疫情发生以来，全市登记贵阳来都人员; nor
# when it turns to the writer's own place, 我市 or 本市, which a writer there would have named instead:
# 当前西安市疫情形势严峻，我市疫情防控压力持续加大)
_SINCE = ("以来", "以后", "之后", "后")
_SAME_PLACE = re.compile(rf"[{HAN}]{{0,6}}?[，,、]\s*(?:全市|全县|全区|全州|全盟|全旗|全城|该市|该县|该区)")
# (nor when the next sentence opens with one of its districts: 呼和浩特市新增本土感染者…。10月4日，新城区…)
_NEXT_OPENS = re.compile(r"[^。！？\n]{0,40}[。！？；]\s*"
                         r"(?:(?:\d{1,2}月)?\d{1,2}日(?:[上下]午|晚|凌晨)?|当天|当晚|次日|随后|目前|近日|日前|此后|其中)?"
                         r"[，,]?\s*")
_NEXT_CLAUSE = re.compile(rf"[，,]\s*[{HAN}]{{0,4}}")
# the words of a piece about many places (各地社区, 波及多个省份)
# (many places, or some of many: 不少地方, 一些城市, 个别地方)
_MANY_PLACES = re.compile("各地|多地|多个省|多省|各省|全国"
                          "|(?:不少|一些|许多|很多|多个|多座|有的|个别|部分)(?:地方|城市|地区)")
# an outbreak elsewhere that affects the story's place (受长春市、吉林市疫情影响)
_AFFECTED = re.compile(rf"[{HAN}、和及与]{{0,12}}?疫情(?:的)?影响")
# other places a story names beside its own: how far it is from one (距石家庄200多公里), where people
# work or study (在石家庄务工), where help is sent (赴石家庄, 驰援武汉)
_MEASURED_FROM = ("距", "距离", "离")
# and a place the story is compared with (与武汉市青山区一样, 像上海那样)
_LIKE = ("与", "和", "跟", "同", "像", "如")
_COMPARED = re.compile(rf"[{HAN}]{{0,6}}?(?:一样|相同|类似|相似|那样|似的)"
                       # or that borders the story's place (与扬州接壤的姜堰区), or that it is mistaken for
                       # (有人把这里和天津的和平区搞混)
                       rf"|[{HAN}]{{0,4}}?(?:接壤|毗邻|相邻|交界|相连|隔江相望|一河之隔|一江之隔|相距不远|相隔不远)"
                       rf"|[{HAN}]{{0,6}}?(?:搞混|弄混|混淆|混为一谈|分不清)")
# a place next to the story's (邻近的佛山南海, 周边的东莞), or one said not to be it (不是天津的和平区, 并非西安)
_NEAR_OR_NOT = ("邻近的", "毗邻的", "相邻的", "周边的", "隔壁的", "不是", "并非", "而非")
# (but the place after 与西安相邻的 is the one that has the neighbour, the story's: 与西安相邻的商洛)
_NEIGHBOURED = re.compile(rf"[与和跟同][{HAN}]{{2,8}}(?:相邻|毗邻|邻近|接壤)的$")
# (or said to be likewise there: 在西藏拉萨，城关区同样是防控重点)
_LIKEWISE = re.compile(rf"[，,]?[{HAN}]{{0,8}}?同样")
_SENT_TO = ("赴", "驰援", "支援")
# (right after the place, or after a few words for where there: 在太原一所高校读大三, 在昆山开香菇店)
_WORKED_IN = re.compile(f"(?:[{HAN}]{{0,6}}?(?:读大|读研|读高中|上大学))|(?:[{HAN}]{{0,4}}?)"
                        "(?:务工|打工|工作|上班|经商|读书|就读|上学|求学|做生意|开店)")
# a place written down to its town, village, street or community (五台县东冶镇柳沟村, 零陵区老家石岩头村):
# the story's address, not a place named in passing (在太原打工)
# (the name before 镇, 村 … is a name, not words such as 一名社区, 各村, 城乡社区, 所有乡镇)
_NOT_IN_A_NAME = "的各每一两二三四五六七八九十几名个多所有全部分等和及与在到对把将被了这那某乡镇村"
_ADDRESS = re.compile(rf"(?!城乡|城区|农村)(?:(?![{_NOT_IN_A_NAME}])[{HAN}]){{1,6}}?(?:镇|乡|街道|社区|村|苏木|嘎查)")
# a town's own name and 镇, 乡 or 街道 (端芬镇, 临江镇), not words such as 各镇, 城乡, 乡镇
# (of two characters or more: 七星岗街道 is no 七星 and 岗街道; and not a street named after a road, 南川东路街道)
_TOWN_NAME = re.compile(rf"(?![东西南北中]?(?:路|街|大街|大道))(?:(?![{_NOT_IN_A_NAME}])[{HAN}]){{2,3}}"
                        rf"(?:镇|乡(?![村镇亲])|街道)")
# a headline opening with a place and its colon (庄河：…), or with a town written short after it (兴化戴南：…),
# not with a column named after the place (光明时评：…, 鹿城观察：…)
_HEADLINE_PLACE = re.compile(rf"(?!(?:时|快|短|锐|热|微|新)?(?:评|论|观察|视点|聚焦|发布|新闻|观|声|说|谈|语))"
                             rf"[{HAN}]{{0,2}}[：:]")
# a name in quotation marks (“魅力湘西”, “武汉加油”), short enough to be a name, not a quoted sentence
_QUOTED = re.compile(r"[“\"「『]([^”\"」』，。,！？!?]{2,12})[”\"」』]")
# people named in a piece are no places (赵玉林 names no 玉林): a name given as made up (赵玉林（化名）), or the
# speaker a transcript labels at the start of its lines (赵玉林：…) once the interviewer is labelled too (记者：…)
_PSEUDONYM = re.compile(rf"([{HAN}]{{2,3}})[（(]化名[）)]")
_SPEAKER = re.compile(rf"^[ \t　]*([{HAN}]{{2,4}})[：:]", re.MULTILINE)
_INTERVIEWER = ("记者", "本报记者", "问", "主持人", "编者")
# a signature line: how long it may be, and the offices a notice is signed by (or headed by: metadata)
_SIGNATORY_MAX = 40
_SENTENCE_MARKS = re.compile("[。，！？：；,!?:;]")
OFFICES = ("指挥部", "办公室", "委员会", "居委会", "村委会", "人民政府", "办事处", "领导小组", "工作组", "党委",
           "党支部", "党工委", "服务中心")
# where the reporter filed from, in the credit under the title (记者 陈静 泰安报道, 本报记者 王某 发自眉山)
_FILED_FROM = re.compile(rf"(?:记者|通讯员)(?:[\s　]+[{HAN}]{{2,4}})+[\s　]+"
                         rf"(?:(?P<place>[{HAN}]{{2,8}}?)(?:报道|电)|发自(?P<from>[{HAN}]{{2,8}}))$")
# the writer's own city (我市, 本市), not 市场
OUR_CITY = re.compile("(?:我|本)市(?!场)")
# a notice addressed to every province (各省、自治区、直辖市, 各省（区、市）) is national
TO_EVERY_PROVINCE = re.compile(r"各省[、，,]\s*自治区[、，,]\s*直辖市|各省[（(]区[、，,]\s*市[）)]"
                                r"|各省区市|各省、区、市")
# A city needs at least this score to be the article's city; below it the piece is national.
MIN_CITY_SCORE = 2
# How many times the next city's score a commentary's leading city needs to be its (see leader).
_COMMENTARY_LEAD = 2
# Cities named from which on a piece whose leading city has less than this share of all their scores is a roundup.
_ROUNDUP_CITIES = 5
_ROUNDUP_SHARE = 0.4
# Cities tied at the top from which on a piece is a roundup (衡水, 遂宁 and 韶关 twice each): national.
_ROUNDUP = 3
# National newsrooms file from the capital (新华社北京3月2日电): there a dispatch says nothing of the story's place.
_NEWSROOM_CITY = "北京"
# Words that refer back to a county-level place named before them, by the word its name ends in
# (该县, 全市, 本区, 全旗).  Each is kept from the longer words it hides in: 应该县, 健全县, 市场, 区域.
_NOT_BEFORE_QUAN = "健完安齐保周成顾两十求万"
_REFERRING = {
    "县": re.compile(f"(?<!应)该县|(?<![{_NOT_BEFORE_QUAN}])全县|(?<![根基])本县|县里"),
    "市": re.compile(f"(?<!应)该市(?!场)|(?<![{_NOT_BEFORE_QUAN}])全市(?!场)|(?<![根基])本市(?!场)"),
    "区": re.compile(f"(?<!应)该区(?![域间])|(?<![{_NOT_BEFORE_QUAN}])全区(?![域间])|(?<![根基])本区(?![域间])"),
    "旗": re.compile(f"(?<!应)该旗(?!帜)|(?<![{_NOT_BEFORE_QUAN}])全旗|(?<![根基])本旗"),
}
# 当地 refers back to a place of any kind; not the adverbs 相当地, 适当地, 恰当地 ... nor 每当地方.
_REFERRING_ANY = re.compile("(?<![相适恰正妥稳得应停允失便理担了每])当地")
# Kinds of county-level place no larger unit is (a 市 may be a prefecture, a 区 an autonomous region
# such as 新疆 or 广西): their referring words (该县, 全旗) have one antecedent when one place of the
# kind is named among cities.
_UNIQUE_KIND = ("县", "旗")


def _origin(body: str, start: int, end: int) -> bool:
    """Whether the place at ``body[start:end]`` is where people came from (see :func:`without_origins`)."""
    # (the last of several places may end the list with 等地: 有南京、张家界等地旅居史)
    after = end + 2 if body.startswith("等地", end) else end + 1 if body.startswith("等", end) else end
    if body.startswith(_BACK, after) or body.endswith(_FROM_ONLY + _TO, 0, start) or _CAME_TO.match(body, after):
        return True
    # 从武汉回来, 从嘉兴出发, 从南京…到张家界; not 从镇康县南伞镇往西走 (a way from the story's place)
    return body.endswith("从", 0, start) and _ROUTE.match(body, end) is None


def _elsewhere(body: str, start: int, end: int, provinces: tuple[str, ...] = ()) -> bool:
    """Whether the place at ``body[start:end]`` is named beside the story's: an outbreak before it or
    affecting it, a distance from it, work or study there (also after its province: 在黑龙江伊春打工),
    help sent there, a comparison with it (与武汉市青山区一样), a border with it (与扬州接壤), or its doing
    likewise (在西藏拉萨，城关区同样…) (see :func:`without_origins`)."""
    province = next((name for name in provinces if body.endswith(name, 0, start)), "")
    outbreak = _OUTBREAK.match(body, end)
    at_home = outbreak is not None and not outbreak.group().endswith(_SINCE) \
        and _SAME_PLACE.match(body, outbreak.end()) is not None
    return ((outbreak is not None and not at_home)
            or (body.endswith("受", 0, start) and _AFFECTED.match(body, end) is not None)
            or body.endswith(_MEASURED_FROM + _SENT_TO, 0, start - len(province))
            or (body.endswith(_NEAR_OR_NOT, 0, start - len(province)) and not _NEIGHBOURED.search(body, 0, start))
            or (body.endswith(_LIKE, 0, start) and _COMPARED.match(body, end) is not None)
            or (body.endswith("在", 0, start - len(province))
                and (_WORKED_IN.match(body, end) is not None or _LIKEWISE.match(body, end) is not None)))


def _epidemic(body: str, end: int) -> bool:
    """Whether the place ending at ``end`` is named for an outbreak of the epidemic there (not a disaster)."""
    outbreak = _OUTBREAK.match(body, end)
    return outbreak is not None and any(word in outbreak.group() for word in ("疫情", "病例", "感染者"))


def without_origins(body: str, gazetteer: Gazetteer) -> str:
    """``body`` with the places people came from blanked out: 从武汉回来的, 来自石家庄的, 武汉返乡人员.

    Where returnees or visitors come from is not where the story happens; nor, when the text names
    another place for its story, where an outbreak was or the places named beside it (距石家庄,
    在石家庄务工, 赴石家庄: see :func:`_elsewhere`).  So for a province (从湖北返包人员, 从湖北武汉返回):
    it says nothing of which province a district name several cities share is in.
    """
    places = sorted(gazetteer.places_in(body) + gazetteer.provinces_at(body))
    # (coming back to the place by its one-character name, 从湖北返渝, is where people arrive: never an origin)
    arriving = [len(name) == 2 and name[0] in _ARRIVING for *_, name in places]
    origin = [_origin(body, start, end) and not a for (start, end, _), a in zip(places, arriving, strict=True)]
    # an outbreak's place, or another named beside the story's, when the text names one for the story
    provinces = tuple(sorted(gazetteer.provinces, key=len, reverse=True))
    beside = [_elsewhere(body, start, end, provinces) for start, end, _ in places]
    for i in range(len(places) - 1):
        if beside[i] and not beside[i + 1] and (outbreak := _OUTBREAK.match(body, places[i][1])) is not None:
            (_, _, name), (start, _, after) = places[i], places[i + 1]
            city = gazetteer.city_of(name)
            # the next sentence opens with one of its city's districts (…新增本土感染者。随后，鼓楼区…), or the
            # next clause goes on about the city a county's outbreak is in (庄河报告本土疫情以来，大连许多社区…)
            opens = _NEXT_OPENS.match(body, outbreak.end())
            if (opens is not None and opens.end() == start and city in gazetteer.matcher.owners.get(after, ())) or (
                    name in gazetteer.counties and after not in gazetteer.counties and gazetteer.city_of(after) == city
                    and _NEXT_CLAUSE.fullmatch(body, outbreak.end(), start) is not None):
                beside[i] = False
    others = {gazetteer.city_of(name) for (_, _, name), b in zip(places, beside, strict=True) if b}
    # (a name several cities share is another place for the story unless each of them is named beside it:
    # 青山区 … 与武汉市青山区一样 leaves 包头's)
    story = any(set(gazetteer.matcher.owners.get(name, ())) - others
                for (_, _, name), o, b in zip(places, origin, beside, strict=True) if not o and not b)
    # (and when it names none, but speaks of many places, a place named only for its outbreak is no story's
    # either: a piece that names just the outbreak it starts from, 南京禄口机场疫情发生以来，各地社区…, is national)
    if story or (_MANY_PLACES.search(body) and all(o or (b and _epidemic(body, end))
                                                   for (_, end, _), o, b in zip(places, origin, beside, strict=True))):
        origin = [o or b for o, b in zip(origin, beside, strict=True)]
    # cities cited as examples of many (上海、吉林等地的疫情持续), a county aside (浦东、闵行等地 is the city's own)
    origin = [o or (name not in gazetteer.counties and _EXAMPLES.match(body, end) is not None)
              for (_, end, name), o in zip(places, origin, strict=True)]
    # a place listed with an origin right before or after it is one too
    for _ in range(len(places)):
        changed = False
        for i in range(len(places) - 1):
            (_, end, _), (start, _, _) = places[i], places[i + 1]
            if body[end:start] in _LISTED and origin[i] != origin[i + 1] and not (arriving[i] or arriving[i + 1]):
                origin[i] = origin[i + 1] = changed = True
        if not changed:
            break
    spans = [(start, end) for (start, end, _), is_origin in zip(places, origin, strict=True) if is_origin]
    for start, end in spans:
        body = body[:start] + " " * (end - start) + body[end:]
    return body


def without_quoted_names(text: str, gazetteer: Gazetteer) -> str:
    """``text`` with the names in quotation marks that hold a place and more blanked: a show, a slogan or a brand
    (“魅力湘西”演出, “武汉加油”) names no place of the story; a local outlet or account does (关注“玛纳斯发布”)."""
    def blank(match: re.Match) -> str:
        inner = match.group(1)
        named = gazetteer.places_in(inner)
        if not named or all(end - start == len(inner) for start, end, _ in named) \
                or inner.endswith(LOCAL_MEDIA):
            return match.group()
        return " " * len(match.group())
    return _QUOTED.sub(blank, text)


def without_people(text: str, *others: str) -> list[str]:
    """``text`` and ``others`` (such as the title) with the names of people blanked out (see :data:`_PSEUDONYM`)."""
    labels = Counter(_SPEAKER.findall(text))
    people = set(_PSEUDONYM.findall(text))
    if any(labels[word] for word in _INTERVIEWER):
        # (a label used once may be a headline's place: 庄河：…)
        people |= {label for label, count in labels.items() if count >= 2 and label not in _INTERVIEWER}
    blanked = []
    for part in (text, *others):
        for name in sorted(people, key=len, reverse=True):
            part = part.replace(name, " " * len(name))
        blanked.append(part)
    return blanked


def signatory(text: str) -> str:
    """The line a notice or letter is signed with at its end (和平县新冠肺炎疫情防控指挥部办公室, its date below it
    being page furniture), or an empty string: a short last line without sentence marks naming an office."""
    lines = [line.strip() for line in text.strip().split("\n")]
    last = lines[-1] if lines else ""
    if len(last) <= _SIGNATORY_MAX and not _SENTENCE_MARKS.search(last) and last.endswith(OFFICES):
        return last
    return ""


def introduced_districts(body: str, gazetteer: Gazetteer) -> Counter:
    """Mentions of a district whose name is also an ordinary word (古城区, 郊区), per city.

    Such a name counts for nothing alone; a text that writes it after its city once (丽江市古城区,
    阳泉郊区) has said which district it is, and every mention of it counts for that city.
    """
    found: Counter = Counter()
    for name, cities in gazetteer.shadowed.items():
        longer = [other for other in gazetteer.shadowed if name in other and other != name]
        at = [m.start() for m in re.finditer(name, body)
              if not any(body.startswith(other, m.start() - other.index(name)) for other in longer)]
        for city in cities:
            own = gazetteer.cities[city].names
            if any(body.endswith(own, 0, start) for start in at):
                found[city] += len(at)
                break
    return found


def addressed(body: str, gazetteer: Gazetteer, context: Counter, regions: frozenset[str] = frozenset(),
              avoided: frozenset[str] = frozenset()) -> set[str]:
    """Cities whose county or district the text writes down to a town, village, street or community.

    A name several cities share (鼓楼区, 宝山区) is the city :meth:`Gazetteer.mentions` counts it for.
    So does a county's or a city's short name written right before a town (台山端芬镇, 密山裴德镇,
    中山坦洲镇), or opening the headline before its colon (庄河：…): a report names a place that way, whether
    or not it names the county in full.
    """
    written = {city for _, end, name, city in gazetteer.located(body, context, regions, avoided)
               if city is not None and name in gazetteer.counties and _ADDRESS.match(body, end)}
    return written | _towns_of(body, gazetteer)


def _towns_of(body: str, gazetteer: Gazetteer) -> set[str]:
    """Cities whose county's or own short name opens a town's name, after a boundary (see :func:`addressed`)."""
    found = set()
    provinces = tuple(gazetteer.provinces)
    for stem, city in gazetteer.short_names.items():
        at = body.find(stem)
        while at >= 0:
            end = at + len(stem)
            # (after a boundary or its province: 广东台山端芬镇)
            boundary = at == 0 or not HAN_CHAR.match(body[at - 1]) or body.endswith(provinces, 0, at)
            # (or opening a headline before its colon: 庄河：冷库疫情之后，海边村屯的二十天; 兴化戴南：…)
            if boundary and (_TOWN_NAME.match(body, end) or (at == 0 and _HEADLINE_PLACE.match(body, end))):
                found.add(city)
                break
            at = body.find(stem, end)
    return found


def dispatch_city(dispatch: Dispatch | None, gazetteer: Gazetteer, named: Counter) -> str | None:
    """The city a dispatch line counts for, given the cities the title and body name (see :func:`locate`)."""
    if dispatch is None or dispatch.place is None:
        return None
    city = gazetteer.city_of(dispatch.place)
    if city is None or city == _NEWSROOM_CITY:
        return None
    if city not in gazetteer.bureaus:
        return city
    # a provincial bureau reports from the whole province: the story's city is the one of the
    # province the text names most, if that is not the bureau's own city named in passing
    province = gazetteer.province_of(city)
    elsewhere = [other for other, score in named.items()
                 if other != city and score > named[city] and gazetteer.province_of(other) == province]
    if not elsewhere:
        return city
    best = max(named[other] for other in elsewhere)
    leaders = [other for other in elsewhere if named[other] == best]
    return leaders[0] if len(leaders) == 1 else None


def referred_county(body: str, named: Counter, gazetteer: Gazetteer, *, reporting: bool = False) -> str | None:
    """The city whose one county-level place counts a second time, or None (see :func:`locate`).

    The place is the only one the text names, named once and then referred back to (该县,
    当地, its short form) or, in a piece that reports from a place (``reporting``), named once
    only; or the one 县 or 旗 among cities that a word such as 县里 or 全旗 refers back to; or, in such a piece,
    a city named once and then called 全市 or 该市.
    """
    places = gazetteer.places_in(body)  # also a place counted for no city (a name of several, none preferred)
    cities = [city for city, score in named.items() if score]
    if len(cities) == 1 and named[cities[0]] == 1 and len(places) == 1:
        start, end, name = places[0]
        words = gazetteer.counties.get(name, frozenset())
        # a city a report names once and then calls 全市 (三亚市实行…，全市居民居家; 成都中心城区…全市开始静默管理)
        a_city = name.endswith("市") or (name in gazetteer.cities and f"{name}市" in gazetteer.names_of(name))
        if not words and reporting and a_city and _REFERRING["市"].search(body, end):
            return cities[0]
        if not words or not _plainly_named(body, start, name, gazetteer):
            return None
        if _REFERRING_ANY.search(body, end) or any(_REFERRING[word].search(body, end) for word in words):
            return cities[0]
        stem = name[:-1] if name[-1:] in words else ""
        if len(stem) >= 2 and stem in body[end:]:
            return cities[0]  # named again by its short form (都昌县 … 都昌人)
        return cities[0] if reporting else None
    # Several places: 该县 or 县里 has one antecedent when one 县 (or 旗) is named, once, among cities.
    for word in _UNIQUE_KIND:
        of_kind = [place for place in places if word in gazetteer.counties.get(place[2], frozenset())]
        if len(of_kind) != 1 or sum(place[2] == of_kind[0][2] for place in places) != 1:
            continue
        start, end, name = of_kind[0]
        city = gazetteer.city_of(name)
        if city is not None and named[city] == 1 and _plainly_named(body, start, name, gazetteer) \
                and _REFERRING[word].search(body, end):
            return city
    return None


def _plainly_named(body: str, start: int, name: str, gazetteer: Gazetteer) -> bool:
    """A two-character county name (单县, 和县) counts only right after its province (山东省单县) or as a word of its
    own, which no word of general Chinese runs across (莘县一个村子; not 区和县城: :func:`whole_word`)."""
    return name not in gazetteer.matcher.guarded or any(body.endswith(p, 0, start) for p in gazetteer.provinces) \
        or whole_word(body, start, start + len(name))


def leader(scores: Counter, text: str, gazetteer: Gazetteer, *, commentary: bool = False) -> str:
    """The city with the highest score, if at least the minimum; a tie of two goes to the city named first,
    a tie of more is a roundup and national.  A commentary cites the cities it argues from: it is one city's
    only when that city scores at least twice as much as any other (南京 4 and 扬州 3 in a piece on precise
    control everywhere make it national).  A piece naming five cities or more whose leader has less than 40 % of
    their scores is a roundup."""
    best = max(scores.values(), default=0)
    if best < MIN_CITY_SCORE:
        return gazetteer.national
    runner_up = sorted(scores.values())[-2] if len(scores) > 1 else 0
    if commentary and runner_up * _COMMENTARY_LEAD > best:
        return gazetteer.national
    # a roundup of many cities (在四川成都…在广东广州…湖北宜昌一个社区…) is no one city's, unless one has much of it
    named = [score for score in scores.values() if score > 0]
    if len(named) >= _ROUNDUP_CITIES and best < _ROUNDUP_SHARE * sum(named):
        return gazetteer.national
    tied = [city for city, score in scores.items() if score == best]
    if len(tied) == 1:
        return tied[0]
    if len(tied) >= _ROUNDUP:
        return gazetteer.national  # a roundup of several cities, each named as often, is no one city's story
    first_at = {
        city: min((text.find(n) for n in gazetteer.names_of(city) if n in text), default=len(text))
        for city in tied
    }
    return min(tied, key=first_at.__getitem__)


def kinds_referred(body: str) -> str:
    """区, 县, 市 and 旗, those the text refers back to first (县里, 全县, 县城 …), for the outlet named by a stem that
    a county and a district share (山阳发布: 商洛's 山阳县 or 焦作's 山阳区)."""
    said = [word for word in "县旗区市" if _REFERRING[word].search(body) or (word == "县" and "县城" in body)]
    return "".join(said) + "".join(word for word in "区县市旗" if word not in said)


def filed_from(body: str, gazetteer: Gazetteer) -> tuple[int, int, str] | None:
    """Where a credit line among the first lines says the reporter filed from (记者 陈静 泰安报道): span, place."""
    offset = 0
    for line in body.split("\n")[:6]:
        match = _FILED_FROM.search(line.rstrip())
        if match:
            group = "place" if match.group("place") else "from"
            if gazetteer.city_of(match.group(group)) is not None:
                return offset + match.start(group), offset + match.end(group), match.group(group)
        offset += len(line) + 1
    return None
