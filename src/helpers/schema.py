"""Reading the YAML data files: one loader that keeps the line of every value.

Data-file loaders name the line of a bad value in their error messages.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from helpers.errors import HelpersError

# libyaml's safe loader when PyYAML was built with it: same data and line marks, several times faster.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: str | Path) -> tuple[Any, dict[tuple, int]]:
    """Read a YAML data file and remember the line of every value.

    Data-file loaders use the line map to name the line of a bad value in
    their error messages.

    Parameters
    ----------
    path : str or Path
        A UTF-8 YAML file.

    Returns
    -------
    data : object
        The parsed document (``None`` for an empty file).
    lines : dict
        Maps a key path such as ``("cities", "武汉", "name_en")`` (sequence
        items by index) to its 1-based line number.

    Raises
    ------
    HelpersError
        If the file is missing, not UTF-8, not valid YAML, or repeats a key.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HelpersError(f"{path}: file not found; create it or pass the right path") from None
    except UnicodeDecodeError:
        raise HelpersError(f"{path}: not UTF-8; re-save it as UTF-8") from None
    try:
        try:
            node = yaml.compose(text, Loader=_FAST_LOADER)
            data = yaml.load(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            # Parse again with the pure-Python loader: its messages are the ones users see.
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise HelpersError(f"{path.name}{where}: not valid YAML ({problem}); check indentation, colons and quoting") from None
    lines: dict[tuple, int] = {}

    def walk(current: yaml.Node, key_path: tuple, line: int | None = None) -> None:
        # A mapping value is located at its key's line, where a reader looks for it.
        lines[key_path] = line if line is not None else current.start_mark.line + 1
        if isinstance(current, yaml.MappingNode):
            seen: set = set()
            for key_node, value_node in current.value:
                key = yaml.safe_load(yaml.serialize(key_node)) if key_node.tag != "tag:yaml.org,2002:str" else key_node.value
                if key in seen:
                    raise HelpersError(
                        f"{path.name}, line {key_node.start_mark.line + 1}: key {key!r} appears twice; keep one"
                    )
                seen.add(key)
                walk(value_node, key_path + (key,), key_node.start_mark.line + 1)
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                walk(item, key_path + (index,))

    if node is not None:
        walk(node, ())
    return data, lines


def read_lines(path: Path) -> Iterable[tuple[int, str]]:
    """The non-blank, non-comment lines of a plain-text data file (word lists), with their line numbers."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HelpersError(f"{path}: file not found; restore it from the repository") from None
    except UnicodeDecodeError:
        raise HelpersError(f"{path.name}: not UTF-8; re-save it as UTF-8") from None
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip().lstrip("\ufeff")
        if line and not line.startswith("#"):
            yield number, line
