"""An article's city from how a report places its story: its address, its credit line, its outlet, its short forms.

Reports write the story's place down to a village or community (五台县东冶镇某村), credit where the
reporter filed from (记者 王某 眉山报道), name the outbreak after which something happened
elsewhere (瑞丽发生疫情后), introduce a county in full and then shorten it (罗定市 … 罗定人), and
use district names that are ordinary words (郊区, 平房区) only after their city.  Every sentence is
written for these tests in the manner of local coverage from many provinces and years.
"""

from __future__ import annotations

import pytest

from helpers.corpus.cleaning import clean_text
from helpers.corpus.gazetteer import default_gazetteer
from helpers.corpus.locating import without_origins
from helpers.corpus.metadata import extract_metadata, locate


def _city(text: str, title: str | None = None, **kwargs) -> str:
    return str(locate(title, text, **kwargs).value)


@pytest.mark.parametrize(
    ("page", "source", "city"),
    [
        pytest.param("官庄镇：卡点上的年夜饭\n沅陵县融媒体中心　2020-01-26　记者 向某\n各村在路口设卡点，党员轮流值守。\n",
                     "沅陵县融媒体中心", "怀化", id="a-county-media-centre-before-the-date"),
        pytest.param("社区团购保供应\n2022-04-02 18:20　柯桥发布\n各小区由楼长统一接龙团购。\n",
                     "柯桥发布", "绍兴", id="an-official-account-after-the-date"),
        pytest.param("【评论】防控不能“一刀切”\n阜阳新闻网\n作者：李某\n有的村在路口堆土封路，这种做法要不得。\n",
                     "阜阳新闻网", "阜阳", id="an-outlet-alone-under-the-title"),
    ],
)
def test_a_media_centre_an_official_account_or_an_outlet_line_alone_is_the_source(page, source, city):
    meta = extract_metadata(clean_text(page))
    assert meta["source"].value == source
    assert meta["city"].value == city


def test_a_line_about_when_it_was_published_is_no_outlet():
    meta = extract_metadata(clean_text("社区开展核酸检测\n信息发布时间：2022-05-06\n各小区设立采样点。\n"))
    assert meta["source"].value is None


def test_where_the_reporter_filed_from_places_the_story():
    text = ("某某晚报记者 王某 眉山报道\n一个老旧小区的门口，志愿者正在给进出的居民测体温。"
            "“每个人都要扫码。”值守的志愿者说。")
    assert _city(text) == "眉山"
    # a filing place that names no city is no evidence
    assert _city("某某晚报记者 王某 现场报道\n小区门口，志愿者正在测体温。") == "全国"


@pytest.mark.parametrize(
    ("text", "city"),
    [
        pytest.param("满洲里市出现本土病例后，阿尔山市各社区立即在小区门口设卡，全市抽调干部下沉社区。",
                     "兴安", id="an-outbreak-after-which-another-city-acted"),
        pytest.param("格尔木市发生聚集性疫情以后，敦煌市各社区逐户登记外来人员，全市设立核酸采样点40个。",
                     "酒泉", id="an-outbreak-in-another-province"),
    ],
)
def test_an_outbreak_after_which_the_story_happens_is_not_its_place(text, city):
    assert _city(text) == city


def test_an_outbreak_the_text_goes_on_about_is_its_story():
    # no 后: the outbreak is the story, and the place of one is kept when the text names no other
    text = "江苏省扬州市邗江区近日出现本土病例，当地多个小区实行封控管理，居民足不出户。"
    assert _city(text) == "扬州"
    alone = "霍尔果斯市出现本土病例后，全市各小区实行封闭管理。该市还组织志愿者为居民配送生活物资。"
    assert _city(alone) == "伊犁"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("8月初绥芬河口岸相关疫情发生以来，各地社区重新严格起来：扫码、测温、登记一样不少。",
                     id="since-an-outbreak-at-a-port"),
        pytest.param("近期额济纳旗疫情波及多个省份，不少地方的社区再次实行封闭管理。", id="an-outbreak-spreading"),
    ],
)
def test_a_piece_about_many_places_that_names_only_an_outbreak_is_national(text):
    assert _city(text) == "全国"


def test_a_place_named_only_for_an_outbreak_or_a_disaster_stays_when_the_piece_names_no_other_places():
    # the story happens there: the text speaks of no other places, and the name is kept as a mention
    text = "阿尔山市出现本土疫情以来，社区干部和志愿者日夜值守，居民足不出户。"
    assert "阿尔山市" in without_origins(text, default_gazetteer())
    assert "阿尔山市" not in without_origins(text.replace("社区干部", "各地社区干部"), default_gazetteer())
    # a disaster is no outbreak: 全国各地 only says where the help comes from
    text = "甘孜州泸定县发生6.8级地震后，来自全国各地的救灾物资运抵灾区，社区为受灾群众测温、登记。"
    assert _city(text) == "甘孜"


def test_a_place_written_right_before_an_origin_is_an_origin_too():
    text = "安宁市各社区对近14天内有德宏州瑞丽市旅居史的人员逐户登记，全市已登记300余人。"
    assert _city(text) == "昆明"


