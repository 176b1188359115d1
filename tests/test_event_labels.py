"""Event labels say what happened: the clause holding the date, with its main verb and object."""

from __future__ import annotations

import re

import pytest

from helpers.analysis.labels import MAX_CHARS, event_label, main_verb, verbs
from helpers.text.postags import VERB_TAGS, pos_tokenizer, tag
from helpers.text.segment import get_tokenizer, new_tokenizer


def _label(sentence: str, date: str, *others: str) -> str:
    start = sentence.index(date)
    spans = [(sentence.index(o), sentence.index(o) + len(o)) for o in others]
    return event_label(sentence, start, start + len(date), spans)


def _quotes_the_sentence(label: str, sentence: str) -> bool:
    """Every piece of the label between the marks of omission is words of the sentence."""
    return all(piece in sentence for piece in re.split("[…，]", label) if piece)


@pytest.mark.parametrize(("sentence", "date", "label"), [
    # The date's own clause says what happened.
    ("2月6日，市委直属机关工委再次下发通知，号召党员干部参与社区防控。", "2月6日", "市委直属机关工委再次下发通知"),
    ("北京市从5月开始常态化核酸检测，社区成为前线堡垒。", "5月", "北京市从5月开始常态化核酸检测"),
    ("9:30前党员干部悉数到社区报到。", "9:30", "党员干部悉数到社区报到"),
    ("截至3月2日，全市已有80支工作队奔赴社区。", "3月2日", "全市已有80支工作队奔赴社区"),
    ("小区4号楼自4月28日被划为管控区后，网格员就忙碌起来。", "4月28日", "小区4号楼自4月28日被划为管控区"),
    # A setting (a place, a time of day) is passed over for the clause that acts.
    ("3月14日上午，瑞明社区辖区内，志愿者们正在忙着张贴通知。", "3月14日", "志愿者们正在忙着张贴通知"),
    # A clause whose verb is negated sets a scene.
    ("3月15日早，上班时间还没到，工作人员已经进入工作状态。", "3月15日", "工作人员已经进入工作状态"),
    # Who acts comes from the clause between.
    ("2月15日20:00，后湖社区高新苑小区的一户居民，拨通了在此路口值守的社区干部王红贵的电话。", "2月15日",
     "一户居民，拨通了…电话"),
    # A short label takes the next clause when it fits.
    ("这一天，寒潮来袭，孝感普降大雪。", "这一天", "寒潮来袭，孝感普降大雪"),
])
def test_the_label_is_the_clause_that_acts(sentence, date, label):
    assert _label(sentence, date) == label


def test_a_long_clause_keeps_its_verb_and_object_and_marks_what_it_leaves_out():
    sentence = "1月30日18时许，市委直属机关工委下发了市直单位党员干部参与社区疫情防控工作的通知。"
    label = _label(sentence, "1月30日18时许")
    assert label == "市委直属机关工委下发了…通知"
    sentence = "2月16日，驻季庙社区工作队先后两次入户给高水兰等7户贫困户、低保户发放蔬菜和大米。"
    label = _label(sentence, "2月16日")
    assert label.startswith("社区工作队") and label.endswith("发放蔬菜和大米") and "…" in label
    assert len(label) <= MAX_CHARS and _quotes_the_sentence(label, sentence)


def test_a_clause_holding_another_date_belongs_to_that_date():
    sentence = "3月1日小区实行封闭管理，3月5日小区解封。"
    assert _label(sentence, "3月1日", "3月5日") == "小区实行封闭管理"
    assert _label(sentence, "3月5日", "3月1日") == "小区解封"


def test_the_main_verb_is_not_one_inside_a_de_phrase_nor_a_measure_word():
    words = tag("身着防护服的社区工作人员正在各自忙活着手上的工作")
    assert words[main_verb(words)][0] == "忙活"
    words = tag("80个社区的80支疫情防控工作队")
    assert main_verb(words) is None
    words = tag("市委直属机关工委再次下发通知")
    assert [w for (w, _), v in zip(words, verbs(words)) if v] == ["下发"]


@pytest.fixture(scope="module")
def seed_labels() -> list[tuple[str, str]]:
    from helpers.analysis import analyse

    events = analyse().events
    return list(zip(events["label"], events["sentence"]))


def test_at_least_nine_in_ten_seed_labels_hold_a_verb(seed_labels):
    # A main verb: not negated (还没到), not inside a 的-phrase (驻主城区……的工作队), not a measure word.
    acting = [main_verb(tag(label)) is not None for label, _ in seed_labels]
    assert sum(acting) >= 0.9 * len(seed_labels), [label for (label, _), a in zip(seed_labels, acting) if not a]
    # Most by jieba's own tag alone (the rest act through 着 or 地: 忙活着, 焦急地报告).
    tagged = [any(flag in VERB_TAGS for _, flag in tag(label)) for label, _ in seed_labels]
    assert sum(tagged) >= 0.8 * len(seed_labels)


def test_seed_labels_are_short_quotes_and_never_only_a_setting(seed_labels):
    for label, sentence in seed_labels:
        assert len(label) <= MAX_CHARS and _quotes_the_sentence(label, sentence), label
    labels = {label for label, _ in seed_labels}
    # What the labels said before they were built around a verb.
    assert not labels & {"瑞明社区辖区内", "上班时间还没到", "胜利社区的服务大厅里", "孝感市直驻主城区",
                         "后湖社区高新苑小区的一户居民", "晒书台社区福星城小区一期大门口"}


# --------------------------------------------------------------- the POS tokenizer


def test_parts_of_speech_come_from_the_projects_tokenizer_not_jiebas_global_one():
    import jieba

    tokenizer = get_tokenizer()
    assert pos_tokenizer().tokenizer is tokenizer and pos_tokenizer().tokenizer is not jieba.dt
    # The user dictionary's terms stay whole, as the rest of the analysis cuts them.
    assert "核酸检测" in [word for word, _ in tag("社区组织居民进行核酸检测")]


def test_wrapping_a_tokenizer_leaves_its_user_tags_for_the_next_wrapper():
    tokenizer = new_tokenizer(extra_words=())
    tokenizer.add_word("测温验码岗", tag="nz")
    assert ("测温验码岗", "nz") in tag("社区设立测温验码岗", tokenizer)
    assert tokenizer.user_word_tag_tab.get("测温验码岗") == "nz"
