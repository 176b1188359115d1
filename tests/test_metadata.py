"""Metadata: title, source, date, city with provenance; gazetteer; the manual metadata file."""

from __future__ import annotations

import pytest

from helpers import paths
from helpers.corpus.cleaning import clean_text
from helpers.corpus.dispatch import dispatch_date, find_dispatch, read_dispatch
from helpers.corpus.gazetteer import city_name, load_gazetteer
from helpers.corpus.manual import load_manual_metadata, merge_metadata
from helpers.corpus.metadata import FROM_DISPATCH, FROM_SOURCE, Value, city_of, extract_metadata, locate, parse_date
from helpers.corpus.reading import read_text
from helpers.errors import HelpersError

SEEDS = {path.name[:3]: path for path in sorted(paths.seeds_dir().glob("*.txt"))}


def _meta(seed):
    return {k: v.value for k, v in extract_metadata(clean_text(read_text(SEEDS[seed]).text)).items()}


# ---------------------------------------------------------------- real seeds


@pytest.mark.parametrize(
    ("seed", "city", "published", "source"),
    [
        ("000", "武汉", "2020-04-10", "央视新闻客户端"),
        ("001", "白城", "2022-03-21", "城市晚报"),
        ("002", "全国", None, "共产党员网"),
        ("003", "北京", "2022-05-20", "人民网-北京频道"),
        ("004", "孝感", None, None),
    ],
)
def test_seed_city_date_and_source_are_read_from_the_text(seed, city, published, source):
    meta = _meta(seed)
    assert meta["city"] == city
    assert meta["published"] == published
    assert meta["source"] == source


def test_seed_titles():
    assert _meta("000")["title"] == "战『疫』每日观察?常态化疫情防控,社区防线决不可松懈"
    assert _meta("001")["title"] == "战疫,我们在一线!"
    assert _meta("003")["title"] == "守好“防疫之门” 北京社区有“实招儿”"
    assert _meta("002")["title"] is None  # no headline line: the body starts at once
    assert _meta("004")["title"] is None  # starts with a quotation


def test_extracted_values_carry_provenance():
    values = extract_metadata(clean_text(read_text(SEEDS["004"]).text))
    assert values["city"].provenance == "extracted"
    assert values["published"].value is None and values["published"].provenance is None


# ---------------------------------------------------------------- dates


def test_dates_in_header_and_paging_lines_are_found_before_stripping():
    cleaned = clean_text("3上一篇  下一篇4 2022年3月21日 放大 缩小 默认\n战疫,我们在一线!\n社区工作者坚守一线。")
    assert "2022年3月21日" not in cleaned.text
    assert extract_metadata(cleaned)["published"].value == "2022-03-21"


def test_dates_inside_the_body_are_not_publication_dates():
    cleaned = clean_text("社区防控纪实\n2020年1月23日武汉封城,截至2月19日社区已连续奋战。")
    assert extract_metadata(cleaned)["published"].value is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2020-04-10 21:43:28", "2020-04-10"),
        ("发布时间:2022/5/20", "2022-05-20"),
        ("2022年3月21日 星期一", "2022-03-21"),
        ("2022 年 3 月 1 日", "2022-03-01"),
        ("2022-02-30", None),  # not a day
        ("电话:022-23602087", None),
    ],
)
def test_parse_date(text, iso):
    assert parse_date(text) == iso


# ---------------------------------------------------------------- city


def test_city_by_districts_and_streets():
    assert city_of(None, "洮北区瑞光街道的社区工作者挨家挨户排查,长庆街道也行动起来。") == "白城"
    assert city_of(None, "丰台区五里店街道、宛平街道开展核酸检测。") == "北京"
    assert city_of(None, "孝南区的社区工作队连夜摸排,孝感普降大雪。") == "孝感"