def test_a_notice_names_the_one_city_it_applies_in_once():
    notice = ("关于加强城乡社区疫情防控的通告\n各镇、街道，各村（社区）：\n根据省、忻州市统一部署，结合我县实际，"
              "现就有关事项通告如下：\n一、各小区实行出入登记。\n特此通告。\n")
    assert extract_metadata(clean_text(notice))["city"].value == "忻州"
    # a commentary citing one city once stays national
    comment = "【评论】防控要讲科学\n近日，忻州市某村用铁丝缠住返乡人员的院门，这种做法要不得。各地都应引以为戒。\n"
    assert extract_metadata(clean_text(comment))["city"].value == "全国"


def test_a_district_named_like_an_ordinary_word_counts_only_after_its_city():
    gazetteer = default_gazetteer()
    assert "郊区" in gazetteer.shadowed and "铜陵" in gazetteer.shadowed["郊区"]
    introduced = "铜陵市郊区大通镇的社区干部连日来逐户登记返乡人员。郊区各小区实行扫码测温，郊区各村设立卡点。"
    assert _city(introduced) == "铜陵"
    # alone, the word names no district: a city's suburbs (城郊), a bungalow area (平房区)
    assert _city("郊区各村设立卡点，郊区各小区实行扫码测温。") == "全国"
    bungalows = ("牡丹江市爱民区各社区组织人员对辖区平房区开展消毒，平房区的独居老人由网格员每天上门。"
                 "爱民区各小区实行扫码测温。")
    assert _city(bungalows) == "牡丹江"


def test_a_story_written_down_to_a_village_outweighs_a_city_named_as_where_someone_works():
    text = ("清晨，孟村回族自治县辛店镇某村的大喇叭响了。村里设了卡点，党员轮流值守。"
            "村民老赵的儿子在天津打工，听说村里的要求后，主动留在了天津过年。")
    assert _city(text) == "沧州"


def test_a_county_introduced_in_full_and_then_shortened_counts_each_time():
    title = "信宜乡亲：村口有人守"
    text = ("不少在深圳打拼的人祖籍广东信宜。信宜市池洞镇一个村的村主任说，村口设有值守点，外来车辆一律劝离。"
            "信宜各镇村都在广播防疫知识。在深圳工作的信宜人刘女士说，家乡做得细。")
    assert _city(text, title, source="深圳特区报") == "茂名"


def test_the_districts_the_division_codes_leave_out_are_known():
    gazetteer = default_gazetteer()
    assert gazetteer.city_of("加格达奇区") == "大兴安岭"
    assert _city("加格达奇区各住宅小区实行出入登记，加格达奇区的网格员逐户排查。") == "大兴安岭"


def test_a_shared_district_name_is_the_outlets_city_or_the_city_written_right_before_it():
    # 鼓楼区 is a district of 南京, 徐州, 福州 and 开封; the file prefers 南京 when nothing else tells
    text = "鼓楼区各社区连日来逐户排查，鼓楼区各小区实行扫码测温。"
    assert _city(text, source="开封日报") == "开封"
    assert _city(text) == "南京"
    # a resident working in another city's district of the same name does not move the story
    working = text + "居民李先生在福州市鼓楼区上班，每天往返。"
    assert _city(working, source="开封日报") == "开封"


def test_a_shared_district_written_down_to_its_town_is_the_usual_city_without_other_evidence():
    text = "按照全市统一部署，宝山区顾村镇某小区开始封控管理，居民足不出户。"
    assert _city(text) == "上海"


def test_people_coming_to_a_place_abbreviated_by_one_character_come_from_the_place_before():
    text = ("都匀市各社区对从贵阳来（返）都人员严格落实报备登记。贵阳疫情发生以来，全市累计登记贵阳来都人员五千余人。"
            "网格员逐一登记。")
    assert _city(text) == "黔南"


def test_a_town_named_like_a_city_is_no_mention_of_the_city():
    text = "霞浦县三沙镇各村在路口设卡点，三沙镇的党员轮流值守，全县各乡镇逐户排查返乡人员。"
    assert _city(text) == "宁德"
    # 乡 and 镇 after a city's name in other words, or opening the next place of a list, leave it a city
    gazetteer = default_gazetteer()
    assert gazetteer.mentions("石家庄乡村振兴局的干部下沉社区，黄冈乡亲们守望相助。") == {"石家庄": 1, "黄冈": 1}
    assert gazetteer.mentions("南京镇江扬州三地的社区") == {"南京": 1, "镇江": 1, "扬州": 1}


def test_an_outbreak_that_affects_the_story_is_no_place_of_it():
    text = ("受长春市、吉林市疫情影响，近期从长春、吉林市返回和龙市的人员增多。和龙市各社区逐户登记，"
            "对长春、吉林市来（返）人员落实居家健康监测。")
    assert _city(text) == "延边"


@pytest.mark.parametrize(
    ("source", "city"),
    [
        pytest.param("津云", "天津", id="a-city-app"),
        pytest.param("江城日报", "吉林", id="a-paper-by-the-citys-nickname"),
        pytest.param("上虞", "绍兴", id="an-account-named-by-its-district"),
        pytest.param("冰城晚报", "哈尔滨", id="an-outlet-opening-with-the-citys-other-name"),
        pytest.param("庐州晚报", "合肥", id="an-outlet-opening-with-the-citys-name-of-old"),
    ],
)
def test_an_outlet_known_by_another_name_counts_for_its_city(source, city):
    assert _city("各小区实行封闭管理，楼长在群里统计居民需求。", source=source) == city


