"""What .streamlit/config.toml promises (docs/security.md): upload limit, XSRF protection on."""

from __future__ import annotations

import tomllib
from pathlib import Path

from core.files.options_csv.columns import MAX_OPTIONS_CSV_BYTES
from core.files.scenario_json import MAX_SCENARIO_BYTES

CONFIG = tomllib.loads((Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml").read_text())


def test_xsrf_protection_stays_on():
    assert CONFIG["server"]["enableXsrfProtection"] is True


def test_upload_limit_matches_what_the_code_checks():
    assert CONFIG["server"]["maxUploadSize"] == 5  # MB, for every uploader
    assert MAX_SCENARIO_BYTES <= 5 * 1024 * 1024
    assert MAX_OPTIONS_CSV_BYTES <= 5 * 1024 * 1024


def test_no_secrets_file_is_committed():
    root = Path(__file__).resolve().parent.parent
    assert (
        not (root / ".streamlit" / "secrets.toml").exists()
        or ".streamlit/secrets.toml" in (root / ".gitignore").read_text()
    )


def test_the_readme_quotes_the_example_verdict_the_app_gives():
    from core.decision.scoring import compare, verdict
    from core.model.example import example_scenario

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    assert f"> {verdict(compare(example_scenario()))}" in readme


def test_the_app_listens_on_this_computer_only():
    """Without sign-in anyone who reaches the port reads every saved scenario (docs/deployment.md)."""
    assert CONFIG["server"]["address"] == "localhost"


def test_a_run_is_not_slowed_by_a_forced_collection_or_a_source_watcher():
    """A forced full garbage collection after each run, and watching the source files, were most of
    a priority change's server time (docs/benchmarks.md, "Server work per change")."""
    assert CONFIG["runner"]["postScriptGC"] is False
    assert CONFIG["server"]["fileWatcherType"] == "none"


def test_make_run_is_streamlit_run_on_the_app_with_the_options_given(monkeypatch):
    """`make run` starts `python -m ui.serve`: Streamlit's own `streamlit run streamlit_app.py`,
    passed any options, with the first page's modules imported alongside."""
    import sys

    from streamlit.web import cli

    import ui.serve

    seen = []
    monkeypatch.setattr(cli, "main", lambda: seen.append(list(sys.argv)))
    monkeypatch.setattr(ui.serve, "_import_first_page", lambda: seen.append("imports"))
    monkeypatch.setattr(sys, "argv", list(sys.argv))
    ui.serve.main(["--server.port", "8600"])
    app = str(Path(__file__).resolve().parent.parent / "streamlit_app.py")
    assert ["streamlit", "run", app, "--server.port", "8600"] in seen
    makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text()
    assert "\t$(BIN)/python -m ui.serve\n" in makefile
