"""Bad input, nothing lost: bad files dropped into a copy of the seeds, and bad parameters.

One build (module fixture, a few minutes on two cores) runs on the real seeds
plus every kind of bad input at once: an empty file, a binary file, GBK, Big5
and UTF-16 copies of real seeds, a 10 MB file, an article without Chinese, an
article from a city missing from the gazetteer, a byte-for-byte copy, an
article carrying HTML and ``<script>``, a file name with spaces and Chinese
characters, and a malformed entry in ``metadata.yaml``.  Each test then checks
one case: the build finished without failed reports, the bad file is named
with its reason, and every real article is still in every report.

What the reports show, case by case:

* skipped with a reason (overview "Skipped files" table and index list):
  the empty, binary, 10 MB and English files, and ``metadata.yaml`` for its
  bad entry (that entry is ignored; the other entries still apply);
* kept and flagged in the overview "Duplicate of" column: the re-encoded
  copies (with the encoding they were read in) and the byte copy;
* kept under 全国 with a warning naming the gazetteer: the article from a
  city the gazetteer lacks;
* kept, with its markup shown as text and never as HTML: the HTML article;
* kept under its id with the spaces: the oddly named file.
"""

from __future__ import annotations

import html
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import build_reports
from helpers import paths
from helpers.analysis import analyse
from helpers.catalogue import render
from helpers.cli import main
from helpers.corpus import read_corpus
from helpers.corpus.articles import build_article
from helpers.corpus.limits import Limits, check_article_size, load_limits
from helpers.corpus.manual import load_manual_metadata
from helpers.errors import HelpersError
from helpers.publish.execution import PapermillExecutor, _run_one
from helpers.publish.plan import NOTEBOOKS, ReportSpec, city_slug

SEEDS = paths.seeds_dir()
REAL_IDS = sorted(p.stem for p in SEEDS.glob("*.txt"))
WUHAN, BAICHENG, NATIONAL, BEIJING, XIAOGAN = REAL_IDS  # cities as the seeds give them

# Every added file sorts after the real ids, so the real article of a city is
# the one kept first and quoted first.
EMPTY = "zz_empty.txt"
BINARY = "zz_binary.txt"
GBK_COPY = "zz_gbk_copy.txt"  # of XIAOGAN
BIG5_COPY = "zz_big5_copy.txt"  # of WUHAN (a Traditional page; Big5 cannot hold Simplified)
UTF16_COPY = "zz_utf16_copy.txt"  # of BAICHENG
HUGE = "zz_huge.txt"
ENGLISH = "zz_english.txt"
UNKNOWN_CITY = "zz_penang.txt"
EXACT_COPY = "zz_exact_copy.txt"  # of BEIJING
HTML_ARTICLE = "zz_html.txt"
ODD_NAME = "北京 社区 通知 (副本).txt"

COPIES = {GBK_COPY: (XIAOGAN, "gb18030"), BIG5_COPY: (WUHAN, "big5"), UTF16_COPY: (BAICHENG, "utf-16"),
          EXACT_COPY: (BEIJING, "utf-8")}

# Every city of China is in the gazetteer (read from the divisions dataset): a city it lacks is abroad.
PENANG_TEXT = (
    "槟城社区筑牢疫情防线\n"
    "乔治市升旗山下的社区工作人员连日来逐户排查，组织居民有序开展核酸检测。\n"
    "社区志愿者在组屋楼下测量体温、查验健康码，并为居家隔离的老人送去生活物资。\n"
)
HTML_TEXT = (
    '北京社区通知<script>alert("x")</script>\n'
    '<p>2022年5月1日，北京市朝阳区<b class="seedmarkup">望京街道</b>社区组织居民开展核酸检测。</p>\n'
    '<script>alert("x")</script>社区工作人员逐户登记，北京的志愿者在小区门口查验健康码。\n'
)
ODD_NAME_TEXT = (
    "北京丰台社区志愿者守好小区门\n"
    "北京市丰台区长辛店街道的社区志愿者每天在小区门口值守，为进出居民测量体温。\n"
    "北京的社区工作者还为独居老人送菜上门，并开展环境消杀。\n"
)
BAD_METADATA_ENTRY = (
    "\nzz_penang:\n  city:\n    value: 槟城\n    note: The article is about Penang (乔治市).\n"
)

