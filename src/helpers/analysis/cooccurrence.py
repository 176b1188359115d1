"""Co-occurrence: which measures are described in the same sentence."""

from __future__ import annotations

import pandas as pd

from helpers.analysis.codebook import Codebook, load_codebook


def cooccurrence(evidence: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Measure x measure counts of sentences that mention both.

    The diagonal is the number of sentences coded with the measure.

    Returns
    -------
    DataFrame
        Square, index and columns the measure ids in codebook order, integer cells.
    """
    codebook = codebook or load_codebook()
    coded = evidence[["id", "sentence_no", "measure"]].drop_duplicates()
    indicator = (
        coded.assign(one=1)
        .pivot_table(index=["id", "sentence_no"], columns="measure", values="one", fill_value=0, aggfunc="max")
        .reindex(columns=codebook.ids, fill_value=0)
    )
    m = indicator.to_numpy().astype(int)
    matrix = pd.DataFrame(m.T @ m, index=codebook.ids, columns=codebook.ids)
    matrix.index.name = "measure"
    return matrix
