"""Reader-facing tables: the analysis tables with names and headers in the report's language.

Table functions return a pandas ``Styler`` (the DataFrame is its ``.data``):
no index column, every value HTML-escaped, two decimals, and a table id
derived from the content so the same table gives the same bytes.  Tables
that need links are returned as HTML strings built with every value escaped
here.  Quotes shown to readers are in the article's original script
(``sentence_original``).
"""

from __future__ import annotations

import hashlib
import html
import re

import pandas as pd

from helpers.charts import displayable_word
from helpers.cleaning import default_rules
from helpers.labels import check_lang, city_name, keyness_suffix, measure_name
from helpers.messages import in_language

_HEADERS = {
    "id": ("编号", "ID"),
    "title": ("标题", "Title"),
    "source": ("来源", "Source"),
    "published": ("发布日期", "Published"),
    "city": ("城市", "City"),
    "n_chars": ("字数", "Characters"),
    "encoding": ("编码", "Encoding"),
    "lines_removed": ("删除的行", "Lines removed"),
    "pinyin_removed": ("删除的拼音注音", "Pinyin annotations removed"),
    "duplicate_of": ("重复于", "Duplicate of"),
    "warnings": ("警告", "Warnings"),
    "rule": ("规则", "Rule"),
    "reason": ("原因", "Reason"),
    "text": ("删除的内容", "Removed text"),
    "file": ("文件", "File"),
    "token": ("词语", "Word"),
    "count": ("次数", "Count"),
    "measure": ("防控措施", "Measure"),
    "term": ("匹配词", "Matched term"),
    "quote": ("原文引文", "Quote (original script)"),
    "hits": ("提及次数", "Mentions"),
    "per_10k": ("每万字", "Per 10,000 characters"),
    "g2": ("G²", "G²"),
    "log_ratio": ("对数比", "Log ratio"),
    "freq_target": ("本市频次", "Frequency here"),
    "freq_reference": ("其他城市频次", "Frequency elsewhere"),
    "per_million_general": ("通用汉语每百万词", "Per million words, general Chinese"),
    "provenance": ("来源说明", "Provenance"),
    "date": ("日期", "Date"),
    "when": ("时间", "Time of day"),
    "precision": ("精度", "Precision"),
    "expression": ("原文日期", "Date as written"),
    "event": ("发生了什么", "What happened"),
    "period": ("时期", "Period"),
    "name": ("参考事件", "Reference event"),
    "scope": ("范围", "Scope"),
}

_PRECISION = {
    "day": ("日", "day"),
    "time": ("时刻", "time of day"),
    "month": ("月", "month"),
}
_PART_OF_DAY = {
    "早": "early morning", "早上": "morning", "早晨": "morning", "清晨": "early morning",
    "上午": "morning", "中午": "noon", "下午": "afternoon", "傍晚": "evening",
    "晚": "evening", "晚上": "evening", "当晚": "that evening", "夜间": "night", "深夜": "late night",
    "凌晨": "small hours", "连夜": "overnight",
}

_MANUAL = {"zh": "（人工）", "en": " (manual)"}


def header(key: str, lang: str) -> str:
    """Column header for ``key`` in ``lang``."""
    zh, en = _HEADERS[key]
    return zh if check_lang(lang) == "zh" else en


def present(frame: pd.DataFrame):
    """A DataFrame as readers see it: no index, escaped values, stable ids."""
    uuid = hashlib.sha1(frame.to_csv().encode("utf-8")).hexdigest()[:10]
    return frame.style.hide(axis="index").format(escape="html", precision=2).set_uuid(uuid)


def _localise(frame: pd.DataFrame, lang: str):
    return present(frame.rename(columns={c: header(c, lang) for c in frame.columns if c in _HEADERS}))


def _with_provenance(value: object, provenance: object, lang: str) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return "—"
    return f"{value}{_MANUAL[lang] if provenance == 'manual' else ''}"


def display_title(title: object, text: str, lang: str, width: int = 24) -> str:
    """The title, or for an article that prints none, its opening words marked as such."""
    if isinstance(title, str) and title.strip():
        return title
    opening = " ".join(str(text).split())[:width]
    mark = "〔无标题〕" if check_lang(lang) == "zh" else "[untitled] "
    return f"{mark}{opening}…"


def article_table(articles: pd.DataFrame, lang: str):
    """The articles: title, source, date, city, length; manual metadata marked as such."""
    check_lang(lang)
    rows = [
        {
            "id": r.id,
            "title": _with_provenance(display_title(r.title, r.text, lang), r.title_provenance, lang),
            "source": _with_provenance(r.source, r.source_provenance, lang),
            "published": _with_provenance(r.published, r.published_provenance, lang),
            "city": _with_provenance(city_name(r.city, lang), r.city_provenance, lang),
            "n_chars": int(r.n_chars),
        }
        for r in articles.itertuples()
    ]
    return _localise(pd.DataFrame(rows, columns=["id", "title", "source", "published", "city", "n_chars"]), lang)


