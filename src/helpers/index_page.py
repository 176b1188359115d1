"""``reports/index.html``: one bilingual page linking every report.

Everything on it comes from the build plan and the corpus summary; every
value from the corpus is HTML-escaped.  It carries no timestamp (the same
inputs give the same bytes); "what changed" compares with the previous build.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from helpers.build import CorpusSummary, ReportSpec

_CSS = """
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       max-width: 1000px; margin: 0 auto; padding: 0 16px; line-height: 1.5; color: #1f2328; overflow-x: hidden; }
table { border-collapse: collapse; margin: 8px 0; display: block; max-width: 100%; overflow-x: auto; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; }
th { background: #f6f8fa; }
.failed { color: #cf222e; font-weight: bold; }
.columns { display: flex; flex-wrap: wrap; gap: 24px; }
.columns > section { flex: 1 1 300px; min-width: 0; }
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _report_list(specs: list[ReportSpec], reports_state: dict, lang: str) -> str:
    items = []
    for spec in specs:
        if spec.lang != lang:
            continue
        ok = reports_state.get(spec.relpath, {}).get("ok", False)
        mark = "" if ok else (' <span class="failed">(构建失败)</span>' if lang == "zh"
                              else ' <span class="failed">(build failed)</span>')
        items.append(f'<li><a href="{_e(spec.relpath)}">{_e(spec.title)}</a>{mark}</li>')
    return "<ul>" + "".join(items) + "</ul>"


def _year(published: object) -> str:
    return str(published)[:4] if isinstance(published, str) and published else "?"


def render_index(
    corpus: CorpusSummary,
    specs: list[ReportSpec],
    reports_state: dict,
    previous_articles: list[dict] | None,
) -> str:
    """The whole index page as a string."""
    names_en = dict(corpus.cities)
    counts = Counter((a["city"], _year(a["published"])) for a in corpus.articles)
    years = sorted({year for _, year in counts})
    header = "".join(f"<th>{_e(y)}</th>" for y in years)
    rows = []
    for city, city_en in corpus.cities:
        cells = "".join(f"<td>{counts.get((city, y), 0)}</td>" for y in years)
        rows.append(f"<tr><th>{_e(city)} / {_e(city_en)}</th>{cells}</tr>")
    glance = (
        f"<table><tr><th>城市 / City</th>{header}</tr>{''.join(rows)}</table>"
        f"<p>{len(corpus.articles)} 篇文章 / articles · {len(corpus.cities)} 个城市 / cities"
        f" · {len(corpus.skipped)} 个文件被跳过 / files skipped</p>"
    )
    article_rows = "".join(
        f"<tr><td>{_e(a['id'])}</td><td>{_e(a['title'])}</td>"
        f"<td>{_e(a['city'])} / {_e(names_en.get(a['city'], a['city']))}</td>"
        f"<td>{_e(a['published'] or '—')}</td><td>{_e(a.get('duplicate_of') or '—')}</td></tr>"
        for a in corpus.articles
    )
    articles = (
        "<table><tr><th>ID</th><th>标题 / Title</th><th>城市 / City</th>"
        f"<th>发布日期 / Published</th><th>重复于 / Duplicate of</th></tr>{article_rows}</table>"
    )
    skipped = ""
    if corpus.skipped:
        skipped = (
            "<h2>被跳过的文件 / Skipped files</h2><ul>"
            + "".join(f"<li><code>{_e(s['file'])}</code>: {_e(s['reason'])}</li>" for s in corpus.skipped)
            + "</ul>"
        )
    changes = _changes(corpus.articles, previous_articles)
    failed = [s.relpath for s in specs if not reports_state.get(s.relpath, {}).get("ok", False)]
    failed_note = ""
    if failed:
        failed_note = (
            '<p class="failed">构建失败的报告 / Reports whose latest build failed: '
            + ", ".join(_e(f) for f in failed)
            + "</p>"
        )
    build_id = hashlib.sha256(
        json.dumps([corpus.to_json(), sorted(reports_state)], sort_keys=True).encode("utf-8")
    ).hexdigest()[:12]
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>社区疫情防控新闻语料报告 / Community COVID-19 prevention in Chinese news: reports</title>
<style>{_CSS}</style>
</head>
<body>
<main>
<h1>社区疫情防控新闻语料报告<br><small>Community COVID-19 prevention in Chinese news: reports</small></h1>
{failed_note}
<div class="columns">
<section lang="zh-CN"><h2 id="reports-zh">中文报告</h2>{_report_list(specs, reports_state, "zh")}</section>
<section lang="en"><h2 id="reports-en">Reports in English</h2>{_report_list(specs, reports_state, "en")}</section>
</div>
<h2 id="glance">语料一览 / The corpus at a glance</h2>
{glance}
{articles}
{skipped}
<!-- changes -->
<h2 id="changes">本次构建的变化 / What changed in the last build</h2>
{changes}
<!-- /changes -->
<p>构建标识 / Build id: <code>{build_id}</code> (由输入内容决定 / determined by the inputs)</p>
</main>
</body>
</html>
"""


def _changes(current: list[dict], previous: list[dict] | None) -> str:
    if previous is None:
        return "<p>首次构建 / First build.</p>"
    before = {a["id"]: a for a in previous}
    now = {a["id"]: a for a in current}
    added = [now[i] for i in sorted(set(now) - set(before))]
    removed = [before[i] for i in sorted(set(before) - set(now))]
    changed = [now[i] for i in sorted(set(now) & set(before)) if now[i] != before[i]]
    if not (added or removed or changed):
        return "<p>文章未变 / No article changed.</p>"
    parts = []
    for label, items in (("新增 / Added", added), ("删除 / Removed", removed), ("变更 / Changed", changed)):
        if items:
            parts.append(
                f"<li>{label}: "
                + ", ".join(f"{_e(a['id'])} ({_e(a['city'])}, {_e(a['published'] or '—')})" for a in items)
                + "</li>"
            )
    return "<ul>" + "".join(parts) + "</ul>"