def test_boilerplate_does_not_decide_the_city():
    page = (
        "城乡社区工作者的各项待遇要保障到位。\n社区防控各项措施要进一步落实到位。\n"
        "共产党员网 版权所有 京ICP备12024993号-1\n"
        "凡市场星报、安徽财经网、掌中安徽记者署名文字,版权均属于市场星报所有。未经授权不得转载。"
    )
    cleaned = clean_text(page)
    assert "京ICP" not in cleaned.text and "安徽" not in cleaned.text
    assert extract_metadata(cleaned)["city"].value == "全国"


def test_one_passing_mention_does_not_make_a_city():
    assert city_of(None, "全国400多万名社区工作者坚守一线,武汉的经验值得借鉴。") == "全国"


def test_title_mentions_weigh_more():
    body = "北京的社区工作者来信。孝感市直工作队在主城区连续奋战,北京也在关注。"
    assert city_of(None, body) == "北京"
    assert city_of("孝感:八十支工作队下沉社区", body) == "孝感"


def test_longest_place_name_wins():
    gazetteer = load_gazetteer()
    assert gazetteer.mentions("石景山区八角街道") == {"北京": 1}


# ---------------------------------------------------------------- gazetteer file


def test_city_name_labels():
    assert city_name("武汉", "zh") == "武汉"
    assert city_name("武汉", "en") == "Wuhan"
    assert city_name("全国", "en") == "National"
    assert city_name("全国", "zh") == "全国"
    assert city_name("不存在市", "en") == "不存在市"  # unknown: Chinese name, never raises
    assert city_name("不存在市", "zh") == "不存在市"


def test_every_seed_city_has_an_english_name_and_its_places():
    gazetteer = load_gazetteer()
    for place, city in [("洮北区", "白城"), ("新华街道", "白城"), ("孝南区", "孝感"),
                        ("丰台区", "北京"), ("长辛店街道", "北京"), ("西城区", "北京"), ("朝阳区", "北京"),
                        ("石景山", "北京"), ("江汉区", "武汉"), ("武昌区", "武汉")]:
        assert gazetteer.city_of(place) == city, place
    # every city has a 高新区 (high-tech zone): the name alone is no one city's
    assert gazetteer.city_of("高新区") is None
    assert all(entry.name_en for entry in gazetteer.cities.values())
    assert len(gazetteer.cities) >= 30


def test_gazetteer_errors_name_the_line(tmp_path):
    twice = tmp_path / "gazetteer.yaml"
    twice.write_text(
        "national: {name: 全国, name_en: National}\ncities:\n  北京:\n    name_en: Beijing\n    province: 北京\n"
        "    places: [朝阳区]\n  长春:\n    name_en: Changchun\n    province: 吉林\n    places: [朝阳区]\n",
        encoding="utf-8",
    )
    with pytest.raises(HelpersError, match=r"gazetteer\.yaml, line 7: 朝阳区 is listed under both 北京 and 长春"):
        load_gazetteer(twice)
    no_english = tmp_path / "g2.yaml"
    no_english.write_text("national: {name: 全国, name_en: National}\ncities:\n  雄安:\n    province: 河北\n", encoding="utf-8")
    with pytest.raises(HelpersError, match=r"g2\.yaml, line 3: city 雄安 lacks name_en"):
        load_gazetteer(no_english)
    no_city = tmp_path / "g3.yaml"
    no_city.write_text("national: {name: 全国, name_en: National}\noutlets:\n  津云: 津门\n", encoding="utf-8")
    with pytest.raises(HelpersError, match=r"g3\.yaml, line 3: outlet 津云 names 津门, which is not a city"):
        load_gazetteer(no_city)


# ---------------------------------------------------------------- manual metadata file


def test_shipped_manual_file_loads_and_every_entry_has_a_note():
    manual = load_manual_metadata()
    assert manual["004_6278d8098866ad15"]["published"].value == "2020-02-19"
    assert manual["004_6278d8098866ad15"]["published"].provenance == "manual"
    for entry in manual.values():
        for value in entry.values():
            assert value.note
    assert set(manual) <= {path.stem for path in SEEDS.values()}