SKIPPED_REASONS = {  # file -> what its reason must say
    EMPTY: "file is empty",
    BINARY: "binary file",
    HUGE: "over the 1.0 MB limit for one article",
    ENGLISH: "no Chinese text found",
    "metadata.yaml": "city '槟城' is not in gazetteer.yaml",
}


def add_bad_input(seeds: Path) -> None:
    """Drop every kind of bad input into a copy of the seeds folder."""
    text = {p.stem: p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")}
    (seeds / EMPTY).write_bytes(b"")
    (seeds / BINARY).write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64)
    (seeds / GBK_COPY).write_bytes(text[XIAOGAN].encode("gbk"))
    (seeds / BIG5_COPY).write_bytes(text[WUHAN].encode("big5"))
    (seeds / UTF16_COPY).write_bytes(text[BAICHENG].encode("utf-16"))
    block = text[BEIJING].encode("utf-8")
    (seeds / HUGE).write_bytes(block * (10 * 1024 * 1024 // len(block) + 1))
    (seeds / ENGLISH).write_text("Community prevention in Wuhan: volunteers check temperatures.\n" * 20, encoding="utf-8")
    (seeds / UNKNOWN_CITY).write_text(PENANG_TEXT, encoding="utf-8")
    shutil.copyfile(seeds / f"{BEIJING}.txt", seeds / EXACT_COPY)
    (seeds / HTML_ARTICLE).write_text(HTML_TEXT, encoding="utf-8")
    (seeds / ODD_NAME).write_text(ODD_NAME_TEXT, encoding="utf-8")
    with open(seeds / "metadata.yaml", "a", encoding="utf-8") as handle:
        handle.write(BAD_METADATA_ENTRY)


# --------------------------------------------------------------------------- reading HTML tables


class _Tables(HTMLParser):
    """Every <table> of a page as rows of cell texts (header cells included)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def tables(page: str) -> list[list[list[str]]]:
    parser = _Tables()
    parser.feed(page)
    return parser.tables


def table_with(page: str, header: str) -> list[dict[str, str]]:
    """The first table whose header row has ``header``, as dicts keyed by the header row."""
    for table in tables(page):
        if table and header in table[0]:
            head = table[0]
            return [dict(zip(head, row)) for row in table[1:] if len(row) == len(head)]
    raise AssertionError(f"no table with a {header!r} column")


def text_of(page: str) -> str:
    """The page's text with tags dropped (not spaced: ``<code>a</code>: b`` reads ``a: b``) and entities decoded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


# --------------------------------------------------------------------------- the build


@pytest.fixture(scope="module")
def bad_seeds(tmp_path_factory) -> Path:
    seeds = tmp_path_factory.mktemp("bad_input") / "seeds"
    shutil.copytree(SEEDS, seeds)
    add_bad_input(seeds)
    return seeds


@pytest.fixture(scope="module")
def corpus(bad_seeds, isolated_cache):
    return read_corpus(bad_seeds)


@pytest.fixture(scope="module")
def built(bad_seeds, tmp_path_factory, isolated_cache):
    return build_reports(tmp_path_factory.mktemp("bad_input_build"), bad_seeds)


def page(built, relpath: str) -> str:
    return (built.reports / relpath).read_text(encoding="utf-8")


def city_page(built, lang: str, city: str, city_en: str) -> str:
    return page(built, f"{lang}/02_city_profile-{city_slug(city, city_en)}.html")


@pytest.mark.slow
def test_the_build_finishes_without_failed_reports_and_names_each_skipped_file(built, corpus):
    assert built.summary.failed == []
    cities = len(set(corpus.articles["city"]))
    assert len(built.summary.built) == 2 * (len(NOTEBOOKS) - 1 + cities)
    for file, reason in SKIPPED_REASONS.items():
        assert any(line.startswith(f"skipped seed {file}: ") and reason in line for line in built.log), file


def test_each_bad_file_is_skipped_with_its_reason_and_only_those(corpus, bad_seeds):
    skipped = dict(zip(corpus.skipped["file"], corpus.skipped["reason"]))
    assert set(skipped) == set(SKIPPED_REASONS)
    for file, reason in SKIPPED_REASONS.items():
        assert reason in skipped[file], (file, skipped[file])
        assert "\n" not in skipped[file]
    # The metadata problem names the line of the bad value and what was left out.
    lines = (bad_seeds / "metadata.yaml").read_text(encoding="utf-8").split("\n")
    line = lines.index("    value: 槟城") + 1
    assert skipped["metadata.yaml"].startswith(
        f"line {line}: city '槟城' is not in gazetteer.yaml; fix: add it there or use 全国; "
        "the manual metadata of zz_penang is ignored until it is fixed"
    )


def _skipped_in_overview(built, lang: str) -> dict[str, str]:
    overview = page(built, f"{lang}/01_corpus_overview.html")
    file, reason = ("文件", "原因") if lang == "zh" else ("File", "Reason")
    return {row[file]: row[reason] for row in table_with(overview, file)}


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_shows_each_skipped_file_with_its_reason_in_full(built, corpus, lang):
    shown = _skipped_in_overview(built, lang)
    assert set(shown) == set(corpus.skipped["file"])
    for file, reason in zip(corpus.skipped["file"], corpus.skipped["reason"]):
        assert shown[file] == " ".join(reason.split()), file


@pytest.mark.slow
def test_index_lists_every_skipped_file_with_its_reason_in_full(built, corpus):
    index = text_of(page(built, "index.html"))
    for file, reason in zip(corpus.skipped["file"], corpus.skipped["reason"]):
        assert f"{file}: {' '.join(reason.split())}" in index, file


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_real_article_is_still_in_every_report_that_lists_articles(built, corpus, lang):
    overview = page(built, f"{lang}/01_corpus_overview.html")
    id_header = "编号" if lang == "zh" else "ID"
    listed = [row[id_header] for row in table_with(overview, "标题" if lang == "zh" else "Title")]
    accepted = list(corpus.articles["id"])
    assert listed == accepted
    assert set(REAL_IDS) <= set(listed)
    comparison = text_of(page(built, f"{lang}/03_measures_comparison.html"))
    index = text_of(page(built, "index.html"))
    articles = corpus.articles.set_index("id")
    for article_id in REAL_IDS:
        assert f"[{article_id}," in comparison, article_id  # the appendix quotes it
        assert article_id in index
        profile = city_page(built, lang, articles.loc[article_id, "city"], articles.loc[article_id, "city_en"])
        assert article_id in text_of(profile), article_id


@pytest.mark.slow
def test_city_profiles_count_every_accepted_article_of_their_city_once(built, corpus):
    # Duplicates are listed in the overview but not counted again in the analysis.
    analysed = corpus.articles[corpus.articles["duplicate_of"].isna()]
    for (city, city_en), group in analysed.groupby(["city", "city_en"]):
        en = text_of(city_page(built, "en", city, city_en))
        zh = text_of(city_page(built, "zh", city, city_en))
        n = len(group)
        assert f"{n} article{'s' if n > 1 else ''}, {int(group['n_chars'].sum())} characters" in en, city
        assert f"{n} 篇文章，共 {int(group['n_chars'].sum())} 字" in zh, city


# --------------------------------------------------------------------------- encodings and duplicates


def test_reencoded_and_copied_files_are_read_as_exact_duplicates(corpus):
    articles = corpus.articles.set_index("id")
    for file, (original, encoding) in COPIES.items():
        copy = articles.loc[Path(file).stem]
        assert copy["encoding"] == encoding, file
        assert copy["text"] == articles.loc[original, "text"], file
        assert copy["duplicate_of"] == original, file
        assert f"exact duplicate of {original} (similarity 1.00)" in [render(w, "en") for w in copy["warnings"]], file
    for article_id in REAL_IDS:
        assert articles.loc[article_id, "duplicate_of"] is None


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_flags_each_copy_as_a_duplicate_with_its_encoding(built, lang):
    overview = page(built, f"{lang}/01_corpus_overview.html")
    duplicate, encoding, id_ = ("重复于", "编码", "编号") if lang == "zh" else ("Duplicate of", "Encoding", "ID")
    rows = {row[id_]: row for row in table_with(overview, duplicate)}
    for file, (original, codec) in COPIES.items():
        row = rows[Path(file).stem]
        assert row[duplicate] == original and row[encoding] == codec, file
    for article_id in REAL_IDS:
        assert rows[article_id][duplicate] == "—"


# --------------------------------------------------------------------------- city not in the gazetteer


def test_an_article_from_a_city_missing_from_the_gazetteer_is_national_with_a_warning(corpus):
    penang = corpus.articles.set_index("id").loc["zz_penang"]
    assert penang["city"] == "全国"
    assert any("no city of gazetteer.yaml named" in render(w, "en", analyst=True)
               and "add that city to gazetteer.yaml" in render(w, "en", analyst=True) for w in penang["warnings"])
    # A reader's page says what happened, not which file to edit.
    assert "no city is named at least twice, so it counts as national coverage (全国)" in [
        render(w, "en") for w in penang["warnings"]]


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_overview_shows_the_unknown_city_warning(built, lang):
    overview = page(built, f"{lang}/01_corpus_overview.html")
    id_, warnings = ("编号", "警告") if lang == "zh" else ("ID", "Warnings")
    rows = {row[id_]: row for row in table_with(overview, warnings)}
    expected = "没有哪个城市被提到至少两次，因此归为全国报道" if lang == "zh" else "no city is named at least twice"
    assert expected in rows["zz_penang"][warnings]


# --------------------------------------------------------------------------- HTML in the text


@pytest.mark.slow
def test_markup_from_a_seed_is_escaped_in_every_page(built):
    pages = sorted(built.reports.rglob("*.html"))
    assert len(pages) == len(built.summary.built) + 1  # every report and the index
    raw_script = re.compile(r"<script[^>]*>\s*alert\(", re.I)
    raw_markup = re.compile(r"<b\s[^<>]*seedmarkup", re.I)
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert not raw_script.search(text), path
        assert not raw_markup.search(text), path
    # ... and the text did reach the pages, as text.
    for relpath in ("zh/01_corpus_overview.html", "en/01_corpus_overview.html", "index.html"):
        assert 'alert("x")' in text_of(page(built, relpath)), relpath
        assert "&lt;script&gt;alert(" in page(built, relpath), relpath
    for lang in ("zh", "en"):
        assert '<b class="seedmarkup">望京街道</b>' in text_of(page(built, f"{lang}/03_measures_comparison.html"))


def test_the_html_article_keeps_its_markup_as_text_in_the_corpus(corpus):
    article = corpus.articles.set_index("id").loc["zz_html"]
    assert article["city"] == "北京"
    assert article["title"] == '北京社区通知<script>alert("x")</script>'


# --------------------------------------------------------------------------- file names


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_file_name_with_spaces_and_chinese_is_an_ordinary_article(built, corpus, lang):
    article_id = Path(ODD_NAME).stem
    row = corpus.articles.set_index("id").loc[article_id]
    assert row["path"] == ODD_NAME and row["city"] == "北京" and row["duplicate_of"] is None
    overview = page(built, f"{lang}/01_corpus_overview.html")
    listed = [r["编号" if lang == "zh" else "ID"] for r in table_with(overview, "标题" if lang == "zh" else "Title")]
    assert article_id in listed
    assert article_id in text_of(page(built, "index.html"))


# --------------------------------------------------------------------------- the size limit


def test_a_10_mb_file_is_skipped_before_it_is_read(corpus):
    reason = corpus.skipped.set_index("file").loc[HUGE, "reason"]
    assert reason.startswith("file is 10.") and "max_article_bytes in limits.yaml" in reason
    assert "split it into one file per article" in reason


def test_size_limit_allows_files_up_to_the_limit():
    limits = Limits(max_article_bytes=5000)
    check_article_size(5000, "a.txt", limits)
    with pytest.raises(HelpersError, match=r"^a\.txt: file is 0\.0 MB, over the 0\.0 MB limit"):
        check_article_size(5001, "a.txt", limits)


def test_the_shipped_limit_is_far_above_the_largest_seed():
    largest = max(p.stat().st_size for p in SEEDS.glob("*.txt"))
    assert load_limits().max_article_bytes >= 50 * largest


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("max_article_bytes: 1000000\nmax_words: 3\n", r"limits\.yaml, line 2: unknown key 'max_words'"),
        ("max_article_bytes: lots\n", r"limits\.yaml, line 1: max_article_bytes must be a whole number"),
        ("max_article_bytes: 10\n", r"limits\.yaml, line 1: .*at least 1000"),
        ("# nothing\n{}\n", r"limits\.yaml, line 1: max_article_bytes is missing"),
    ],
)
def test_a_bad_limits_file_names_the_line_and_the_fix(tmp_path, content, message):
    path = tmp_path / "limits.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(HelpersError, match=message):
        load_limits(path)


