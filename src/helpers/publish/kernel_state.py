"""Put a kernel back to a fresh state between two notebooks (run inside the kernel).

The build runs several notebooks one after another in one kernel per worker,
to save the kernel start and the imports each time.  Before each notebook,
:data:`RESET_CODE` clears the user namespace and puts matplotlib back as it
is in a fresh kernel after ``%matplotlib inline``, so a report does not
depend on which notebooks ran before it in the same kernel.  What is left in
place is what a notebook cannot see: imported modules and the caches of
:mod:`helpers` (keyed on their inputs, so they give the same results).
"""

from __future__ import annotations

import warnings

# Sent by the build as one execute request; `%reset -f` empties the namespace
# (Out history included) and the helper restores the rest.
RESET_CODE = "%reset -f\nimport helpers.publish.kernel_state\nhelpers.publish.kernel_state.reset()\ndel helpers"

_FRESH_RC: dict | None = None


def reset() -> None:
    """Close every figure and restore matplotlib's settings to the first notebook's starting point."""
    global _FRESH_RC
    import matplotlib
    from IPython import get_ipython

    shell = get_ipython()
    if shell is not None:
        shell.run_line_magic("matplotlib", "inline")
    import matplotlib.pyplot as plt

    plt.close("all")
    if _FRESH_RC is None:
        _FRESH_RC = dict(matplotlib.rcParams.copy())
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated keys warn when set, even to their value
        matplotlib.rcParams.update(_FRESH_RC)
