"""Content analysis of Chinese news reports on community COVID-19 prevention.

Data flows one way: seeds -> corpus -> tokens -> codes/events -> tables ->
charts -> reports.  Modules are named for their stage; importing the package
reads no file.
"""

from helpers.errors import HelpersError

__all__ = ["HelpersError"]
__version__ = "0.1.0"
