"""The codebook as a reader's document: what a measure is, how a term counts, and every measure with its terms.

Everything comes from the codebook the analysis used (definitions, what counts
and what does not, examples, terms and the words of every rule), put into
words by the catalogue's ``methods.`` texts: no rule is named by its key.  Each
measure has its own anchor, ``measure-<id>``, for the other reports to link to.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from helpers.analysis.codebook import Codebook, Measure, TermRule, whole_word_by_default
from helpers.analysis.coding import match_sentence
from helpers.catalogue import text
from helpers.langs import check_lang
from helpers.report.markup import html_text
from helpers.report.methods.html import (
    bullets,
    chinese_words,
    folded,
    heading,
    labelled,
    para,
    quoted,
    say,
    then,
)
from helpers.text.gloss import gloss

if TYPE_CHECKING:
    from IPython.display import HTML

#: The codebook-wide word lists, in the order the rules are told, each with its catalogue text.
_WORD_RULES = ("not_carried_out", "prohibition", "continuation", "lifted_after", "lifted_before", "criticism",
               "criticism_lead", "hypothetical", "plans", "abandoned")


def measure_anchor(measure_id: str) -> str:
    """The anchor of a measure's section: ``measure-quarantine``."""
    return f"measure-{measure_id}"


def codebook_section(codebook: Codebook, lang: str) -> HTML:
    """The codebook section of the methods report (see :func:`codebook_html`)."""
    from IPython.display import HTML

    return HTML(codebook_html(codebook, lang))


def codebook_html(codebook: Codebook, lang: str) -> str:
    """What a measure is, what never counts, how a term is counted, then every measure with its terms."""
    check_lang(lang)
    shared = shared_not_near(codebook)
    return "".join([
        heading(2, "codebook", text("methods.codebook.heading", lang)),
        say("methods.codebook.intro", lang, n=len(codebook.measures)),
        _general(codebook, lang),
        heading(3, "matching", text("methods.matching.heading", lang)),
        say("methods.matching.intro", lang),
        matching_rules(codebook, lang, shared),
        *(measure_html(measure, codebook, lang, shared) for measure in codebook.measures),
    ])


def _in(lang: str, english, chinese_version):
    """The Chinese version on Chinese pages and the English one on English pages, each falling back to the other."""
    if lang == "zh":
        return chinese_version or english
    return english or chinese_version


def _general(codebook: Codebook, lang: str) -> str:
    parts = []
    unit = _in(lang, codebook.unit, codebook.unit_zh)
    if unit:
        parts.append(para(labelled(text("methods.codebook.unit", lang), html_text(unit))))
    never = _in(lang, codebook.never_counts, codebook.never_counts_zh)
    if never:
        parts += [para(labelled(text("methods.codebook.never_counts", lang), "")),
                  bullets(html_text(item) for item in never)]
    notes = _in(lang, codebook.notes, codebook.notes_zh)
    if notes:
        parts += [para(labelled(text("methods.codebook.notes", lang), "")), bullets(html_text(item) for item in notes)]
    return "".join(parts)


def shared_not_near(codebook: Codebook) -> tuple[str, ...]:
    """The measure-level not_near list most measures share (other campaigns: 防汛, 燃气 ...), or ``()``.

    Told once among the general rules rather than under each measure that uses it.
    """
    lists = Counter(measure.not_near for measure in codebook.measures if measure.not_near)
    if not lists:
        return ()
    words, users = lists.most_common(1)[0]
    return words if users >= 2 else ()


def matching_rules(codebook: Codebook, lang: str, shared: tuple[str, ...] = ()) -> str:
    """The rules every term is counted by, in words, with the codebook's own word lists."""
    window = codebook.window
    def told(key: str, **fields: object) -> str:
        return html_text(text(f"methods.matching.{key}", lang, window=window, **fields))

    items = [told(key) for key in ("whole_words", "overlap", "clause", "question", "topic")]
    items += [then(told(key), chinese_words(getattr(codebook, key), lang)) for key in _WORD_RULES
              if getattr(codebook, key)]
    if codebook.other_settings:
        settings = chinese_words(codebook.other_settings, lang) + html_text(text("methods.sentence_end", lang))
        items.append(then(then(told("other_settings"), settings),
                          then(told("residential"), chinese_words(codebook.residential, lang))))
    if shared:
        users = [measure for measure in codebook.measures if measure.not_near == shared]
        names = text("methods.name_separator", lang).join(measure.name_zh if lang == "zh" else measure.name_en
                                                         for measure in users)
        items.append(then(told("other_topics", measures=names), chinese_words(shared, lang)))
    return bullets(items)