def test_an_outlet_of_a_shared_name_waits_for_the_text():
    # 普陀 is a district of 上海 and of 舟山: the text's 舟山 decides, not the usual choice
    text = "沈家门渔港是舟山最大的渔港之一，普陀区各街道的住宅小区实行扫码通行。"
    assert _city(text, source="普陀新闻网") == "舟山"
    assert _city("各居民区的楼组长在群里通知居民下楼采样。", source="宝山区融媒体中心") == "上海"


def test_a_compound_or_street_named_after_another_place_is_no_mention_of_it():
    text = "深夜11点，船营区松江花园小区的业主群里还在接龙。松江花园小区3月起封控，居民足不出户。"
    assert _city(text, source="江城日报") == "吉林"
    assert default_gazetteer().mentions("长沙路和上海新村的居民") == {}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("1月2日石家庄市藁城区报告本土确诊病例以来，距石家庄200多公里的南宫市各村设卡值守。"
                     "在石家庄务工的村民陆续返乡，南宫市人民医院的医护人员随医疗队赴石家庄支援。全市逐户登记。",
                     id="an-outbreak-since-a-distance-work-and-help-sent"),
    ],
)
def test_places_named_beside_the_storys_do_not_outweigh_it(text):
    assert _city(text) == "邢台"


def test_a_shared_district_is_the_one_in_the_province_the_text_or_a_provincial_outlet_names():
    # 城关区 is a district of 拉萨 and of 兰州; the file prefers 兰州 when nothing else tells
    text = "城关区各社区组织保供小分队，城关区部分小区实行静默管理，志愿者把酥油、糌粑送到家门口。"
    assert _city(text) == "兰州"
    assert _city(text, source="西藏日报") == "拉萨"
    assert _city("西藏自治区" + text) == "拉萨"


def test_a_two_character_county_before_its_town_and_village_is_an_address():
    # 岚县 is a two-character county name: alone it counts only after a boundary; before a town and a
    # village it is plainly a place
    text = "车子开了一个多小时，就到了岚县社科乡西坡村。村口一顶帐篷、一张桌子，就是村里的防疫卡口。"
    assert _city(text) == "吕梁"


def test_an_outlet_opening_with_dongfang_is_not_dongfang_citys():
    text = "不少社区把守在卡口的网格员撤了下来，让他们逐户登记老人的用药需求。"
    assert _city(text, source="东方评论网") == "全国"


def test_a_county_paper_is_its_city():
    assert _city("各小区实行封闭管理，楼长在群里统计居民需求。", source="柯桥日报") == "绍兴"


@pytest.mark.parametrize(
    ("text", "title", "city"),
    [
        pytest.param("普陀区各社区对来自上海的人员逐一登记。舟山与上海两地往来密切，普陀区防输入压力不小。", None, "舟山",
                     id="a-shared-district-not-of-the-city-people-came-from"),
        pytest.param("连日来，丰财街道组织机关干部下沉到辖区小区，徐州市委组织部派员督导。",
                     "鼓楼区丰财街道：干部下沉小区一线", "徐州", id="a-shared-district-in-the-title-is-the-bodys"),
        pytest.param("上海疫情持续，普陀区各社区严阵以待，舟山各小区实行扫码通行。", None, "舟山",
                     id="an-outbreak-going-on-elsewhere"),
        pytest.param("她在太原一所高校读大三，哥哥在太原一家工厂上班。寒假回到岢岚县，她报名当了志愿者，"
                     "岢岚县团委安排她在村口值守。", None, "忻州", id="where-someone-studies-or-works"),
        # an outbreak going on in the story's own city (全市 goes on about it), and another city that has a
        # district of the same name, said to do likewise (在河北石家庄，长安区同样…)
        pytest.param("近期西安疫情形势严峻，全市倡导居民非必要不外出。长安区韦曲街道各社区为独居老人建立联系台账，"
                     "楼栋长每天电话问询。据了解，在河北石家庄，长安区同样把独居老人列为重点帮扶对象。",
                     "长安区：楼栋长每天给独居老人打电话", "西安", id="the-outbreak-at-home-and-a-namesake-likewise"),
        # a city the story's place borders (与扬州接壤的姜堰区) is beside it, however often it is named
        pytest.param("南京通报本土病例后，与南京接壤的句容市立即启动排查。句容市各村干部挨家挨户询问有没有人去过南京、"
                     "有没有南京的亲戚来过，在南京打工的人也一一登记。", None, "镇江", id="a-city-the-story-borders"),
        pytest.param("近期福州疫情持续，全市各社区加强管控。鼓楼区东街街道某社区为独居老人送菜。"
                     "在江苏南京，鼓楼区同样组织志愿者为老人送菜。", "鼓楼区：社区为居家老人送菜上门", "福州",
                     id="a-namesake-district-likewise-elsewhere"),
        # a city next to the story's (邻近的佛山顺德) is beside it, and so are the places listed with it
        pytest.param("江门市新会区各社区连日开展核酸检测。有居民问，邻近的佛山顺德能不能去？社区工作人员说，"
                     "邻近的佛山南海近日在排查，邻近的佛山三水也要求报备。", None, "江门", id="a-city-next-to-the-story"),
        # a city the story's place is mistaken for, or said not to be, is no place of it
        pytest.param("新华区光明路街道某社区连日为居家老人送菜上门。社区主任说，常有人把这里和石家庄的新华区搞混，"
                     "“我们是平顶山新华区，不是石家庄的新华区，石家庄的快递也常送错”。", None, "平顶山",
                     id="a-namesake-the-story-is-mistaken-for"),
        # an outbreak in a city whose district opens the next sentence is the story's own
        pytest.param("近期，福州市新增多例本土感染者。随后，鼓楼区东街街道对辖区小区实行封闭管理，"
                     "鼓楼区各社区组织志愿者送菜上门。", None, "福州", id="an-outbreak-then-its-own-district"),
    ],
)
def test_places_beside_the_story_do_not_decide_it(text, title, city):
    assert _city(text, title) == city


