"""Measures codebook and coding: what counts as each measure, what must not, and the evidence."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from helpers.analysis.codebook import load_codebook
from helpers.analysis.coding import (
    EVIDENCE_COLUMNS,
    code_sentences,
    filter_evidence,
    match_sentence,
    measure_counts,
    measure_rates,
)
from helpers.analysis.diagnostics import token_disagreements
from helpers.errors import HelpersError

EXPECTED_IDS = [
    "entry_control",
    "temperature_check",
    "health_code",
    "nucleic_acid_testing",
    "quarantine",
    "screening",
    "disinfection",
    "lockdown",
    "publicity",
    "supplies",
    "vulnerable_groups",
    "psychological_support",
    "grid_management",
    "cadres_and_volunteers",
    "worker_care",
]


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


def measures_in(sentence: str, codebook) -> set[str]:
    return {measure for measure, _, _, _ in match_sentence(sentence, codebook)}


def sentence_table(texts: list[str], article_id: str = "a1", city: str = "北京") -> pd.DataFrame:
    """Sentences of one article whose text is the texts joined without separator."""
    rows, pos = [], 0
    for no, text in enumerate(texts):
        rows.append(
            {
                "id": article_id,
                "city": city,
                "sentence_no": no,
                "start": pos,
                "end": pos + len(text),
                "sentence": text,
                "sentence_original": text.replace("门", "門"),
            }
        )
        pos += len(text)
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- the codebook


def test_codebook_has_the_fifteen_measures_in_the_issue_order_with_both_names(codebook):
    assert codebook.ids == EXPECTED_IDS
    assert codebook.name("entry_control", "zh") == "出入管控"
    assert codebook.name("worker_care", "zh") == "社区工作者关爱保障"
    assert codebook.name("nucleic_acid_testing", "en") == "Nucleic-acid (PCR) testing"
    assert codebook.name("cadres_and_volunteers", "zh") == "力量下沉"
    for m in codebook.measures:
        assert m.definition and m.terms


def test_unknown_measure_error_lists_the_valid_ids(codebook):
    with pytest.raises(HelpersError) as err:
        codebook.name("curfew", "zh")
    message = str(err.value)
    assert "curfew" in message and "entry_control" in message and "worker_care" in message
    assert "\n" not in message


def test_all_terms_cover_every_measure_for_the_user_dictionary(codebook):
    terms = codebook.all_terms()
    assert {"核酸检测", "居家隔离", "网格员", "心理疏导", "测温"} <= set(terms)
    assert len(terms) == len(set(terms))


# --------------------------------------------------------------------------- per category

MUST_MATCH = [
    ("entry_control", "同样是严格社区出入管理，针对出入人员增多的状况，不妨增加一些测温设备。"),
    ("entry_control", "加强社区进出口管理，落实测温验码、查验核酸证明等。"),
    ("entry_control", "目前北京各社区均落实对来访人员进行扫码查验等流程。"),
    ("entry_control", "看到你们还在帐篷里值守，真是辛苦了！"),
    ("entry_control", "院子不是搞了购物证，可以每3天派1个人出去买东西吗？"),
    ("temperature_check", "按照队员两两一组开展入户调查、体温检测。"),
    ("temperature_check", "请大家每天早晚8点前在群里各报一次家庭成员体温。"),
    ("temperature_check", "戴党徽、戴红袖标、戴口罩、拿体温枪，在寒冷的天气里来我们社区搞防疫。"),
    ("health_code", "扫健康码，扫除的是疫情进社区的风险。"),
    ("health_code", "经过亮码、测温、录入信息、采集咽拭子，不到5分钟就完成采样。"),
    ("health_code", "让居民在查验二维码、健康证的过程中就完成测温。"),
    ("nucleic_acid_testing", "对居家隔离人员进行了上门核酸检测。"),
    ("nucleic_acid_testing", "快下楼做核酸啦，动作要快。"),
    ("nucleic_acid_testing", "田雅护士就完成了采样。"),
    ("quarantine", "其中包括从外地返白正在居家隔离的居民100多人。"),
    ("quarantine", "对于经过14天隔离医学观察并无症状的无症状感染者精准掌握。"),
    ("quarantine", "按照规定解除隔离。"),
    ("screening", "在大家的理解支持下，咱们楼栋的拉网式入户排查完成了。"),
    ("screening", "在防控前期，全员摸排无疑是最难啃的硬骨头。"),
    ("screening", "对于入境人员的动态监测，需要社区来完成。"),
    ("disinfection", "还坚持每天不留死角地进行环境消杀。"),
    ("disinfection", "越来越多的居民也加入到物资分发、楼道消毒等力所能及的工作中。"),
    ("disinfection", "居民可在置物架自行收取快递、外卖，并对物件进行消毒后再带进小区。"),
    ("lockdown", "我市已全面升级管控措施，所有小区一律实行全封闭管理。"),
    ("lockdown", "尤其是在封管控区，北京很多社区充分发挥网格化管理优势。"),
    ("lockdown", "督促老年公寓等场所进行封闭式管理。"),
    ("publicity", "在小区进出口张贴紧急排查通知和疫情防控宣传海报。"),
    ("publicity", "驻胜利社区队员夏红波拉着流动音箱在八一巷内进行流动宣传。"),
    ("publicity", "这是社区工作人员开启的“花式”动员模式。"),
    ("publicity", "积极开展健康宣传教育，普及疫情防控知识。"),
    ("supplies", "有的帮助居家隔离人员买菜。"),
    ("supplies", "社区网格员能够为他们提供代买代送、垃圾处理服务。"),
    ("supplies", "切实保障米面粮油、肉禽蛋奶等生活必需品供应。"),
    ("supplies", "导致快递和外卖隔着“最后一百米”无法送达。"),
    ("vulnerable_groups", "孤寡老人、困难儿童、特困人员、残疾人等特殊群体的生活需要特别关照。"),
    ("vulnerable_groups", "入户给高水兰等7户贫困户、低保户发放蔬菜和大米。"),
    ("vulnerable_groups", "服务好“一老一小”等重点人群"),
    ("psychological_support", "并对居家隔离人员进行心理疏导。"),
    ("psychological_support", "积极回应百姓，疏导稳定群众情绪。"),
    ("psychological_support", "群众长时间隔离后的情绪宣泄，需要被理解、宽容、包容。"),
    ("grid_management", "网格化管理是基层治理的创新型模式。"),
    ("grid_management", "每个隔离户都有网格员专人包保。"),
    ("cadres_and_volunteers", "应广泛发动党政机关的党员干部职工下沉一线。"),
    ("cadres_and_volunteers", "针对下沈干部、志愿者返岗上班可能导致社区人手不足问题。"),
    ("cadres_and_volunteers", "从中选派294名党员干部组建80支工作队。"),
    ("worker_care", "为疫情防控一线城乡社区工作者发放工作补助。"),
    ("worker_care", "协调安排好疫情防控一线城乡社区工作者就餐、休息场所等生活保障。"),
    ("worker_care", "指派分管同志前往摔伤的成三明同志家中看望慰问。"),
]

MUST_NOT_MATCH = [
    # metaphors of gates and defence lines are not entry control
    ("entry_control", "小区大门、楼栋家门、居民“心门”这三道门都需要继续守好。"),
    ("entry_control", "外防输入、内防反弹，社区仍然是重要防线。"),
    ("entry_control", "广大城乡社区工作者坚守岗位、日夜值守，英勇奋战在疫情防控一线。"),
    ("entry_control", "在居民楼单元门、小区进出口张贴紧急排查通知。"),
    ("entry_control", "守好“防疫之门”，北京社区有“实招儿”。"),
    # quarantine as a figure of speech, or cadres who are not in quarantine
    ("quarantine", "隔离病毒，但不隔离爱。"),
    ("quarantine", "市委办目前在主城区且未被感染、未被隔离、可参与社区防控工作干部21人。"),
    ("quarantine", "记得带上身份证，间隔2米哦！"),
    # praising model workers is not public-health publicity; a quote says no mobilisation was needed
    ("publicity", "对涌现出的先进典型应进行及时表彰宣传。"),
    ("publicity", "组织有要求，群众有呼声，防疫战无需动员！"),
    ("publicity", "北京市发布《北京市新冠肺炎疫情社区防控社会工作服务指引》。"),
    # equipment requisitioned for the work teams
    ("disinfection", "申领防护服等防护用品和75%医用酒精、84消毒液、洗手液、电子体温枪等消毒监测用品。"),
    ("temperature_check", "申领防护服等防护用品和75%医用酒精、84消毒液、洗手液、电子体温枪等消毒监测用品。"),
    # shops and couriers reopening is not delivery for residents
    ("supplies", "社区周边的商店、快递网点、理发店陆续开门。"),
    # living support for workers is worker care, not supplies for residents
    ("supplies", "协调安排好疫情防控一线城乡社区工作者就餐、休息场所等生活保障。"),
    ("worker_care", "总书记给他考察慰问过的这个社区全体社区工作者写了一封回信。"),
    ("worker_care", "为居家隔离人员配送生活保障物资。"),
    ("health_code", "扫码阅读手机版"),
    ("lockdown", "让群众都能感受到‘封闭不封关爱’！"),
    ("lockdown", "孝感是武汉“封城”前4天流出人口最多的城市。"),
    ("cadres_and_volunteers", "共产党员网 版权所有"),
    ("nucleic_acid_testing", "在社区门口设立体温检测点。"),
    ("psychological_support", "交警在路口疏导交通。"),
    ("vulnerable_groups", "城市按下“暂停键”，严格核查重点人群行程。"),
]


@pytest.mark.parametrize(("measure", "sentence"), MUST_MATCH)
def test_sentence_describing_the_measure_is_coded(codebook, measure, sentence):
    assert measure in measures_in(sentence, codebook)


@pytest.mark.parametrize(("measure", "sentence"), MUST_NOT_MATCH)
def test_figurative_or_incidental_use_is_not_coded(codebook, measure, sentence):
    assert measure not in measures_in(sentence, codebook)


def test_every_measure_has_sentences_that_must_and_must_not_match():
    assert {m for m, _ in MUST_MATCH} == set(EXPECTED_IDS)
    assert len({m for m, _ in MUST_NOT_MATCH}) >= 10


def test_short_term_inside_a_longer_term_of_the_same_measure_counts_once(codebook):
    hits = [h for h in match_sentence("目前有40名外地返白人员正在居家隔离。", codebook) if h[0] == "quarantine"]
    assert [(m, t) for m, t, _, _ in hits] == [("quarantine", "居家隔离")]


def test_matching_does_not_depend_on_spaces_or_how_a_phrase_would_be_split(codebook):
    # 核酸检测 in a run-on phrase that jieba splits differently still counts once
    hits = match_sentence("做核酸检测点位优化", codebook)
    assert ("nucleic_acid_testing", "核酸检测", 1, 5) in hits


def test_near_rule_needs_the_companion_word_within_the_window(codebook):
    assert "publicity" in measures_in("及时发布疫情信息。", codebook)
    assert "publicity" not in measures_in("北京市发布了工作指引。", codebook)


# --------------------------------------------------------------------------- evidence


def test_evidence_offsets_point_at_the_matched_term_in_the_article_text(codebook):
    texts = ["社区工作人员和志愿者进入小区消杀。", "对居家隔离人员进行了上门核酸检测。", "隔离病毒，但不隔离爱。"]
    sentences = sentence_table(texts)
    article_text = "".join(texts)
    evidence = code_sentences(sentences, codebook)
    assert list(evidence.columns) == EVIDENCE_COLUMNS
    assert len(evidence) == 4
    for row in evidence.itertuples():
        assert article_text[row.start : row.end] == row.term
        assert row.term in row.sentence
    assert set(evidence["measure"]) == {"cadres_and_volunteers", "disinfection", "quarantine", "nucleic_acid_testing"}
    assert (evidence.loc[evidence["measure"] == "quarantine", "sentence_no"] == 1).all()
    assert evidence.loc[0, "sentence_original"] == texts[0].replace("门", "門")


def test_evidence_of_a_sentence_with_no_measure_is_empty_with_the_documented_columns(codebook):
    evidence = code_sentences(sentence_table(["今天天气很好。"]), codebook)
    assert evidence.empty and list(evidence.columns) == EVIDENCE_COLUMNS


def _two_city_corpus(codebook):
    a = ["居家隔离人员每天做核酸检测。", "志愿者上门核酸检测。"]
    b = ["全面消杀，进行消毒。"]
    sentences = pd.concat([sentence_table(a, "a1", "白城"), sentence_table(b, "b1", "孝感")], ignore_index=True)
    articles = pd.DataFrame(
        {"id": ["a1", "b1"], "city": ["白城", "孝感"], "n_chars": [sum(map(len, a)), 4000]}
    )
    return articles, code_sentences(sentences, codebook)


def test_measure_counts_one_integer_column_per_measure_in_codebook_order(codebook):
    articles, evidence = _two_city_corpus(codebook)
    counts = measure_counts(articles, evidence, codebook)
    assert list(counts.columns) == ["id", "city", *EXPECTED_IDS]
    a1 = counts.set_index("id").loc["a1"]
    assert a1["nucleic_acid_testing"] == 2 and a1["quarantine"] == 1 and a1["cadres_and_volunteers"] == 1
    assert a1["disinfection"] == 0
    assert counts.set_index("id").loc["b1", "disinfection"] == 2
    assert all(str(counts[m].dtype).startswith("int") for m in EXPECTED_IDS)


def test_sentence_unit_counts_a_sentence_once_per_measure(codebook):
    articles, evidence = _two_city_corpus(codebook)
    counts = measure_counts(articles, evidence, codebook, unit="sentences").set_index("id")
    assert counts.loc["b1", "disinfection"] == 1


def test_measure_rates_per_10k_characters_of_the_city(codebook):
    articles, evidence = _two_city_corpus(codebook)
    rates = measure_rates(articles, evidence, codebook)
    assert len(rates) == 2 * 15
    row = rates[(rates["city"] == "孝感") & (rates["measure"] == "disinfection")].iloc[0]
    assert row["hits"] == 2 and row["n_chars"] == 4000
    assert row["per_10k"] == pytest.approx(2 / 4000 * 10_000)
    assert row["name_zh"] == "环境消杀" and row["name_en"] == "Disinfection"


def test_measure_names_in_chinese_and_english(codebook):
    assert codebook.name("disinfection", "zh") == "环境消杀" and codebook.name("disinfection", "en") == "Disinfection"
    with pytest.raises(HelpersError, match="use one of zh, en"):
        codebook.name("disinfection", "fr")


def test_filter_evidence_rejects_unknown_measure_and_city_listing_valid_ones(codebook):
    _, evidence = _two_city_corpus(codebook)
    assert set(filter_evidence(evidence, codebook, measure="disinfection")["city"]) == {"孝感"}
    with pytest.raises(HelpersError, match="valid cities: 白城, 孝感"):
        filter_evidence(evidence, codebook, city="上海")
    with pytest.raises(HelpersError, match="valid measures: entry_control"):
        filter_evidence(evidence, codebook, measure="masks")


# --------------------------------------------------------------------------- diagnostics


def test_token_disagreements_reports_terms_inside_longer_tokens_and_rule_drops(codebook):
    sentences = sentence_table(["居家隔离人员买菜。", "隔离病毒，但不隔离爱。"])
    # a tokenizer that glues 居家隔离人员 into one token, and splits the rest per character
    def tokenize(text: str) -> list[str]:
        if text.startswith("居家隔离人员"):
            return ["居家隔离人员", *text[len("居家隔离人员") :]]
        return ["隔离", *text[2:7], "隔离", *text[9:]]

    table = token_disagreements(sentences, codebook, tokenize=tokenize)
    inside = table[(table["term"] == "居家隔离") & table["substring_match"]]
    assert len(inside) == 1 and "居家隔离人员" in inside.iloc[0]["reason"]
    dropped = table[(table["sentence_no"] == 1) & table["token_match"]]
    assert len(dropped) == 2 and not dropped["substring_match"].any()
    assert dropped["reason"].str.contains("excluded context").all()
    # 买菜 split into single characters: counted by substring matching only
    assert ((table["term"] == "买菜") & table["substring_match"] & ~table["token_match"]).sum() == 1


# --------------------------------------------------------------------------- validator

VALID_MEASURE = """\
  - id: quarantine
    name_zh: 隔离观察
    name_en: Quarantine
    definition: Home quarantine.
    terms: [隔离, 居家隔离]