# --------------------------------------------------------------------------- malformed manual metadata


def test_a_bad_metadata_entry_is_left_out_and_the_rest_still_applies(corpus):
    articles = corpus.articles.set_index("id")
    # The good entries of the same file still apply ...
    assert articles.loc[XIAOGAN, "published"] == "2020-02-19"
    assert articles.loc[XIAOGAN, "published_provenance"] == "manual"
    # ... and the bad one changed nothing.
    assert articles.loc["zz_penang", "city_provenance"] == "extracted"


def test_metadata_that_is_not_yaml_is_ignored_whole_with_its_line(tmp_path):
    path = tmp_path / "metadata.yaml"
    path.write_text("004_6278d8098866ad15:\n  published:\n    value: [2020-02-19\n    note: x\n", encoding="utf-8")
    problems: list[str] = []
    assert load_manual_metadata(path, problems=problems) == {}
    assert len(problems) == 1
    assert re.match(r"metadata\.yaml, line \d+: not valid YAML .*; all manual metadata is ignored", problems[0])
    with pytest.raises(HelpersError, match="not valid YAML"):
        load_manual_metadata(path)  # strict by default


def test_each_bad_metadata_entry_is_reported_once_and_good_ones_kept(tmp_path):
    path = tmp_path / "metadata.yaml"
    path.write_text(
        "a1:\n  published:\n    value: 2020-02-19\n    note: from the page\n"
        "a2:\n  published:\n    value: spring\n    note: a guess\n"
        "a3:\n  colour:\n    value: red\n    note: no such field\n",
        encoding="utf-8",
    )
    problems: list[str] = []
    manual = load_manual_metadata(path, problems=problems)
    assert list(manual) == ["a1"] and manual["a1"]["published"].value == "2020-02-19"
    assert problems[0].startswith("metadata.yaml, line 7: published must be a date")
    assert problems[0].endswith("the manual metadata of a2 is ignored until it is fixed")
    assert problems[1] == (
        "metadata.yaml, line 10: unknown key 'colour'; fix: remove it; allowed keys: title, source, published, city, genre, url, accessed; "
        "the manual metadata of a3 is ignored until it is fixed"
    )