def test_an_outbreak_city_elsewhere_still_says_which_province_a_shared_district_is_in():
    # 朝阳区 is 北京's and 长春's; 吉林市, named for its outbreak, is not the story's but is in 吉林 province
    title = "朝阳区一社区：蔬菜包送到家门口"
    text = (title + "\n近日，全市实行封控管理，朝阳区各社区组织志愿者把蔬菜包送到居民家门口。"
            "与此同时，省内吉林市疫情形势依然严峻，多支医疗队驰援吉林市。")
    assert _city(text, title) == "长春"


def test_a_countys_short_name_counts_after_its_own_outlet_names_it_in_full():
    text = "兰州各高校提前放假，不少学生分批返乡。首批学生乘专车抵达靖远，靖远各社区逐一登记，兰州方面也派专人对接。"
    assert _city(text, source="靖远县融媒体中心") == "白银"


@pytest.mark.parametrize(
    ("text", "city"),
    [
        pytest.param("记者：平顶山市的封控是从哪天开始的？\n李保山：3月14日晚上，我们小区当晚就封了。\n记者：物资怎么送？"
                     "\n李保山：志愿者送到楼下。\n记者：平顶山市的居民配合吗？\n李保山：都很配合。", "平顶山",
                     id="a-speaker-a-transcript-labels"),
        pytest.param("村民王玉林（化名）告诉记者，王玉林一家五口都在村里。这几天，贺州市八步区各村逐户登记返乡人员。",
                     "贺州", id="a-name-given-as-made-up"),
    ],
)
def test_the_people_a_piece_names_are_no_places(text, city):
    assert _city(text) == city


def test_a_headline_opening_with_a_county_and_its_town_written_short_places_the_story():
    title = "桐乡濮院：卡口上的二十四小时"
    assert _city(title + "\n连日来，镇里各村的卡口二十四小时有人值守，返乡人员逐一登记。", title) == "嘉兴"
    # a column named after a place is no place of the story
    title = "光明时评：别让一封了之伤了民心"
    assert _city(title + "\n有的地方把防住理解为封住，一封了之。", title) == "全国"


def test_outbreaks_several_places_had_are_no_place_of_the_story():
    text = ("今年春节前后，温州、台州都出现了较为严重的疫情，台州还出现了聚集性疫情。泰兴市各村在村口设卡，"
            "对返乡人员逐一登记，泰兴市各乡镇的党员轮流值守。")
    assert _city(text) == "泰州"


def test_a_county_level_citys_short_name_that_is_only_a_place_name_stands_alone():
    # 珲春 (延边) and 吉首 (湘西) are place names only; 永安 (三明) is also an ordinary word and a common name
    assert _city("三月的珲春，图们江边的冰还没化透。珲春各小区先后实行封控管理，社区逐户登记。") == "延边"
    assert _city("为守护吉首这座山城的平安，峒河街道向居民发出倡议。吉首各社区设卡值守。") == "湘西"
    assert _city("永安社区的志愿者在卡口值守，祝大家永安康宁。永安路上的商铺暂停营业。") == "全国"


def test_a_short_name_the_dictionaries_know_only_as_a_place_counts_where_it_is_a_word_of_its_own():
    # jieba tags 乐清 and 义乌 as no place name; CC-CEDICT knows them as county-level cities only
    title = "乐清一小区发放“家庭通行证”"
    assert _city(title + "\n城东街道各小区实行封闭式管理，每户两天一人出门采购。", title) == "温州"
    assert _city("在义乌，各社区对外来经商人员逐一登记。义乌各村在路口设卡。") == "金华"
    # inside other words (非常熟悉, 天长地久, 新民主主义) it names no 常熟, 天长 or 新民
    assert _city("网格员对辖区非常熟悉，哪家有老人、哪家有孩子，心里都有数。大家说，这份情谊天长地久。") == "全国"
    assert default_gazetteer().outlet_city("新民声评论") is None  # a word of its own, but no media word after it
    assert default_gazetteer().outlet_city("乐清晨讯") == "温州"


def test_a_short_name_ending_like_a_citys_nickname_never_stands_alone():
    # 凤城 is 丹东's 凤城市 and a nickname of 银川 (and 潮州): alone it names neither
    title = "凤城时评丨小区防控要精准"
    text = title + "\n这几天，银川不少小区重新启用了门岗。兴庆区一个老旧小区只留一个出入口，值守人员查验健康码。"
    assert _city(text, title) == "银川"
    assert _city("丹东凤城市各社区设卡值守，凤城市抽调干部下沉。") == "丹东"