def test_manual_values_win_and_null_keeps_the_extracted_value(tmp_path):
    file = tmp_path / "metadata.yaml"
    file.write_text(
        "a1:\n  published:\n    value: 2020-02-19\n    note: last event reported\n"
        "  source:\n    value: null\n    note: not printed\n",
        encoding="utf-8",
    )
    manual = load_manual_metadata(file)["a1"]
    extracted = extract_metadata(clean_text("标题\n来源:某某日报 2021-01-01\n正文一句。"))
    merged = merge_metadata(extracted, manual)
    assert (merged["published"].value, merged["published"].provenance) == ("2020-02-19", "manual")
    assert (merged["source"].value, merged["source"].provenance) == ("某某日报", "extracted")


def test_a_manual_publication_date_may_say_it_is_a_bound_or_an_approximation(tmp_path):
    file = tmp_path / "metadata.yaml"
    file.write_text(
        "a1:\n  published:\n    value: 2020-02-19\n    qualifier: on_or_after\n    note: last event reported\n"
        "a2:\n  published:\n    value: 2021-05-01\n    qualifier: approximate\n    note: month known\n"
        "a3:\n  published:\n    value: 2021-05-01\n    note: printed\n",
        encoding="utf-8",
    )
    manual = load_manual_metadata(file)
    assert [manual[a]["published"].qualifier for a in ("a1", "a2", "a3")] == ["on_or_after", "approximate", None]


def test_the_shipped_xiaogan_date_is_the_earliest_possible_one():
    from helpers.corpus import read_corpus

    articles = read_corpus(paths.seeds_dir()).articles.set_index("id")
    assert articles.loc["004_6278d8098866ad15", "published_qualifier"] == "on_or_after"
    # Dates the text prints are the day itself.
    assert articles.drop(index="004_6278d8098866ad15")["published_qualifier"].isna().all()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a1:\n  published:\n    value: 2020-02-19\n    qualifier: soon\n    note: x\n",
         r"^metadata\.yaml, line 4: published qualifier must be one of 'on_or_after', 'on_or_before' or "
         r"'approximate', not 'soon'; fix: use one of"),
        ("a1:\n  published:\n    value: null\n    qualifier: approximate\n    note: x\n",
         r"^metadata\.yaml, line 4: qualifier approximate qualifies no date \(value is null\); "
         r"fix: give the date as value, or remove the qualifier$"),
        ("a1:\n  title:\n    value: t\n    qualifier: approximate\n    note: x\n",
         r"^metadata\.yaml, line 4: unknown key 'qualifier'; fix: remove it; allowed keys: value, note$"),
        ("a1:\n  published:\n    value: 2020-02-19\n",
         r"^metadata\.yaml, line 2: published lacks note; fix: add 'note:' \(defaults\.yaml in src/helpers/data "
         r"describes it\)$"),
        ("a1:\n  published:\n    value: 19/02/2020\n    note: x\n",
         r"^metadata\.yaml, line 3: published must be a date YYYY-MM-DD or null, not '19/02/2020'; "
         r"fix: write the date as YYYY-MM-DD, e\.g\. 2020-02-19, or null if it is not known$"),
        ("a1:\n  author:\n    value: 张灿\n    note: x\n",
         r"^metadata\.yaml, line 2: unknown key 'author'; fix: remove it; "
         r"allowed keys: title, title_en, source, published, city, genre, url, accessed$"),
        ("a1:\n  city:\n    value: 火星\n    note: x\n",
         r"^metadata\.yaml, line 3: city '火星' is not in gazetteer\.yaml; fix: add it there or use 全国$"),
        ("a1:\n  title: 战疫\n",
         r"^metadata\.yaml, line 2: title must be a mapping with the keys value, note, not '战疫'; "
         r"fix: write 'key: value' lines indented under it$"),
        ("a1:\n  title:\n    value: [x\n", r"metadata\.yaml, line \d+: not valid YAML"),
    ],
)
def test_malformed_manual_file_names_the_line(tmp_path, content, message):
    file = tmp_path / "metadata.yaml"
    file.write_text(content, encoding="utf-8")
    with pytest.raises(HelpersError, match=message):
        load_manual_metadata(file)


