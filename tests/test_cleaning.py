"""Cleaning: every rule on short inline samples (including what it must leave alone), then the real seeds."""

from __future__ import annotations

import re

import pytest

from helpers import paths
from helpers.corpus.boilerplate import load_boilerplate_rules
from helpers.corpus.cleaning import (
    alnum_only,
    clean_text,
    is_lost_character,
    is_pinyin_syllable,
    normalise_width,
    remove_invisible,
    remove_pinyin,
)
from helpers.corpus.metadata import publication_date
from helpers.corpus.reading import read_text
from helpers.corpus.sentences import _CLOSERS, _SENTENCE_END, iter_sentences, sentence_spans, trimmed_spans
from helpers.errors import HelpersError
from helpers.script import SCRIPT_FIXES, simplified_lines, to_simplified

SEEDS = {path.name[:3]: path for path in sorted(paths.seeds_dir().glob("*.txt"))}

# ---------------------------------------------------------------- pinyin annotations


@pytest.mark.parametrize(
    ("text", "expected", "count"),
    [
        ("城鄉社區(qū)工作者", "城鄉社區工作者", 1),
        ("手機(jī)瀏覽", "手機瀏覽", 1),
        ("聯(lián)防聯(lián)控", "聯防聯控", 2),
        ("掠(lüè)奪", "掠奪", 1),
        ("區(qū)", "區", 1),  # full-width parentheses too
    ],
)
def test_pinyin_annotations_after_han_are_removed(text, expected, count):
    assert remove_pinyin(text) == (expected, count)


@pytest.mark.parametrize(
    "text",
    [
        "孝感市直驻主城区(孝南区、市高新区)80个社区",
        "全力以赴坚决打赢疫情防控阻击战。(通讯员张灿)",
        "开展核酸检测(PCR)",
        "多个社区连续数日“三无”(无新增确诊病例、无新增疑似病例、无新增发热病例)",
        "社区的(de)工作",  # no tone mark: not an annotation this corpus uses
        "传ワL(fēng)险",  # after a Latin letter (mojibake): left, with a warning elsewhere
        "截至2020年(2月)",
        "见附件(a)",
    ],
)
def test_legitimate_parentheticals_are_left_alone(text):
    assert remove_pinyin(text) == (text, 0)


def test_only_real_syllables_count_as_pinyin():
    assert is_pinyin_syllable("qū")
    assert is_pinyin_syllable("zhuàng")
    assert is_pinyin_syllable("lüè")
    assert not is_pinyin_syllable("qu")  # no tone mark
    assert not is_pinyin_syllable("qxū")  # not a syllable
    assert not is_pinyin_syllable("āā")  # two tone marks
    assert remove_pinyin("公司(xyzā)")[1] == 0


# ---------------------------------------------------------------- invisible characters and width


def test_invisible_characters_go_and_odd_spaces_become_plain():
    assert remove_invisible("社\u200b区\ufeff工作\u200d者") == "社区工作者"
    assert remove_invisible("记者\u00a0王野村\u3000摄") == "记者 王野村 摄"
    assert remove_invisible("普通文本") == "普通文本"


def test_full_width_ascii_forms_become_ascii():
    full = "截至\uff12\uff10\uff12\uff10年\uff0c社区\uff1a\uff08孝南区\uff09\uff01"
    assert normalise_width(full) == "截至2020年,社区:(孝南区)!"


def test_width_leaves_chinese_only_marks_and_meaningful_spaces():
    text = "他说:“好。”《通知》、记者 王野村 摄"
    assert normalise_width(text) == text
    assert normalise_width("集中订购, 集中发放") == "集中订购,集中发放"
    assert normalise_width("2022-05-20  15:16:15") == "2022-05-20 15:16:15"


def test_whole_text_normalisation_is_normalise_width_of_every_line():
    # clean_text normalises the whole text at once; it must equal normalise_width line by line.
    import random

    from helpers.corpus.boilerplate import BoilerplateRules

    rng = random.Random(7)
    pieces = ["社区", "防控", ",", "。", "、", ";", "!", "?", "“", " ", "  ", "\t", "\r", "\n", "\n\n",
              "\x0b", "\x0c", "\u2028", "\uff0c", "\uff12", "\uff08", "\uff09", "Ａ", "a", "1", "記者"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(2000)]
    texts += [path.read_text(encoding="utf-8") for path in SEEDS.values()]
    for text in texts:
        prepared = remove_pinyin(remove_invisible(text))[0]
        expected = [line for line in (normalise_width(line) for line in prepared.split("\n")) if line]
        cleaned = clean_text(text, rules=BoilerplateRules())
        assert cleaned.text_original.split("\n") == (expected or [""]), repr(text)