def test_national_fallback_warning_only_without_a_gazetteer_city_or_manual_city():
    wuhan = build_article("武汉社区防控\n武汉市江汉区社区开展核酸检测。\n".encode(), "a", "a.txt")
    assert wuhan["city"] == "武汉"
    assert not any(w["code"] == "warning.national" for w in wuhan["warnings"])
    penang = build_article(PENANG_TEXT.encode(), "b", "b.txt")
    assert any("counts as 全国 (national)" in render(w, "en", analyst=True) for w in penang["warnings"])
    from helpers.corpus.metadata import MANUAL, Value

    checked = build_article(PENANG_TEXT.encode(), "b", "b.txt", {"city": Value("全国", MANUAL, "national piece")})
    assert not any(w["code"] == "warning.national" for w in checked["warnings"])


# --------------------------------------------------------------------------- parameters


def test_an_unknown_language_is_one_line_listing_the_valid_ones():
    with pytest.raises(HelpersError) as error:
        analyse(SEEDS, lang="fr")
    assert str(error.value) == "unknown language 'fr'; use one of zh, en"


def test_an_unknown_city_is_one_line_listing_the_corpus_cities(corpus):
    with pytest.raises(HelpersError) as error:
        analyse(SEEDS, lang="en", city="无锡")
    message = str(error.value)
    assert "\n" not in message and message.startswith("unknown city '无锡'")
    for city in read_corpus(SEEDS).articles["city"].unique():
        assert city in message


