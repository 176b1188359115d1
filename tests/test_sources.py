"""Citing the sources: the web address and day of access the manual metadata may give, carried to the articles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.corpus import read_corpus
from helpers.corpus.manual import load_manual_metadata
from helpers.errors import HelpersError

ROOT = Path(__file__).resolve().parents[1]
SEED = "001_53418134698a61dc"


def _seeds_with(tmp_path: Path, entry: str) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy(ROOT / "seeds" / f"{SEED}.txt", seeds)
    (seeds / "metadata.yaml").write_text(f"{SEED}:\n{entry}", encoding="utf-8")
    return seeds


def test_url_and_access_date_reach_the_articles_table(tmp_path):
    seeds = _seeds_with(tmp_path, "  url:\n    value: https://example.cn/a.html\n    note: address bar\n"
                                  "  accessed:\n    value: 2024-05-01\n    note: saved that day\n")
    article = read_corpus(seeds, use_cache=False).articles.iloc[0]
    assert (article["url"], article["accessed"]) == ("https://example.cn/a.html", "2024-05-01")
    assert not any(w["code"] == "warning.manual_replaces" for w in article["warnings"])


def test_without_them_the_article_has_none(tmp_path):
    seeds = _seeds_with(tmp_path, "  genre:\n    value: news\n    note: x\n")
    article = read_corpus(seeds, use_cache=False).articles.iloc[0]
    assert article["url"] is None and article["accessed"] is None


def test_the_committed_seeds_record_no_address():
    # No seed prints its own address (001 names only its site's home page): nothing is invented.
    articles = read_corpus(ROOT / "seeds").articles
    assert articles["url"].isna().all() and articles["accessed"].isna().all()


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("  url:\n    value: www.example.cn/a.html\n    note: x\n",
         r"line 3: url must be a web address starting with http:// or https://, not 'www\.example\.cn/a\.html'; "
         r"fix: copy the article's address"),
        ("  url:\n    value: https://example.cn/a b.html\n    note: x\n", r"line 3: url must be a web address"),
        ("  url:\n    value: https://example.cn/a.html\n    note: x\n  accessed:\n    value: 1/5/2024\n"
         "    note: x\n", r"line 6: accessed must be a date YYYY-MM-DD or null, not '1/5/2024'"),
        ("  accessed:\n    value: 2024-05-01\n    note: x\n",
         r"line 2: accessed is the day the article was read at its url, but no url is given; fix: add 'url:'"),
        ("  url:\n    value: https://example.cn/a.html\n", r"line 2: url lacks note"),
    ],
)
def test_a_bad_address_or_date_names_the_line_and_the_fix(tmp_path, entry, message):
    seeds = _seeds_with(tmp_path, entry)
    with pytest.raises(HelpersError, match=message):
        load_manual_metadata(seeds / "metadata.yaml")