"""


def write_codebook(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "codebook.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def load_error(tmp_path: Path, body: str) -> str:
    with pytest.raises(HelpersError) as err:
        load_codebook(write_codebook(tmp_path, body))
    return str(err.value)


def test_minimal_valid_codebook_loads(tmp_path):
    codebook = load_codebook(write_codebook(tmp_path, "measures:\n" + VALID_MEASURE))
    assert codebook.ids == ["quarantine"]
    assert [r.term for r in codebook.measure("quarantine").terms] == ["隔离", "居家隔离"]


def test_unknown_key_is_named_with_its_line(tmp_path):
    assert load_error(tmp_path, "measures:\n" + VALID_MEASURE + "    synonyms: [检疫]\n") == (
        "codebook.yaml, line 7: measure 'quarantine': unknown key 'synonyms'; "
        "fix: remove it; allowed keys: id, name_zh, name_en, definition, definition_zh, includes, excludes, examples, "
        "terms, actions, exclude"
    )


def test_unknown_top_level_key(tmp_path):
    # The misspelt key itself, not the 'measures' it leaves missing.
    assert load_error(tmp_path, "measure:\n" + VALID_MEASURE) == (
        "codebook.yaml, line 1: unknown key 'measure'; fix: remove it; "
        "allowed keys: window, not_carried_out, continuation, measures"
    )


def test_duplicate_id_names_both_lines(tmp_path):
    assert load_error(tmp_path, "measures:\n" + VALID_MEASURE + VALID_MEASURE) == (
        "codebook.yaml, line 7: duplicate measure id 'quarantine' (first at line 2); fix: give each measure its own id"
    )


def test_empty_term_list(tmp_path):
    body = "measures:\n" + VALID_MEASURE.replace("terms: [隔离, 居家隔离]", "terms: []")
    assert load_error(tmp_path, body) == (
        "codebook.yaml, line 6: measure 'quarantine': terms is empty; fix: add at least one"
    )


def test_term_containing_its_own_exclusion_can_never_match(tmp_path):
    body = "measures:\n" + VALID_MEASURE + "    exclude: [隔离]\n"
    assert load_error(tmp_path, body) == (
        "codebook.yaml, line 6: measure 'quarantine': term '隔离' contains its own exclusion '隔离', "
        "so it can never match; fix: drop the term or narrow the exclusion"
    )


def test_punctuation_only_term_can_never_match(tmp_path):
    body = "measures:\n" + VALID_MEASURE.replace("terms: [隔离, 居家隔离]", "terms: [隔离, '，，']")
    assert load_error(tmp_path, body) == (
        "codebook.yaml, line 6: measure 'quarantine': term '，，' has no letters or characters, "
        "so it can never match; fix: write a word"
    )


def test_traditional_script_term_can_never_match_normalised_text(tmp_path):
    body = "measures:\n" + VALID_MEASURE.replace("terms: [隔离, 居家隔离]", "terms: [隔離]")
    assert load_error(tmp_path, body) == (
        "codebook.yaml, line 6: measure 'quarantine': term '隔離' is not in Simplified script, "
        "and text is matched after conversion to Simplified; fix: write '隔离'"
    )


def test_exclusion_that_contains_no_term_never_applies(tmp_path):
    assert load_error(tmp_path, "measures:\n" + VALID_MEASURE + "    exclude: [病毒]\n") == (
        "codebook.yaml, line 7: measure 'quarantine': exclusion '病毒' contains none of the measure's terms, "
        "so it never applies; fix: write the context around a term, e.g. 隔离病毒 for 隔离"
    )


def test_missing_name_and_bad_window(tmp_path):
    assert load_error(tmp_path, "measures:\n" + VALID_MEASURE.replace("    name_en: Quarantine\n", "")) == (
        "codebook.yaml, line 2: measure 'quarantine' lacks name_en; "
        "fix: add 'name_en:' (defaults.yaml in src/helpers/data describes it)"
    )
    body = "measures:\n" + VALID_MEASURE.replace(
        "terms: [隔离, 居家隔离]", "terms:\n      - term: 隔离\n        near: [居家]\n        window: -3"
    )
    assert load_error(tmp_path, body) == (
        "codebook.yaml, line 9: measure 'quarantine': window must be a whole number of at least 1, not -3; "
        "fix: write a whole number of at least 1"
    )


def test_duplicate_term_within_a_measure(tmp_path):
    body = "measures:\n" + VALID_MEASURE.replace("terms: [隔离, 居家隔离]", "terms: [隔离, 隔离]")
    assert load_error(tmp_path, body) == (
        "codebook.yaml, line 6: measure 'quarantine': term '隔离' listed twice; fix: keep one"
    )


def test_broken_yaml_names_the_line(tmp_path):
    assert load_error(tmp_path, "measures:\n  - id: x\n   name_zh: [unclosed\n") == (
        "codebook.yaml, line 3: not valid YAML (expected <block end>, but found '<block mapping start>'); "
        "fix: check indentation, colons and quoting"
    )


# --------------------------------------------------------------------------- the real seeds


@pytest.fixture(scope="module")
def seed_corpus():
    from helpers.corpus import read_corpus

    return read_corpus()


@pytest.fixture(scope="module")
def seed_evidence(seed_corpus, codebook):
    return code_sentences(seed_corpus.sentences, codebook)


def city_counts(seed_corpus, seed_evidence, codebook, city):
    counts = measure_counts(seed_corpus.articles, seed_evidence, codebook)
    return counts[counts["city"] == city][EXPECTED_IDS].sum()


def test_seed_baicheng_describes_quarantine_testing_and_disinfection(seed_corpus, seed_evidence, codebook):
    counts = city_counts(seed_corpus, seed_evidence, codebook, "白城")
    assert counts["quarantine"] >= 10  # home quarantine runs through the whole article
    assert counts["nucleic_acid_testing"] >= 3
    assert counts["disinfection"] >= 3
    assert counts.idxmax() == "quarantine"


def test_seed_xiaogan_describes_cadres_screening_temperature_and_supplies(seed_corpus, seed_evidence, codebook):
    counts = city_counts(seed_corpus, seed_evidence, codebook, "孝感")
    for measure in ("cadres_and_volunteers", "screening", "temperature_check", "supplies", "lockdown"):
        assert counts[measure] >= 3, measure
    assert counts.idxmax() == "cadres_and_volunteers"
    assert counts["quarantine"] == 0  # 隔离病毒，但不隔离爱 and 未被隔离 are not quarantine


def test_seed_beijing_describes_health_codes_and_nucleic_acid_testing(seed_corpus, seed_evidence, codebook):
    counts = city_counts(seed_corpus, seed_evidence, codebook, "北京")
    assert counts["health_code"] >= 3
    assert counts.idxmax() == "nucleic_acid_testing"
    beijing = seed_evidence[(seed_evidence["city"] == "北京") & (seed_evidence["measure"] == "health_code")]
    assert beijing["sentence"].str.contains("扫健康码").any()


def test_seed_figurative_sentences_are_not_coded(seed_evidence):
    gates = seed_evidence[seed_evidence["sentence"].str.contains("三道门")]
    assert "entry_control" not in set(gates["measure"])
    praise = seed_evidence[seed_evidence["sentence"].str.contains("表彰宣传")]
    assert "publicity" not in set(praise["measure"]) and "worker_care" in set(praise["measure"])
    equipment = seed_evidence[seed_evidence["sentence"].str.contains("消毒监测用品")]
    assert not {"disinfection", "temperature_check"} & set(equipment["measure"])


def test_seed_evidence_offsets_and_original_script_point_at_the_sentence(seed_corpus, seed_evidence):
    texts = seed_corpus.articles.set_index("id")["text"]
    assert len(seed_evidence) > 100
    for row in seed_evidence.itertuples():
        assert texts[row.id][row.start : row.end] == row.term
        assert row.term in row.sentence
    sentences = seed_corpus.sentences.set_index(["id", "sentence_no"])
    sample = seed_evidence[seed_evidence["id"].str.startswith("003")].iloc[0]
    original = sentences.loc[(sample["id"], sample["sentence_no"]), "sentence_original"]
    assert sample["sentence_original"] == original and original != sample["sentence"]  # Traditional source


def test_seed_worker_care_comes_from_the_national_commentary(seed_corpus, seed_evidence, codebook):
    counts = measure_counts(seed_corpus.articles, seed_evidence, codebook).set_index("id")
    national = counts.loc[counts.index.str.startswith("002")].iloc[0]
    assert national.drop("city").astype(int).idxmax() == "worker_care"


def test_seed_token_diagnostics_explain_every_disagreement(seed_corpus, codebook):
    table = token_disagreements(seed_corpus.sentences, codebook)
    assert list(table.columns) == [
        "id", "city", "sentence_no", "measure", "term", "start", "end",
        "substring_match", "token_match", "tokens", "reason", "sentence",
    ]
    assert (table["substring_match"] != table["token_match"]).all()
    assert table["reason"].str.len().gt(0).all()
    # the codebook's exclusions show up as tokens the substring matcher refused
    refused = table[table["token_match"] & ~table["substring_match"]]
    assert refused["reason"].str.contains("隔离病毒").any()


# --------------------------------------------------------------------------- command line


def run_cli(capsys, *argv):
    from helpers.cli import main

    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_measures_csv_one_row_per_article_with_integer_measure_columns(capsys):
    import io

    code, out, _ = run_cli(capsys, "measures", "--format", "csv")
    assert code == 0
    table = pd.read_csv(io.StringIO(out), dtype={"id": str})
    assert list(table.columns) == ["id", "city", *EXPECTED_IDS]
    assert len(table) == 5
    assert all(str(table[m].dtype).startswith("int") for m in EXPECTED_IDS)
    baicheng = table[table["city"] == "白城"].iloc[0]
    assert baicheng["quarantine"] > 0 and baicheng["disinfection"] > 0


def test_cli_evidence_filters_and_unknown_city_or_measure_lists_valid_ones(capsys):
    import io

    code, out, _ = run_cli(capsys, "evidence", "--measure", "quarantine", "--city", "白城")
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == EVIDENCE_COLUMNS
    assert set(table["measure"]) == {"quarantine"} and set(table["city"]) == {"白城"}
    code, _, err = run_cli(capsys, "evidence", "--city", "上海")
    assert code == 2 and "valid cities:" in err and "白城" in err and len(err.strip().splitlines()) == 1
    code, _, err = run_cli(capsys, "evidence", "--measure", "masks")
    assert code == 2 and "valid measures:" in err and "worker_care" in err


def test_cli_kwic_width_and_keyness_top(capsys):
    import io

    code, out, _ = run_cli(capsys, "kwic", "消杀", "--width", "4")
    assert code == 0
    lines = pd.read_csv(io.StringIO(out), keep_default_na=False)
    assert len(lines) >= 5 and (lines["keyword"] == "消杀").all()
    assert lines["left"].str.len().max() <= 4 and lines["right"].str.len().max() <= 4
    code, out, _ = run_cli(capsys, "keyness", "--city", "孝感", "--top", "5")
    assert code == 0
    words = pd.read_csv(io.StringIO(out))
    assert len(words) == 5 and (words["log_ratio"] > 0).all()
    assert list(words["g2"]) == sorted(words["g2"], reverse=True)
    code, _, err = run_cli(capsys, "keyness", "--city", "上海")
    assert code == 2 and "valid cities:" in err