# ---------------------------------------------------------------- sentences and lost characters


def test_a_lost_character_question_mark_does_not_end_a_sentence():
    line = "战『疫』每日观察?常态化疫情防控,社区防线决不可松懈"
    assert sentence_spans(line) == [(0, len(line))]


def test_a_real_question_mark_ends_a_sentence():
    line = "有没有去过武汉的人员?再就是登记体温。"
    spans = sentence_spans(line)
    assert [line[a:b] for a, b in spans] == ["有没有去过武汉的人员?", "再就是登记体温。"]


def test_a_question_about_a_list_ends_a_sentence():
    # the question word is before the list's 、, which does not end the clause
    line = "有居民问，街道是否还组织团购、上门送菜?物业说要等通知。"
    assert [line[a:b] for a, b in sentence_spans(line)] == ["有居民问，街道是否还组织团购、上门送菜?", "物业说要等通知。"]


def test_a_question_asked_as_a_verb_and_its_negation_ends_a_sentence():
    line = "能不能把老人的买菜问题想在前面?要不要多建几个采样点?可不可以再等等?社区说可以。"
    assert [line[a:b] for a, b in sentence_spans(line)] == [
        "能不能把老人的买菜问题想在前面?", "要不要多建几个采样点?", "可不可以再等等?", "社区说可以。"]


def test_closing_quotes_stay_with_their_sentence():
    line = "“收到!情况已了解。”负责人当即做出安排。"
    assert [line[a:b] for a, b in sentence_spans(line)] == ["“收到!", "情况已了解。”", "负责人当即做出安排。"]


def test_sentence_offsets_cover_multi_line_text():
    text = "标题一行\n第一句。第二句!\n第三句"
    spans = list(iter_sentences(text))
    assert [text[a:b] for a, b in spans] == ["标题一行", "第一句。", "第二句!", "第三句"]


def _sentence_spans_char_by_char(line):
    """The sentence rule as first written: one character at a time."""
    spans, start, index = [], 0, 0
    while index < len(line):
        if line[index] in _SENTENCE_END and not (line[index] == "?" and is_lost_character(line, index)):
            index += 1
            while index < len(line) and (line[index] in _SENTENCE_END or line[index] in _CLOSERS):
                index += 1
            spans.append((start, index))
            start = index
        else:
            index += 1
    spans.append((start, len(line)))
    return trimmed_spans(line, spans)


@pytest.mark.parametrize(
    "line",
    [
        "",
        "   ",
        "没有句号的一行",
        "第一句。 第二句!!”  第三句??",
        "“收到!”)』情况已了解。」」负责人当即做出安排",
        "战『疫』每日观察?常态化?是否需要?好。",
        "?开头的问号。。。",
        "英文! Mixed? text. 结束。 ",
    ],
)
def test_sentence_spans_agree_with_the_character_by_character_rule(line):
    assert sentence_spans(line) == _sentence_spans_char_by_char(line)


def test_sentence_spans_agree_with_the_character_by_character_rule_on_the_seeds():
    for path in SEEDS.values():
        for line in read_text(path).text.split("\n"):
            assert sentence_spans(line) == _sentence_spans_char_by_char(line)


def test_alnum_only_keeps_what_isalnum_keeps():
    text = "社区_防控, PCR检测:12%「通知」①②Ⅻ\u3000ＡＢ１２!¿"
    assert alnum_only(text) == "".join(ch for ch in text if ch.isalnum())


def test_lines_convert_as_one_text_exactly_as_sentence_by_sentence():
    # One OpenCC call per article relies on no conversion spanning a sentence or line end.
    for path in SEEDS.values():
        lines = [line for line in clean_text(read_text(path).text).text_original.split("\n") if line]
        by_sentence = []
        for line in lines:
            pieces, cursor = [], 0
            for start, end in sentence_spans(line):
                pieces += [line[cursor:start], to_simplified(line[start:end])]
                cursor = end
            by_sentence.append("".join(pieces) + line[cursor:])
        assert simplified_lines(lines) == by_sentence
        assert simplified_lines(lines) == [to_simplified(line) for line in lines]
    assert simplified_lines([]) == []


# ---------------------------------------------------------------- script conversion