def test_missing_manual_file_means_no_manual_metadata(tmp_path):
    assert load_manual_metadata(tmp_path / "metadata.yaml") == {}


def test_an_article_from_another_site_needs_no_code_changes():
    """An e-paper article with a dated header line, a reporter line and print/close controls."""
    page = (
        "人民日报 2022年04月01日 第 05 版\n上海静安:社区团购保供应\n本报记者 李四\n"
        "本报上海3月31日电 静安区各街道组织志愿者为居民配送生活物资,社区工作者逐户登记需求。\n"
        "静安寺街道开设线上团购群,保障封控区居民的“菜篮子”。\n【打印】 【关闭】"
    )
    cleaned = clean_text(page)
    meta = {k: v.value for k, v in extract_metadata(cleaned).items()}
    assert meta == {"title": "上海静安:社区团购保供应", "source": "人民日报", "published": "2022-04-01", "city": "上海",
                    "genre": "news"}
    assert [entry["rule"] for entry in cleaned.removed] == ["dateline", "reporter_byline", "window_control"]
    assert cleaned.text.split("\n")[1].startswith("本报上海3月31日电")


# ---------------------------------------------------------------- dispatch lines and outlets


def _located(text: str, source: str | None = None) -> tuple[str, str | None]:
    value = locate(None, text, source=source)
    return value.value, value.provenance


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("社区防控\n中新网石家庄1月11日电（记者 张三）连日来，社区工作人员逐户排查，组织居民有序开展核酸检测。", "石家庄"),
        ("新华社西安4月2日电 雁塔区各街道社区组织居民分批次开展核酸检测，志愿者维持秩序。", "西安"),
        ("本报柘荣讯（记者 林芳）连日来，各乡镇社区干部挨家挨户排查返乡人员，登记健康信息。", "宁德"),
        ("战疫，我们在一线！\n城市晚报白城讯 连日来，我市各社区全力以赴开展疫情防控工作。", "白城"),
        ("新华社乌鲁木齐1月11日电 各社区为居家隔离的居民配送生活物资。", "乌鲁木齐"),
    ],
)
def test_a_city_named_only_in_the_dispatch_line_is_the_city_with_its_provenance(text, city):
    assert _located(text) == (city, FROM_DISPATCH)


def test_the_body_outweighs_a_dispatch_from_elsewhere():
    text = "新华社武汉3月2日电 孝感市各社区严格封控，孝南区的网格员逐户排查，孝感市民积极配合。"
    assert _located(text) == ("孝感", "extracted")
    # the same city in dispatch and body: the body alone decides
    assert _located("中新网石家庄1月11日电 石家庄市藁城区各村全员核酸检测。") == ("石家庄", "extracted")


def _located_titled(title: str, body: str) -> str:
    return locate(title, title + "\n" + body).value


def test_a_national_newsroom_in_beijing_does_not_make_a_piece_beijings():
    text = "新华社北京3月2日电 国务院联防联控机制要求各地社区严格落实常态化防控措施。"
    assert _located(text) == ("全国", "extracted")


def test_an_outlet_named_after_a_city_is_evidence_with_its_provenance():
    body = "各社区连日来严防死守，志愿者坚守岗位，居民积极配合核酸检测。"
    assert _located(body, source="宁德日报") == ("宁德", FROM_SOURCE)
    assert _located(body, source="石家庄新闻网") == ("石家庄", FROM_SOURCE)
    assert _located(body, source="人民日报") == ("全国", "extracted")
    cleaned = clean_text("来源：宁德日报 2021-01-12 09:30\n社区防控\n" + body)
    assert extract_metadata(cleaned)["city"] == Value("宁德", FROM_SOURCE)


