"""Genre: what kind of piece an article is, read from what the page prints, settable in metadata.yaml."""

from __future__ import annotations

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from helpers import paths
from helpers.corpus import read_corpus
from helpers.corpus.articles import build_article
from helpers.corpus.cleaning import clean_text
from helpers.corpus.genre import GENRES, UNKNOWN, genre_of
from helpers.corpus.manual import load_manual_metadata
from helpers.corpus.metadata import extract_metadata
from helpers.errors import HelpersError
from helpers.publish.index_page import render_index
from helpers.publish.plan import CorpusSummary
from helpers.report import tables
from helpers.report.genre import genre_name, genre_note, genre_notes

BODY = "社区工作人员在小区门口为居民测量体温，登记出入信息，并上门为独居老人送去蔬菜。"


def _genre(page: str) -> tuple[str, str | None]:
    value = extract_metadata(clean_text(page))["genre"]
    return value.value, value.provenance


@pytest.mark.parametrize(
    ("page", "genre"),
    [
        # labels in the headline: bracketed, or before a separator (an outlet's name may come first)
        (f"【时评】社区防线不能松\n{BODY}", "commentary"),
        (f"时评｜社区防线不能松\n{BODY}", "commentary"),
        (f"新华时评：守住社区这道防线\n{BODY}", "commentary"),
        (f"本台评论：社区防控决不可松懈\n{BODY}", "commentary"),
        (f"［社论］筑牢群防群控的人民防线\n{BODY}", "commentary"),
        (f"短评:为社区工作者减负\n{BODY}", "commentary"),
        (f"观点丨常态化防控要精准\n{BODY}", "commentary"),
        (f"锐评：形式主义要不得\n{BODY}", "commentary"),
        (f"人民日报评论员：守好社区防线\n{BODY}", "commentary"),
        (f"关于加强小区出入管理的通知\n{BODY}", "notice"),
        (f"城关镇疫情防控通告（第5号）\n{BODY}", "notice"),
        (f"幸福里小区疫情防控通知\n{BODY}", "notice"),
        (f"关于春节期间村民返乡的防疫通知\n{BODY}", "notice"),
        (f"紧急通知\n{BODY}", "notice"),
        (f"致全体居民的倡议书\n{BODY}", "notice"),
        (f"告全市居民书\n{BODY}", "notice"),
        (f"专访｜社区书记谈防控\n{BODY}", "interview"),
        (f"对话社区党委书记：守门的四十天\n{BODY}", "interview"),
        (f"【特写】雪夜里的卡点\n{BODY}", "feature"),
        # a subtitle that names the genre, or introduces a portrait
        (f"战疫，我们在一线！\n——我市社区疫情防控工作纪实\n{BODY}", "feature"),
        (f"守门人\n——记东湖社区党委书记张三\n{BODY}", "feature"),
        (f"守门人\n——社区防控一线通讯\n{BODY}", "feature"),
    ],
)
def test_a_label_in_the_headline_or_subtitle_says_the_genre(page, genre):
    assert _genre(page) == (genre, "extracted")


@pytest.mark.parametrize(
    ("page", "genre"),
    [
        (f"社区防线不能松\n本报评论员\n{BODY}", "commentary"),
        (f"社区防线不能松\n{BODY}\n（作者系本报特约评论员）", "commentary"),
        (f"社区防线不能松\n作者：张三（光明网特约评论员）\n{BODY}", "commentary"),
    ],
)
def test_a_commentators_byline_makes_a_commentary(page, genre):
    assert _genre(page) == (genre, "extracted")


def test_the_channel_in_a_breadcrumb_says_the_genre():
    assert genre_of(BODY, ["您的位置：首页 > 评论 > 正文"])[0] == "commentary"
    assert genre_of(BODY, ["当前位置：首页>>通知公告"])[0] == "notice"
    assert genre_of(BODY, ["首页 > 在线访谈"])[0] == "interview"
    assert genre_of(BODY, ["您的位置:首页 > 要闻 > 正文"]) is None  # a channel that names no genre