@pytest.mark.parametrize(
    ("traditional", "simplified"),
    [
        ("下沈乾部", "下沉干部"),
        ("纔能擔起", "才能担起"),
        ("強大支橕", "强大支撑"),
        ("處於潛伏期", "处于潜伏期"),
        ("從事著疫情監測", "从事着疫情监测"),
        ("防控效果顯著", "防控效果显著"),  # 著 as in 显著 stays
        ("協助社區著重做好", "协助社区着重做好"),
        ("社區工作者", "社区工作者"),
    ],
)
def test_traditional_to_simplified_with_fixes(traditional, simplified):
    assert to_simplified(traditional) == simplified


def test_simplified_text_is_left_as_it_is():
    text = "孝感市直驻董永社区疫情防控工作队队长郑俊杰在工作群里焦急地报告。"
    assert to_simplified(text) == text


def test_script_fixes_are_phrases_of_equal_length():
    for wrong, right in SCRIPT_FIXES.items():
        assert len(wrong) == len(right), wrong


def test_original_script_is_kept_beside_the_simplified_text():
    cleaned = clean_text("社區防線決不可松懈。\n下沈乾部返崗上班。")
    assert cleaned.text == "社区防线决不可松懈。\n下沉干部返岗上班。"
    assert cleaned.text_original == "社區防線決不可松懈。\n下沈乾部返崗上班。"


# ---------------------------------------------------------------- boilerplate rules

PAGE = """第02版:综合
3上一版  下一版4
别的标题一
别的标题二
版面导航
站内检索
3上一篇  下一篇4 2022年3月21日 放大 缩小 默认
您的位置: 首页 > 要闻 > 正文
来源: 某某日报 作者:张三 编辑:李四 2020-04-10 21:43:28
扫码阅读手机版
社区工作者坚守一线,为遏制疫情蔓延作出了重要贡献。
他们说,图书馆的版权所有者来电询问开馆时间,工作人员耐心解释:疫情期间暂停开放,等疫情过去再约时间。社区这道防线要守好,居民的生活要保障好,每一户的需求都要登记清楚,孤寡老人、困难儿童、特困人员的生活要特别关照,让大家都能安心在家,共同守护好这个大家庭。
分享到:
下载某某客户端关注更多精彩
关于我们 | 广告服务 | 联系我们 | 网站地图
违法和不良信息举报电话:022-23602087
Copyright (C) 2000-2024 Example.com.cn All rights reserved
某某网版权所有 京ICP备12024993号-1
地址:吉林省白城市中兴西大路43号 邮编:137000
关闭"""


def test_boilerplate_is_removed_and_logged_with_rule_and_reason():
    cleaned = clean_text(PAGE)
    assert cleaned.text.split("\n") == [
        "社区工作者坚守一线,为遏制疫情蔓延作出了重要贡献。",
        "他们说,图书馆的版权所有者来电询问开馆时间,工作人员耐心解释:疫情期间暂停开放,等疫情过去再约时间。社区这道防线要守好,居民的生活要保障好,每一户的需求都要登记清楚,孤寡老人、困难儿童、特困人员的生活要特别关照,让大家都能安心在家,共同守护好这个大家庭。",
    ]
    logged = {entry["line"]: entry for entry in cleaned.removed}
    assert set(logged) == set(range(1, 11)) | set(range(13, 21))
    assert logged[3]["rule"] == "page_headlines"
    assert logged[7]["rule"] == "paging" and "2022年3月21日" in logged[7]["text"]
    assert logged[9]["rule"] == "byline"
    assert logged[16]["rule"] == "report_hotline"
    assert logged[17]["rule"] == "copyright"
    assert logged[18]["rule"] in {"copyright", "licence"}
    assert logged[19]["rule"] == "address"
    assert len(cleaned.text.split("\n")[1]) > 120  # a long body paragraph is out of reach of the copyright rule
    assert all(entry["reason"] for entry in cleaned.removed)


def test_traditional_boilerplate_matches_simplified_rules():
    cleaned = clean_text("歡迎使用手機(jī)瀏覽\n城鄉社區是疫情聯防聯控的第一線。\n關於我們 聯系我們 網站地圖 用戶調查")
    assert cleaned.text == "城乡社区是疫情联防联控的第一线。"
    assert [entry["rule"] for entry in cleaned.removed] == ["mobile", "site_menu"]