@pytest.mark.parametrize(
    ("page", "source", "city"),
    [
        pytest.param("《柳州日报》2021年8月3日　第03版\n鱼峰区：社区网格员逐户登记返乡人员\n各社区连日来逐户登记。",
                     "柳州日报", "柳州", id="outlet-in-book-title-marks-before-the-date"),
        pytest.param("村口的测温点\n各村在村口设立测温点，党员轮流值守。\n（酒泉日报 记者 马某某）",
                     "酒泉日报", "酒泉", id="outlet-in-the-reporters-credit"),
        pytest.param("静默管理，服务不能“静”\n钦州日报评论员　2022-08-02\n\n8月起，钦州市城区实行临时静默管理，"
                     "社区干部挨家挨户把米面送到门口。", "钦州日报", "钦州", id="an-outlets-commentator-before-the-date"),
        pytest.param("致全镇居民的一封信\n祁连县八宝镇人民政府　2022-09-20\n\n全镇居民朋友们：请大家非必要不外出，"
                     "主动配合社区开展核酸检测。", "祁连县八宝镇人民政府", "海北", id="a-notices-issuer-before-the-date"),
        # an account named like a column (…观察, …晚讯), by its city's other name, heading the page with the date
        pytest.param("小区封闭管理第三天\n泉城观察　2022年3月18日　作者 王某\n\n3月15日起，全市部分小区实行封闭管理，"
                     "社区干部挨家挨户把蔬菜送到门口。", "泉城观察", "济南", id="an-account-named-like-a-column"),
        pytest.param("社区团购也要守规矩\n鹭岛晚讯　2021-09-20　评论员 陈某\n\n近日，不少小区居民通过团购群买菜，"
                     "社区要把好价格关。", "鹭岛晚讯", "厦门", id="a-bulletin-named-晚讯"),
        # the site a header line names, with its 发布时间, when no 来源 says otherwise
        pytest.param("楼长群里的“菜单”\n星城在线　发布时间：2022-04-26 10:15　作者：李某\n\n社区在每栋楼设立楼长，"
                     "楼长建群统计各户需求。", "星城在线", "长沙", id="the-site-in-a-header-line"),
    ],
)
def test_an_outlet_in_a_header_or_a_credit_line_is_the_source(page, source, city):
    meta = extract_metadata(clean_text(page))
    assert meta["source"].value == source
    assert meta["city"].value == city


def test_an_outlet_from_another_city_does_not_move_a_story_placed_in_a_county():
    body = "从本市出发，驱车两个小时，就到了邵阳市新邵县的一个山村。村口设了卡点，村干部轮流值守，本报记者也是我们常德人。"
    assert _located(body, source="常德晚报")[0] == "邵阳"
    # where the text names the outlet's city down to a district too, the outlet still counts
    local = "长沙市雨花区各社区组织志愿者支援武汉，武汉的经验也在这里推广。雨花区各小区实行封闭管理。"
    assert _located(local, source="长沙晚报")[0] == "长沙"
    # and where the text names other cities only in passing, the outlet decides
    passing = "社区志愿者为驰援武汉的医护人员家属送菜上门，加油的横幅挂满小区。"
    assert _located(passing, source="常德日报")[0] == "常德"


def test_places_people_came_from_count_for_nothing_in_the_title_or_in_a_list():
    title = "新平：拉网式排查瑞丽返乡人员"
    body = ("新平县各乡镇、村（社区）立即对从瑞丽返新人员开展排查。新平县疫情防控指挥部要求逐户登记。"
            "瑞丽市发生疫情后，各村设立了登记点。")
    assert _located_titled(title, body) == "玉溪"
    listed = ("建阳区各社区逐户询问家里有没有人从莆田、厦门回来。截至14日，建阳区共排查出有莆田、厦门旅居史人员21人。"
              "莆田市仙游县发生本土疫情后，建阳区第一时间启动排查。")
    assert _located(listed)[0] == "南平"