def test_the_form_of_the_text_says_interview_or_notice():
    qa = f"社区书记谈防控\n记者：封控期间物资怎么保障？\n张书记：{BODY}\n记者：下一步怎么做？\n张书记：继续守好门。"
    assert _genre(qa) == ("interview", "extracted")
    assert _genre(f"小区管理规定\n{BODY}\n特此通知。\n城关社区居委会") == ("notice", "extracted")
    assert _genre(f"广大居民朋友们：\n{BODY}") == ("notice", "extracted")
    assert _genre(f"全体村民：\n{BODY}") == ("notice", "extracted")
    assert _genre(f"全体居民朋友们：\n{BODY}") == ("notice", "extracted")
    # the verb, not the noun: a report that cadres went round telling everyone
    assert _genre(f"社区干部挨家挨户通知\n{BODY}")[0] != "notice"


@pytest.mark.parametrize(
    "page",
    [
        f"新华社武汉4月8日电 {BODY}",
        f"社区团购保供应\n本报讯 {BODY}",
        f"社区防控见闻\n城市晚报白城讯 {BODY}",
        f"社区防控见闻\n中新网石家庄1月11日电（记者 张三）{BODY}",
    ],
)
def test_a_dispatch_line_makes_a_news_report(page):
    assert _genre(page) == ("news", "extracted")


def test_a_label_says_more_than_a_dispatch_line():
    page = f"战疫，我们在一线！\n——我市社区疫情防控工作纪实\n城市晚报白城讯 {BODY}"
    assert _genre(page) == ("feature", "extracted")
    assert genre_of(clean_text(page).text) == ("feature", "label 纪实 in the subtitle")


def test_an_opinion_in_the_first_person_makes_a_commentary_unless_it_is_quoted():
    assert _genre(f"社区防控要精准\n{BODY}我认为，防控不能一刀切。") == ("commentary", "extracted")
    assert _genre(f"社区防控要精准\n{BODY}在笔者看来，减负才能增效。") == ("commentary", "extracted")
    assert _genre(f"社区防控要精准\n{BODY}张书记说：“我认为，防控不能一刀切。”") == (UNKNOWN, None)
    assert _genre(f"社区防控要精准\n{BODY}笔者了解到，该社区已连续值守40天。") == (UNKNOWN, None)


@pytest.mark.parametrize(
    "page",
    [
        BODY,
        f"社区防线决不可松懈\n{BODY}",
        f"守门的四十天\n{BODY}（通讯员张灿）",  # a correspondent, not the label 通讯
        f"某市发布第5号通告\n{BODY}",  # a headline reporting a notice is no notice
        f"小区收到居委会的通知\n{BODY}",
        f"社区设立隔离医学观察点\n{BODY}",
        f"雪夜守门人\n记者 王野村 摄\n{BODY}",  # a photographer's credit
        f"社区防控见闻\n{BODY}人民日报评论员文章指出，社区是疫情防控的第一线，各地要抓细抓实各项措施，不留死角。",
        f"社区防控见闻\n{BODY}市委直属机关工委下发了市直单位党员干部参与社区疫情防控工作的通知，要求立即到岗。",
        f"社区防控见闻\n{BODY}记者：张三",  # one line is no interview
        f"社区防控见闻\n某社区传来喜讯 {BODY}",  # 讯 of 喜讯 is no dispatch
    ],
)
def test_a_text_that_does_not_say_is_unknown(page):
    assert _genre(page) == (UNKNOWN, None)


# ---------------------------------------------------------------- the manual metadata file


def _manual(tmp_path, entry: str) -> dict:
    path = tmp_path / "metadata.yaml"
    path.write_text(f"a1:\n  genre:\n{entry}", encoding="utf-8")
    return load_manual_metadata(path)["a1"]


