"""Importing offers from a CSV file on the Offers page, driven as a person would: upload, read the
preview and the problems, press the button; and a bad file that leaves everything as it was."""

from __future__ import annotations

from core.files.options_csv.write import options_csv
from core.text import markdown_unescape
from tests.apptest_support import download, open_page, texts
from tests.scenarios import simple_example

UPLOAD = "options_csv_upload#0"
GOOD_AND_BAD = (
    "name,kind,stage,employer,base,bonus %,sign_on,Growth,Work-life balance\n"
    'Acme,external offer,offer,Acme Inc,"$125,000",10,5000,8,6\n'
    "Hooli,internal role,,,130 000,,,7,\n"
    "Broken,prospect,,,12k,,,11,\n"
)


def scenario(at):
    return at.session_state["_tab"].edits.scenario


def frame(at, column):
    """The one table (st.dataframe) on the page with this column: "Status" for the rows of the
    file, "Problem" for the problems."""
    (found,) = [d.value for d in at.dataframe if column in d.value.columns]
    return found


def test_preview_then_add_commits_only_the_good_rows(app):
    open_page(app, "offers")
    before = scenario(app)
    app.file_uploader(key=UPLOAD).upload("offers.csv", GOOD_AND_BAD.encode()).run()
    assert not app.exception
    assert scenario(app) == before  # a preview changes nothing

    preview = frame(app, "Status")
    assert preview["Status"].tolist() == ["ready to add", "ready to add", "not added: 2 problems"]
    assert preview["base"].tolist() == ["125,000", "130,000", "12k"]
    problems = frame(app, "Problem")
    assert problems.to_dict("records") == [
        {"Row": "4", "Column": "base", "Problem": '"12k" is not a number; write it as 12000'},
        {"Row": "4", "Column": "Growth", "Problem": '"11" is above 10; ratings go from 0 to 10'},
    ]
    assert any("No column for" in t and "Title" in t for t in texts(app, "caption"))
    button = app.button(key="options_csv_import")
    assert button.label == "Add 2 offers" and not button.disabled

    button.click().run()
    assert not app.exception
    after = scenario(app)
    assert [o.name for o in after.options] == [o.name for o in before.options] + ["Acme", "Hooli"]
    assert after.options[:3] == before.options
    acme, hooli = after.options[3:]
    assert (acme.kind, acme.stage, acme.employer) == ("external offer", "offer", "Acme Inc")
    assert (acme.pay.base, acme.pay.bonus_target_pct, acme.pay.sign_on) == (125_000, 10, 5_000)
    assert acme.ratings == {"title": 5, "work_life": 6, "culture": 5, "growth": 8, "mission": 5}
    assert (hooli.kind, hooli.stage, hooli.pay.base) == ("internal role", "interviewing", 130_000)
    assert hooli.ratings["work_life"] == 5  # a blank rating cell is neutral
    assert "You imported 2 offers from offers.csv. Undo is in the sidebar." in texts(app, "success")

    # The uploader is empty again; the row that was left out stays listed with its problems.
    assert [u.key for u in app.get("file_uploader") if u.key.startswith("options_csv")] == [
        "options_csv_upload#1"
    ]
    assert frame(app, "Status")["name"].tolist() == ["Broken"]
    assert len(frame(app, "Problem")) == 2
    assert any("were not imported" in t for t in texts(app, "warning"))

    # The offers table shows them, and one Undo brings back the scenario from before.
    open_page(app, "offers")
    next(b for b in app.button if b.label == "Undo").click().run()
    assert scenario(app).options == before.options


def test_a_bad_file_is_explained_and_changes_nothing(app):
    open_page(app, "offers")
    before = scenario(app)
    app.file_uploader(key=UPLOAD).upload("offers.csv", "name,employer\nCafé,Société\n".encode("cp1252")).run()
    assert not app.exception
    errors = texts(app, "error")
    assert any("The file is not UTF-8 text: byte 18 (line 2)" in e for e in errors), errors
    assert app.button(key="options_csv_import").disabled
    assert scenario(app) == before

    app.file_uploader(key=UPLOAD).upload("offers.csv", b"company,base\nAcme,1\n").run()
    assert any('The file has no "name" column' in e for e in texts(app, "error"))
    assert app.button(key="options_csv_import").disabled

    # Every row refused: nothing to add, each row listed with its problem.
    app.file_uploader(key=UPLOAD).upload("offers.csv", b"name,base\nGlobex,NaN\n,5\n").run()
    problems = frame(app, "Problem")["Problem"].tolist()
    assert '"NaN" is not a number; write an amount of money, or leave the cell empty' in problems
    assert "the name is empty; every offer needs a name" in problems
    assert app.button(key="options_csv_import").disabled
    assert scenario(app) == before
    # Everything entered before is still there, on every page.
    open_page(app, "compare")
    assert scenario(app) == before


def test_replacing_an_offer_of_the_same_name(app):
    open_page(app, "offers")
    before = scenario(app)
    app.file_uploader(key=UPLOAD).upload("globex.csv", b"name,base,Growth\nGlobex,150000,9\n").run()
    assert frame(app, "Problem")["Problem"].tolist() == [
        'there is already an offer called "Globex"; rename the row, or choose to replace offers of the same name'
    ]
    assert app.button(key="options_csv_import").disabled
    app.checkbox(key="options_csv_replace").check().run()
    assert frame(app, "Status")["Status"].tolist() == ["replaces Globex"]
    button = app.button(key="options_csv_import")
    assert button.label == "Replace 1 offer" and not button.disabled
    button.click().run()
    after = scenario(app)
    assert [o.id for o in after.options] == [o.id for o in before.options]
    globex = after.option("globex")
    assert globex.pay.base == 150_000 and globex.ratings["growth"] == 9
    assert (
        globex.process == before.option("globex").process
        and globex.employer == before.option("globex").employer
    )


def test_download_is_the_import_format_and_reads_back_unchanged(app):
    open_page(app, "offers")
    data = download(app, "download_options_csv")
    assert data.decode() == options_csv(simple_example())
    assert data.decode().startswith("name,kind,stage,employer,role,level,base,bonus_pct,")
    app.checkbox(key="options_csv_replace").check().run()
    app.file_uploader(key=UPLOAD).upload("offers.csv", data).run()
    assert frame(app, "Status")["Status"].tolist() == [
        "replaces Globex",
        "replaces Initech platform team",
        "replaces Umbrella Health",
    ]
    app.button(key="options_csv_import").click().run()
    assert scenario(app) == simple_example()


def test_names_from_the_file_are_never_read_as_markdown(app):
    open_page(app, "offers")
    name = "**Boom** [x](javascript:alert(1)) :red[hi] <b>x</b>"
    app.file_uploader(key=UPLOAD).upload("[evil](http://x).csv", f'name\n"{name}"\n'.encode()).run()
    assert frame(app, "Status")["name"].tolist() == [name]
    app.button(key="options_csv_import").click().run()
    assert scenario(app).options[-1].name == name
    (success,) = texts(app, "success")
    assert (
        markdown_unescape(success)
        == "You imported 1 offer from [evil](http://x).csv. Undo is in the sidebar."
    )
    assert "[evil](" not in success
    # Shown only in tables (st.dataframe shows text as text), never in Markdown.
    assert not any("Boom" in t for t in texts(app, "markdown") + texts(app, "caption"))
