"""Stage 1, the corpus: raw seed files in; clean, dated, located articles and their sentences out.

``seeds`` (which files are articles) → ``reading`` (encodings) → ``cleaning`` with ``boilerplate`` rules → ``metadata``
(with ``gazetteer``, ``manual`` metadata and ``limits``) → ``duplicates`` →
``sentences``; ``articles`` runs them all and caches each article by content.

``read_corpus`` and friends are imported on first use, so that a light module
of this stage (``limits``, which the build's no-op check reads) does not bring
in pandas.
"""

from __future__ import annotations

__all__ = ["Corpus", "load_corpus", "read_corpus"]


def __getattr__(name: str) -> object:
    if name in __all__:
        from helpers.corpus import articles

        return getattr(articles, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