def test_a_manual_genre_wins_and_says_so(tmp_path):
    manual = _manual(tmp_path, "    value: commentary\n    note: argues what must be done, reports nothing\n")
    record = build_article(f"社区防控见闻\n本报讯 {BODY}".encode(), "a1", "a1.txt", manual)
    assert (record["genre"], record["genre_provenance"]) == ("commentary", "manual")
    assert any(w["code"] == "warning.manual_replaces" and w["fields"]["field"] == "genre" for w in record["warnings"])
    # a manual genre where nothing was found replaces nothing: no warning
    record = build_article(BODY.encode(), "a1", "a1.txt", manual)
    assert (record["genre"], record["genre_provenance"]) == ("commentary", "manual")
    assert not any(w["code"] == "warning.manual_replaces" for w in record["warnings"])


def test_a_manual_null_keeps_the_extracted_genre(tmp_path):
    manual = _manual(tmp_path, "    value: null\n    note: could not tell\n")
    record = build_article(f"社区防控见闻\n本报讯 {BODY}".encode(), "a1", "a1.txt", manual)
    assert (record["genre"], record["genre_provenance"]) == ("news", "extracted")
    record = build_article(BODY.encode(), "a1", "a1.txt", manual)
    assert (record["genre"], record["genre_provenance"]) == (UNKNOWN, None)


def test_a_manual_genre_must_be_one_of_the_genres(tmp_path):
    path = tmp_path / "metadata.yaml"
    path.write_text("a1:\n  genre:\n    value: opinion\n    note: x\n", encoding="utf-8")
    with pytest.raises(HelpersError) as error:
        load_manual_metadata(path)
    assert str(error.value) == (
        "metadata.yaml, line 3: genre must be one of news, commentary, notice, interview, feature, not 'opinion'; "
        "fix: write one of news, commentary, notice, interview, feature, or null if it cannot be told"
    )


# ---------------------------------------------------------------- the seeds


def test_the_seeds_genres_and_where_each_comes_from():
    articles = read_corpus(paths.seeds_dir()).articles.set_index("id")
    found = {i[:3]: (r.genre, r.genre_provenance) for i, r in articles.iterrows()}
    assert found == {
        "000": ("commentary", "manual"),  # CCTV's national commentary on Wuhan's reopening
        "001": ("feature", "extracted"),  # ——我市社区疫情防控工作纪实
        "002": ("commentary", "manual"),
        "003": ("feature", "manual"),
        "004": ("feature", "manual"),  # (通讯员张灿) is a byline, not the label 通讯
    }
    assert set(articles["genre"]) <= {*GENRES, UNKNOWN}


def test_every_manual_genre_of_the_seeds_is_one_the_text_does_not_give():
    """A manual genre is for what the text does not say: none repeats or overrides an extracted one."""
    articles = read_corpus(paths.seeds_dir()).articles
    for row in articles.itertuples():
        if row.genre_provenance == "manual":
            assert genre_of(row.text, [item["text"] for item in row.removed]) is None, row.id


def test_a_short_sentence_of_the_body_is_no_header():
    """Short-paragraph pages: only the headline and the short lines before the first sentence are the header."""
    page = "上海静安区社区开展核酸检测\n静安区各街道组织居民有序排队参加核酸检测。\n上海的社区工作者挨家挨户通知\n网友评论：辛苦了\n"
    assert _genre(page) == (UNKNOWN, None)
    assert _genre("社区工作者挨家挨户通知\n" + BODY) == (UNKNOWN, None)  # a headline reporting, not a notice


# ---------------------------------------------------------------- what readers are told


def _group(*genres: str) -> pd.DataFrame:
    return pd.DataFrame({"id": [f"a{i}" for i in range(len(genres))], "city": "武汉", "genre": list(genres)})


def test_a_group_whose_only_article_is_a_commentary_is_said_to_be_one():
    assert genre_note(_group("commentary"), "Wuhan", "en") == (
        "Wuhan: its only article is a commentary, not a report — it argues what should be done rather than "
        "reporting what was done."
    )
    assert genre_note(_group("commentary"), "武汉", "zh") == (
        "武汉：仅有的一篇文章是评论而非报道，论述的是应当怎么做，而不是做了什么。"
    )
    assert genre_note(_group("commentary", "commentary"), "Wuhan", "en").startswith(
        "Wuhan: all 2 articles are commentaries, none a report"
    )


