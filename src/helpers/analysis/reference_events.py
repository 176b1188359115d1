"""Reference events (``data/reference_events.yaml``): national and local events the timelines draw behind the articles'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from helpers.errors import HelpersError
from helpers.paths import data_file

#: Columns of :func:`load_reference_events`, in order.
REFERENCE_COLUMNS: tuple[str, ...] = (
    "id", "start", "end", "name_zh", "name_en", "scope", "cities", "source", "note",
)

_REFERENCE_KEYS = {
    "id": True, "start": True, "end": False, "name_zh": True, "name_en": True,
    "scope": True, "cities": False, "source": True, "note": False,
}


def load_reference_events(path: str | Path | None = None) -> pd.DataFrame:
    """National and local reference events from ``data/reference_events.yaml``.

    Parameters
    ----------
    path : path, optional
        Another file in the same format (the packaged one by default).

    Returns
    -------
    DataFrame
        Columns :data:`REFERENCE_COLUMNS`; ``start``/``end`` are
        ``datetime.date`` (``end`` None for a one-day event), ``cities`` a
        list of the cities whose timelines show the event (empty for
        national events, which every timeline shows).  Sorted by ``start``.

    Raises
    ------
    HelpersError
        Naming the file, the line and the fix, for any invalid entry.
    """
    import yaml

    source = Path(path) if path is not None else data_file("reference_events.yaml")
    name = source.name if path is None else str(source)
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise HelpersError(f"{name}: file not found; restore it from git") from None
    except UnicodeDecodeError:
        raise HelpersError(f"{name}: not UTF-8; save it as UTF-8") from None
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        raise HelpersError(
            f"{name}{line}: invalid YAML ({getattr(exc, 'problem', exc)}); check indentation "
            f"and quoting"
        ) from None
    if (root is None or not isinstance(root, yaml.MappingNode)
            or [k.value for k, _ in root.value] != ["events"]):
        raise HelpersError(f"{name}:1: the file must hold one key `events:` with a list of "
                           f"entries; see the header comment")
    entries = root.value[0][1]
    if not isinstance(entries, yaml.SequenceNode):
        raise HelpersError(f"{name}:{entries.start_mark.line + 1}: `events:` must be a list "
                           f"of entries starting with `- id:`")
    rows = []
    seen: set[str] = set()
    for node in entries.value:
        rows.append(_reference_row(node, name, seen))
    frame = pd.DataFrame(rows, columns=list(REFERENCE_COLUMNS))
    return frame.sort_values(["start", "id"]).reset_index(drop=True)


def _reference_row(node: object, name: str, seen: set[str]) -> dict[str, object]:
    import yaml

    line = node.start_mark.line + 1  # type: ignore[attr-defined]
    if not isinstance(node, yaml.MappingNode):
        raise HelpersError(f"{name}:{line}: each event must be a mapping (`- id: ...`)")
    entry: dict[str, object] = {}
    lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = key_node.value
        lines[key] = key_node.start_mark.line + 1
        if key not in _REFERENCE_KEYS:
            raise HelpersError(
                f"{name}:{lines[key]}: unknown key {key!r}; allowed keys are "
                f"{', '.join(_REFERENCE_KEYS)}"
            )
        try:
            entry[key] = yaml.safe_load(yaml.serialize(value_node))
        except ValueError:  # a date-like value that is no date, e.g. 2020-13-45
            entry[key] = value_node.value
    for key, required in _REFERENCE_KEYS.items():
        if required and entry.get(key) in (None, ""):
            raise HelpersError(f"{name}:{line}: event lacks `{key}`; add it (see the header)")
    event_id = str(entry["id"])
    if event_id in seen:
        raise HelpersError(f"{name}:{lines['id']}: duplicate id {event_id!r}; ids must be unique")
    seen.add(event_id)

    def as_date(key: str) -> dt.date | None:
        value = entry.get(key)
        if value is None:
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            raise HelpersError(
                f"{name}:{lines[key]}: `{key}: {value}` is not a date; write YYYY-MM-DD"
            ) from None

    start, end = as_date("start"), as_date("end")
    if end is not None and end < start:  # type: ignore[operator]
        raise HelpersError(f"{name}:{lines['end']}: `end` {end} is before `start` {start}; "
                           f"swap or fix them")
    for key in ("name_zh", "name_en", "scope", "source"):
        if not isinstance(entry[key], str):
            raise HelpersError(f"{name}:{lines[key]}: `{key}` must be text; quote it")
    cities = entry.get("cities") or []
    if not isinstance(cities, list) or not all(isinstance(c, str) for c in cities):
        raise HelpersError(f"{name}:{lines.get('cities', line)}: `cities` must be a list of "
                           f"city names, e.g. [武汉, 孝感]")
    scope = str(entry["scope"])
    if scope != "national" and not cities:
        cities = [scope]
    return {
        "id": event_id, "start": start, "end": end, "name_zh": entry["name_zh"],
        "name_en": entry["name_en"], "scope": scope, "cities": list(cities),
        "source": entry["source"], "note": entry.get("note"),
    }


def reference_events_for(references: pd.DataFrame, cities: Iterable[str] | None) -> pd.DataFrame:
    """The reference events a timeline of ``cities`` shows: national ones and theirs.

    ``cities`` None means every city, so every event.
    """
    if cities is None:
        return references
    wanted = {_bare_city(c) for c in cities}
    keep = [row.scope == "national" or any(_bare_city(c) in wanted for c in row.cities)
            for row in references.itertuples(index=False)]
    return references[keep].reset_index(drop=True)


def _bare_city(name: str) -> str:
    """``武汉市`` and ``武汉`` name the same city."""
    name = str(name).strip()
    return name[:-1] if len(name) > 2 and name.endswith("市") else name
