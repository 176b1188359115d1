"""Towns, townships and sub-districts (data/towns.csv): which name tells one city, and where a text names one."""

from __future__ import annotations

import re

import pytest

from helpers.corpus.cleaning import clean_text
from helpers.corpus.divisions import read_divisions
from helpers.corpus.gazetteer import default_gazetteer
from helpers.corpus.metadata import extract_metadata, locate
from helpers.corpus.outlets import posted_from
from helpers.corpus.towns import read_towns, town_units
from helpers.errors import HelpersError


def test_the_shipped_file_lists_the_towns_of_every_province_with_their_county():
    towns = read_towns()
    assert len(towns) > 40_000
    assert ("枫亭镇", "350322") in towns  # 莆田市仙游县
    assert len({county[:2] for _, county in towns}) >= 31


def test_a_name_tells_a_city_only_when_towns_of_one_city_carry_it_and_it_is_a_name():
    units = town_units(read_divisions()[1])
    assert units["枫亭镇"] == "莆田"
    assert units["南川东路街道"] == "西宁"
    assert "城关镇" not in units  # a name of many
    assert all(len(re.sub("(?:街道|镇|乡)$", "", name)) >= 2 for name in units)  # 东街道 is no name


def test_town_units_takes_a_zones_town_for_its_city():
    # a development zone (130171) is under no county of the divisions: the town is its city's
    units = town_units(read_divisions()[1], (("某某镇", "130171"), ("另一个镇", "130172"), ("另一个镇", "350322")))
    # (and the township it may have been, and the old town its sights are advertised as)
    assert units == {"某某镇": "石家庄", "某某乡": "石家庄", "某某古镇": "石家庄"}


def test_a_town_is_found_only_where_a_name_may_start():
    gazetteer = default_gazetteer()
    assert [name for *_, name in gazetteer.towns_in("仙游县枫亭镇东沙村")] == ["枫亭镇"]
    assert [name for *_, name in gazetteer.towns_in("在枫亭镇，")] == ["枫亭镇"]
    # 大街街道 is a sub-district's name; inside 西大街街道 it is no mention of it
    assert gazetteer.towns_in("双桥区西大街街道果园社区") == []


@pytest.mark.parametrize(
    ("text", "city"),
    [
        pytest.param("致全体村民的倡议书\n村“两委”向大家倡议：在外乡亲暂缓返乡，村里每天组织核酸采样。\n枫亭镇东沙村村民委员会",
                     "莆田", id="a-letter-signed-by-a-village-of-a-town"),
        pytest.param("城中区已连续多日出现社会面阳性感染者。辖区开展全员核酸检测。\n南川东路街道疫情防控工作领导小组",
                     "西宁", id="a-sub-district-settles-a-shared-district"),
        pytest.param("城关镇各村在路口设卡，党员轮流值守。", "全国", id="a-town-of-a-name-many-share"),
    ],
)
def test_a_town_whose_name_tells_one_city_places_the_story(text, city):
    assert str(locate(None, text).value) == city


def test_a_damaged_towns_file_is_named_with_the_fix(tmp_path):
    bad = tmp_path / "towns.csv"
    bad.write_text("名字,代码\n枫亭镇,350322\n", encoding="utf-8")
    with pytest.raises(HelpersError, match="towns.csv: expected a header line 'name,county'; fix: regenerate"):
        read_towns(str(bad))


def test_a_town_is_also_known_by_the_kind_it_had_before_but_never_by_a_newer_one():
    towns = (("青石坪街道", "430524"), ("白沙镇", "430524"), ("黄土岭乡", "430524"))  # towns of 隆回县 (邵阳)
    units = town_units(read_divisions()[1], towns)
    # a sub-district was a town or a township; a town was a township
    assert units["青石坪镇"] == units["青石坪乡"] == units["白沙乡"] == "邵阳"
    # a township has no older kind, and no town is written by a kind it never had
    assert "白沙街道" not in units and "黄土岭镇" not in units and "黄土岭街道" not in units


