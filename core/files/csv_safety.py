"""CSV that is safe to open in a spreadsheet and reads back as written, for every CSV the app
writes or reads (the comparison, the money by year, the options file).

- A text cell that a spreadsheet would run as a formula (=, +, -, @, a tab, a carriage return at
  its start) gets a leading apostrophe (OWASP's advice on CSV injection); `unescape_text` drops it
  again on the way in, and `escape_text` doubles a person's own leading apostrophe so that it
  survives the round trip.
- Line breaks inside a cell are written as line feeds only: a lone carriage return is not quoted
  by pandas or the csv module when rows end in "\n", and a reader would split the row there.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

# A cell starting with one of these is a formula to a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formula(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula gets a leading apostrophe. Numbers stay
    numbers, so a negative difference is still -1.2."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_csv(frame: pd.DataFrame) -> str:
    """A CSV of `frame` with text cells and headers that can't run as spreadsheet formulas, and
    one kind of line break inside cells."""
    import pandas as pd

    out = frame.copy()
    out.columns = [neutralize_formula(str(c)) for c in out.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(neutralize_formula).map(_one_line_break_in)
    buf = io.StringIO()
    out.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def escape_text(value: str) -> str:
    """Text as the app writes it: one more leading apostrophe when it already starts with one, so
    that `unescape_text` can tell it from the apostrophe `neutralize_formula` adds."""
    return "'" + value if value.startswith("'") else value


def unescape_text(value: str) -> str:
    """A cell as the person meant it: a leading apostrophe before =, +, -, @, a tab, a carriage
    return or another apostrophe is the spreadsheet's mark for "this is text" and is dropped. The
    text itself is kept literally: a name "=cmd" is a name, never evaluated."""
    if len(value) >= 2 and value[0] == "'" and value[1] in ("'", *FORMULA_START):
        return value[1:]
    return value


def one_line_break(text: str) -> str:
    """Line breaks inside a cell as line feeds ("\r\n" and a lone "\r" become "\n")."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _one_line_break_in(value: Any) -> Any:
    return one_line_break(value) if isinstance(value, str) else value