def test_a_district_that_was_a_county_is_still_known_by_its_county_name():
    # 沙县 became 三明's 沙县区 in 2021, 南和县 邢台's 南和区 in 2020
    assert _city("沙县各社区对返乡人员逐户登记。沙县凤岗街道还在各小区门口设立值守点。") == "三明"
    assert _city("南和县各村在村口设卡，南和县抽调200名干部下沉村庄。") == "邢台"


def test_outbreaks_listed_down_to_their_districts_or_moving_another_place_are_background():
    title = "泉州疫情牵动永春 社区逐户排查"
    text = (title + "\n近日，泉州市鲤城区、厦门市海沧区相继发生本土疫情。永春县各社区对近期有旅居史的人员逐户排查，"
            "永春县还在各村设立值守点。")
    assert _city(text, title) == "泉州"  # 永春县 is 泉州's too: the story's city, named for its county
    title = "福州疫情牵动沙县 社区逐户排查"
    text = (title + "\n近日，福州市仓山区、厦门市同安区相继发生本土疫情。与福州相距不远的沙县，各社区逐户排查返乡人员，"
            "沙县凤岗街道还在各小区门口设立值守点。")
    assert _city(text, title) == "三明"
    # an outbreak that moves people (牵动人心) is the story's own: 永定区 is 张家界's here, not 龙岩's
    text = "8月以来，张家界疫情牵动人心，永定区是此轮疫情防控的重点区域。永定区各社区逐户排查。"
    assert _city(text) == "张家界"


def test_a_town_after_a_short_name_has_a_name_of_its_own_and_is_no_road():
    # 七星 is a district of 桂林, 南川 of 重庆: 七星岗街道 and 南川东路街道 are streets of other cities
    assert _city("渝中区七星岗街道各社区组织志愿者值守，渝中区各小区实行封闭管理。\n七星岗街道通远门社区居民委员会") == "重庆"
    assert _city("南川北路街道各社区逐户登记。\n南川北路街道疫情防控工作领导小组") == "全国"


def test_a_show_slogan_or_brand_in_quotation_marks_names_no_place():
    title = "看过“魅力湘西”演出的居民，社区逐一上门核查"
    text = (title + "\n长沙各社区对近期观看过“魅力湘西”演出的居民逐一核查。社区对“魅力湘西”剧场的观众落实居家健康监测，"
            "长沙市疾控中心派员指导。")
    assert _city(text, title) == "长沙"
    # a local account in quotation marks is the place's (关注“玛纳斯发布”)
    assert _city("请关注“玛纳斯发布”和社区微信群。玛纳斯县各社区设卡值守。") == "昌吉"


def test_a_province_people_came_from_says_nothing_of_a_shared_district():
    # 青山区 is a district of 武汉 and of 包头; the 湖北 people came back from is no hint that it is 武汉's
    title = "青山区：小区门口的出入证"
    text = (title + "\n青山区富强路街道各小区凭证出入，外来车辆不得进入。春节前后，社区有十几名居民从湖北武汉返回包头。"
            "社区逐户排查，共登记从湖北返包人员17人，全部落实居家隔离。外地亲友常把这里当成武汉，其实武汉有个青山区，"
            "我们包头也有个青山区。")
    assert _city(text, title, source="鹿城晚报") == "包头"


def test_a_place_the_story_is_compared_with_is_no_place_of_it():
    text = ("青山区是包钢所在地，与武汉市青山区一样，都是因钢铁而兴的城区。青山区幸福路街道钢铁社区为闭环生产职工家庭"
            "结对帮扶，青山区各社区逐户排查返包人员。")
    assert _city(text, source="包头日报") == "包头"


def test_a_province_named_in_full_says_which_city_a_shared_district_is_even_when_its_short_name_is_a_city():
    # 吉林省 is a province (吉林 alone is also a city): 朝阳区 under it is 长春's, not 北京's
    text = "当前，我省疫情防控形势严峻复杂。根据吉林省统一部署，朝阳区各小区实行封闭管理，居民非必要不外出。\n朝阳区某街道办事处"
    assert _city(text, genre="notice") == "长春"


def test_a_town_of_one_city_says_which_city_the_district_before_it_is():
    # 鼓楼区 is a district of 福州, 南京, 徐州 and 开封; 州桥街道 is 开封's only
    text = ("致辖区居民的一封信\n各位居民朋友：\n当前我市疫情防控形势严峻。鼓楼区州桥街道各社区将于明日组织全员核酸检测，"
            "请大家按楼栋顺序参加。\n鼓楼区州桥街道办事处")
    assert _city(text, "致辖区居民的一封信", genre="notice") == "开封"


def test_an_outlet_named_by_its_citys_old_name_decides_a_shared_district():
    # 盛京 and 奉天 are 沈阳's old names; 和平区 is a district of 沈阳 and of 天津
    text = "和平区各社区组织居民分批参加核酸检测，小区出入口实行专人值守。"
    assert _city(text, source="盛京早报") == "沈阳"
    assert _city(text, source="奉天都市报") == "沈阳"


def test_the_places_a_reporter_learned_from_are_the_storys_even_when_listed():
    # 从南岗区、香坊区多个街道了解到: where the news comes from, not where people came from
    text = "记者从南岗区、香坊区多个街道了解到，近期部分小区恢复一门一岗，值守人员逐一为进出居民测量体温。"
    assert _city(text) == "哈尔滨"


