"""Start the app: `python -m ui.serve [streamlit options]` is `streamlit run streamlit_app.py`, and
while the server starts and the first browser loads the page (about a second in which the server
has nothing to do), it imports the modules the first page needs. The first page is then drawn
without waiting for them (docs/benchmarks.md, "Cold start"). `make run` starts the app this way.

Only modules that are safe to import outside a page run are imported here: Streamlit's caching
decorators are, and nothing here draws anything or declares a component.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "streamlit_app.py"

# What the entrypoint and the Overview page import, heaviest first (pydantic, SQLAlchemy, numpy).
FIRST_PAGE = (
    "ui.saved",
    "ui.state",
    "ui.scenarios",
    "ui.widgets",
    "ui.nav",
    "core.process.summary",
    "core.money.plausibility",
)


def _import_first_page(wait: bool = True) -> None:
    """Import FIRST_PAGE, once Streamlit's server is up (`wait`): before, importing would slow
    the server's own start, which is Python work too, as much as it saves."""
    import importlib
    import time

    if wait:
        from streamlit.runtime import Runtime
        from streamlit.runtime.runtime import RuntimeState

        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not (
            Runtime.exists() and Runtime.instance().state is not RuntimeState.INITIAL
        ):
            time.sleep(0.01)
    # Meanwhile the server sends the page's files: let its thread have the interpreter every half
    # millisecond rather than every five, so none of them waits on these imports.
    switch = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)
    try:
        for name in FIRST_PAGE:
            importlib.import_module(name)
    except Exception:  # noqa: BLE001 - the page run imports it again and shows any error there
        return
    finally:
        sys.setswitchinterval(switch)


def main(argv: list[str] | None = None) -> None:
    threading.Thread(target=_import_first_page, name="import-first-page", daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
