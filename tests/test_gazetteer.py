"""The gazetteer: every city of China from the divisions dataset, the names a text may use, the file's overrides."""

from __future__ import annotations

import pytest

from helpers.corpus.divisions import read_divisions, short_name
from helpers.corpus.gazetteer import load_gazetteer
from helpers.corpus.matcher import NameMatcher
from helpers.corpus.metadata import city_of
from helpers.errors import HelpersError


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def _cities(gazetteer, text: str) -> dict[str, int]:
    return dict(gazetteer.mentions(text))


# --------------------------------------------------------------------------- coverage


def test_every_prefecture_level_unit_and_county_is_there(gazetteer):
    _, divisions = read_divisions()
    kinds = [d.kind for d in divisions if d.is_unit]
    prefecture_level = sum(kind in ("地级市", "自治州", "地区", "盟") for kind in kinds)
    assert prefecture_level >= 333 and kinds.count("直辖市") == 4
    counties = [d for d in divisions if not d.is_unit]
    assert len(counties) >= 2800
    assert len(gazetteer.cities) >= 370 and len(gazetteer.matcher) >= 3500
    units_of: dict[str, set[str]] = {}
    for division in divisions:
        units_of.setdefault(division.name, set()).add(division.unit)
    for division in counties:
        found = gazetteer.city_of(division.name)
        # else a name of several units (the file may choose one: 江北区 of 宁波 was also 重庆's until 2025),
        # or an ordinary word the file ignores (城区, 老城区)
        shared = len(units_of[division.name]) > 1 or division.name in gazetteer.matcher.preferred
        assert found == division.unit or shared or found is None, division.name


@pytest.mark.parametrize(
    ("place", "city"),
    [("陇川县", "德宏"), ("柘荣县", "宁德"), ("番禺区", "广州"), ("浦东新区", "上海"), ("莎车县", "喀什"),
     ("额济纳旗", "阿拉善"), ("满洲里市", "呼伦贝尔"), ("管城回族区", "郑州"), ("峨边彝族自治县", "乐山"),
     ("峨边县", "乐山"), ("藁城区", "石家庄"), ("义乌市", "金华"), ("万州区", "重庆"), ("神农架林区", "神农架"),
     ("陵水黎族自治县", "陵水"), ("石景山", "北京"), ("巴里坤", "哈密"), ("香格里拉", "迪庆")],
)
def test_counties_and_districts_belong_to_their_prefecture(gazetteer, place, city):
    assert gazetteer.city_of(place) == city
    assert _cities(gazetteer, f"记者从{place}获悉") == {city: 1}


def test_autonomous_prefectures_leagues_and_prefectures_by_full_and_usual_names(gazetteer):
    for text, city in [("德宏傣族景颇族自治州", "德宏"), ("德宏州", "德宏"), ("恩施州", "恩施"),
                       ("延边朝鲜族自治州", "延边"), ("兴安盟", "兴安"), ("锡林郭勒盟", "锡林郭勒"),
                       ("阿拉善盟", "阿拉善"), ("喀什地区", "喀什"), ("大兴安岭地区", "大兴安岭"),
                       ("黔东南州", "黔东南"), ("西双版纳", "西双版纳")]:
        assert _cities(gazetteer, f"{text}各地严格落实防控措施") == {city: 1}, text


def test_short_names_of_units_are_the_name_without_suffix_and_people():
    assert short_name("德宏傣族景颇族自治州", "自治州") == "德宏"
    assert short_name("石家庄市", "地级市") == "石家庄"
    assert short_name("伊犁哈萨克自治州", "自治州") == "伊犁"
    assert short_name("东乡族自治县", "自治县") == "东乡"
    assert short_name("浦东新区", "市辖区") == "浦东" and short_name("清新区", "市辖区") == "清新"
    assert short_name("神农架林区", "林区") == "神农架" and short_name("碑林区", "市辖区") == "碑林"
    assert short_name("内蒙古自治区", "自治区") == "内蒙古" and short_name("新疆维吾尔自治区", "自治区") == "新疆"