@pytest.mark.parametrize(
    ("text", "city"),
    [
        # people coming to the city by its one-character name (来穗人员) are coming here: the story's city
        pytest.param("荔湾区各社区连日开展核酸检测，要求外地来穗人员抵达后主动向社区报备。", "广州", id="coming-to-it"),
        # and where they came back from (从湖北返渝) is an origin that does not make the city one too, nor
        # keep a district name it shares (江北区, of 重庆 and 宁波) from being its
        pytest.param("江北区各小区从2月起实行封闭式管理，社区逐户摸排从湖北返渝人员，江北区各街道也组织党员下沉小区值守。",
                     "重庆", id="coming-back-from-a-province"),
    ],
)
def test_coming_to_a_city_by_its_one_character_name_is_written_from_there(text, city):
    assert _city(text) == city


@pytest.mark.parametrize(
    ("text", "title", "genre", "city"),
    [
        # where villagers went (有去广州的) is no place of the story: the one county it names is
        pytest.param("问：村里在外打工的人多吗？\n答：多，有去广州的，有去深圳的，也有去东莞的。今年回来过年的有12个，"
                     "按要求都在家隔离了14天，我每天上门量体温。\n问：你们村在哪里？\n答：我们是凯里市的一个苗寨。",
                     "走访｜村里的“健康明白人”", "interview", "黔东南", id="where-people-went"),
        # 二连, as 二连浩特 is called, twice
        pytest.param("二连的社区从5月起对小区出入口实行24小时值守，居民凭绿码进出。二连口岸的货车司机实行闭环管理，"
                     "一律不进小区。", None, None, "锡林郭勒", id="erlian-written-short"),
        # an outbreak in a county-level city (景洪, named short), then its prefecture in the next clause
        pytest.param("3月10日景洪报告本土病例以来，西双版纳各社区立即开展全员核酸检测，志愿者连夜上岗。", None, None,
                     "西双版纳", id="a-countys-outbreak-then-its-prefecture"),
        # a county name of two characters right after a date (12月5日代县) is the county
        pytest.param("12月5日代县各社区开展全员核酸检测，代县县城的小区实行封闭管理。", None, None, "忻州",
                     id="a-two-character-county-after-a-date"),
    ],
)
def test_how_short_and_dated_county_names_and_destinations_read(text, title, genre, city):
    assert str(locate(title, text, genre=genre).value) == city


@pytest.mark.parametrize(
    ("text", "title", "genre", "source", "city"),
    [
        # a town many places have, right after a district several cities share, says which district it is:
        # 长安区 is 西安's and 石家庄's, and of the two only 石家庄's has a 育才街道
        pytest.param("1月8日晚，长安区育才街道各小区出入口实行24小时值守，居民凭出入证进出，快递一律放在门口货架。",
                     None, None, None, "石家庄", id="a-shared-district-and-a-town-of-one-of-them"),
        # a notice addressed to every province cites the one city it names: it is national
        pytest.param("各省、自治区、直辖市民政厅（局）：\n近期，南京市出现本土聚集性疫情。各地社区要严格落实出入登记、"
                     "体温检测等措施，做好重点人员排查。\n特此通知。", "关于进一步做好城乡社区疫情防控工作的通知",
                     "notice", None, "全国", id="a-notice-to-every-province"),
        # cities given as examples of many (成都、重庆等地) are no place of the story, however often it names one
        pytest.param("今年夏天，成都、重庆等地的疫情持续时间较长，不少居民长期居家。我们和成都的几所高校合作，"
                     "为社区工作者开设了减压课程。", "访谈｜社区工作者也需要被照顾", "interview", None, "全国",
                     id="cities-given-as-examples"),
        # an outlet named by its city's old name (长安 is 西安's)
        pytest.param("封控第十天，雁塔区某社区的网格员每天要接两百多个电话。社区给独居老人建了台账，每天打一遍电话。",
                     None, None, "长安晚报", "西安", id="an-outlet-by-the-citys-old-name"),
    ],
)
def test_what_a_town_an_addressee_a_list_of_examples_and_an_old_name_say(text, title, genre, source, city):
    assert str(locate(title, text, genre=genre, source=source).value) == city


def test_an_office_given_as_the_author_is_the_notices_issuer():
    # the page's author line names the village committee that wrote the letter; the site is named after
    # 凤城, a county-level city elsewhere, and says nothing of where the letter applies
    page = ("致全体村民的一封信\n来源：凤城在线　　作者：汝城县土桥镇某村村民委员会\n全体村民：\n村里即日起在村口设置卡点，"
            "外来车辆一律不准进村。返乡人员请主动向村委会报告。\n村民委员会\n2020年1月30日\n")
    meta = extract_metadata(clean_text(page))
    assert meta["city"].value == "郴州"


@pytest.mark.parametrize(
    ("text", "city"),
    [
        # a local commentary names its city once and then says 我市 of it
        pytest.param("入冬以来，多地出现本土疫情。汉中虽然还没有病例，但外防输入的压力不小。连日来，我市各社区重新摆上扫码桌，"
                     "网格员逐户登记返乡人员。", "汉中", id="our-city-after-its-name"),
        # 市场 is no 本市
        pytest.param("记者走访了汉中的一个菜市场，本市场的摊主都戴着口罩。", "全国", id="a-market-is-no-city"),
    ],
)
def test_a_piece_that_says_our_city_is_of_the_one_city_it_names(text, city):
    assert str(locate("【评论】防控要细不要加码", text, genre="commentary").value) == city