@pytest.mark.parametrize(
    ("outlet", "text", "city"),
    [
        pytest.param("普陀新闻网", "在舟山跨海大桥入岛处，返岛人员须扫码登记。社区网格员逐户排查。", "舟山", id="shared-stem-decided-by-the-text"),
        pytest.param("普陀新闻网", "长风新村街道各小区实行封闭管理。上海市民足不出户。", "上海", id="the-other-city-of-the-stem"),
        pytest.param("柯城发布", "各社区组织志愿者值守小区出入口。", "衢州", id="a-district-media-account"),
    ],
)
def test_a_county_or_district_media_outlet_is_its_city(outlet, text, city):
    assert _located(text, source=outlet)[0] == city


def test_a_way_from_a_place_is_no_origin_and_a_roundup_of_cities_is_national():
    route = ("从镇康县南伞镇往西走，十几公里就到了边境线。村里的党员轮流在卡点值守。"
             "“外面的人一律不让进。”村支书说。")
    assert _located(route)[0] == "临沧"
    assert _located("从镇康县回来的人员一律居家隔离。“都登记了。”村支书说。")[0] == "全国"
    roundup = ("新华社北京12月20日电 在河北衡水，社区工作者忙着送药；衡水的志愿者也在帮忙。四川遂宁的社区开通热线，"
               "遂宁各小区设立药箱。广东韶关的社区为老人上门，韶关的网格员每天打电话。")
    assert _located(roundup)[0] == "全国"
    # two cities tied: the one named first, as before
    assert _located("衡水的社区工作者忙着送药，衡水的志愿者也在帮忙。遂宁各小区设立药箱，遂宁的网格员打电话。")[0] == "衡水"


def test_an_outlet_after_the_header_date_is_the_source():
    page = "评论｜精准防控\n2022-11-16 07:30　东营日报　作者：孟涛\n我市河口区部分社区的做法值得借鉴，各社区要精准防控。\n"
    meta = extract_metadata(clean_text(page))
    assert meta["source"].value == "东营日报"
    assert meta["city"].value == "东营"


def test_where_people_came_to_and_go_to_is_no_place_of_the_story():
    # 来京返京 officialese: the place before it is where they came from
    came = "丽江市各社区对瑞丽来丽返丽人员开展摸排，瑞丽来丽返丽人员须报备。丽江市古城区各社区逐户登记。"
    assert _located(came)[0] == "丽江"
    # a destination residents are told to avoid, or commute to
    going = "丽江市古城区各社区逐户登记。丽江市要求居民非必要不前往瑞丽，往返瑞丽的人员须报备，前往瑞丽须审批。"
    assert _located(going)[0] == "丽江"


def test_a_single_word_for_the_capital_is_not_enough():
    assert _located("首都各社区连日来严防死守。首都的志愿者坚守岗位，首都市民积极配合。") == ("全国", "extracted")


def test_reading_dispatch_lines():
    dispatch = read_dispatch("中新网石家庄1月11日电（记者 张三）连日来")
    assert (dispatch.outlet, dispatch.place, dispatch.month, dispatch.day) == ("中新网", "石家庄", 1, 11)
    assert read_dispatch("新华社北京2022年3月2日电").year == 2022
    assert read_dispatch("本报讯 连日来").place is None
    assert read_dispatch("本报柘荣讯").place == "柘荣"
    for not_a_dispatch in ("社区来电话说", "连日来，社区开展排查。", "城市社区3月2日电话回访居民"):
        assert read_dispatch(not_a_dispatch) is None, not_a_dispatch
    gazetteer = load_gazetteer()
    assert find_dispatch("社区防控\n某社区传来喜讯，居民纷纷点赞。", gazetteer) is None  # 区传来喜 is no place


