"""Measures codebook and coding: what counts as each measure, what must not, and the evidence."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from helpers.analysis.codebook import load_codebook
from helpers.analysis.coding import (
    DECISION_COLUMNS,
    EVIDENCE_COLUMNS,
    code_sentences,
    coding_decisions,
    filter_evidence,
    match_sentence,
    measure_counts,
)
from helpers.analysis.matching import Segmentation, decide_sentence
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
    assert codebook.name("nucleic_acid_testing", "en") == "Nucleic-acid and antigen testing"
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
# Sentences written for these tests in the style of local news (none is taken from the seeds).

MUST_MATCH = [
    ("entry_control", "小区实行出入管理，外来人员一律登记后方可进入。"),
    ("entry_control", "各村在进村路口设立卡口，安排专人24小时值守。"),
    ("entry_control", "居民凭出入证进出小区，每户每两天可派一人外出采购。"),
    ("temperature_check", "物业人员在小区门口为进出居民逐一测温。"),
    ("temperature_check", "网格员每天两次为居家观察人员测量体温并登记。"),
    ("health_code", "进入小区须扫场所码、查验健康码。"),
    ("health_code", "对行程卡带星号的来访人员，社区及时登记报备。"),
    ("nucleic_acid_testing", "社区组织居民分批下楼做核酸，确保不漏一户。"),
    ("nucleic_acid_testing", "对行动不便的老人，医护人员上门采样。"),
    ("nucleic_acid_testing", "街道为每户居民发放抗原检测试剂。"),
    ("quarantine", "从外地返回的居民须居家隔离14天。"),
    ("quarantine", "社区为居家观察的住户安装门磁，每天两次健康监测。"),
    ("quarantine", "当晚，5名密接人员被转运至集中隔离点。"),
    ("screening", "社区干部逐户摸排近14天有外地旅居史的人员。"),
    ("screening", "对从中高风险地区返回的人员，社区第一时间登记报备。"),
    ("screening", "卡口工作人员对不符合要求的外地车辆进行劝返。"),
    ("disinfection", "保洁人员每天对电梯按键、楼道扶手消毒两次。"),
    ("disinfection", "志愿者背着喷雾器对垃圾投放点进行消杀。"),
    ("lockdown", "该小区自即日起实行封闭管理，居民足不出户。"),
    ("lockdown", "全区划定封控区2个、管控区4个、防范区6个。"),
    ("lockdown", "社区暂停棋牌室、广场舞等一切聚集性活动。"),
    ("lockdown", "解除封控后，社区继续实行封闭管理。"),
    ("publicity", "村里的大喇叭每天早晚循环播放防疫知识。"),
    ("publicity", "网格员在居民微信群发布核酸检测通知。"),
    ("publicity", "社区动员居民主动接种疫苗。"),
    ("supplies", "志愿者把居民团购的蔬菜送到各家门口。"),
    ("supplies", "社区为独居老人代购药品并送药上门。"),
    ("supplies", "街道协调保供单位，保障封控小区的生活物资供应。"),
    ("vulnerable_groups", "社区工作人员每天电话问候辖区独居老人。"),
    ("vulnerable_groups", "网格员为行动不便的残疾人代办就医手续。"),
    ("psychological_support", "街道开通24小时心理援助热线，为居家隔离居民排忧解难。"),
    ("psychological_support", "社工通过视频聊天安抚老人的焦虑情绪。"),
    ("grid_management", "社区划分为6个网格，实行网格化管理。"),
    ("grid_management", "每栋楼设立楼长，每个单元明确一名单元长。"),
    ("cadres_and_volunteers", "区直机关300名干部下沉社区参与疫情防控。"),
    ("cadres_and_volunteers", "社区招募了40名志愿者协助维持核酸检测秩序。"),
    ("worker_care", "区财政为一线社区工作者发放临时性工作补助。"),
    ("worker_care", "街道为每名志愿者购买了意外伤害保险。"),
]

MUST_NOT_MATCH = [
    # metaphors and slogans
    ("entry_control", "社区是疫情防控的第一道防线，一定要守好家门、守好心门。"),
    ("entry_control", "广大社区工作者坚守岗位、日夜值守，奋战在抗疫一线。"),
    ("quarantine", "隔离病毒不隔离爱，邻里之间守望相助。"),
    ("quarantine", "施工方在路口拉起隔离带，提醒行人绕行。"),
    ("publicity", "区委宣传部召开新闻发布会，通报经济运行情况。"),
    ("publicity", "运动员们在训练基地积极备战。"),
    ("publicity", "要及时表彰宣传抗疫一线涌现出的先进典型。"),
    # other senses of the same words
    ("cadres_and_volunteers", "首批医疗队队员抵达后随即投入救治工作。"),
    ("temperature_check", "患者体温38.5℃，伴有咳嗽、乏力等症状。"),
    ("health_code", "餐饮从业人员须持有效健康证上岗。"),
    ("health_code", "扫描文末二维码，关注我们的公众号。"),
    ("screening", "街道开展燃气安全隐患排查，消除火灾风险。"),
    ("psychological_support", "北京有序疏解非首都功能。"),
    ("psychological_support", "交警在路口疏导交通，保障道路畅通。"),
    ("lockdown", "市民足不出户就能在网上办理社保业务。"),
    ("disinfection", "农户趁着晴天给麦田喷洒农药。"),
    ("disinfection", "社区为困难家庭送去口罩、消毒液和大米。"),
    ("worker_care", "对受疫情影响的中小微企业实施减负纾困政策。"),
    ("supplies", "他大学毕业后当起了外卖骑手。"),
    ("supplies", "小区周边的快递网点陆续恢复营业。"),
    # lifted, stopped, prohibited or criticised
    ("health_code", "即日起，进出小区不再查验健康码和行程卡。"),
    ("nucleic_acid_testing", "自下周起，社区取消全员核酸检测。"),
    ("lockdown", "经专家研判，该小区今日起解除封控。"),
    ("lockdown", "各地要坚决纠正随意封控等做法。"),
    ("publicity", "组织有号召，群众有行动，这场仗无需动员！"),
    ("quarantine", "隔离期满后，张女士顺利解除隔离。"),
    # a label that only names who was affected or who did something else
    ("quarantine", "志愿者为居家隔离人员送去蔬菜。"),
    ("grid_management", "网格员把药品送到隔离居民家门口。"),
    ("cadres_and_volunteers", "志愿者的家人也在一线工作。"),
    ("vulnerable_groups", "该社区共有居民3200户，其中60岁以上老人800余人。"),
]


@pytest.mark.parametrize(("measure", "sentence"), MUST_MATCH)
def test_sentence_describing_the_measure_is_coded(codebook, measure, sentence):
    assert measure in measures_in(sentence, codebook)


@pytest.mark.parametrize(("measure", "sentence"), MUST_NOT_MATCH)
def test_figurative_incidental_or_lifted_use_is_not_coded(codebook, measure, sentence):
    assert measure not in measures_in(sentence, codebook)


def test_every_measure_has_sentences_that_must_and_must_not_match():
    assert {m for m, _ in MUST_MATCH} == set(EXPECTED_IDS)
    assert len({m for m, _ in MUST_NOT_MATCH}) >= 10


def _examples(codebook, key):
    return [(m.id, sentence) for m in codebook.measures for sentence in getattr(m, key)]


def test_every_measure_documents_what_counts_with_examples():
    for m in load_codebook().measures:
        assert m.definition_zh and m.includes and m.excludes, m.id
        assert len(m.counts) >= 2 and len(m.does_not_count) >= 2, m.id


@pytest.mark.parametrize(("measure", "sentence"), _examples(load_codebook(), "counts"))
def test_codebook_example_that_counts_is_coded_with_its_measure(codebook, measure, sentence):
    assert measure in measures_in(sentence, codebook)


@pytest.mark.parametrize(("measure", "sentence"), _examples(load_codebook(), "does_not_count"))
def test_codebook_example_that_does_not_count_is_not_coded(codebook, measure, sentence):
    assert measure not in measures_in(sentence, codebook)


# --------------------------------------------------------------------------- the matching engine
# A small codebook of its own, so each rule is tested apart from the shipped terms.

ENGINE_CODEBOOK = """\
window: 6
not_carried_out: [不再, 解除, 不必]
prohibition: [禁止, 暂停]
continuation: [继续]
lifted_after: [撤除, 暂停]
lifted_before: [结束]
criticism: [纠正]
other_settings: [医院]
residential: [社区, 居民]
measures:
  - id: publicity
    name_zh: 宣传动员
    name_en: Publicity
    definition: Informing residents.
    terms:
      - 动员
      - 大喇叭
      - term: 通知
        near: [居民]
      - term: 宣传
        not_near: [先进]
      - term: 广播
        match: substring
    exclude: [宣传部]
  - id: supplies
    name_zh: 生活保障
    name_en: Supplies
    definition: Delivering food.
    terms:
      - 送菜
      - term: 志愿者
        label: true
      - term: 居家隔离人员
        label: true
    actions: [送菜, 代购, 隔离]
  - id: lockdown
    name_zh: 封闭管控
    name_en: Lockdown
    definition: Sealing compounds.
    not_near: [防汛]
    terms:
      - 封控
      - 封控区
      - term: 外来车辆
        restriction: true
      - term: 封闭式小区
        match: word
      - term: 聚集
        restriction: true
      - 卡口
      - term: 出入口
        near: [设卡]
  - id: cadres
    name_zh: 力量下沉
    name_en: Cadres
    definition: Volunteers serving.
    terms:
      - term: 党员
        label: true
        serving: true
    actions: [报到]