@pytest.mark.parametrize(
    ("text", "genre", "city"),
    [
        # a commentary citing two cities about as often argues from both: national
        pytest.param("今年夏天，郑州的社区在洪灾后很快恢复了核酸采样；郑州的经验说明预案要细。在洛阳，社区把独居老人名单提前"
                     "梳理好；洛阳的做法值得推广。郑州和洛阳都说明，精准比层层加码更管用。", "commentary", "全国",
                     id="a-commentary-citing-two-cities"),
        # a local commentary that names its city far more than the one people left is that city's
        pytest.param("12月以来，不少在太原工作的忻州人离开太原返乡。忻州各社区为返乡人员开通报备专线，忻州的网格员上门送去"
                     "抗原试剂。希望每一位返乡的忻州人都被家乡接得住。", "commentary", "忻州", id="a-local-commentary"),
        # a report naming its city once, by its short name, and then 全市
        pytest.param("9月初，昆明主城区实行静默管理。社区把热线号码转发到居民群里；9月5日起全市开始分区分批采样。",
                     "interview", "昆明", id="a-city-by-its-short-name-then-quan-shi"),
    ],
)
def test_how_a_commentary_cites_cities_and_a_report_refers_back_to_its_city(text, genre, city):
    assert str(locate(None, text, genre=genre).value) == city


def test_a_column_named_like_an_outlet_heading_the_page_is_the_source():
    # 视点 names a column as 观察 does; 蓉城 is 成都's other name
    page = "专访｜热线那头的人在担心什么\n蓉城视点　2022-09-28 10:00　记者 何某\n问：来电有什么变化？\n答：涨到平时的三倍。\n"
    meta = extract_metadata(clean_text(page))
    assert meta["source"].value == "蓉城视点"
    assert meta["city"].value == "成都"


@pytest.mark.parametrize(
    ("text", "title", "city"),
    [
        # an outbreak elsewhere ending its clause (…，南京出现疫情，) is background; the one district named, in a report
        # with someone's words (书记说，…), is where it reports from
        pytest.param("早上七点，潞州区一个老旧小区门口，志愿者已经坐在遮阳伞下值守。8月初，扬州出现疫情，社区通知各小区加强登记。"
                     "社区书记说，天太热了，值守时间缩短到两个小时。", "小区门口的老党员", "长治",
                     id="an-outbreak-elsewhere-and-a-district-in-a-report"),
        # a roundup of many cities, each named with its province, is national however often it names the first
        pytest.param("河南郑州金水区一个社区撤掉了查码岗。郑州一位市民说，出门方便了。在四川成都，网格员给老人打电话；成都的社区"
                     "还建了台账。在广东广州，社区把药分装成健康包。湖北宜昌一个社区建了药品互助群。在江西南昌，楼栋群改成了"
                     "健康互助群。在浙江杭州，街道给社区工作者发放健康包。", "社区防疫工作重心转向", "全国",
                     id="a-roundup-of-many-cities"),
    ],
)
def test_background_outbreaks_reports_and_roundups(text, title, city):
    assert str(locate(title, text).value) == city


def test_a_nickname_of_one_city_opening_an_outlet_is_that_citys():
    # 驼城 is 榆林's other name; the commentary names only two of its counties, short
    assert str(locate("设卡不等于断路", "在我市，也有个别村子挖断了道路。", source="驼城晚报", genre="commentary").value) == "榆林"


@pytest.mark.parametrize(
    ("text", "city"),
    [pytest.param("成都来人怎么管？乐山市市中区各社区对成都来人逐一登记，落实居家健康监测。", "乐山",
                  id="people-from-a-city-are-an-origin"),
     pytest.param("1月5日成都实行全域静态管理以来，乐山市市中区各社区对返乐人员逐户排查，社区干部每天上门测温。",
                  "乐山", id="a-closure-elsewhere-the-story-happens-after")],
)
def test_people_from_a_city_and_a_closure_elsewhere_are_not_the_story_place(text, city):
    assert str(locate(None, text).value) == city


@pytest.mark.parametrize(
    ("text", "city"),
    [pytest.param("访谈｜成都“封城”后\n成都12月1日起实行全域静态管理后，与成都相邻的眉山，东坡区各社区对返乡人员逐一登记。",
                  "眉山", id="a-closure-with-its-date-and-the-neighbour-named-first"),
     pytest.param("各位原平的朋友：南城街道各社区招募防控志愿者，咱们原平每个小区门口都需要有人值守。", "忻州",
                  id="a-short-name-after-the-word-people-are-called-by")],
)
def test_a_closure_elsewhere_a_neighbour_and_a_short_name_after_a_word_of_address(text, city):
    assert str(locate(None, text).value) == city


def test_a_county_short_name_counts_as_an_address_in_a_post_from_its_province():
    page = ("小区门口那张桌子撤了\n原创　河边日记　2020-04-09 21:13　发表于江苏\n\n"
            "寒假回沭阳过年，没想到一住就是两个月。小区门口每天有人值守，进出都要测温登记。\n")
    assert str(extract_metadata(clean_text(page))["city"].value) == "宿迁"
    # without the header's province the short name alone says nothing
    assert str(extract_metadata(clean_text(page.replace("　发表于江苏", "")))["city"].value) == "全国"