# --------------------------------------------------------------------------- sentences from local news


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("陇川县章凤镇的社区干部挨家挨户排查返乡人员。陇川县各村寨设立防疫卡点，严格查验健康码。", "德宏"),
        ("柘荣县城关社区组织志愿者为居家隔离群众配送生活物资，柘荣县各乡镇同步开展环境消杀。", "宁德"),
        ("番禺区大石街道连夜开展全员核酸检测，番禺区各社区实行封闭管理。", "广州"),
        ("浦东新区花木街道的居委会干部逐户敲门，浦东各小区每天配送蔬菜包。", "上海"),
        ("额济纳旗达来呼布镇实行静态管理，阿拉善盟抽调医护人员支援核酸采样。", "阿拉善"),
        ("恩施州各县市加强社区卡口管理，利川市、建始县的网格员逐户登记。", "恩施"),
        ("藁城区增光村的村民分批接受核酸检测，石家庄市各社区实行封闭管理。", "石家庄"),
        ("瑞丽市姐告社区实行居家隔离，德宏州抽调干部下沉社区。", "德宏"),
        ("喀什地区疏附县的社区工作者走访居民，喀什市各小区严格出入管理。", "喀什"),
        ("新华社乌鲁木齐电 乌鲁木齐市天山区的社区工作者为居民送菜上门，水磨沟区各小区有序开展核酸检测。", "乌鲁木齐"),
    ],
)
def test_local_news_from_many_provinces_finds_its_city(text, city):
    assert city_of(None, text) == city


def test_names_in_other_words_or_of_several_places_are_not_matched_alone(gazetteer):
    # 东方市, 朝阳市, 大庆市, 来宾市, 长治市, 丽江市, 临高县, 范县, 兴县: ordinary words or names of several places
    for text in ["东方红社区的居民来自东方各地。", "朝阳群众积极参与社区防控。", "国庆大庆之际社区加强值守。",
                 "社区欢迎各位来宾参观。", "确保社会长治久安。", "美丽江城处处是志愿者的身影。",
                 "小区面临高风险，居民需居家。", "示范县建设和乡村振兴县域经济。", "北京时间3月2日晚。",
                 "社区大门旁挂着一幅哈密瓜的宣传画。", "阳泉的老城区和城区周边。", "居民们恍然大悟。",
                 "晚会上唱了一段黄梅戏。", "玄武岩铺的小路。", "清蒸武昌鱼。", "大洪山脚下的村庄。"]:
        found = _cities(gazetteer, text)
        assert found in ({}, {"阳泉": 1}), (text, found)
    assert _cities(gazetteer, "河南平顶山市新华区") == {"平顶山": 2}  # not 南平 (河南 is read as the province)


def test_a_two_character_county_counts_after_a_boundary(gazetteer):
    assert _cities(gazetteer, "山东省单县的社区干部") == {"菏泽": 1}
    assert _cities(gazetteer, "菏泽市单县") == {"菏泽": 2}
    assert _cities(gazetteer, "推进示范县创建") == {}


def test_a_name_of_several_cities_counts_for_the_one_the_text_names(gazetteer):
    assert _cities(gazetteer, "长春市朝阳区的社区") == {"长春": 2}
    assert _cities(gazetteer, "福州市鼓楼区各街道") == {"福州": 2}
    assert _cities(gazetteer, "朝阳区各街道") == {"北京": 1}  # the file's choice when the text does not tell
    assert _cities(gazetteer, "新华区各街道") == {"石家庄": 1}
    assert gazetteer.city_of("朝阳区") == "北京"


def test_a_single_word_for_the_capital_or_the_own_city_is_no_city():
    assert city_of(None, "首都各社区连日来严防死守。首都的志愿者坚守岗位，首都市民积极配合。") == "全国"
    assert city_of(None, "本市各社区严格落实防控措施，本市居民积极配合。省会各小区实行封闭管理。") == "全国"
    assert city_of(None, "首都北京的社区工作者坚守一线，北京市各小区严格出入管理。") == "北京"


def test_province_names_are_no_city(gazetteer):
    assert _cities(gazetteer, "河北省、吉林省、海南省和广西壮族自治区各地") == {}
    assert gazetteer.city_of("河北") is None and gazetteer.is_province("河北省")


def test_outlets_named_after_a_city(gazetteer):
    assert gazetteer.outlet_city("宁德日报") == "宁德"
    assert gazetteer.outlet_city("石家庄新闻网") == "石家庄"
    assert gazetteer.outlet_city("人民网-北京频道") == "北京"
    assert gazetteer.outlet_city("陇川县融媒体中心") == "德宏"
    for national in ("人民日报", "央视新闻客户端", "东方网", "中国日报", "城市晚报", None):
        assert gazetteer.outlet_city(national) is None


