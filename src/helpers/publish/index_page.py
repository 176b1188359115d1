"""``reports/index.html``: one bilingual page linking every report (``templates/index/index.html.j2``).

Everything on it comes from the build plan and the corpus summary; every
value from the corpus is HTML-escaped by the template.  It carries no
timestamp (the same inputs give the same bytes); "what changed" compares with
the previous build.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter

from helpers import paths
from helpers.catalogue import text
from helpers.corpus.divisions import province_english
from helpers.corpus.gazetteer import default_gazetteer
from helpers.publish.export import scroll_frame
from helpers.publish.plan import CorpusSummary, ReportSpec
from helpers.publish.workbooks import workbook_relpath
from helpers.report.genre import genre_name
from helpers.report.names import place, short_ids

_CSS = """
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       max-width: 1000px; margin: 0 auto; padding: 0 16px; line-height: 1.5; color: #1f2328; overflow-x: hidden; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
td.number { text-align: right; }
td.id { white-space: nowrap; }
td.title { min-width: 10em; }
abbr.report-id { text-decoration: underline dotted; cursor: help; }
th { background: #f6f8fa; }
.failed { color: #cf222e; font-weight: bold; }
.columns { display: flex; flex-wrap: wrap; gap: 24px; }
.columns > section { flex: 1 1 300px; min-width: 0; }
.findings li { margin-bottom: 6px; }
.caveat { color: #57606a; }
"""


#: The year column of articles with no publication date (sorts after the years).
UNKNOWN_YEAR = "?"
# With more cities than this, the city profiles are listed by province and the glance table gets a
# province column; with more articles than ARTICLE_ROWS, the article list shows the first ones only.
MANY_CITIES = 12
ARTICLE_ROWS = 300


def _year(published: object) -> str:
    return str(published)[:4] if isinstance(published, str) and published else UNKNOWN_YEAR


def _year_header(year: str) -> str:
    return _both("index.year_unknown") if year == UNKNOWN_YEAR else year


def _place_names(city: str, city_en: str) -> tuple[str, str]:
    """The city (or national coverage) as the index names it in Chinese and in English."""
    return place(city, "zh").name, place(city, "en", city_en).name


def _both(key: str) -> str:
    return f"{text(key, 'zh')} / {text(key, 'en')}"


def render_index(
    corpus: CorpusSummary,
    specs: list[ReportSpec],
    reports_state: dict,
    previous_articles: list[dict] | None,
) -> str:
    """The whole index page as a string."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    environment = Environment(
        loader=FileSystemLoader(str(paths.PACKAGE_DIR / "templates" / "index")),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )
    environment.globals.update(t=text, both=_both)
    names_en = dict(corpus.cities)
    counts = Counter((a["city"], _year(a["published"])) for a in corpus.articles)
    years = sorted({year for _, year in counts})
    ok = {spec.relpath: reports_state.get(spec.relpath, {}).get("ok", False) for spec in specs}
    many = len(corpus.cities) > MANY_CITIES
    groups = _province_groups(corpus.cities) if many else None
    reports = {
        lang: [{"relpath": s.relpath, "title": s.title, "ok": ok[s.relpath]} for s in specs
               if s.lang == lang and not (many and s.city is not None)]
        for lang in ("zh", "en")
    }
    workbooks = {lang: workbook_relpath(lang) for lang in ("zh", "en") if reports[lang]}
    short = short_ids(a["id"] for a in corpus.articles)  # 000… with the whole id on hover, as in the reports
    city_rows = [(*_place_names(city, city_en), [counts.get((city, y), 0) for y in years])
                 for city, city_en in corpus.cities]
    if groups is not None:
        city_rows = [(*_place_names(city, city_en), [counts.get((city, y), 0) for y in years], province)
                     for province, members in groups for city, city_en in members]
    articles = [{**a, **dict(zip(("city", "city_en"), _place_names(a["city"], names_en.get(a["city"], a["city"])))),
                 "short_id": short[str(a["id"])],
                 "genre": {lang: genre_name(a.get("genre"), lang) for lang in ("zh", "en")}}
                for a in corpus.articles]
    build_id = hashlib.sha256(
        json.dumps([corpus.to_json(), sorted(reports_state)], sort_keys=True).encode("utf-8")
    ).hexdigest()[:12]
    frame_css, frame_js = scroll_frame()
    return environment.get_template("index.html.j2").render(
        css=_CSS + frame_css,
        scroll_js=frame_js,
        failed=[s.relpath for s in specs if not ok[s.relpath]],
        reports=reports,
        workbooks=workbooks,
        years=[_year_header(year) for year in years],
        city_rows=city_rows,
        profiles=_profiles(groups, specs, ok) if groups is not None else None,
        n_articles=len(corpus.articles),
        article_rows=ARTICLE_ROWS,
        n_cities=len(corpus.cities),
        skipped=corpus.skipped,
        articles=articles,
        changes=_changes(corpus.articles, previous_articles),
        build_id=build_id,
        findings=corpus.findings,
    )


def _province_groups(cities: list[tuple[str, str]]) -> list[tuple[dict[str, str], list[tuple[str, str]]]]:
    """Cities by province (``{"zh": 湖北, "en": Hubei}``), in the order of their division codes; the rest last."""
    gazetteer = default_gazetteer()
    groups: dict[str, list[tuple[str, str, str]]] = {}
    for city, city_en in cities:
        known = gazetteer.cities.get(city)
        province = known.province if known else ""
        groups.setdefault(province, []).append(((known.code or "") if known else "~", city, city_en))
    ordered = sorted(groups.items(), key=lambda item: (item[0] == "", min(code for code, _, _ in item[1])))
    out = []
    for province, members in ordered:
        names = ({"zh": province, "en": province_english(province)} if province
                 else {"zh": text("index.other_places", "zh"), "en": text("index.other_places", "en")})
        out.append((names, [(city, city_en) for _, city, city_en in sorted(members)]))
    return out


def _profiles(groups, specs: list[ReportSpec], ok: dict[str, bool]) -> dict[str, list]:
    """Per language, the city profiles by province: ``[(province name, [{relpath, name, ok}])]``."""
    by_city = {(s.lang, s.city): s for s in specs if s.city is not None}
    return {
        lang: [(province[lang], [{"relpath": by_city[(lang, city)].relpath,
                                  "name": city if lang == "zh" else city_en, "ok": ok[by_city[(lang, city)].relpath]}
                                 for city, city_en in members if (lang, city) in by_city])
               for province, members in groups]
        for lang in ("zh", "en")
    }


def _changes(current: list[dict], previous: list[dict] | None) -> list[tuple[str, list[dict]]] | None:
    """None for a first build; else the articles added, removed and changed, by catalogue key."""
    if previous is None:
        return None
    before = {a["id"]: a for a in previous}
    now = {a["id"]: a for a in current}
    added = [now[i] for i in sorted(set(now) - set(before))]
    removed = [before[i] for i in sorted(set(before) - set(now))]
    # Fields a newer build adds to the summary (published_shown) change nothing in the articles.
    changed = [now[i] for i in sorted(set(now) & set(before))
               if any(now[i].get(k) != before[i].get(k) for k in now[i].keys() & before[i].keys())
               or before[i].keys() - now[i].keys()]
    return [(key, items) for key, items in (("index.added", added), ("index.removed", removed),
                                             ("index.changed", changed)) if items]
