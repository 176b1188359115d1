"""An article's city when its place is named once: a county referred back to, a provincial bureau's dispatch.

Local coverage names the county once, in the lead, and then calls it 该县, 全县 or 当地; the
prefecture is never named and the dispatch line, if any, is from Beijing or the provincial
capital.  National commentary cites places in passing and must stay national.  The sentences
are written for these tests in the manner of such reports from many provinces and years.
"""

from __future__ import annotations

import pytest

from helpers.corpus.metadata import FROM_DISPATCH, locate


def _located(text: str, title: str | None = None) -> tuple[str, str | None]:
    value = locate(title, text)
    return value.value, value.provenance


# ---------------------------------------------------------------- a county named once, then referred back to


@pytest.mark.parametrize(
    ("text", "city"),
    [
        pytest.param("2020年2月，江西省都昌县某社区的党员干部连日来挨家挨户登记返乡人员信息。"
                     "该县还组织志愿者为居家隔离的群众配送米面油。", "九江", id="jiangxi-county-gaixian"),
        pytest.param("新华社北京11月5日电 在云南勐海县，社区干部每天清晨就开始在村寨路口值守。"
                     "当地群众主动配合扫码测温，不少人还报名当了志愿者。", "西双版纳", id="beijing-dispatch-dangdi"),
        pytest.param("黑龙江省东宁市绥阳镇的社区工作者冒着零下二十多度的严寒守卡点。截至目前，全市已完成三轮全员核酸检测。",
                     "牡丹江", id="county-level-city-quanshi"),
        pytest.param("10月下旬，内蒙古额济纳旗出现本土病例后，达来呼布镇各社区立即实行封闭管理。"
                     "全旗抽调两千余名干部职工下沉社区，为滞留游客送去生活物资。", "阿拉善", id="banner-quanqi"),
        pytest.param("河北省藁城区增村镇各村的网格员连夜摸排外来人员。全区各小区实行封闭管理，每户每两天可安排一人外出采购。",
                     "石家庄", id="district-quanqu"),
        pytest.param("四川峨边县的社区干部为隔离群众代购药品。县里还开通了心理疏导热线，请专业医生在线答疑。",
                     "乐山", id="autonomous-county-short-form-xianli"),
        pytest.param("新疆莎车县的社区工作者走进每一户居民家中宣讲防疫知识，当地的双语志愿者帮助老人填写健康信息。",
                     "喀什", id="xinjiang-dangdi"),
        pytest.param("广西东兴市沿边村屯的社区干部日夜巡逻。该市还组织边民联防队，守好边境一线。",
                     "防城港", id="guangxi-gaishi"),
        pytest.param("2022年春节前，甘肃省庄浪县各社区在出入口设立返乡人员登记点。本县籍在外务工人员返乡前需提前向社区报备。",
                     "平凉", id="gansu-benxian"),
        pytest.param("海南省陵水黎族自治县椰林镇的社区网格员逐户排查，该县各小区实行出入扫码登记。",
                     "陵水", id="county-governed-by-the-province"),
        pytest.param("湖北仙桃市的社区干部为居家隔离群众送菜上门，全市三百多个社区的志愿者轮班值守。",
                     "仙桃", id="city-governed-by-the-province"),
        pytest.param("山东省单县的社区干部走村入户，该县还在城区设立了十个核酸采样点。",
                     "菏泽", id="two-character-county-after-its-province"),
    ],
)
def test_a_county_named_once_and_referred_back_to_is_the_articles_place(text, city):
    assert _located(text) == (city, "extracted")


def test_a_county_named_once_and_never_referred_back_to_stays_a_citation():
    # a commentary opens with the news it argues from: being in the lead is not enough
    text = "近日，河北省隆尧县一名社区干部因疫情防控工作不力被问责。这提醒各地，社区防控来不得半点马虎。"
    assert _located(text) == ("全国", "extracted")


def test_a_county_in_the_title_decides_without_being_referred_back_to():
    body = "社区干部每天清晨就开始在村寨路口值守，群众主动配合扫码测温。"
    assert _located(body, title="勐海县：村寨路口的守门人") == ("西双版纳", "extracted")


# ---------------------------------------------------------------- a provincial bureau's dispatch line


@pytest.mark.parametrize(
    ("text", "city", "provenance"),
    [
        pytest.param("新华社南昌2月3日电（记者 李某）记者近日在江西省都昌县采访时看到，社区干部背着喷雾器为楼道消毒，"
                     "居民排队有序领取生活物资。", "九江", FROM_DISPATCH, id="xinhua-nanchang"),
        pytest.param("中新网昆明9月14日电 瑞丽市姐告边境贸易区的社区工作人员连续多日为居家隔离居民配送物资，"
                     "志愿者轮流值守小区出入口。", "德宏", FROM_DISPATCH, id="chinanews-kunming"),
        # named twice, the county tied with the bureau's two and lost as named after it
        pytest.param("新华社南昌2月3日电 江西省都昌县的社区干部连夜排查，都昌县各小区实行封闭管理。", "九江", "extracted",
                     id="named-twice-no-tie-with-the-bureau"),
    ],
)
def test_a_bureau_dispatch_about_another_city_of_its_province_counts_for_that_city(text, city, provenance):
    assert _located(text) == (city, provenance)