def test_a_group_with_no_report_says_what_it_has_instead():
    assert genre_note(_group("notice"), "Wuhan", "en") == "Wuhan: its only article is a notice, not a report of what was done."
    assert genre_note(_group("unknown"), "武汉", "zh") == "武汉：仅有的一篇文章未说明体裁，未必是对所做之事的报道。"
    assert genre_note(_group("commentary", "notice", "unknown"), "Wuhan", "en") == (
        "Wuhan: none of its 3 articles is known to be a report of what was done "
        "(commentary: 1; notice: 1; genre not known: 1)."
    )
    assert genre_note(_group("commentary", "commentary", "notice"), "武汉", "zh") == (
        "武汉：3 篇文章中没有一篇确知是对所做之事的报道（评论 2 篇、通知公告 1 篇）。"
    )


@pytest.mark.parametrize("genres", [("news",), ("feature",), ("interview",), ("commentary", "news"),
                                    ("commentary", "feature"), ()])
def test_a_group_with_a_report_or_no_article_needs_no_note(genres):
    assert genre_note(_group(*genres), "Wuhan", "en") is None


def test_the_seeds_wuhan_and_the_national_group_rest_on_one_commentary():
    articles = read_corpus(paths.seeds_dir()).articles
    notes = genre_notes(articles, "en")
    assert list(notes) == ["全国", "武汉"]
    assert notes["武汉"].startswith("Wuhan: its only article is a commentary, not a report")
    assert genre_notes(articles, "zh")["武汉"].startswith("武汉：仅有的一篇文章是评论而非报道")
    # grouped by year, 2020 has Xiaogan's feature beside Wuhan's commentary: no note
    years = articles.assign(year=articles["published"].str[:4].fillna("?"))
    assert genre_notes(years, "en", by="year") == {
        "?": "?: its only article is a commentary, not a report — it argues what should be done rather than "
             "reporting what was done."
    }
    assert genre_notes(years, "en", by="year", names={"?": "Year unknown"})["?"].startswith("Year unknown: its only")


def test_every_genre_has_a_name_in_both_languages():
    for genre in (*GENRES, UNKNOWN):
        assert genre_name(genre, "zh") != genre_name(genre, "en")
    assert genre_name(None, "en") == "genre not known"


def test_the_overview_table_and_the_index_show_each_articles_genre():
    articles = read_corpus(paths.seeds_dir()).articles
    zh = tables.article_table(articles, "zh").data
    assert list(zh["体裁"]) == ["评论（人工）", "通讯/纪实", "评论（人工）", "通讯/纪实（人工）", "通讯/纪实（人工）"]
    assert tables.article_table(articles, "en").data["Genre"].iloc[0] == "commentary (manual)"
    summary = CorpusSummary(
        cities=[("武汉", "Wuhan")], skipped=[],
        articles=[{"id": "a1", "city": "武汉", "city_en": "Wuhan", "published": None, "title": "t", "genre": "commentary"},
                  {"id": "a2", "city": "武汉", "city_en": "Wuhan", "published": None, "title": "t"}],
    )
    page = BeautifulSoup(render_index(summary, [], {}, None), "html.parser")
    assert "体裁 / Genre" in [cell.get_text() for cell in page.find_all("th")]
    cells = [cell.get_text() for cell in page.find_all("td")]
    assert "评论 / commentary" in cells and "体裁不详 / genre not known" in cells  # a summary cached before genres


@pytest.mark.parametrize(
    ("removed", "genre"),
    [
        pytest.param(["江淮评论 2022-04-06 08:30 作者：某某"], "commentary", id="a-dated-commentary-column"),
        pytest.param(["西江时评　2020年2月6日"], "commentary", id="a-dated-column-of-short-comment"),
        # a commentator's column name with no date is no header of this page's, nor is 评论员 a column
        pytest.param(["江淮评论员 2022-04-06"], None, id="a-commentator-is-no-column"),
    ],
)
def test_a_commentary_column_heading_the_page_with_its_date_says_what_it_is(removed, genre):
    found = genre_of("社区防控要精准\n近日，多地社区调整了防控措施，居民出行更加便利。", removed)
    assert (found[0] if found else None) == genre