def test_a_former_name_gives_way_to_a_town_that_carries_it_now():
    towns = (("青石坪街道", "430524"), ("青石坪镇", "350322"))  # the older form is a real town of 仙游县
    assert town_units(read_divisions()[1], towns)["青石坪镇"] == "莆田"


def test_a_town_after_a_word_of_arriving_is_found():
    gazetteer = default_gazetteer()
    assert [name for *_, name in gazetteer.towns_in("开了一个多小时，才到达枫亭镇东沙村")] == ["枫亭镇"]


def _city_of_page(page: str) -> str:
    return str(extract_metadata(clean_text(page))["city"].value)


@pytest.mark.parametrize(
    ("province", "city"),
    [pytest.param("浙江", "温州", id="posted-from-zhejiang"), pytest.param("湖南", "益阳", id="posted-from-hunan")],
)
def test_a_post_says_which_province_a_town_of_several_cities_is_in(province, city):
    # 仙溪镇 is a town of 温州 (浙江) and of 益阳 (湖南): the post's header says which
    page = (f"仙溪镇：各村卡口今起恢复值守\n原创　乡音传递　2022-04-12 20:15　发表于{province}\n\n"
            "各位乡亲：即日起，仙溪镇各村主要路口恢复卡口值守，进出人员一律测温、扫码登记。\n"
            "请在外务工的乡亲暂缓返乡，确需返乡的提前向村委会报备。\n")
    assert _city_of_page(page) == city


def test_without_a_province_a_town_of_several_cities_places_nothing():
    page = ("仙溪镇：各村卡口今起恢复值守\n\n"
            "各位乡亲：即日起，仙溪镇各村主要路口恢复卡口值守，进出人员一律测温、扫码登记。\n")
    assert _city_of_page(page) == "全国"


def test_a_province_the_text_names_says_it_too_unless_two_of_its_cities_have_the_town():
    gazetteer = default_gazetteer()
    assert gazetteer.towns_in_regions("在甘肃，太平店镇的志愿者挨家挨户登记。", frozenset({"甘肃"})) == [(4, 8, "白银")]
    # 成佳镇 is a town of 成都's and of 自贡's, both in 四川: the province does not say which
    assert gazetteer.towns_in_regions("在四川，成佳镇各村设卡。", frozenset({"四川"})) == []
    assert str(locate(None, "在甘肃，太平店镇的志愿者挨家挨户登记，村里每天消杀两次。").value) == "白银"


def test_where_a_post_was_published_is_read_from_its_header_lines():
    assert posted_from(["原创　某某发布　2022-11-24 18:30　发表于贵州", "IP属地：广东", "编辑：王某"]) == ["贵州", "广东"]


@pytest.mark.parametrize(
    ("text", "city"),
    [pytest.param("今年春节，张义古镇暂停接待游客，镇上各村口设起卡点，进出人员一律测温登记。", "武威", id="an-old-town"),
     pytest.param("记者走进团坝镇，各村的喇叭一天喊好几遍，提醒大家少串门、戴口罩。", "达州", id="after-a-verb-of-going"),
     pytest.param("今年团坝镇没有办庙会，村干部挨家挨户登记返乡人员。", "达州", id="after-this-year"),
     pytest.param("各地城乡社区严格落实防控措施，城乡结合部加强巡查。", "全国", id="urban-and-rural-is-no-township")],
)
def test_where_a_town_may_start_and_what_is_no_town(text, city):
    assert str(locate(None, text).value) == city


def test_a_community_or_town_given_as_the_author_is_the_issuer():
    page = ("致在外乡亲的一封信\n作者：团坝镇向阳社区　　2021-01-20 20:15\n\n"
            "亲爱的乡亲们：今年春节请尽量就地过年，确需返乡的请提前三天向社区报备。\n")
    assert _city_of_page(page) == "达州"