"""


@pytest.fixture(scope="module")
def engine_codebook(tmp_path_factory):
    path = tmp_path_factory.mktemp("engine") / "codebook.yaml"
    path.write_text(ENGINE_CODEBOOK, encoding="utf-8")
    return load_codebook(path)


def decisions(sentence, codebook, tokens=None):
    """Decisions on ``sentence``; ``tokens`` ("a|b|c") gives the segmentation instead of the tokenizer."""
    segmentation = None
    if tokens is not None:
        assert tokens.replace("|", "") == sentence
        spans, pos = [], 0
        for token in tokens.split("|"):
            spans.append((pos, pos + len(token)))
            pos += len(token)
        segmentation = Segmentation(sentence, lambda: spans)
    return [(d.measure, d.term, d.counted, d.rule, d.reason) for d in decide_sentence(sentence, codebook, segmentation)]


def counted(sentence, codebook, tokens=None):
    return [(measure, term, rule) for measure, term, ok, rule, _ in decisions(sentence, codebook, tokens) if ok]


def test_short_term_counts_only_as_whole_words(engine_codebook):
    assert counted("社区动员居民", engine_codebook, "社区|动员|居民") == [("publicity", "动员", "term")]
    assert decisions("运动员备战", engine_codebook, "运动员|备战") == [
        ("publicity", "动员", False, "word", "inside word 运动员")
    ]


def test_whole_word_term_may_span_several_tokens_but_not_part_of_one(engine_codebook):
    assert counted("设立封控区", engine_codebook, "设立|封控|区") == [("lockdown", "封控区", "term")]
    assert counted("这是封闭式小区", engine_codebook, "这是|封闭式|小区") == [("lockdown", "封闭式小区", "term")]
    assert counted("这是封闭式小区里", engine_codebook, "这是|封闭式|小区里") == []


def test_long_term_and_match_substring_count_inside_a_word(engine_codebook):
    assert counted("村口大喇叭响了", engine_codebook, "村口|大喇叭响|了") == [("publicity", "大喇叭", "term")]
    assert counted("村广播站播报", engine_codebook, "村|广播站|播报") == [("publicity", "广播", "term")]


def test_whole_words_come_from_the_project_tokenizer_by_default(engine_codebook):
    assert counted("社区动员居民", engine_codebook) == [("publicity", "动员", "term")]
    assert counted("运动员备战", engine_codebook) == []


def test_overlapping_terms_leftmost_longest_win(engine_codebook):
    assert decisions("封控区内", engine_codebook, "封控|区|内") == [
        ("lockdown", "封控", False, "overlap", "overlaps the longer or earlier term 封控区"),
        ("lockdown", "封控区", True, "term", "counted"),
    ]


def test_exclude_context_drops_the_occurrence_inside_it_only(engine_codebook):
    assert decisions("区委宣传部", engine_codebook, "区委|宣传|部") == [
        ("publicity", "宣传", False, "exclude", "excluded: 宣传部")
    ]
    assert counted("宣传部门口宣传", engine_codebook, "宣传|部|门口|宣传") == [("publicity", "宣传", "term")]


def test_near_needs_a_companion_word_in_the_same_clause_within_the_window(engine_codebook):
    assert counted("通知居民", engine_codebook, "通知|居民") == [("publicity", "通知", "near:居民")]
    assert counted("通知，居民", engine_codebook, "通知|，|居民") == []  # another clause
    assert counted("通知了一二三四五六居民", engine_codebook, "通知|了|一二三四五六|居民") == []  # 7 characters away
    assert decisions("下发通知", engine_codebook, "下发|通知")[0][3:] == (
        "near", "no near word (居民) in its clause within 6"
    )


def test_not_near_word_within_the_window_drops_the_term(engine_codebook):
    assert decisions("宣传先进事迹", engine_codebook, "宣传|先进|事迹")[0][2:] == (False, "not_near", "not_near: 先进")
    assert counted("宣传防疫知识", engine_codebook, "宣传|防疫|知识") == [("publicity", "宣传", "term")]


def test_a_not_near_word_of_the_measure_drops_every_term_within_the_window(engine_codebook):
    assert decisions("防汛卡口", engine_codebook, "防汛|卡口") == [
        ("lockdown", "卡口", False, "not_near", "not_near of the measure: 防汛")
    ]
    assert counted("防汛一二三四五六七卡口", engine_codebook, "防汛|一二三四五六七|卡口") == [("lockdown", "卡口", "term")]


def test_label_counts_only_with_an_action_in_its_clause(engine_codebook):
    assert counted("志愿者上门送菜", engine_codebook, "志愿者|上门|送菜") == [
        ("supplies", "志愿者", "label+action:送菜"), ("supplies", "送菜", "term"),
    ]
    assert decisions("志愿者来了", engine_codebook, "志愿者|来|了") == [
        ("supplies", "志愿者", False, "label", "label without action")
    ]
    assert counted("志愿者来了，送菜", engine_codebook, "志愿者|来|了|，|送菜") == [("supplies", "送菜", "term")]


def test_an_action_inside_a_label_is_no_action(engine_codebook):
    # 隔离 is an action of the test measure, but here it is part of the name 居家隔离人员
    assert counted("居家隔离人员名单", engine_codebook, "居家隔离|人员|名单") == []


def test_not_carried_out_word_before_the_term_in_its_clause_drops_it(engine_codebook):
    assert decisions("小区解除封控", engine_codebook, "小区|解除|封控") == [
        ("lockdown", "封控", False, "not_carried_out", "not carried out: 解除")
    ]
    assert counted("不再动员", engine_codebook, "不再|动员") == []


def test_not_carried_out_word_elsewhere_leaves_the_term_alone(engine_codebook):
    assert counted("小区封控，不再", engine_codebook, "小区|封控|，|不再") == [("lockdown", "封控", "term")]  # after
    assert counted("解除了，封控", engine_codebook, "解除|了|，|封控") == [("lockdown", "封控", "term")]  # other clause
    assert counted("解除一二三四五六七封控", engine_codebook, "解除|一二三四五六七|封控") == [
        ("lockdown", "封控", "term")  # beyond the window
    ]


def test_continuation_word_between_keeps_the_measure(engine_codebook):
    assert decisions("解除后继续封控", engine_codebook, "解除|后|继续|封控") == [
        ("lockdown", "封控", True, "term", "counted: 继续 after 解除")
    ]


def test_short_not_carried_out_word_must_be_a_whole_word(engine_codebook):
    # 不必 inside 不必要 (unnecessary) does not lift anything
    assert counted("不必要封控", engine_codebook, "不必要|封控") == [("lockdown", "封控", "term")]
    assert counted("不必封控", engine_codebook, "不必|封控") == []


def test_a_restriction_prohibited_or_stopped_is_the_measure_itself(engine_codebook):
    assert counted("禁止外来车辆进入", engine_codebook, "禁止|外来|车辆|进入") == [("lockdown", "外来车辆", "term")]
    assert counted("暂停聚集", engine_codebook, "暂停|聚集") == [("lockdown", "聚集", "term")]
    # after it, too: a lifted_after word that is a prohibition word confirms a restriction
    assert counted("聚集暂停", engine_codebook, "聚集|暂停") == [("lockdown", "聚集", "term")]
    assert counted("封控暂停", engine_codebook, "封控|暂停") == []
    assert counted("禁止封控", engine_codebook, "禁止|封控") == []  # prohibiting a measure is no measure
    assert counted("不再限制聚集", engine_codebook, "不再|限制|聚集") == []  # lifting a restriction is none either


def test_a_lifting_word_right_after_the_term_ends_it(engine_codebook):
    assert decisions("卡口已全部撤除", engine_codebook, "卡口|已|全部|撤除") == [
        ("lockdown", "卡口", False, "not_carried_out", "not carried out: 撤除")
    ]
    assert counted("卡口人员撤除路障", engine_codebook, "卡口|人员|撤除|路障") == [("lockdown", "卡口", "term")]


def test_a_lifting_word_after_a_date_or_the_thing_the_term_names_ends_it(engine_codebook):
    assert counted("卡口于12月1日起撤除", engine_codebook, "卡口|于|12|月|1|日|起|撤除") == []
    assert counted("卡口亭已撤除", engine_codebook, "卡口|亭|已|撤除") == []
    assert counted("卡口的帐篷也在撤除", engine_codebook, "卡口|的|帐篷|也|在|撤除") == []
    assert counted("封控后撤除", engine_codebook, "封控|后|撤除") == [("lockdown", "封控", "term")]  # a time, not a thing
    # things joined to the one the term names go with it; the word may take a complement, not an object
    assert counted("卡口亭和帐篷全部撤除", engine_codebook, "卡口|亭|和|帐篷|全部|撤除") == []
    assert counted("卡口、封控全部撤除", engine_codebook, "卡口|、|封控|全部|撤除") == []
    assert counted("卡口亭撤除完毕", engine_codebook, "卡口|亭|撤除|完毕") == []
    assert counted("卡口人员撤除路障", engine_codebook, "卡口|人员|撤除|路障") == [("lockdown", "卡口", "term")]


def test_a_lifted_before_word_ends_only_the_term_right_after_it(engine_codebook):
    assert decisions("小区结束封控", engine_codebook, "小区|结束|封控") == [
        ("lockdown", "封控", False, "not_carried_out", "not carried out: 结束")
    ]
    assert counted("结束了一天的封控", engine_codebook, "结束|了|一天|的|封控") == [("lockdown", "封控", "term")]
    assert counted("封控结束后", engine_codebook, "封控|结束|后") == [("lockdown", "封控", "term")]  # a round finished
    # 把 puts the term before the word
    assert counted("把封控结束", engine_codebook, "把|封控|结束") == []
    assert counted("把封控区设好", engine_codebook, "把|封控区|设好") == [("lockdown", "封控区", "term")]


def test_a_passive_criticism_after_the_term_drops_it(engine_codebook):
    assert decisions("封控的做法被纠正", engine_codebook, "封控|的|做法|被|纠正") == [
        ("lockdown", "封控", False, "not_carried_out", "not carried out: 纠正")
    ]
    assert counted("小区封控，同样被上级纠正", engine_codebook, "小区|封控|，|同样|被|上级|纠正") == []
    assert counted("小区封控，居民被纠正", engine_codebook, "小区|封控|，|居民|被|纠正") == [
        ("lockdown", "封控", "term")  # the next clause has a subject of its own
    ]
    assert counted("小区封控，被要求居家", engine_codebook, "小区|封控|，|被|要求|居家") == [("lockdown", "封控", "term")]
    # what 对 names before a criticism word of its clause is criticised
    assert counted("对封控的小区予以纠正", engine_codebook, "对|封控|的|小区|予以|纠正") == []
    assert counted("对封控的小区送菜", engine_codebook, "对|封控|的|小区|送菜") == [
        ("supplies", "送菜", "term"), ("lockdown", "封控", "term"),
    ]


def test_stopping_the_companion_word_stops_the_measure(engine_codebook):
    assert counted("出入口设卡", engine_codebook, "出入口|设卡") == [("lockdown", "出入口", "near:设卡")]
    assert decisions("出入口不再设卡", engine_codebook, "出入口|不再|设卡") == [
        ("lockdown", "出入口", False, "not_carried_out", "not carried out: 不再 设卡")
    ]


def test_a_word_before_ends_the_first_term_after_it_and_those_joined_to_it(engine_codebook):
    assert counted("解除封控区的封闭式小区", engine_codebook, "解除|封控|区|的|封闭式|小区") == [
        ("lockdown", "封闭式小区", "term")
    ]
    assert counted("解除封控区和封闭式小区", engine_codebook, "解除|封控|区|和|封闭式|小区") == []


def test_a_fronted_object_takes_its_action_from_the_next_clause(engine_codebook):
    assert counted("对志愿者，社区送菜", engine_codebook, "对|志愿者|，|社区|送菜") == [
        ("supplies", "志愿者", "label+action:送菜"), ("supplies", "送菜", "term"),
    ]
    assert counted("志愿者，由社区送菜", engine_codebook, "志愿者|，|由|社区|送菜") == [
        ("supplies", "志愿者", "label+action:送菜"), ("supplies", "送菜", "term"),
    ]
    assert counted("志愿者，社区送菜", engine_codebook, "志愿者|，|社区|送菜") == [("supplies", "送菜", "term")]


def test_a_clause_with_give_or_a_pronoun_continues_the_one_before(engine_codebook):
    assert counted("志愿者来了，给居民送菜", engine_codebook, "志愿者|来|了|，|给|居民|送菜") == [
        ("supplies", "志愿者", "label+action:送菜"), ("supplies", "送菜", "term"),
    ]
    assert counted("志愿者来了，社区为他们送菜", engine_codebook, "志愿者|来|了|，|社区|为|他们|送菜") == [
        ("supplies", "志愿者", "label+action:送菜"), ("supplies", "送菜", "term"),
    ]
    assert counted("志愿者来了，其他人送菜", engine_codebook, "志愿者|来|了|，|其他|人|送菜") == [
        ("supplies", "送菜", "term")  # 他 inside 其他 refers to nothing
    ]


def test_joined_clauses_are_one_reach_from_either_side(engine_codebook):
    # a clause ending with 的 names those the next one is about; the next reaches back into it
    assert counted("居民返回的，一律通知", engine_codebook, "居民|返回|的|，|一律|通知") == [
        ("publicity", "通知", "near:居民")
    ]
    assert counted("这是居民的，通知", engine_codebook, "这|是|居民|的|，|通知") == []  # 是…的 is emphasis
    assert counted("居民：通知", engine_codebook, "居民|：|通知") == [("publicity", "通知", "near:居民")]
    # looking back, a clause starting with 为 may be a purpose, not a beneficiary
    assert counted("居民来了，为通知", engine_codebook, "居民|来|了|，|为|通知") == []


def test_a_serving_label_counts_when_it_does_another_measures_work(engine_codebook):
    assert counted("党员在社区封控", engine_codebook, "党员|在|社区|封控") == [
        ("lockdown", "封控", "term"), ("cadres", "党员", "label+serving:lockdown"),
    ]
    assert counted("党员来了，社区封控", engine_codebook, "党员|来|了|，|社区|封控") == [("lockdown", "封控", "term")]
    # whom something is done for, or whose something is, does not serve
    assert counted("为党员封控", engine_codebook, "为|党员|封控") == [("lockdown", "封控", "term")]
    assert counted("党员张某的家封控", engine_codebook, "党员|张某|的|家|封控") == [("lockdown", "封控", "term")]
    assert counted("在党员的帮助下，社区封控", engine_codebook, "在|党员|的|帮助|下|，|社区|封控") == [
        ("lockdown", "封控", "term"), ("cadres", "党员", "label+serving:lockdown"),  # the group's own doing
    ]
    # nor does one lifted
    assert counted("党员撤除，社区封控", engine_codebook, "党员|撤除|，|社区|封控") == [("lockdown", "封控", "term")]


def test_a_question_is_not_a_measure(engine_codebook):
    assert decisions("是否封控？", engine_codebook, "是否|封控|？") == [
        ("lockdown", "封控", False, "question", "in a question")
    ]
    assert counted("是否封控？小区封控。", engine_codebook, "是否|封控|？|小区|封控|。") == [("lockdown", "封控", "term")]


def test_measures_of_other_settings_count_only_with_a_residential_one(engine_codebook):
    assert decisions("医院封控", engine_codebook, "医院|封控") == [
        ("lockdown", "封控", False, "setting", "other setting: 医院")
    ]
    assert counted("医院所在社区封控", engine_codebook, "医院|所在|社区|封控") == [("lockdown", "封控", "term")]


def test_decisions_table_lists_every_candidate_with_its_reason(engine_codebook):
    sentences = sentence_table(["运动员备战。", "小区解除封控。", "社区动员居民。"])
    table = coding_decisions(sentences, engine_codebook)
    assert list(table.columns) == DECISION_COLUMNS
    assert list(table["reason"]) == ["inside word 运动员", "not carried out: 解除", "counted"]
    assert list(table["counted"]) == [False, False, True]
    evidence = code_sentences(sentences, engine_codebook)
    assert list(evidence[["term", "rule", "start"]].itertuples(index=False, name=None)) == [("动员", "term", 15)]


# --------------------------------------------------------------------------- evidence


def test_evidence_offsets_point_at_the_matched_term_in_the_article_text(codebook):
    texts = ["社区招募志愿者在小区门口消杀。", "返乡人员一律居家隔离，社区上门核酸检测。", "隔离病毒，但不隔离爱。"]
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
    assert dict(zip(evidence["term"], evidence["rule"])) == {
        "志愿者": "label+action:招募", "消杀": "term", "居家隔离": "term", "核酸检测": "term",
    }


def test_evidence_of_a_sentence_with_no_measure_is_empty_with_the_documented_columns(codebook):
    evidence = code_sentences(sentence_table(["今天天气很好。"]), codebook)
    assert evidence.empty and list(evidence.columns) == EVIDENCE_COLUMNS


def _two_city_corpus(codebook):
    a = ["正在居家隔离的居民每天做核酸检测。", "社区招募志愿者上门核酸检测。"]
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
    counts = measure_counts(articles, evidence, codebook, unit="sentence").set_index("id")
    assert counts.loc["b1", "disinfection"] == 1


def test_article_unit_says_whether_the_article_describes_the_measure(codebook):
    articles, evidence = _two_city_corpus(codebook)
    counts = measure_counts(articles, evidence, codebook, unit="article").set_index("id")
    assert counts.loc["a1", "nucleic_acid_testing"] == 1  # two hits, one article
    assert counts.loc["b1", "disinfection"] == 1 and counts.loc["a1", "disinfection"] == 0
    assert set(counts[EXPECTED_IDS].to_numpy().ravel()) <= {0, 1}
    with pytest.raises(HelpersError, match="unknown unit 'sentences'; use one of article, sentence, hits"):
        measure_counts(articles, evidence, codebook, unit="sentences")


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
        "terms, actions, not_near, group_topic, exclude, includes_zh, excludes_zh, examples_en"
    )


def test_unknown_top_level_key(tmp_path):
    # The misspelt key itself, not the 'measures' it leaves missing.
    assert load_error(tmp_path, "measure:\n" + VALID_MEASURE) == (
        "codebook.yaml, line 1: unknown key 'measure'; fix: remove it; "
        "allowed keys: window, not_carried_out, prohibition, continuation, lifted_after, lifted_before, criticism, "
        "criticism_lead, hypothetical, hypothetical_opening, advice, advice_is, plans, abandoned, other_settings, residential, measures, unit, unit_zh, never_counts, never_counts_zh, notes, notes_zh"
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


def test_a_measure_not_near_word_overlapping_a_term_or_a_serving_non_label_is_refused(tmp_path):
    assert load_error(tmp_path, "measures:\n" + VALID_MEASURE + "    not_near: [居家隔离人员]\n") == (
        "codebook.yaml, line 7: measure 'quarantine': the measure's not_near word '居家隔离人员' and its term '隔离' "
        "overlap, so the term can never match; fix: drop that not_near word"
    )
    body = "measures:\n" + VALID_MEASURE.replace("terms: [隔离, 居家隔离]", "terms:\n      - term: 隔离\n        serving: true")
    assert load_error(tmp_path, body) == (
        "codebook.yaml, line 7: measure 'quarantine': term '隔离' is serving but not a label, and only a label can "
        "serve; fix: add 'label: true' or drop 'serving: true'"
    )


def test_a_near_scope_without_near_words_is_refused(tmp_path):
    body = "measures:\n" + VALID_MEASURE.replace("terms: [隔离, 居家隔离]", "terms:\n      - term: 隔离\n        near_scope: sentence")
    assert load_error(tmp_path, body) == (
        "codebook.yaml, line 7: measure 'quarantine': term '隔离' has a near_scope but no near words; "
        "fix: drop 'near_scope:' or add 'near:'"
    )


def test_a_near_word_in_another_clause_counts_only_with_near_scope_sentence(codebook):
    from helpers.analysis.codebook import TermRule
    sentence = ["村口搭起了帐篷，党员轮流值守。"]
    evidence = code_sentences(sentence_table(sentence), codebook)
    assert "entry_control" in set(evidence["measure"])
    rule = next(r for m in codebook.measures if m.id == "entry_control" for r in m.terms if r.term == "值守")
    assert isinstance(rule, TermRule) and rule.near_in_sentence
    # the same words with a clause-scoped rule: the gate is in another clause, so duty alone does not count
    clause_only = dataclasses.replace(rule, near_in_sentence=False)
    measures = tuple(dataclasses.replace(m, terms=tuple(clause_only if r is rule else r for r in m.terms))
                     if m.id == "entry_control" else m for m in codebook.measures)
    narrowed = dataclasses.replace(codebook, measures=measures)
    assert "entry_control" not in set(code_sentences(sentence_table(sentence), narrowed)["measure"])


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
    # home quarantine runs through the whole article (居家隔离人员 only named as whom others served does not count)
    assert counts["quarantine"] >= 5
    assert counts["nucleic_acid_testing"] >= 3
    assert counts["disinfection"] >= 3


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
    assert "temperature_check" not in set(equipment["measure"])


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


def test_seed_coding_with_the_articles_tokens_is_the_coding_sentence_by_sentence(seed_corpus, seed_evidence, codebook):
    from helpers.text.segment import corpus_tokens

    tokens = corpus_tokens(seed_corpus.articles, extra_words=codebook.all_terms(), use_cache=False)
    pd.testing.assert_frame_equal(code_sentences(seed_corpus.sentences, codebook, tokens=tokens), seed_evidence)
    by_sentence = coding_decisions(seed_corpus.sentences, codebook)
    pd.testing.assert_frame_equal(coding_decisions(seed_corpus.sentences, codebook, tokens=tokens), by_sentence)
    # the boundaries matter: whole-word terms inside longer words were refused on both ways
    assert (by_sentence["rule"] == "word").sum() > 20


def test_seed_decisions_say_why_each_occurrence_did_not_count(seed_corpus, seed_evidence, codebook):
    table = coding_decisions(seed_corpus.sentences, codebook)
    assert list(table.columns) == DECISION_COLUMNS
    counted = table[table["counted"]].drop(columns=["counted", "reason"])
    assert len(counted) == len(seed_evidence)
    dropped = table[~table["counted"]]
    assert dropped["reason"].str.len().gt(0).all()
    reasons = set(dropped["reason"])
    assert {"excluded: 隔离病毒", "excluded: 不隔离爱", "label without action", "not carried out: 无需"} <= reasons
    assert any(reason.startswith("inside word ") for reason in reasons)


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
    assert baicheng["quarantine"] == 1 and baicheng["disinfection"] == 1  # the article is the unit


def test_cli_measures_units_are_the_article_and_the_sentence(capsys, seed_corpus, seed_evidence, codebook):
    import io

    by_article = pd.read_csv(io.StringIO(run_cli(capsys, "measures", "--unit", "article")[1]), dtype={"id": str})
    by_sentence = pd.read_csv(io.StringIO(run_cli(capsys, "measures", "--unit", "sentence")[1]), dtype={"id": str})
    expected = seed_evidence.drop_duplicates(["id", "sentence_no", "measure"]).groupby(["id", "measure"]).size()
    for row in by_sentence.itertuples(index=False):
        for measure in EXPECTED_IDS:
            sentences = int(expected.get((row.id, measure), 0))
            assert getattr(row, measure) == sentences, (row.id, measure)
            assert by_article.set_index("id").loc[row.id, measure] == int(sentences > 0), (row.id, measure)
    with pytest.raises(SystemExit) as refused:  # hits are listed one by one by `evidence`, not counted here
        run_cli(capsys, "measures", "--unit", "hits")
    assert refused.value.code == 2 and "invalid choice: 'hits'" in capsys.readouterr().err


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


def test_cli_evidence_names_the_rule_and_decisions_say_why_a_term_did_not_count(capsys):
    import io

    code, out, _ = run_cli(capsys, "evidence", "--measure", "cadres_and_volunteers", "--city", "孝感")
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert table["rule"].str.startswith("label+action:").any() and (table["rule"] == "term").any()
    code, out, _ = run_cli(capsys, "evidence", "--decisions", "--measure", "publicity", "--city", "孝感")
    assert code == 0
    table = pd.read_csv(io.StringIO(out))
    assert list(table.columns) == DECISION_COLUMNS
    refused = table[~table["counted"]]
    assert "not carried out: 无需" in set(refused["reason"])
    assert len(table[table["counted"]]) == len(
        pd.read_csv(io.StringIO(run_cli(capsys, "evidence", "--measure", "publicity", "--city", "孝感")[1]))
    )


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


def test_advice_is_must_name_a_measure(tmp_path):
    assert load_error(tmp_path, "advice: [倡议]\nadvice_is: publicity\nmeasures:\n" + VALID_MEASURE) == (
        "codebook.yaml, line 2: advice_is names 'publicity', which is no measure of this codebook; "
        "fix: use one of: quarantine"
    )