def test_the_build_command_rejects_an_unknown_language_before_building(tmp_path, capsys):
    code = main(["build", "--lang", "fr", "--seeds", str(SEEDS), "--out", str(tmp_path / "reports")])
    err = capsys.readouterr().err
    assert code == 2
    assert err == "error: unknown language 'fr': use one of zh, en, all\n"
    assert not (tmp_path / "reports").exists() and not (tmp_path / "build").exists()


def test_the_build_command_names_a_missing_seeds_folder(tmp_path, capsys):
    code = main(["build", "--seeds", str(tmp_path / "nowhere"), "--out", str(tmp_path / "reports")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "seeds folder not found: nowhere" in err


@pytest.mark.slow
def test_a_notebook_with_an_unknown_city_fails_on_its_first_line_with_the_valid_cities(tmp_path, isolated_cache):
    notebook = next(n for n in NOTEBOOKS if n.per_city)
    spec = ReportSpec(notebook, "en", (("city", "无锡"), ("lang", "en")), "无锡", None)
    result = _run_one(
        PapermillExecutor(), spec, paths.notebooks_dir() / f"{notebook.stem}.ipynb",
        tmp_path / "executed.ipynb", SEEDS,
    )
    assert not result.ok
    assert result.error.startswith("HelpersError: unknown city '无锡'; valid cities: ")
    for city in read_corpus(SEEDS).articles["city"].unique():
        assert city in result.error


def test_comparison_cities_are_checked_against_the_corpus():
    analysis = analyse(SEEDS, lang="zh")
    with pytest.raises(HelpersError) as error:
        analysis.presence_for(["武汉", "无锡"])
    message = str(error.value)
    assert "\n" not in message and message.startswith("unknown city '无锡'")
    assert all(city in message for city in analysis.cities)


def test_timeline_parameters_are_one_line_errors_listing_valid_values():
    # 04_timeline reads the corpus itself; its parameters are checked by the first chart.
    from helpers.analysis.reference_events import load_reference_events
    from helpers.report import charts

    corpus = read_corpus(SEEDS)
    references = load_reference_events()
    for kwargs, expected in (
        ({"cities": ["无锡"]}, "unknown city '无锡'; valid cities: "),
        ({"lang": "fr"}, "unknown language 'fr'; use one of zh, en"),
        ({"start": "2020-13-01"}, "start date '2020-13-01' is not a date; write YYYY-MM-DD"),
    ):
        with pytest.raises(HelpersError) as error:
            charts.plot_publication_dates(corpus.articles, references=references, **{"lang": "en", **kwargs})
        assert str(error.value).startswith(expected) and "\n" not in str(error.value)
    with pytest.raises(HelpersError) as error:
        charts.plot_publication_dates(corpus.articles, references=references, cities=["无锡"], lang="en")
    assert all(city in str(error.value) for city in set(corpus.articles["city"]))
