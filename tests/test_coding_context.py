"""Coding that needs more than one clause or sentence, a shared district name, and a reprint's date.

Features and interviews name a group first (社区里有独居老人47位。 / 记者：村里的老人怎么照顾？)
and say what was done for it in the next clause or sentence.  A district name several cities
share (普陀区, 鼓楼区, 南山区) belongs to the city the outlet or the dispatch line names.  A reprint
credits the paper it reprints with that paper's date.  Every text here is written for these tests
in the manner of local coverage from many provinces and years.
"""

from __future__ import annotations

import pandas as pd
import pytest

from helpers.analysis.codebook import load_codebook
from helpers.analysis.coding import code_sentences
from helpers.corpus.cleaning import clean_text
from helpers.corpus.metadata import locate, publication_date
from helpers.corpus.sentences import iter_sentences


def _sentences(text: str, article_id: str = "a1") -> pd.DataFrame:
    rows = [(article_id, "某地", no, start, text[start:end], text[start:end])
            for no, (start, end) in enumerate(iter_sentences(text))]
    return pd.DataFrame(rows, columns=["id", "city", "sentence_no", "start", "sentence", "sentence_original"])


def _coded(text: str) -> pd.DataFrame:
    return code_sentences(_sentences(text), load_codebook())


# ---------------------------------------------------------------- a group named, then acted on


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("疫情期间，社区里有独居老人36位。每天上午，网格员都给他们挨个打电话，问身体、问缺什么。",
                     id="counted-then-pronoun"),
        pytest.param("记者：封控期间，村里的留守儿童怎么照顾？\n村支书：驻村工作队每周上门走访，帮孩子们借手机上网课。",
                     id="question-then-answer"),
        pytest.param("2022年11月，该小区有残疾人12名，社区安排志愿者送菜送药上门。",
                     id="counted-clause-then-action"),
        pytest.param("82岁的周奶奶独自住在村东头，患有高血压。封村期间，网格员每三天帮她去卫生院取一次药。",
                     id="someone-in-need-then-pronoun"),
    ],
)
def test_care_for_a_group_named_before_it_is_acted_on_is_coded(text):
    evidence = _coded(text)
    care = evidence[evidence["measure"] == "vulnerable_groups"]
    assert len(care), f"not coded: {text}"
    assert care["rule"].str.contains("topic\\+action|label\\+action").all()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("该社区有60岁以上老人800余人。全体居民请于今晚8点前下楼做核酸。", id="no-pronoun-next"),
        pytest.param("社区里有独居老人36位。他们中的不少人每天在广场上跳舞。", id="pronoun-but-no-care"),
        pytest.param("该社区有60岁以上老人800余人，工作人员上门为居民发放抗原试剂。", id="next-clause-is-for-residents"),
    ],
)
def test_a_group_only_counted_is_not_care(text):
    evidence = _coded(text)
    assert "vulnerable_groups" not in set(evidence["measure"]), evidence[["term", "rule", "sentence"]].to_string()


def test_a_group_counted_in_one_article_is_not_the_topic_of_the_next_article():
    first = _sentences("社区里有独居老人36位。", "a1")
    second = _sentences("每天上午，网格员都给他们挨个打电话。", "a2").assign(sentence_no=1)
    evidence = code_sentences(pd.concat([first, second], ignore_index=True), load_codebook())
    assert "vulnerable_groups" not in set(evidence["measure"])


def test_the_evidence_row_names_the_action_and_the_group_in_the_rule():
    evidence = _coded("社区里有独居老人36位。每天上午，网格员都给他们挨个打电话。")
    row = evidence[evidence["measure"] == "vulnerable_groups"].iloc[0]
    assert row["term"] == "电话" and row["rule"] == "topic+action:电话"
    assert row["sentence"].startswith("每天上午")


# ---------------------------------------------------------------- a sentence judged by the next one


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("有的小区一出现阳性就把整栋楼封了，有的村口堆土断路，外地车辆一律劝返。"
                     "这些做法看似严格，实则是懒政。", id="lazy-governance"),
        pytest.param("还有的社区要求居民每天做一次核酸。这样的做法既不科学，也伤了群众的心。", id="not-scientific"),
    ],
)
def test_what_the_next_sentence_judges_was_done_wrongly(text):
    evidence = _coded(text)
    first = evidence[evidence["sentence_no"] == 0]
    assert first.empty, first[["measure", "term", "rule"]].to_string()


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        pytest.param("社区为独居老人建立台账，每天电话问候。这些做法值得推广。", "vulnerable_groups", id="praised"),
        pytest.param("社区按楼栋分时段组织核酸采样。这种做法避免了“一刀切”。", "nucleic_acid_testing",
                     id="a-verdict-denied"),
        pytest.param("社区按楼栋分时段组织核酸采样，这种做法避免了“一刀切”。", "nucleic_acid_testing",
                     id="a-verdict-denied-in-a-later-clause"),
        pytest.param("社区只对出现病例的一栋楼实行封控管理，楼里居民的菜由社区统一送上门。这样的“精准”，比一封了之难得多。",
                     "supplies", id="a-verdict-as-the-foil-of-a-comparison"),
    ],
)
def test_what_the_next_sentence_praises_was_carried_out(text, measure):
    assert measure in set(_coded(text)["measure"])