def test_a_bureau_dispatch_with_the_capital_named_again_is_the_capitals():
    text = "新华社南昌2月3日电 南昌市青山湖区各社区严格落实出入登记，南昌市民积极配合。江西省都昌县也派出干部下沉社区。"
    assert _located(text)[0] == "南昌"
    assert _located("新华社南昌2月3日电 各社区严格落实出入登记，居民积极配合。") == ("南昌", FROM_DISPATCH)


def test_a_bureau_dispatch_about_several_places_of_its_province_is_no_city():
    # a roundup of the province: the capital is where the bureau sits, and no one place is the story's
    text = "中新网兰州1月5日电 甘肃省庄浪县的社区干部为隔离群众送菜，临泽县各小区实行封闭管理。"
    assert _located(text) == ("全国", "extracted")


def test_a_dispatch_from_a_city_that_is_no_bureau_keeps_its_place():
    text = "城市晚报白城讯 近日，吉林省舒兰市派出医疗队支援我市社区开展核酸检测。"
    assert _located(text) == ("白城", FROM_DISPATCH)


# ---------------------------------------------------------------- national pieces stay national


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("全国各地社区坚守一线：从湖北孝昌县到河北藁城区，从吉林舒兰市到黑龙江望奎县，"
                     "当地的社区工作者都经受了考验。", id="commentary-listing-counties"),
        pytest.param("武汉保卫战取得决定性成果，社区功不可没。各地社区要总结经验，当地党委政府要关心关爱社区工作者。",
                     id="famous-city-once"),
        pytest.param("社区防控要学会像上海那样精细化管理，当地居民也要积极配合。", id="famous-city-as-a-model"),
        pytest.param("首都各社区连日来严防死守，当地居民积极配合核酸检测。", id="shoudu-alone"),
        pytest.param("省会各小区实行封闭管理，本市居民积极配合，全市上下齐心协力。", id="shenghui-benshi-alone"),
        pytest.param("新华社北京3月2日电 国务院联防联控机制要求各地社区严格落实常态化防控措施，当地政府要压实责任。",
                     id="national-newsroom"),
    ],
)
def test_passing_mentions_and_words_for_a_city_leave_a_piece_national(text):
    assert _located(text) == ("全国", "extracted")


# ---------------------------------------------------------------- two places named once each


def test_two_counties_of_different_prefectures_named_once_each_are_no_city():
    # 该县 has two possible antecedents: neither county gets it, and a tie of single mentions is not broken
    text = "江西省都昌县和湖北省红安县的社区干部连日来坚守一线，该县的经验值得推广。"
    assert _located(text) == ("全国", "extracted")


def test_two_counties_of_one_prefecture_named_once_each_are_its():
    text = "江西省都昌县和湖口县的社区干部连日来坚守一线，志愿者轮班值守。"
    assert _located(text) == ("九江", "extracted")


# ---------------------------------------------------------------- names and referring words inside other words


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("城区和县城的各个社区加强值守，全县上下齐心协力打赢疫情防控阻击战。", id="hexian-in-quhe-xiancheng"),
        pytest.param("各地积极推进示范县创建，全县社区加强值守。", id="fanxian-in-shifanxian"),
        pytest.param("居民们恍然大悟，原来社区的志愿者都是附近的邻居，当地人都很感激。", id="dawu-in-an-idiom"),
        pytest.param("浙江义乌市的社区根据疫情形势适当地调整了出入管理措施，相当地方便了居民。", id="dangdi-in-adverbs"),
        pytest.param("番禺区的做法值得借鉴，该区域的社区实行网格化管理，各地应该县、乡、村三级联动。",
                     id="gaiqu-in-gaiquyu"),
        pytest.param("河北省隆尧县的经验说明，要健全县乡村三级防控体系。", id="quanxian-in-jianquan"),
    ],
)
def test_names_and_referring_words_inside_other_words_decide_nothing(text):
    assert _located(text) == ("全国", "extracted")


@pytest.mark.parametrize(
    ("text", "city"),
    [
        pytest.param("福建省柘荣县城关的几个社区连夜设立检测点，不少在外地务工的柘荣人也打来电话询问返乡要求。",
                     "宁德", id="county-then-its-people"),
        pytest.param("清早，江西都昌县一个村的大喇叭又响了起来，播的是都昌方言录好的防疫提醒。",
                     "九江", id="county-then-its-dialect"),
        pytest.param("吉林省梅河口市的网格员逐户登记返乡人员，梅河口的快递点也暂停了上门派件。",
                     "通化", id="county-level-city-short-form"),
    ],
)
def test_a_county_named_again_by_its_short_form_is_the_articles_place(text, city):
    assert _located(text) == (city, "extracted")


