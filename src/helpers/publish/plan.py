"""The report plan: which reports a corpus needs, and what the plan and the index know of the corpus.

Each notebook is built in each language; the city profile once per city of
the corpus.  A report's file name is ASCII and stable
(``zh/02_city_profile-wuhan.html``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from helpers import paths
from helpers.catalogue import text
from helpers.report.names import place


@dataclass(frozen=True)
class NotebookSpec:
    """One notebook of the report set and how it is parameterised; its title is ``report.title.<stem>``.

    ``inputs``: functions of :mod:`helpers.paths` giving the files or folders the
    notebook reads besides the seeds and the package (the methods report's gold
    files); their content is part of its key.  ``methods``: the sections of the
    methods report (anchors) that explain what the page shows, linked from its top.
    """

    stem: str
    per_city: bool = False
    inputs: tuple[Callable[[], Path], ...] = ()
    methods: tuple[str, ...] = ()

    def title(self, lang: str) -> str:
        return text(f"report.title.{self.stem}", lang)


NOTEBOOKS: tuple[NotebookSpec, ...] = (
    NotebookSpec("01_corpus_overview", methods=("sources", "cleaning", "statistics")),
    NotebookSpec("02_city_profile", per_city=True, methods=("codebook", "places", "statistics")),
    NotebookSpec("03_measures_comparison", methods=("codebook", "validation", "statistics")),
    NotebookSpec("04_timeline", methods=("dates",)),
    NotebookSpec("05_methods", inputs=(paths.gold_dir, paths.heldout_dir, paths.blind_dir, paths.ordinary_blind_dir)),
)
#: The methods report, which every other page links to.
METHODS_STEM = "05_methods"


@dataclass(frozen=True)
class ReportSpec:
    """One report to build: a notebook run with one parameter set in one language."""

    notebook: NotebookSpec
    lang: str
    params: tuple[tuple[str, str], ...] = ()
    city: str | None = None
    city_en: str | None = None

    @property
    def slug(self) -> str:
        """File name stem, ASCII and stable (``02_city_profile-wuhan``)."""
        if self.city is None:
            return self.notebook.stem
        return f"{self.notebook.stem}-{city_slug(self.city, self.city_en)}"

    @property
    def relpath(self) -> str:
        """Path of the HTML report relative to the reports folder."""
        return f"{self.lang}/{self.slug}.html"

    @property
    def title(self) -> str:
        if self.city is None:
            return self.notebook.title(self.lang)
        return place(self.city, self.lang, self.city if self.lang == "zh" else (self.city_en or self.city)).profile

    @property
    def html_lang(self) -> str:
        """The page's ``lang`` attribute."""
        return text("page.html_lang", self.lang)


def city_slug(city: str, city_en: str | None) -> str:
    """ASCII slug from the English name; a short content hash when there is none."""
    slug = re.sub(r"[^a-z0-9]+", "-", (city_en or "").lower()).strip("-")
    if slug:
        return slug
    return "city-" + hashlib.sha1(city.encode("utf-8")).hexdigest()[:8]


@dataclass
class CorpusSummary:
    """What the plan and the index need to know about the corpus.

    Cached in the build state with the digests of the seeds, the ``helpers``
    source and the environment: a changed gazetteer can move an article to
    another city even when no seed changed.
    """

    cities: list[tuple[str, str]]  # (city, city_en), in report order
    # id, city, city_en, published, published_shown (marked), title, genre, duplicate_of
    articles: list[dict[str, object]]
    skipped: list[dict[str, str]]  # file, reason
    city_keys: dict[str, str] = field(default_factory=dict)  # city -> digest of its articles
    # lang -> {"corpus": paragraph, "items": [{text, caveat, href}], "closing": caveat} or {"error": one line}
    findings: dict[str, dict] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {"cities": self.cities, "articles": self.articles, "skipped": self.skipped,
                "city_keys": self.city_keys, "findings": self.findings}

    @classmethod
    def from_json(cls, data: dict) -> CorpusSummary:
        """The summary :meth:`to_json` wrote; raises ValueError if ``data`` does not have its shape."""
        try:
            summary = cls(
                cities=[(str(city), str(city_en)) for city, city_en in data["cities"]],
                articles=[dict(article) for article in data["articles"]],
                skipped=[{"file": str(s["file"]), "reason": str(s["reason"])} for s in data["skipped"]],
                city_keys={str(k): str(v) for k, v in data.get("city_keys", {}).items()},
                findings={str(k): dict(v) for k, v in data.get("findings", {}).items()},
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"not a corpus summary ({type(exc).__name__}: {exc})") from None
        fields = {"id", "city", "city_en", "published", "title"}
        if not all(fields <= set(article) for article in summary.articles):
            raise ValueError(f"not a corpus summary (an article lacks one of {', '.join(sorted(fields))})")
        return summary