def test_short_names_read_where_a_place_is_expected(gazetteer):
    assert gazetteer.city_of("柘荣") == "宁德"  # 本报柘荣讯
    assert gazetteer.city_of("德宏") == "德宏"
    assert gazetteer.city_of("通州") is None  # 北京 and 南通


def test_county_level_names_carry_the_word_a_text_refers_back_to_them_by(gazetteer):
    for name, word in [("都昌县", "县"), ("勐海县", "县"), ("峨边县", "县"), ("巴里坤", "县"), ("单县", "县"),
                       ("义乌市", "市"), ("义乌", "市"), ("瑞丽", "市"), ("芒市", "市"), ("番禺区", "区"),
                       ("浦东新区", "区"), ("石景山", "区"), ("朝阳区", "区"), ("额济纳旗", "旗"),
                       ("仙桃", "市"), ("陵水县", "县"), ("神农架林区", "区")]:
        assert gazetteer.counties[name] == {word}, name
    # units, their short names, streets, landmarks and development zones are no counties
    for name in ["九江市", "九江", "武汉", "德宏州", "乌鲁木齐", "瑞光街道", "天安门", "高新区", "雄安新区"]:
        assert name not in gazetteer.counties, name


def test_the_bureaus_are_the_provincial_capitals(gazetteer):
    assert {"南昌", "昆明", "乌鲁木齐", "武汉"} <= gazetteer.bureaus
    assert "北京" not in gazetteer.bureaus and "九江" not in gazetteer.bureaus
    assert gazetteer.province_of("九江") == gazetteer.province_of("南昌") == "江西"


# --------------------------------------------------------------------------- English names


def test_every_city_has_an_english_name_and_no_two_share_one(gazetteer):
    names = [city.name_en for city in gazetteer.cities.values()]
    assert all(name and name[0].isupper() for name in names)
    assert len(set(names)) == len(names)


@pytest.mark.parametrize(
    ("city", "english"),
    [("德宏", "Dehong"), ("石家庄", "Shijiazhuang"), ("西安", "Xi'an"), ("六安", "Lu'an"), ("吕梁", "Lüliang"),
     ("乌鲁木齐", "Urumqi"), ("长治", "Changzhi"), ("吉林", "Jilin City"), ("宿州", "Suzhou (Anhui)"),
     ("武汉", "Wuhan"), ("白城", "Baicheng"), ("北京", "Beijing"), ("孝感", "Xiaogan"), ("全国", "National")],
)
def test_english_names_from_pinyin_or_the_file(gazetteer, city, english):
    assert gazetteer.name(city, "en") == english


# --------------------------------------------------------------------------- the gazetteer file


def test_the_file_adds_aliases_places_and_names_to_ignore(tmp_path):
    path = tmp_path / "gazetteer.yaml"
    path.write_text("national: {name: 全国, name_en: National}\naliases: [柘荣]\nignore: [德宏州酒店]\n"
                    "cities:\n  宁德:\n    places: [柘荣一中]\n", encoding="utf-8")
    gazetteer = load_gazetteer(path)
    assert dict(gazetteer.mentions("柘荣的社区，柘荣一中的学生")) == {"宁德": 2}
    assert dict(gazetteer.mentions("德宏州酒店")) == {}
    assert dict(gazetteer.mentions("武汉")) == {}  # no alias in this file: 武汉市 is needed
    assert dict(gazetteer.mentions("武汉市")) == {"武汉": 1}


def test_a_bureau_must_be_a_city(tmp_path):
    path = tmp_path / "gazetteer.yaml"
    path.write_text("national: {name: 全国, name_en: National}\nbureaus: [南昌, 江西]\n", encoding="utf-8")
    with pytest.raises(HelpersError, match=r"gazetteer\.yaml, line 2: bureau 江西 is not a city"):
        load_gazetteer(path)


def test_the_matcher_prefers_the_longest_name_and_drops_names_to_ignore():
    matcher = NameMatcher({"石景山": ("北京",), "石景山区": ("北京",), "北京时间": (), "北京": ("北京",)})
    assert [name for _, _, name in matcher.find("石景山区北京时间北京")] == ["石景山区", "北京"]
