"""Reference events (``data/reference_events.yaml``): national and local events drawn behind the articles' timelines."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

import pandas as pd
from pydantic import ValidationInfo, model_validator

from helpers import schema
from helpers.paths import data_file
from helpers.schema import Date, Text

#: Columns of :func:`load_reference_events`, in order.
REFERENCE_COLUMNS: tuple[str, ...] = (
    "id", "start", "end", "name_zh", "name_en", "scope", "cities", "source", "source_en", "note",
)


class ReferenceEvent(schema.Section):
    """One entry under ``events:``."""

    id: Text
    start: Date
    end: Date | None = None
    name_zh: Text
    name_en: Text
    scope: Text
    cities: list[str] | None = None
    source: Text
    source_en: Text | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _ends_after_it_starts(self) -> ReferenceEvent:
        if self.end is not None and self.end < self.start:
            raise schema.fail(f"end {self.end} is before start {self.start}", "swap or fix them", at=("end",))
        return self


class ReferenceEventsFile(schema.Section):
    """The schema of ``data/reference_events.yaml``; every key is described in ``data/defaults.yaml``."""

    entry_nouns: ClassVar[dict[str, str]] = {"events": "event"}

    events: list[ReferenceEvent]

    @model_validator(mode="after")
    def _ids_are_unique(self, info: ValidationInfo) -> ReferenceEventsFile:
        first: dict[str, int] = {}
        for index, event in enumerate(self.events):
            if event.id in first:
                first_line = schema.line_of(info, "events", first[event.id])
                raise schema.fail(f"duplicate event id {event.id!r} (first at line {first_line})",
                                  "give each event its own id", at=("events", index))
            first[event.id] = index
        return self


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
    source = Path(path) if path is not None else data_file("reference_events.yaml")
    rows = [_reference_row(event) for event in schema.load(source, ReferenceEventsFile).events]
    frame = pd.DataFrame(rows, columns=list(REFERENCE_COLUMNS))
    return frame.sort_values(["start", "id"]).reset_index(drop=True)


def _reference_row(event: ReferenceEvent) -> dict[str, object]:
    cities = event.cities or []
    if event.scope != "national" and not cities:
        cities = [event.scope]
    return {
        "id": event.id, "start": event.start, "end": event.end, "name_zh": event.name_zh,
        "name_en": event.name_en, "scope": event.scope, "cities": list(cities),
        "source": event.source, "source_en": event.source_en, "note": event.note,
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