def measure_html(measure: Measure, codebook: Codebook, lang: str, shared: tuple[str, ...] = ()) -> str:
    """One measure: names, definitions in both languages, what counts and what not, examples, terms and rules."""
    name = measure.name_zh if lang == "zh" else measure.name_en
    parts = [heading(3, measure_anchor(measure.id), name), para(_other_name(measure, lang))]
    definition = _in(lang, measure.definition, measure.definition_zh)
    parts.append(para(labelled(text("methods.measure.definition", lang), html_text(definition))))
    other = measure.definition if lang == "zh" else measure.definition_zh
    if other and other != definition:
        parts.append(para(labelled(text("methods.measure.definition_other", lang),
                                   html_text(other) if lang == "zh" else quoted(other))))
    for key, english, chinese_version in (("includes", measure.includes, measure.includes_zh),
                                          ("excludes", measure.excludes, measure.excludes_zh)):
        items = _in(lang, english, chinese_version)
        if items:
            parts += [para(labelled(text(f"methods.measure.{key}", lang), "")),
                      bullets(html_text(item) for item in items)]
    parts.append(_examples(measure, codebook, lang))
    parts.append(folded(text("methods.measure.terms_heading", lang, n=len(measure.terms)),
                        terms_html(measure, codebook, lang, shared)))
    return "".join(parts)


def _other_name(measure: Measure, lang: str) -> str:
    if lang == "zh":
        return labelled(text("methods.measure.name_other", lang), html_text(measure.name_en))
    pinyin = gloss(measure.name_zh).pinyin
    return labelled(text("methods.measure.name_other", lang),
                    quoted(measure.name_zh) + (f" (<i>{html_text(pinyin)}</i>)" if pinyin else ""))


def _examples(measure: Measure, codebook: Codebook, lang: str) -> str:
    parts = []
    for key, sentences, translations in (("counts", measure.counts, measure.counts_en),
                                         ("does_not_count", measure.does_not_count, measure.does_not_count_en)):
        if not sentences:
            continue
        items = []
        for index, sentence in enumerate(sentences):
            item = quoted(sentence)
            if lang == "en" and index < len(translations):
                item += " " + html_text(text("methods.measure.translation", lang, translation=translations[index]))
            if key == "counts":
                terms = list(dict.fromkeys(term for mid, term, _, _ in match_sentence(sentence, codebook)
                                           if mid == measure.id))
                if terms:
                    item = then(item, then(html_text(text("methods.measure.counted_by", lang)),
                                           chinese_words(terms, lang))) \
                        + html_text(text("methods.measure.counted_by_end", lang))
            items.append(item)
        parts += [para(labelled(text(f"methods.measure.examples_{key}", lang), "")), bullets(items)]
    return "".join(parts)


def _signature(rule: TermRule) -> tuple:
    """What decides whether a term counts, beyond the term itself: terms with the same signature are told together."""
    default_word = whole_word_by_default(rule.term)
    return (rule.near, rule.not_near, rule.window, rule.label, rule.serving, rule.restriction,
            None if rule.word == default_word else rule.word, rule.near_in_sentence)


def terms_html(measure: Measure, codebook: Codebook, lang: str, shared: tuple[str, ...] = ()) -> str:
    """The measure's terms, grouped by the conditions they count under, and its own rules, in words."""
    groups: dict[tuple, list[str]] = {}
    for rule in measure.terms:
        groups.setdefault(_signature(rule), []).append(rule.term)
    items = []
    for signature, terms in groups.items():
        conditions = _conditions(signature, lang)
        items.append(chinese_words(terms, lang) + "".join(f"<br>— {condition}" for condition in conditions))
    if measure.actions:
        items.append(labelled(text("methods.term_rules.actions", lang), chinese_words(measure.actions, lang)))
    if measure.group_topic:
        items.append(html_text(text("methods.term_rules.group_topic", lang)))
    if measure.exclude:
        items.append(labelled(text("methods.term_rules.exclude", lang), chinese_words(measure.exclude, lang)))
    if measure.not_near and measure.not_near == shared:
        items.append(html_text(text("methods.term_rules.other_topics", lang)))
    elif measure.not_near:
        items.append(labelled(text("methods.term_rules.not_near_measure", lang, window=codebook.window),
                              chinese_words(measure.not_near, lang)))
    return bullets(items)


def _conditions(signature: tuple, lang: str) -> list[str]:
    """The conditions of a group of terms, each as HTML, in the order a reader checks them."""
    near, not_near, window, label, serving, restriction, word, in_sentence = signature
    found = []
    if near:
        key = "methods.term_rules.near_sentence" if in_sentence else "methods.term_rules.near"
        found.append(then(html_text(text(key, lang, window=window)), chinese_words(near, lang)))
    if not_near:
        found.append(then(html_text(text("methods.term_rules.not_near", lang, window=window)),
                          chinese_words(not_near, lang)))
    if label:
        found.append(html_text(text("methods.term_rules.label_serving" if serving else "methods.term_rules.label", lang,
                                    window=window)))
    if restriction:
        found.append(html_text(text("methods.term_rules.restriction", lang)))
    if word is not None:
        found.append(html_text(text("methods.term_rules.whole_word" if word else "methods.term_rules.substring", lang)))
    if not found:
        found.append(html_text(text("methods.term_rules.plain", lang)))
    return found