def cleaning_table(articles: pd.DataFrame, lang: str):
    """Per article: encoding, lines removed, pinyin annotations removed, duplicates, warnings."""
    rows = [
        {
            "id": r.id,
            "encoding": r.encoding,
            "lines_removed": len(r.removed),
            "pinyin_removed": int(r.pinyin_removed),
            "duplicate_of": r.duplicate_of or "—",
            "warnings": ("；" if lang == "zh" else "; ").join(in_language(w, lang) for w in r.warnings)
            if len(r.warnings) else "—",
        }
        for r in articles.itertuples()
    ]
    columns = ["id", "encoding", "lines_removed", "pinyin_removed", "duplicate_of", "warnings"]
    return _localise(pd.DataFrame(rows, columns=columns), lang)


def removed_lines(articles: pd.DataFrame, lang: str, max_chars: int = 60):
    """Every line cleaning removed, with the rule and the reason (in Chinese where the rule gives one)."""
    rules = default_rules() if check_lang(lang) == "zh" else None
    rows = []
    for r in articles.itertuples():
        for item in r.removed:
            text = str(item.get("text", ""))
            reason = item.get("reason", "")
            if rules is not None:
                reason = rules.reason(item.get("rule", ""), "zh") or reason
            rows.append(
                {
                    "id": r.id,
                    "rule": item.get("rule", ""),
                    "reason": reason,
                    "text": text if len(text) <= max_chars else text[: max_chars - 1] + "…",
                }
            )
    return _localise(pd.DataFrame(rows, columns=["id", "rule", "reason", "text"]), lang)


def skipped_table(skipped: pd.DataFrame, lang: str):
    """Files that were not read, with the reason (one line saying so when there are none)."""
    frame = skipped[["file", "reason"]].reset_index(drop=True)
    if frame.empty:
        none = "没有文件被跳过" if check_lang(lang) == "zh" else "No file was skipped"
        frame = pd.DataFrame([{"file": "—", "reason": none}])
    return _localise(frame, lang)


def word_table(counts: pd.Series, lang: str, top: int = 20):
    """The most frequent words."""
    frame = counts.head(top).rename_axis("token").reset_index(name="count")
    return _localise(frame, lang)


def keyness_table(keyness: pd.DataFrame, lang: str, top: int = 15, against: str = "cities"):
    """The city's distinctive words (overused against the other cities, or general Chinese).

    The same words as the keyness chart and cloud: two or more Han characters
    (single characters are mostly fragments such as 防 or 新).  Against
    general Chinese the reference column is the word's rate per million
    words in the reference list, not its raw count in a list of tens of
    millions of words.
    """
    keyness_suffix(against)
    over = keyness[(keyness["direction"] == "over") & keyness["token"].map(displayable_word)].head(top)
    if against == "general":
        frame = over[["token", "freq_target", "per_10k_reference", "g2", "log_ratio"]].copy()
        frame["per_10k_reference"] = frame["per_10k_reference"] * 100
        frame = frame.rename(columns={"per_10k_reference": "per_million_general"})
    else:
        frame = over[["token", "freq_target", "freq_reference", "g2", "log_ratio"]]
    return _localise(frame.round(2).reset_index(drop=True), lang)


def distinctive_by_city(keyness: pd.DataFrame, lang: str, top: int = 8):
    """The ``top`` most distinctive words of every city, one row per city."""
    rows = []
    shown = keyness[(keyness["direction"] == "over") & keyness["token"].map(displayable_word)]
    for city, group in shown.groupby("city", sort=False):
        words = "、".join(group.sort_values("g2", ascending=False, kind="mergesort")["token"].head(top))
        rows.append({"city": city_name(city, lang), "token": words or "—"})
    return _localise(pd.DataFrame(rows, columns=["city", "token"]), lang)


def city_summary(analysis, city: str, lang: str):
    """A heading and one sentence: how many articles, characters and which dates the city has."""
    from IPython.display import Markdown

    articles = analysis.articles[analysis.articles["city"] == city]
    name = city_name(city, lang)
    dates = sorted(d for d in articles["published"] if isinstance(d, str) and d)
    span = (dates[0] if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]}") if dates else None
    n, chars = len(articles), int(articles["n_chars"].sum())
    if lang == "zh":
        title = f"# 城市概况：{name}"
        line = f"{n} 篇文章，共 {chars} 字" + (f"，发布于 {span}。" if span else "，发布日期不详。")
    else:
        title = f"# City profile: {name}"
        plural = "article" if n == 1 else "articles"
        line = f"{n} {plural}, {chars} characters" + (f", published {span}." if span else ", publication date unknown.")
    return Markdown(f"{html.escape(title)}\n\n{html.escape(line)}")