@pytest.mark.parametrize(
    ("body", "province", "city"),
    [pytest.param("今年过年没走亲戚，回乐亭以后就在家待着，村口每天有人值守，进出都要测温登记。", "河北", "唐山",
                  id="a-short-name-the-dictionary-also-has-as-a-person-after-going-back"),
     pytest.param("群里的丹凤人都在转这段视频：村干部在村口挨家挨户喊话，提醒大家戴口罩、少聚集。", "陕西", "商洛",
                  id="a-short-name-the-dictionary-also-has-as-a-person-before-the-word-for-its-people"),
     pytest.param("丹凤说，村口每天有人值守，进出都要测温登记。", "陕西", "全国",
                  id="the-same-name-as-a-person-who-speaks-is-no-place")],
)
def test_a_short_name_that_is_also_a_persons_name_is_a_place_where_the_text_uses_it_as_one(body, province, city):
    page = f"村口的喇叭又响了\n原创　河边日记　2020-02-09 21:13　发表于{province}\n\n{body}\n"
    assert str(extract_metadata(clean_text(page))["city"].value) == city


def test_a_post_header_without_a_date_says_where_it_was_posted_and_names_the_account_after_its_author():
    # no date: the header is still the page's furniture, and its province decides a short name
    page = "村口的喇叭又响了\n原创　河边乡音　发表于河北\n\n回乐亭以后，村口每天有人值守，进出都要测温登记。\n"
    assert str(extract_metadata(clean_text(page))["city"].value) == "唐山"
    # the author, then the account, then the date: the account is the source (a county youth league's, 彭水青年)
    page = ("志愿者日记\n原创　李小雨　彭水青年　2022-09-02 21:30　发表于重庆\n\n"
            "这几天我在社区核酸采样点帮忙扫码，向阳路上的队伍排得很长。\n")
    metadata = extract_metadata(clean_text(page))
    assert metadata["source"].value == "彭水青年"
    assert str(metadata["city"].value) == "重庆"


def test_an_outbreak_elsewhere_before_our_city_is_background():
    # 我市 after another city's outbreak is the writer's own city, which the text places by its district
    text = "当前宝鸡市疫情形势严峻，我市疫情防控压力持续加大。根据华州区疫情防控工作要求，现将有关事项提醒如下。"
    assert str(locate(None, text).value) == "渭南"


@pytest.mark.parametrize(
    ("text", "city"),
    [pytest.param("从县城往南开车半小时，再往南开车十分钟就到了村里，村口每天有人值守，返乡人员一律登记。", "全国",
                  id="a-district-short-name-inside-a-longer-word-is-no-place"),
     pytest.param("沿着黄浦江边走，黄浦江两岸的小区门口都贴出了核酸检测的通知。", "全国",
                  id="a-river-named-after-the-district-is-no-district"),
     pytest.param("南开一个小区门口每天有人值守，南开的社区干部挨家挨户登记。", "天津",
                  id="the-same-short-name-as-a-word-of-its-own-is-the-district"),
     pytest.param("1月初石家庄藁城区一个村子发现疫情后，不少地方收紧了小区出入管理，有的小区要求一律扫码进出。", "全国",
                  id="an-outbreak-found-somewhere-in-a-piece-about-many-places-is-background")],
)
def test_district_short_names_are_whole_words_and_an_outbreak_found_elsewhere_is_background(text, city):
    assert str(locate(None, text).value) == city


def test_a_post_from_a_city_that_is_a_province_of_its_own_naming_it_once_is_its():
    page = ("楼组长的一天\n原创　某某街道　某某街道发布　2022-05-06 20:10　发表于天津\n\n"
            "5月初，天津多个小区实行封控管理。12号楼的楼组长老李每天在群里通知核酸采样时间。\n")
    assert str(extract_metadata(clean_text(page))["city"].value) == "天津"
    # from a province, the one city named once stays a citation
    assert str(extract_metadata(clean_text(page.replace("发表于天津", "发表于河北")))["city"].value) == "全国"


@pytest.mark.parametrize(
    ("text", "city"),
    [pytest.param("致全体村民的倡议书。近期我市部分地区发生疫情，藁城区某镇大连村党支部倡议：村民非必要不外出，"
                  "进出村口主动测温登记。大连村民委员会", "石家庄", id="a-village-named-like-a-city-is-a-village"),
     pytest.param("社区打来电话，说牡丹江绥芬河那边出了疫情，咱们这儿离得不远，鸡冠区的小区门口要恢复值守，"
                  "我在鸡冠区住了二十年，第一次当志愿者。", "鸡西", id="an-outbreak-over-there-is-background")],
)
def test_a_village_named_like_a_city_and_an_outbreak_over_there(text, city):
    assert str(locate(None, text).value) == city


def test_an_authors_place_in_brackets_after_the_name_places_a_diary():
    page = ("我在卡口的七个夜晚\n作者：周小禾（凯里市某社区志愿者）\n\n"
            "1月30日　晴\n今天第一次到小区门口值守，给进出的居民测体温、登记，晚上十点才回家。\n")
    assert str(extract_metadata(clean_text(page))["city"].value) == "黔东南"
    # without the place in brackets the diary names no city
    assert str(extract_metadata(clean_text(page.replace("凯里市某社区志愿者", "志愿者")))["city"].value) == "全国"