def city_keys(articles) -> dict[str, str]:
    """City → digest of everything a city profile reads: its articles as processed.

    The rows hold each article's cleaned text, original text, metadata
    (dates, titles, sources) and duplicate flag, so a changed seed, a changed
    manual date or a new duplicate of one of the city's articles all change
    the digest, and an article from another city does not.
    """
    keys = {}
    for city, rows in articles.groupby("city", sort=True):
        rows = rows.sort_values("id", kind="mergesort").reset_index(drop=True)
        payload = rows.to_json(orient="records", force_ascii=False, date_format="iso")
        keys[str(city)] = hashlib.sha256(payload.encode("utf-8")).hexdigest()
    return keys


def summarise_corpus(seeds_dir: Path) -> CorpusSummary:
    """Read the corpus once to learn its cities, articles and skipped files.

    The corpus is processed into the store (:func:`helpers.analysis.pipeline.process_corpus`),
    where the notebooks' ``analyse()`` finds it; only the article table is read from it.
    """
    from helpers.analysis.pipeline import process_corpus  # heavy: pandas, OpenCC, jieba
    from helpers.corpus.articles import ARTICLE_COLUMNS
    from helpers.corpus.gazetteer import default_gazetteer
    from helpers.report.dates import publication_text_both
    from helpers.report.glosses import english_title
    from helpers.report.names import display_title

    corpus = process_corpus(seeds_dir)
    articles = corpus.read("articles", ARTICLE_COLUMNS)
    rows = [
        {
            "id": str(r.id),
            "city": str(r.city),
            "city_en": str(r.city_en),
            "published": r.published if isinstance(r.published, str) else None,
            "published_shown": publication_text_both(r.published, r.published_provenance, r.published_qualifier),
            "title": display_title(r.title, r.text, "zh"),
            "title_en": english_title(display_title(r.title, r.text, "en"), getattr(r, "title_en", None), "en"),
            "genre": str(r.genre),
            "duplicate_of": r.duplicate_of if isinstance(r.duplicate_of, str) else None,
        }
        for r in articles.itertuples()
    ]
    cities: dict[str, str] = {}
    for row in rows:
        # A city whose articles all duplicate another's has nothing of its own to profile.
        if row["duplicate_of"] is None:
            cities.setdefault(row["city"], row["city_en"])
    national = default_gazetteer().national
    ordered = sorted(cities.items(), key=lambda item: (item[0] == national, item[1], item[0]))
    skipped = [
        {"file": str(r.file), "reason": str(r.reason)} for r in corpus.skipped.itertuples()
    ]
    return CorpusSummary(cities=ordered, articles=rows, skipped=skipped, city_keys=city_keys(articles),
                         findings=index_findings(seeds_dir))


def index_findings(seeds_dir: Path) -> dict[str, dict]:
    """The index's corpus paragraph and headline findings in each language (:mod:`helpers.report.findings`).

    A failure here (a damaged data file, a bug) costs the findings, never the
    index: the language's entry is then ``{"error": one line}``.
    """
    from helpers.analysis import analyse
    from helpers.errors import one_line
    from helpers.langs import LANGS
    from helpers.report import findings

    result: dict[str, dict] = {}
    for lang in LANGS:
        try:
            analysis = analyse(seeds_dir, lang)
            result[lang] = {
                "corpus": findings.corpus_paragraph(analysis, lang),
                "items": [finding.to_json(lang) for finding in findings.findings(analysis, lang)],
                "closing": findings.closing_caveat(analysis, lang),
            }
        except Exception as exc:  # noqa: BLE001 - the index is written whatever the findings do
            result[lang] = {"error": one_line(exc)}
    return result

def plan_reports(
    summary: CorpusSummary, langs: Iterable[str], notebooks_dir: Path
) -> list[ReportSpec]:
    """Every report to build: each notebook in each language, city notebooks per city."""
    specs: list[ReportSpec] = []
    for notebook in NOTEBOOKS:
        if not (notebooks_dir / f"{notebook.stem}.ipynb").exists():
            continue
        for lang in langs:
            if notebook.per_city:
                for city, city_en in summary.cities:
                    specs.append(
                        ReportSpec(notebook, lang, (("city", city), ("lang", lang)), city, city_en)
                    )
            else:
                specs.append(ReportSpec(notebook, lang, (("lang", lang),)))
    return specs