# ---------------------------------------------------------------- a district name several cities share


@pytest.mark.parametrize(
    ("text", "source", "city"),
    [
        pytest.param("2022年4月，普陀区沈家门街道各社区对进出人员逐一扫码登记。", "舟山日报", "舟山", id="putuo-zhoushan"),
        pytest.param("2020年2月，鼓楼区各小区实行封闭管理，居民凭出入证进出。", "徐州日报", "徐州", id="gulou-xuzhou"),
        pytest.param("2020年2月，鼓楼区各小区实行封闭管理，居民凭出入证进出。", "福州日报", "福州", id="gulou-fuzhou"),
        pytest.param("2021年1月，南山区富力街道各小区门口设立了测温点。", "鹤岗日报", "鹤岗", id="nanshan-hegang"),
        pytest.param("新华社福州2月3日电 鼓楼区各小区实行封闭管理，居民凭出入证进出。", None, "福州",
                     id="gulou-dispatch"),
    ],
)
def test_a_shared_district_name_belongs_to_the_city_of_the_outlet_or_dispatch(text, source, city):
    assert locate(None, text, source=source).value == city


def test_the_text_naming_another_city_outweighs_the_outlet_for_a_shared_name():
    text = "2022年3月，深圳市南山区各社区开展全员核酸检测，南山区粤海街道设置了48个采样点。"
    assert locate(None, text, source="鹤岗日报").value == "深圳"


# ---------------------------------------------------------------- a reprint's date


@pytest.mark.parametrize(
    ("text", "date"),
    [
        pytest.param("鹿城：社区发放出门证\n\n【本报综合报道】（转载自温州日报，2020年2月3日）记者从鹿城区获悉，"
                     "各小区实行封闭式管理。", "2020-02-03", id="reprint-opening"),
        pytest.param("社区里的“团长”\n\n今年4月以来，小区居民通过团购买菜，由团长统一对接超市。\n\n"
                     "原载《宁波日报》2022年5月6日", "2022-05-06", id="reprint-closing"),
        pytest.param("社区里的“团长”\n\n（原载于《防城港日报》，本报转载）小区居民通过团购买菜。", None,
                     id="reprint-without-date"),
    ],
)
def test_a_reprint_line_gives_the_publication_date(text, date):
    assert publication_date(clean_text(text)) == date


# ---------------------------------------------------------------- reporters' names are no places


@pytest.mark.parametrize(
    ("text", "city"),
    [
        pytest.param("本报讯（记者 杨春燕 通讯员 岳金华）7月4日起，瑞丽市城区所有小区实行封闭管理。"
                     "当地社区工作人员每天上门为居家隔离人员测温。", "德宏", id="correspondent-jinhua"),
        pytest.param("【文/王丽江】2022年4月，永登县各村在路口设立卡点，对进出人员扫码登记。该县还组织党员志愿者值守。",
                     "兰州", id="writer-lijiang"),
    ],
)
def test_a_reporters_name_in_the_byline_is_not_a_place(text, city):
    assert locate(None, text).value == city


def test_a_bureau_dispatch_counts_for_the_city_its_province_names_most_not_one_named_in_passing():
    text = ("中新网福州9月13日电 2021年9月10日，莆田市仙游县枫亭镇报告一例阳性人员。"
            "各村在路口设置卡口，由村干部轮班值守。目前，福建省已从福州、泉州等地调派医疗队支援当地。")
    assert locate(None, text).value == "莆田"


def test_a_notice_signed_with_a_date_in_chinese_numerals_is_dated():
    text = ("关于小区实行封闭式管理的通告\n\n各位居民：\n\n自2月5日起，本社区各小区实行封闭式管理，只保留一个出入口。\n\n"
            "特此通告。\n\n某某街道某某社区居民委员会\n二〇二〇年二月四日\n")
    cleaned = clean_text(text)
    assert publication_date(cleaned) == "2020-02-04"
    assert "二〇二〇年二月四日" not in cleaned.text  # the sign-off is metadata, not a sentence with an event


# ---------------------------------------------------------------- the day a reporter learnt something


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        pytest.param("记者3日在香洲区一个社区看到，小区门口贴出告示。", 3, id="saw-on-the-3rd"),
        pytest.param("记者18日从鲤城区获悉，该区一处老旧小区实行封控管理。", 18, id="learnt-on-the-18th"),
    ],
)
def test_a_bare_day_after_reporter_is_a_date(sentence, day):
    from helpers.analysis.dates import find_date_mentions

    assert [(m.kind, m.day) for m in find_date_mentions(sentence)][:1] == [("day", day)]