def test_summary_repeating_the_lead_goes_but_a_new_one_stays():
    lead = "就在武汉“解封”的当天,总书记给社区工作者写了一封回信。"
    repeated = clean_text(f"内容提要:就在武汉『解封』的当天,总书记给社区工作者写了一封回信。\n{lead}")
    assert repeated.text == lead
    assert repeated.removed[0]["rule"] == "summary"
    fresh = clean_text(f"内容提要:本文介绍三个社区的做法。\n{lead}")
    assert fresh.text.startswith("内容提要:本文介绍三个社区的做法。")


def test_a_headline_block_without_its_end_marker_is_kept():
    text = "第02版:综合\n战疫,我们在一线!\n社区工作者坚守一线。"
    cleaned = clean_text(text)
    assert "战疫,我们在一线!" in cleaned.text
    assert [entry["rule"] for entry in cleaned.removed] == ["edition"]


def test_links_to_other_pages_go_and_their_dates_are_not_the_pages():
    page = ("边城小区的十四天\n本报讯 社区连续十四天组织核酸采样，志愿者把菜送到楼下。\n"
            "相关阅读：\n· 州里召开疫情防控工作新闻发布会（2021-04-08）\n市里对重点区域实行分区分类管理\n"
            "责任编辑：李某\n分享到：")
    cleaned = clean_text(page)
    assert cleaned.text.split("\n") == ["边城小区的十四天", "本报讯 社区连续十四天组织核酸采样,志愿者把菜送到楼下。"]
    rules = [entry["rule"] for entry in cleaned.removed]
    assert rules == ["related_links"] * 3 + ["byline", "share"]
    # the links are other pages': their dates are not this page's; the page's own byline after them still counts
    assert publication_date(cleaned) is None
    assert [entry["rule"] for entry in cleaned.own_removed()] == ["byline", "share"]
    assert publication_date(clean_text(page.replace("责任编辑：李某", "2021-04-12 责任编辑：李某"))) == "2021-04-12"


def test_a_related_heading_stops_at_the_first_paragraph_of_text():
    cleaned = clean_text("相关新闻\n社区对返乡人员逐户登记，落实居家健康监测。\n志愿者在卡口值守。")
    assert cleaned.text.split("\n") == ["社区对返乡人员逐户登记,落实居家健康监测。", "志愿者在卡口值守。"]