def test_a_short_form_that_only_repeats_a_one_character_stem_does_not_count():
    # 和县 shortened is 和, an ordinary word: nothing refers back to the county
    text = "安徽省和县的一名社区书记在会上发言，和大家分享了经验，这提醒各地社区防控不能松懈。"
    assert _located(text) == ("全国", "extracted")



# ---------------------------------------------------------------- what the piece is decides a county named once

_ONCE = [
    pytest.param("记者：春节前后村里最忙的是什么？\n王医生：返乡的人多。我们村在安徽霍邱县，外出务工的有三百多人，"
                 "每个人回来都要先到村卫生室登记，再居家观察。", "六安", "interview", id="interview-village-doctor"),
    pytest.param("腊月二十八，贵州雷山县的苗寨里没有往年的芦笙声。寨子口的木牌上写着返乡须知，"
                 "村医背着药箱挨家挨户问体温。", "黔东南", "feature", id="feature-miao-village"),
    pytest.param("根据河北省南宫市疫情防控指挥部统一部署，自即日起我村实行封闭管理，"
                 "村民非必要不出村，外来车辆一律不准进入。", "邢台", "notice", id="notice-under-county-headquarters"),
    pytest.param("本报讯 四川仪陇县一个村的卫生室这几天排起了队，返乡人员登记后领取测温记录表，"
                 "村干部每天两次上门询问。", "南充", "news", id="news-county-named-once"),
]


@pytest.mark.parametrize(("text", "city", "genre"), _ONCE)
def test_a_piece_that_reports_from_a_place_takes_the_county_it_names_once(text, city, genre):
    assert locate(None, text, genre=genre).value == city


@pytest.mark.parametrize(("text", "city", "genre"), _ONCE)
def test_the_same_county_named_once_in_a_commentary_or_a_piece_of_unknown_kind_is_a_citation(text, city, genre):
    assert locate(None, text, genre="commentary").value == "全国"
    assert locate(None, text).value == "全国"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("在贵州从江县一个侗寨，鼓楼前搭起了登记棚。“外地回来的，先登记再进寨。”寨老吴某某说。",
                     id="quote-then-speaker"),
        pytest.param("四川理县的一个羌寨里，村支书每天在广播里念防疫须知。他告诉记者，全村三百多户都已逐户登记。",
                     id="told-the-reporter"),
        pytest.param("甘肃临潭县一个村子的村口，记者看到两名党员正给进村的车辆登记、测温。",
                     id="what-the-reporter-saw"),
    ],
)
def test_a_piece_of_unknown_kind_with_a_reporters_own_material_takes_the_county_it_names_once(text):
    assert locate(None, text).value != "全国"
    # the same piece labelled a commentary cites the county
    assert locate(None, text, genre="commentary").value == "全国"


def test_a_report_naming_two_places_once_each_stays_national_whatever_it_is():
    text = "湖北通城县和湖南平江县交界的几个村联合设卡，两地干部轮流值守，过往车辆一律登记测温。"
    assert locate(None, text, genre="news").value == "全国"


@pytest.mark.parametrize(
    ("text", "city"),
    [
        pytest.param("——访安徽寿县一位社区书记\n记者：返乡的人多吗？\n书记：从武汉、温州回来的有四十多个。县里通知一下来，"
                     "我们就挨家挨户上门登记。", "淮南", id="xianli-after-a-county-among-cities"),
        pytest.param("内蒙古四子王旗的牧民从包头、呼和浩特返乡前都要先报备。全旗为每个嘎查配了两名防疫联络员。",
                     "乌兰察布", id="qili-after-a-banner-among-cities"),
    ],
)
def test_a_word_that_can_refer_to_one_named_county_only_counts_for_it(text, city):
    assert locate(None, text).value == city


def test_quanqu_after_a_district_and_other_cities_has_no_one_antecedent():
    # in Xinjiang or Guangxi 全区 is the autonomous region as often as the district
    text = "沙依巴克区的社区干部说，喀什、伊犁的做法值得借鉴。全区各小区都实行了出入登记。"
    assert locate(None, text).value == "全国"


def test_quanshi_after_a_county_level_city_and_other_cities_has_no_one_antecedent():
    # 全市 may mean 武汉 as well as 汉川市: neither counts twice
    text = "湖北汉川市的社区干部说，武汉的亲戚打来电话问情况。全市各小区都实行了封闭管理。"
    assert locate(None, text).value == "全国"


def test_a_city_a_report_names_once_and_calls_the_whole_city_is_its_place():
    text = "8月6日起，三亚市实行临时性全域静态管理，全市居民居家。海棠湾镇某社区每天组织居民分批核酸采样。"
    assert str(locate(None, text, genre="news").value) == "三亚"
    # a commentary cites a city in passing, and 全市 there has no one antecedent
    assert str(locate(None, text, genre="commentary").value) == "全国"
