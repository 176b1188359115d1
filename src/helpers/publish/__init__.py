"""Stage 5, publish: notebooks run with papermill and exported as HTML reports, incrementally.

``plan`` (which reports; the corpus summary) → ``keys`` (content keys, build
state) → ``execution`` (papermill in warm kernels, in parallel) → ``export``
(nbconvert without code, one language, the failure box) with ``webfont`` →
``index_page``; ``build`` runs them in order, ``files`` writes safely.
"""