# ---------------------------------------------------------------- the dispatch date


def test_the_dispatch_date_is_the_publication_date_only_when_it_prints_its_year():
    dated = clean_text("社区防控\n新华社北京2022年3月2日电 各地社区严格落实防控措施。")
    assert extract_metadata(dated)["published"] == Value("2022-03-02", FROM_DISPATCH)
    # month and day only: the year would be inferred from the body, so no publication date is shown
    cleaned = clean_text("社区防控\n中新网石家庄1月11日电 2021年1月10日晚，藁城区增光村全员核酸检测完成。")
    assert extract_metadata(cleaned)["published"] == Value(None, None)
    assert dispatch_date(read_dispatch(cleaned.text.split("\n")[1]), cleaned.text) == "2021-01-11"  # for the timeline


def test_a_printed_publication_date_wins_over_the_dispatch_date():
    cleaned = clean_text("来源：中国新闻网 2021-01-12 10:05\n社区防控\n中新网石家庄1月11日电 藁城区各村全员核酸检测。")
    assert extract_metadata(cleaned)["published"] == Value("2021-01-12", "extracted")


def test_a_dispatch_date_without_a_supported_year_is_left_out():
    # no year anywhere: never guessed
    no_year = clean_text("社区防控\n中新网石家庄1月11日电 藁城区增光村全员核酸检测完成。")
    assert extract_metadata(no_year)["published"].value is None
    # a full date long before the dispatch day says nothing of the dispatch's year
    old = clean_text("社区防控\n新华社武汉4月8日电 2020年1月23日武汉封城，社区工作者坚守至今。")
    assert extract_metadata(old)["published"].value is None
    # full dates of two years just before the dispatch day disagree
    text = "社区防控\n中新网石家庄1月11日电 2021年1月5日与2022年1月6日两次全员核酸检测。"
    assert dispatch_date(read_dispatch(text.split("\n")[1]), text) is None


def test_a_space_between_the_outlet_and_its_dated_dispatch_is_still_a_dispatch_line():
    dispatch = read_dispatch("江淮晨报 2021年3月2日讯（记者 王某）连日来，社区开展排查。")
    assert (dispatch.outlet, dispatch.year, dispatch.month, dispatch.day) == ("江淮晨报", 2021, 3, 2)
    dated = clean_text("社区防控\n江淮晨报 2021年3月2日讯（记者 王某）连日来，各社区开展排查。")
    assert extract_metadata(dated)["published"] == Value("2021-03-02", FROM_DISPATCH)


@pytest.mark.parametrize(
    ("page", "source"),
    [("原创　山乡文旅　2021-05-03 19:20\n村里的日子\n今年五一，村口恢复值守。", "山乡文旅"),
     ("陇原晨刊　2020年2月9日\n社区来了志愿者\n小区门口测温登记。", "陇原晨刊"),
     ("河西时评　2021年1月20日\n返乡不是洪水猛兽\n请各村不要设卡劝返。", "河西时评")],
)
def test_a_wechat_account_a_morning_paper_and_a_commentary_column_are_sources(page, source):
    from helpers.corpus.outlets import source_outlet

    assert source_outlet(clean_text(page)) == source


@pytest.mark.parametrize(
    ("body", "city"),
    [("近日，县里要求各乡镇在月底前拆除路障，县城各小区仍坚持出入登记。", "宁波"),  # 象山县
     ("近日，区里要求各街道在月底前拆除路障，全区各小区仍坚持出入登记。", "桂林")],  # 象山区
)
def test_a_county_account_named_by_a_stem_a_county_and_a_district_share_is_the_kind_the_text_refers_to(body, city):
    page = clean_text(f"来源：象山发布　2020年4月7日\n路该通了\n{body}\n")
    assert extract_metadata(page)["city"].value == city