def _rules_error(path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    with pytest.raises(HelpersError) as error:
        load_boilerplate_rules(path)
    return str(error.value)


def test_rules_file_errors_name_the_line(tmp_path):
    bad_regex = "lines:\n  - id: x\n    reason: y\n    pattern: '(unclosed'\n"
    assert _rules_error(tmp_path / "boilerplate.yaml", bad_regex) == (
        "boilerplate.yaml, line 4: bad regular expression (missing ), unterminated subpattern at position 0) "
        "in pattern; fix: correct it; single-quote it"
    )
    # The unknown key's own line, as in every data file (it was the rule's line before the schema layer).
    unknown = "lines:\n  - id: x\n    reason: y\n    pattern: a\n    maxchars: 3\n"
    assert _rules_error(tmp_path / "b2.yaml", unknown) == (
        "b2.yaml, line 5: unknown key 'maxchars'; fix: remove it; "
        "allowed keys: id, reason, reason_zh, pattern, max_chars"
    )
    assert _rules_error(tmp_path / "b3.yaml", "lines: []\nfooters: []\n") == (
        "b3.yaml, line 2: unknown key 'footers'; fix: remove it; allowed keys: lines, blocks, summaries, links"
    )


def test_shipped_rules_load():
    rules = load_boilerplate_rules()
    assert rules.lines and rules.blocks and rules.summaries and rules.links


def test_every_shipped_rule_gives_its_reason_in_chinese():
    rules = load_boilerplate_rules()
    for rule in (*rules.lines, *rules.blocks, *rules.summaries, *rules.links):
        assert rule.reason_zh and re.search("[\u4e00-\u9fff]", rule.reason_zh), rule.id
        assert rules.reason(rule.id, "zh") == rule.reason_zh
        assert rules.reason(rule.id, "en") == rule.reason
    assert rules.reason("no-such-rule", "zh") is None


def test_reason_zh_is_optional_and_checked(tmp_path):
    plain = tmp_path / "plain.yaml"
    plain.write_text("lines:\n  - id: x\n    reason: footer\n    pattern: a\n", encoding="utf-8")
    assert load_boilerplate_rules(plain).reason("x", "zh") == "footer"  # falls back to the English reason
    blank = tmp_path / "blank.yaml"
    blank.write_text("lines:\n  - id: x\n    reason: footer\n    reason_zh: ''\n    pattern: a\n", encoding="utf-8")
    with pytest.raises(HelpersError, match=r"blank\.yaml, line 4: reason_zh must be non-empty text"):
        load_boilerplate_rules(blank)


# ---------------------------------------------------------------- the real seeds

BOILERPLATE_MARKERS = [
    "扫码阅读", "手机版", "上一版", "下一版", "上一篇", "版面导航", "站内检索", "放大 缩小", "您的位置",
    "来源:", "编辑:", "ICP", "版权所有", "版权均属", "Copyright", "举报电话", "分享到", "APP下载",
    "客户端关注", "公众微信", "关于我们", "http", "邮编", "内容提要", "欢迎使用手机", "推荐新闻",
    "农行妇联携手", "初心如磐终不改",  # other headlines on 001's e-paper page
]


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_boilerplate_is_gone(seed):
    cleaned = clean_text(read_text(SEEDS[seed]).text)
    for marker in BOILERPLATE_MARKERS:
        assert marker not in cleaned.text, marker
    assert "关闭" not in cleaned.text.split("\n")
    assert "(" not in cleaned.text_original or "(qū)" not in cleaned.text_original


@pytest.mark.parametrize(
    ("seed", "kept"),
    [
        ("000", ["就在武汉“解封”的当天", "群防群控,社区仍是防反弹的关键", "使社区成为疫情防控的坚强堡垒、复工复产的强大支撑。"]),
        ("001", ["——我市社区疫情防控工作纪实", "记者 王野村 摄", "城市晚报白城讯 连日来", "取得疫情防控战斗的最后胜利!记者 张风"]),
        ("002", ["城乡社区是疫情联防联控的第一线", "提出了加强激励保障、安全保护和人文关怀等八条措施。", "向党和人民交上一份满意的答卷。"]),
        ("003", ["“花式”动员、优化点位:提升核酸检测效率", "李冉摄", "赵晨娟摄", "让社区战疫一线成为最有效的防线!"]),
        ("004", ["截至2月19日", "(孝南区、市高新区)", "(无新增确诊病例、无新增疑似病例、无新增发热病例)", "全力以赴坚决打赢疫情防控阻击战。(通讯员张灿)"]),
    ],
)
def test_seed_body_is_kept(seed, kept):
    cleaned = clean_text(read_text(SEEDS[seed]).text)
    for piece in kept:
        assert piece in cleaned.text, piece


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_every_seed_line_is_kept_or_logged(seed):
    """No line disappears silently: each non-blank line is in the body or in the removal log."""
    raw = read_text(SEEDS[seed]).text
    cleaned = clean_text(raw)
    logged = {entry["line"] for entry in cleaned.removed}
    kept = set(cleaned.body_lines)
    nonblank = {n for n, line in enumerate(raw.split("\n"), 1) if remove_invisible(line).strip()}
    assert logged | kept == nonblank
    assert not logged & kept
    assert len(cleaned.body_lines) == len(cleaned.text.split("\n"))


def test_seed_body_paragraphs_are_never_logged_as_boilerplate():
    """Removed lines are page furniture: short, or the one reprint notice; never a long body paragraph."""
    for seed, path in SEEDS.items():
        for entry in clean_text(read_text(path).text).removed:
            assert len(entry["text"]) < 120 or entry["rule"] in {"reprint_notice", "site_menu", "licence", "summary"}, (seed, entry)


def test_pinyin_seeds_lose_their_annotations():
    for seed in ("002", "003"):
        cleaned = clean_text(read_text(SEEDS[seed]).text)
        assert cleaned.pinyin_removed > 100
        assert "(qū)" not in cleaned.text_original
        assert "社區" in cleaned.text_original  # the original script survives
    assert clean_text(read_text(SEEDS["004"]).text).pinyin_removed == 0


def test_seed_text_has_no_traditional_leftovers_from_the_fix_table():
    for path in SEEDS.values():
        text = clean_text(read_text(path).text).text
        for wrong in SCRIPT_FIXES:
            assert wrong not in text
        assert to_simplified(text) == text  # converting again changes nothing


def test_seed_warnings_flag_lost_characters_and_mojibake():
    assert any(w["code"] == "warning.lost_character" for w in clean_text(read_text(SEEDS["000"]).text).warnings)
    warnings_003 = clean_text(read_text(SEEDS["003"]).text).warnings
    assert any(w["code"] == "warning.mojibake" for w in warnings_003)
    assert not clean_text(read_text(SEEDS["004"]).text).warnings  # its ? are real questions
