"""Writing the options CSV: the columns of `core.files.options_csv.columns`, so that the file
reads back to the same options."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.files.csv_safety import escape_text, one_line_break, safe_csv
from core.files.options_csv.columns import BY_HEADER, COLUMNS, rating_header
from core.model.scenario import Scenario

if TYPE_CHECKING:
    import pandas as pd


def options_frame(scenario: Scenario) -> pd.DataFrame:
    """The options as the import reads them: the fixed columns, then one rating column per rated
    criterion, then notes. Text is escaped (`escape_text`) so it reads back exactly, but for line
    breaks, which are written as "\\n" (`one_line_break`)."""
    import pandas as pd

    fixed = [c for c in COLUMNS if c.header != "notes"]
    rated = scenario.rated_criteria
    headers = [c.header for c in fixed] + [escape_text(rating_header(scenario, c.id)) for c in rated]
    headers.append("notes")
    records = []
    for o in scenario.options:
        record: list[Any] = []
        for c in fixed:
            value = getattr(o.pay, c.path[1]) if c.path[0] == "pay" else getattr(o, c.path[0])
            record.append(escape_text(one_line_break(value)) if isinstance(value, str) else float(value))
        record += [float(o.ratings[c.id]) for c in rated]
        record.append(escape_text(one_line_break(o.notes)))
        records.append(record)
    frame = pd.DataFrame(records, columns=headers)
    for c in [*fixed, BY_HEADER["notes"]]:
        if c.kind in ("text", "choice"):
            frame[c.header] = frame[c.header].astype(object)
    return frame


def options_csv(scenario: Scenario) -> str:
    """The options as CSV in the import's columns, with formula-looking text neutralized
    (`core.files.csv_safety.safe_csv`). With no options it is the header row alone: a template."""
    return safe_csv(options_frame(scenario))
