"""Reader-facing tables in Chinese or English: escaped, no index, stable ids; linked where they cite evidence."""

from helpers.report.tables.common import header, present
from helpers.report.tables.corpus import article_table, cleaning_table, removed_lines, skipped_table
from helpers.report.tables.measures import (
    city_measure_table,
    comparison_tests,
    evidence_appendix,
    linked_counts,
    quotes,
)
from helpers.report.tables.timeline import announcements_table, events_table, reference_table
from helpers.report.tables.vocabulary import distinctive_by_city, keyness_table, left_out_words, word_table

__all__ = [
    "announcements_table",
    "article_table",
    "city_measure_table",
    "cleaning_table",
    "comparison_tests",
    "distinctive_by_city",
    "events_table",
    "evidence_appendix",
    "header",
    "keyness_table",
    "left_out_words",
    "linked_counts",
    "present",
    "quotes",
    "reference_table",
    "removed_lines",
    "skipped_table",
    "word_table",
]
