"""Stage 3, analysis: codes, counts, statistics and events computed from the corpus and its tokens.

``codebook`` → ``matching`` → ``coding`` (evidence, counts) → ``inference``,
``cooccurrence``, ``keyness``, ``periods``, ``kwic``; ``date_mention`` →
``dates`` and ``date_words`` (with ``holidays``) → ``events`` (labelled by
``labels``) with ``reference_events``.  ``pipeline`` runs the corpus stage in batches into the
store (``stored``); ``aggregates`` sums the reports' figures from it batch by batch; ``facade``
holds :class:`Analysis`, the one object notebooks use, computing each table once on demand.
"""

from helpers.analysis.facade import Analysis, analyse

__all__ = ["Analysis", "analyse"]
