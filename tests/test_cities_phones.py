"""An article's city from the landline numbers it prints, the province of the places it names, and origins listed
with 等地.

Every sentence is written for these tests in the manner of local notices and reports; the numbers are invented
(only their area codes are real).
"""

from __future__ import annotations

import pytest

from helpers.corpus.gazetteer import default_gazetteer
from helpers.corpus.metadata import locate
from helpers.corpus.phones import phone_cities


def _city(text: str, title: str | None = None, **kwargs) -> str:
    return str(locate(title, text, **kwargs).value)


NOTICE = ("关于对向阳区部分小区实施临时封闭管理的通告\n"
          "经研究决定，对辖区内三个小区实施临时封闭管理，居民足不出户，生活物资由社区统一配送。\n"
          "社区服务电话：{phone}\n")


@pytest.mark.parametrize(("phone", "city"), [("0468-3312345", "鹤岗"), ("0454-8212345", "佳木斯"),
                                             ("（0468）33xxxxx", "鹤岗")])
def test_a_notices_landline_says_which_city_a_shared_district_is(phone, city):
    # 向阳区 is a district of 佳木斯 and of 鹤岗; the number's area code is the issuer's
    text = NOTICE.format(phone=phone)
    assert _city(text, text.split("\n")[0], genre="notice") == city


def test_a_number_alone_places_a_notice_that_names_no_city():
    text = ("古州镇城北社区倡议书\n凡近期有外地旅居史的居民，请第一时间向社区报告。欢迎居民报名参加门岗值守。\n"
            "报名电话：0855-6621837\n")
    assert _city(text, text.split("\n")[0], genre="notice") == "黔东南"


@pytest.mark.parametrize(
    ("text", "cities"),
    [
        pytest.param("咨询电话：0855-6621837", {"黔东南"}, id="a-four-digit-code"),
        pytest.param("值班电话 023-67891234", {"重庆"}, id="a-municipality"),
        pytest.param("热线：0797-8xxxxxx", {"赣州"}, id="masked-digits"),
        pytest.param("联系电话：029-88881234", set(), id="a-code-several-cities-share"),
        pytest.param("联系人手机：13812345678", set(), id="a-mobile-number-has-no-area"),
        pytest.param("请拨打12345政务服务热线", set(), id="a-service-number-has-no-area"),
        pytest.param("发布时间：2022-04-06 10:31，身份证号410102199001011234", set(), id="dates-and-ids-are-no-numbers"),
    ],
)
def test_which_numbers_name_a_city(text, cities):
    assert phone_cities(text, default_gazetteer()) == cities


@pytest.mark.parametrize(("helper", "city"), [("长沙市", "张家界"), ("厦门市", "龙岩")])
def test_a_shared_district_is_the_one_in_the_province_of_the_other_places_named(helper, city):
    # 永定区 is a district of 张家界 (湖南) and of 龙岩 (福建)
    text = (f"永定区各社区连日来开展逐户排查，永定区城区所有小区实行封闭管理。{helper}派出的工作组已抵达，"
            "协助开展流调。")
    assert _city(text) == city


def test_the_last_of_several_places_people_came_from_before_dengdi_is_an_origin():
    # a report naming one county once is placed there, unless another place is named as more than an origin
    text = "凡7月20日以来有南京、张家界等地旅居史的居民，请主动报告。北林区各社区逐户排查，各小区实行扫码测温。"
    assert _city(text, genre="news") == "绥化"


@pytest.mark.parametrize(
    ("text", "city"),
    [
        pytest.param("今年春节，台山端芬镇各村的祠堂格外冷清。村口设了卡口，村干部轮流值守。", "江门",
                     id="a-county-level-citys-short-name-before-its-town"),
        pytest.param("密山裴德镇：村口“守门人”昼夜值守\n寒风里，东兴村的村口支起了帐篷，外来车辆一律劝离。", "鸡西",
                     id="in-a-title"),
        pytest.param("据了解，广东中山坦洲镇各小区已实行封闭式管理，只保留一个出入口。", "中山",
                     id="a-citys-own-short-name-after-its-province"),
    ],
)
def test_a_short_name_written_before_a_town_places_the_story_there(text, city):
    assert _city(text) == city


@pytest.mark.parametrize("text", [
    pytest.param("记者在渝中区七星岗街道看到，各小区实行扫码进出。渝中区各社区组织全员核酸检测。", id="a-street-named-like-a-county"),
    pytest.param("疫情发生后，离企业不远的光明山镇几个村屯实行封控管理。", id="a-town-inside-a-phrase"),
])
def test_a_short_name_inside_a_longer_name_is_no_address(text):
    assert _city(text) not in {"桂林", "深圳"}


def test_a_notice_signed_by_a_county_office_is_that_countys():
    # the outbreak city is named twice (广州市荔湾区), the county once in the text; the signature decides
    text = ("致广大返乡人员的一封倡议书\n5月21日以来，广州市荔湾区相继报告本土确诊病例。为守护家乡安全，和平县疫情防控指挥部"
            "向大家发出如下倡议。\n一、请主动向所在村（社区）报备。\n和平县新冠肺炎疫情防控指挥部办公室")
    assert _city(text, text.split("\n")[0], genre="notice") == "河源"