def test_a_reporters_count_of_days_is_no_date():
    from helpers.analysis.dates import find_date_mentions

    assert find_date_mentions("记者连续14日蹲守在社区卡口。") == []


# ---------------------------------------------------------------- where people came from; letters to residents


@pytest.mark.parametrize(
    ("text", "city"),
    [
        pytest.param("“从武汉回来的，在家待满14天！”这几天，江西省修水县一个村的大喇叭天天在喊。"
                     "春节前从武汉返乡的有30多人，该县要求各村逐一登记。", "九江", id="returnees-from-wuhan"),
        pytest.param("来自石家庄的3名返乡人员已被安排居家隔离。平山县各村设卡值守，该县还组织党员志愿者上门排查。",
                     "石家庄", id="origin-and-place-the-same-city"),
        pytest.param("从松阳县城出发，沿盘山公路开一个多小时，才能到达这个山村。疫情发生后，松阳县各村都设了劝导站。",
                     "丽水", id="the-county-seat-a-trip-starts-from"),
        pytest.param("记者从弥勒市疫情防控指挥部了解到，9月以来弥勒市各社区对返乡人员逐一登记。", "红河",
                     id="where-the-reporter-learnt-it"),
    ],
)
def test_where_returnees_came_from_is_not_where_the_story_happens(text, city):
    assert locate(None, text).value == city


def test_an_open_letter_to_villagers_is_a_notice_and_takes_its_county():
    from helpers.corpus.genre import genre_of

    text = ("致全村父老乡亲的一封信\n\n各位父老乡亲：\n\n春节将至，为了大家的健康，村委会向大家发出如下倡议："
            "非必要不返乡，确需返乡的请提前向村委会报备。\n\n山东省海阳市某村村民委员会\n2021年1月8日")
    assert genre_of(text)[0] == "notice"
    assert locate(None, text, genre="notice").value == "烟台"


def test_the_site_that_carries_a_piece_decides_a_shared_district_name():
    from helpers.corpus.metadata import extract_metadata

    text = ("开封网　发布时间：2021-04-22 10:35　来源：某某晚报\n\n鼓楼区：疫苗接种服务送到家门口\n\n"
            "本报讯 4月20日上午，鼓楼区一个老旧小区里，社区工作人员和志愿者一起上门宣传疫苗接种，"
            "鼓楼区各社区还为行动不便的老人提供接送服务。")
    assert extract_metadata(clean_text(text))["city"].value == "开封"


def test_no_sentences_code_to_no_evidence():
    # a batch of articles may have no sentence at all (every file in it skipped or empty)
    assert _coded("").empty


# ---------------------------------------------------------------- interviews


def test_an_interviewers_question_codes_nothing_in_any_of_its_clauses():
    evidence = _coded("记者：全员核酸停了，社区还要组织检测吗？")
    assert "nucleic_acid_testing" not in set(evidence["measure"]), evidence[["measure", "term", "rule"]].to_string()


def test_an_answer_that_only_advises_does_nothing_for_the_group_the_question_named():
    # (cleaned text, as the pipeline codes it, has ASCII punctuation)
    evidence = _coded("记者:对于居家的老年人,您有什么建议?\n专家:建议子女每天和老人通个电话,保持规律作息。")
    assert "vulnerable_groups" not in set(evidence["measure"]), evidence[["measure", "term", "rule"]].to_string()


def test_an_answer_that_tells_what_was_done_for_the_group_the_question_named_counts():
    evidence = _coded("记者:对于居家的老年人,社区做了哪些工作?\n书记:我们每天给老人打电话,送菜上门。")
    assert "vulnerable_groups" in set(evidence["measure"]), evidence[["measure", "term", "rule"]].to_string()


def test_a_commentarys_proposals_are_advice_and_a_reports_orders_are_measures():
    import pandas as pd

    from helpers.analysis.coding import code_sentences
    from helpers.corpus.sentences import sentences

    text = ("疫情拖得越久，基层越累。各地应当为网格员落实轮休和补贴，社区也应当开通心理援助热线。\n"
            "去年冬天，不少小区进出必须扫码、测温。")
    article = pd.DataFrame([{"id": "a", "city": "全国", "text": text, "text_original": text}])
    table = sentences(article)
    as_commentary = set(code_sentences(table, genres={"a": "commentary"})["measure"])
    as_report = set(code_sentences(table, genres={"a": "news"})["measure"])
    # proposed in a commentary: no worker care, no psychological support; what a rule required is still described
    assert {"worker_care", "psychological_support"} <= as_report
    assert not {"worker_care", "psychological_support"} & as_commentary
    assert {"health_code", "temperature_check"} <= as_commentary
