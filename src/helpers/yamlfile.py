"""Reading the YAML data files: one parse that keeps the line of every value.

The schema layer (:mod:`helpers.schema`) validates what this reads; this
module only parses, refusing what would make a hand-written file dangerous to
walk (anchors and aliases expanding it exponentially) or ambiguous (a key
given twice), and reports every problem as the one data-file error line.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from helpers.errors import HelpersError


def data_error(file: str | Path, line: int, problem: str, fix: str) -> HelpersError:
    """The one-line error of a data file: ``{file}, line {line}: {problem}; fix: {fix}``."""
    return HelpersError(f"{file}, line {line}: {problem}; fix: {fix}")


# libyaml's safe loader when PyYAML was built with it: same data and line marks, several times faster.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    # A date-like value that is no date (2020-13-45) stays text, so the schema
    # can name its key and line instead of the parser failing without either.
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


class _Loader(_FAST_LOADER):  # type: ignore[misc,valid-type]
    """The safe loader (no arbitrary tags), lenient about impossible dates."""


class _PureLoader(yaml.SafeLoader):
    """The pure-Python safe loader: its syntax-error messages are the ones users see."""


for _cls in (_Loader, _PureLoader):
    _cls.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


# --------------------------------------------------------------------------- reading


#: Most values a data file may hold once its aliases are expanded (the shipped codebook: about 2,000).
MAX_EXPANDED_VALUES = 200_000


def _parse(text: str, loader_class: type, name: str) -> tuple[yaml.Node | None, Any]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is not None and "*" in text:
            _check_expansion(node, name)
        # One parse gives both the nodes (for the lines) and the data.
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _check_expansion(root: yaml.Node, name: str) -> None:
    """Refuse a file whose aliases expand it beyond :data:`MAX_EXPANDED_VALUES` values ("billion laughs").

    Anchors and aliases let an analyst write a list once and reuse it; nested
    ones can expand exponentially in everything that walks the data.  The
    composed nodes are shared, so their expanded size is counted once per
    node, in time linear in the file, before anything walks them.
    """
    sizes: dict[int, int] = {}

    def size(node: yaml.Node) -> int:
        if id(node) not in sizes:
            sizes[id(node)] = 0  # a recursive alias counts as nothing more while it is being sized
            if isinstance(node, yaml.MappingNode):
                children = [child for pair in node.value for child in pair]
            elif isinstance(node, yaml.SequenceNode):
                children = node.value
            else:
                children = []
            sizes[id(node)] = 1 + sum(size(child) for child in children)
        return sizes[id(node)]

    if size(root) > MAX_EXPANDED_VALUES:
        raise data_error(name, root.start_mark.line + 1,
                         f"anchors and aliases (&name, *name) expand the file beyond {MAX_EXPANDED_VALUES:,} values",
                         "write the repeated values out, or alias only plain lists")


def _key(node: yaml.Node) -> object:
    """A key that is not text (``2020:``, ``true:``), as the data holds it; rare, so built on its own."""
    return _PureLoader("").construct_object(node, deep=True)


def parse_yaml(text: str, name: str) -> tuple[Any, dict[tuple, int]]:
    """Parse YAML ``text`` of the file ``name``; see :func:`read_yaml`."""
    try:
        try:
            node, data = _parse(text, _Loader, name)
        except yaml.YAMLError:
            node, data = _parse(text, _PureLoader, name)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise data_error(name, mark.line + 1 if mark is not None else 1, f"not valid YAML ({problem})",
                         "check indentation, colons and quoting") from None
    lines: dict[tuple, int] = {}

    def walk(current: yaml.Node, key_path: tuple, line: int | None = None) -> None:
        # A mapping value is located at its key's line, where a reader looks for it.
        lines[key_path] = line if line is not None else current.start_mark.line + 1
        if isinstance(current, yaml.MappingNode):
            seen: set = set()
            for key_node, value_node in current.value:
                key = key_node.value if key_node.tag == "tag:yaml.org,2002:str" else _key(key_node)
                if key in seen:
                    raise data_error(name, key_node.start_mark.line + 1, f"key {key!r} appears twice", "keep one")
                seen.add(key)
                walk(value_node, key_path + (key,), key_node.start_mark.line + 1)
        elif isinstance(current, yaml.SequenceNode):
            for index, item in enumerate(current.value):
                walk(item, key_path + (index,))

    if node is not None:
        walk(node, ())
    return data, lines


def read_text(path: str | Path) -> str:
    """The text of a UTF-8 data file, or a one-line error naming it."""
    path = Path(path)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        # The full path: the reader needs to see where it was looked for.
        raise data_error(path, 1, "file not found", "create it, restore it from git or pass the right path") from None
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise data_error(path.name, line, "not UTF-8 text", "re-save the file as UTF-8") from None
    except OSError as exc:  # a folder, no permission: one line naming it, not a traceback
        raise data_error(path.name, 1, f"cannot be read ({exc.strerror})", "make it a readable text file") from None


def read_yaml(path: str | Path) -> tuple[Any, dict[tuple, int]]:
    """Read a YAML data file and remember the line of every value.

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
        If the file is missing, not UTF-8, not valid YAML, repeats a key or has an anchor or alias (&a, *a).
    """
    path = Path(path)
    return parse_yaml(read_text(path), path.name)


def read_lines(path: Path) -> Iterable[tuple[int, str]]:
    """The non-blank, non-comment lines of a plain-text data file (word lists), with their line numbers."""
    for number, line in enumerate(read_text(path).splitlines(), start=1):
        line = line.strip().lstrip("\ufeff")
        if line and not line.startswith("#"):
            yield number, line