def test_a_notice_signed_by_a_district_several_cities_have_is_the_one_the_text_names():
    # 鼓楼区 is a district of 福州, 南京, 徐州 and 开封: the city the notice cites says which
    text = ("关于对丰财街道部分小区实行临时管控的通告\n按照徐州市疫情防控工作部署，经研究决定，自即日起对丰财街道部分小区"
            "实行临时管控，管控期间居民足不出户，生活物资由社区统一配送。\n鼓楼区新冠肺炎疫情防控指挥部")
    assert _city(text, text.split("\n")[0], genre="notice") == "徐州"


def test_new_cases_reported_elsewhere_are_the_storys_background():
    text = ("1月10日，许昌禹州市新增多例本土病例。春节临近，沈丘县在外务工人员陆续返乡。沈丘县要求各乡镇对返乡人员应登尽登。")
    assert _city(text) == "周口"


def test_where_someone_works_named_after_its_province_is_beside_the_story():
    text = "在黑龙江伊春打工的村民小胡说，今年春节不回来了。樟树市各村在村口设卡，逐户登记返乡人员。"
    assert _city(text, genre="news") == "宜春"


@pytest.mark.parametrize(
    ("text", "city"),
    [
        pytest.param("关于玉林街道辖区实行临时静默管理的通告\n经研究，决定在玉林街道辖区实行临时静默管理。"
                     "成都市武侯区玉林街道疫情防控工作领导小组办公室", "成都", id="a-subdistrict-named-like-a-city"),
        pytest.param("访新城区海拉尔东路街道某社区党委书记。新城区多个小区进入静默管理。", "呼和浩特",
                     id="a-road-named-after-a-district"),
    ],
)
def test_a_subdistrict_or_road_named_after_another_place_is_no_mention_of_it(text, city):
    # 新城区 is shared by 呼和浩特 and 西安; the outlet decides it once 海拉尔 (呼伦贝尔's) is read as a road
    assert _city(text, text.split("\n")[0], source="青城融媒" if "海拉尔" in text else None) == city


@pytest.mark.parametrize(("place", "city"), [("金普新区", "大连"), ("两江新区", "重庆"), ("西海岸新区", "青岛"),
                                             ("沈家门", "舟山"), ("普陀山", "舟山")])
def test_new_areas_and_landmarks_the_divisions_lack_count_for_their_city(place, city):
    assert default_gazetteer().city_of(place) == city


def test_a_headline_opened_by_a_countys_short_name_places_the_story_there():
    text = "庄河：冷库疫情之后，海边村屯的二十天\n11月5日起，镇里对相关村屯实行封控管理，村口设岗。"
    assert _city(text, text.split("\n")[0]) == "大连"
    # not a county's short name in the middle of a headline (长海, of 长海县, is no name on its own; 庄河 now is)
    assert _city("冷库疫情之后：长海的海岛村屯\n村口设岗。", "冷库疫情之后：长海的海岛村屯") != "大连"


def test_an_outbreak_named_with_other_places_before_dengdi_is_background():
    text = "近期，三亚、西藏等地疫情形势复杂，外地输入风险加大。北林区各社区对返乡人员逐户登记。"
    assert _city(text, genre="news") == "绥化"


@pytest.mark.parametrize(("source", "district", "city"), [("洪城新闻网", "西湖区", "南昌"), ("林城都市报", "白云区", "贵阳"),
                                                          ("甜城晚报", "市中区", "内江"), ("鹰城网", "新华区", "平顶山")])
def test_an_outlet_named_by_its_citys_nickname_decides_a_shared_district(source, district, city):
    # 西湖区 of 杭州 and 南昌, 白云区 of 广州 and 贵阳, 市中区 of four cities, 新华区 of three
    text = f"{district}各社区连日来组织全员核酸检测，{district}各小区实行扫码测温。"
    assert _city(text, source=source) == city


def test_a_disaster_elsewhere_is_background():
    text = ("9月1日起，全市实行静默管理。高新区桂溪街道各小区由物业把团购物资送到单元门口。9月5日，甘孜州泸定县发生6.8级地震，"
            "成都震感强烈。")
    assert _city(text, source="成都商报") == "成都"


@pytest.mark.parametrize(("place", "city"), [("拱北街道", "珠海"), ("拱北口岸", "珠海"), ("随申办", "上海")])
def test_border_crossings_and_a_citys_own_app_count_for_it(place, city):
    assert default_gazetteer().city_of(place) == city


def test_a_community_named_like_a_city_is_no_mention_of_it():
    text = "致玉林社区全体居民的一封信\n自9月1日起，我们社区实行静默管理，请大家非必要不下楼。\n玉林社区居民委员会"
    assert _city(text, text.split("\n")[0], genre="notice") != "玉林"