def measure_table(rates: pd.DataFrame, lang: str):
    """City × measure: mentions and rate per 10,000 characters."""
    frame = rates[["city", "measure", "hits", "per_10k"]].copy()
    frame["city"] = [city_name(c, lang) for c in frame["city"]]
    frame["measure"] = [measure_name(m, lang) for m in frame["measure"]]
    frame["per_10k"] = frame["per_10k"].round(1)
    return _localise(frame.reset_index(drop=True), lang)


def quotes(evidence: pd.DataFrame, measure_ids: list[str], lang: str, per_measure: int = 3):
    """Up to ``per_measure`` quotes for each measure, one per sentence, in the original script."""
    rows = []
    for measure in measure_ids:
        hits = evidence[evidence["measure"] == measure].drop_duplicates(["id", "sentence_no"])
        for r in hits.head(per_measure).itertuples():
            rows.append(
                {
                    "measure": measure_name(measure, lang),
                    "term": r.term,
                    "quote": r.sentence_original,
                    "id": r.id,
                }
            )
    return _localise(pd.DataFrame(rows, columns=["measure", "term", "quote", "id"]), lang)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value)) or value == ""


def events_table(events: pd.DataFrame, lang: str):
    """The dated events for readers: date (range), time, precision, city, the date as written, label."""
    zh = check_lang(lang) == "zh"
    unknown = "年份不详" if zh else "year unknown"
    rows = []
    for r in events.itertuples():
        date = str(r.date) if r.year_resolved else f"{str(r.date).lstrip('-')} ({unknown})"
        if not _blank(r.end_date):
            date += f" – {r.end_date}"
        when = r.time if not _blank(r.time) else ""
        if not _blank(r.part_of_day):
            part = r.part_of_day if zh else _PART_OF_DAY.get(r.part_of_day, r.part_of_day)
            when = f"{when} {part}".strip()
        rows.append(
            {
                "date": date,
                "when": when or "—",
                "precision": _PRECISION.get(r.precision, (r.precision, r.precision))[0 if zh else 1],
                "city": city_name(r.city, lang),
                "expression": r.expression,
                "event": r.label,
                "id": r.id,
            }
        )
    columns = ["date", "when", "precision", "city", "expression", "event", "id"]
    return _localise(pd.DataFrame(rows, columns=columns), lang)


def reference_table(references: pd.DataFrame, lang: str):
    """The reference events behind the timeline charts, with their sources."""
    zh = check_lang(lang) == "zh"
    rows = [
        {
            "period": r.start if _blank(r.end) else f"{r.start} – {r.end}",
            "name": r.name_zh if zh else r.name_en,
            "scope": ("全国" if zh else "National") if r.scope == "national" else city_name(r.scope, lang),
            "source": r.source,
        }
        for r in references.itertuples()
    ]
    return _localise(pd.DataFrame(rows, columns=["period", "name", "scope", "source"]), lang)


def _anchor(city: str, measure: str) -> str:
    return "ev-" + re.sub(r"[^0-9a-z_-]", "", measure) + "-" + city.encode("utf-8").hex()


def linked_counts(rates: pd.DataFrame, lang: str) -> str:
    """City × measure mention counts as HTML; every non-zero count links to its quotes."""
    cities = list(dict.fromkeys(rates["city"]))
    measures_ = list(dict.fromkeys(rates["measure"]))
    hits = rates.set_index(["measure", "city"])["hits"]
    head = "".join(f"<th>{html.escape(city_name(c, lang))}</th>" for c in cities)
    body = []
    for measure in measures_:
        cells = []
        for city in cities:
            n = int(hits.get((measure, city), 0))
            cells.append(f'<td><a href="#{_anchor(city, measure)}">{n}</a></td>' if n else "<td>0</td>")
        body.append(f"<tr><th>{html.escape(measure_name(measure, lang))}</th>{''.join(cells)}</tr>")
    return (
        f'<table class="linked-counts"><thead><tr><th>{html.escape(header("measure", lang))}</th>'
        f"{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def evidence_appendix(evidence: pd.DataFrame, rates: pd.DataFrame, lang: str) -> str:
    """Every quote behind every non-zero count, grouped by city and measure, as HTML."""
    parts = []
    cities = list(dict.fromkeys(rates["city"]))
    measures_ = list(dict.fromkeys(rates["measure"]))
    for city in cities:
        for measure in measures_:
            hits = evidence[(evidence["city"] == city) & (evidence["measure"] == measure)]
            if hits.empty:
                continue
            title = f"{city_name(city, lang)} · {measure_name(measure, lang)} ({len(hits)})"
            items = "".join(
                f"<li><mark>{html.escape(str(r.term))}</mark> — {html.escape(str(r.sentence_original))} "
                f"<small>[{html.escape(str(r.id))}, {int(r.start)}–{int(r.end)}]</small></li>"
                for r in hits.itertuples()
            )
            parts.append(
                f'<h4 id="{_anchor(city, measure)}">{html.escape(title)}</h4><ol>{items}</ol>'
            )
    return "".join(parts)
