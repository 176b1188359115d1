"""The methods report: the codebook, validation, sources, dates and places, cleaning, statistics.

Each section is one call from the notebook ``05_methods`` and opens with a
heading whose anchor the other reports link to (:data:`SECTIONS`, and
``measure-<id>`` for each measure)::

    from helpers.report import methods
    methods.codebook_section(analysis.codebook, lang)
"""

from helpers.report.methods.cleaning import cleaning_section
from helpers.report.methods.codebook import codebook_section, measure_anchor
from helpers.report.methods.sources import dates_section, places_section, sources_section
from helpers.report.methods.statistics import statistics_section
from helpers.report.methods.validation import validation_section

#: The anchors of the report's sections, in page order.
SECTIONS = ("codebook", "matching", "validation", "sources", "dates", "places", "cleaning", "statistics")

__all__ = [
    "SECTIONS",
    "cleaning_section",
    "codebook_section",
    "dates_section",
    "measure_anchor",
    "places_section",
    "sources_section",
    "statistics_section",
    "validation_section",
]
