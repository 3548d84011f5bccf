"""Many people at once: sessions driven through Streamlit's own websocket protocol, no browser.

    .venv/bin/python benchmarks/load.py --sessions 10 20 40 [--moves 8] [--url http://127.0.0.1:8501]

Without --url it starts the app itself on a SQLite database of its own (one process). With --url
it drives whatever runs there (two processes behind nginx with PostgreSQL, say: docs/benchmarks.md
says how that was set up).

Each session, as a person does:
  1. opens the app (the Overview page) and presses "New blank scenario", so every session edits a
     scenario of its own (without sign-in everyone is the same owner);
  2. goes to Compare;
  3. moves the Pay priority `--moves` times, one step of 5 at a time, up or down, with a think
     time of 0.5-2 s before each (seeded). Compare's priorities are the live priorities component
     (ui/live_priorities.py): the browser moves them alone and commits every weight on release,
     so one move here is one commit, sent as the component sends it (its state, as JSON);
  4. at the end, its saves are checked: the scenario it edits, read back from the database (the
     sidebar's scenario name says which), holds the last weight it sent.

One move's time is from sending the commit to the server's "script finished" for that run (the
Compare page reruns as a fragment). Printed: p50 and p95 per session count, saves lost, and (when
this script started the app, or --pid names its processes) the server's CPU time per move.

The protocol (streamlit.proto): a BackMsg `rerun_script` carries a ClientState (page, widget
states, fragment id); ForwardMsgs bring the page's elements (`delta.new_element`, each widget with
its id) and `script_finished`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import websockets  # noqa: E402
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402

STEP = 5.0
RUN_TIMEOUT = 60.0


@dataclass
class Seen:
    """What the last run drew: each widget's id by label, its value, and the fragment it is in."""

    widgets: dict[str, tuple[str, object, str]] = field(
        default_factory=dict
    )  # label -> (id, value, fragment)
    scenario_name: str | None = None
    texts: list[str] = field(default_factory=list)
    components: dict[str, tuple[str, dict, str]] = field(default_factory=dict)  # key -> (id, data, fragment)


class Session:
    def __init__(self, ws_url: str, seed: int) -> None:
        self.ws_url = ws_url
        self.random = random.Random(seed)
        self.ws = None
        self.page_hash = ""
        self.pages: dict[str, str] = {}
        self.last_weight: float | None = None
        self.times: list[float] = []
        self.errors: list[str] = []
        self.pids: list[int] = []  # the server's processes, to read their CPU time around the moves
        self.cpu: float | None = None

    async def open(self) -> Seen:
        self.ws = await websockets.connect(self.ws_url, subprotocols=["streamlit"], max_size=2**26)
        return await self.rerun(page_name="")

    async def rerun(
        self, page_name: str | None = None, widgets: list | None = None, fragment_id: str = ""
    ) -> Seen:
        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = ""
        if page_name is not None:
            cs.page_name = page_name
            cs.page_script_hash = self.pages.get(page_name, "")
        else:
            cs.page_script_hash = self.page_hash
        for w in widgets or []:
            cs.widget_states.widgets.append(w)
        if fragment_id:
            cs.fragment_id = fragment_id
        await self.ws.send(msg.SerializeToString())
        return await self.until_finished()

    async def until_finished(self) -> Seen:
        seen = Seen()
        deadline = time.monotonic() + RUN_TIMEOUT
        while True:
            raw = await asyncio.wait_for(self.ws.recv(), timeout=max(0.1, deadline - time.monotonic()))
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = fwd.new_session.page_script_hash
            elif kind == "navigation":
                self.page_hash = fwd.navigation.page_script_hash
                for page in fwd.navigation.app_pages:
                    self.pages[page.url_pathname] = page.page_script_hash
            elif kind == "page_info_changed":
                pass
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                self._note(seen, fwd.delta.new_element, fwd.delta.fragment_id)
            elif kind == "script_finished":
                if fwd.script_finished == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue  # the page asked for a rerun of the whole app: wait for that one
                return seen

    @staticmethod
    def _note(seen: Seen, element, fragment_id: str) -> None:
        which = element.WhichOneof("type")
        if which in ("slider", "button", "selectbox"):
            widget = getattr(element, which)
            value = list(widget.value) if which == "slider" else getattr(widget, "raw_value", None)
            seen.widgets[widget.label] = (widget.id, value, fragment_id)
            if which == "selectbox" and widget.label == "Scenario":
                seen.scenario_name = widget.raw_value if widget.HasField("raw_value") else None
        elif which == "bidi_component":
            comp = element.bidi_component
            data = json.loads(comp.json) if comp.json else {}
            # the widget id ends with the key the page gave it ("live:compare")
            seen.components[comp.id.rsplit("-", 1)[-1]] = (comp.id, data, fragment_id)
        elif which == "markdown":
            seen.texts.append(element.markdown.body)

    async def run(self, moves: int, new_blank: bool = True) -> None:
        self.phase = "opening the app"
        try:
            await self._run(moves, new_blank)
        except TimeoutError:
            self.errors.append(f"no answer within {RUN_TIMEOUT:.0f} s while {self.phase}")
        finally:
            if self.ws is not None:
                await self.ws.close()

    async def _run(self, moves: int, new_blank: bool) -> None:
        seen = await self.open()
        if new_blank:
            button = seen.widgets.get("New blank scenario")
            if button is None:
                self.errors.append("no 'New blank scenario' button")
                return
            press = BackMsg().rerun_script.widget_states.widgets.add()
            press.id, press.trigger_value = button[0], True
            self.phase = "pressing New blank scenario"
            seen = await self.rerun(widgets=[press])
        self.scenario_name = seen.scenario_name
        self.phase = "going to Compare"
        seen = await self.rerun(page_name="compare")
        live = next((c for key, c in seen.components.items() if key.endswith("compare")), None)
        if live is None:
            self.errors.append("no live priorities on Compare")
            return
        widget_id, data, fragment = live
        weights = {c["id"]: float(c["weight"]) for c in data["criteria"]}
        pay = next(c["id"] for c in data["criteria"] if c["name"] == "Pay")
        token = f"load-{id(self)}"
        cpu_before = cpu_seconds(self.pids) if self.pids else None
        for seq in range(1, moves + 1):
            await asyncio.sleep(self.random.uniform(0.5, 2.0))
            weight = weights[pay]
            weights[pay] = (
                weight + STEP
                if weight + STEP <= 100 and (weight <= 0 or self.random.random() < 0.5)
                else weight - STEP
            )
            state = BackMsg().rerun_script.widget_states.widgets.add()
            state.id = widget_id
            state.json_value = json.dumps({"commit": {"token": token, "seq": seq, "weights": weights}})
            start = time.perf_counter()
            self.phase = f"committing priorities (change {seq})"
            seen = await self.rerun(widgets=[state], fragment_id=fragment)
            self.times.append(time.perf_counter() - start)
            # As the browser does: the next change goes to the component as this run drew it (a
            # run of the whole page, after a banner appeared above it, say, gives a new fragment).
            drawn = next((c for key, c in seen.components.items() if key.endswith("compare")), None)
            if drawn is not None:
                widget_id, _, fragment = drawn
            self.last_weight = weights[pay]
        if cpu_before is not None:
            self.cpu = cpu_seconds(self.pids) - cpu_before


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time these processes have used so far (Linux /proc)."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    pos = (len(s) - 1) * q
    lo = int(pos)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


async def one_slider_cpu(ws_url: str, pid: int, moves: int) -> float:
    """The baseline: server CPU per change of benchmarks/minimal_app.py's one slider, driven the
    same way (one session, one widget change per run, the same think times)."""
    session = Session(ws_url, seed=0)
    seen = await session.open()
    widget_id, _, _ = seen.widgets["Value"]
    value = 50.0  # the slider's default: the first run sent it as the default, not as a value
    before = cpu_seconds([pid])
    for _ in range(moves):
        await asyncio.sleep(session.random.uniform(0.5, 2.0))
        value = value + 1 if value < 100 else 0
        state = BackMsg().rerun_script.widget_states.widgets.add()
        state.id = widget_id
        state.double_array_value.data[:] = [value]
        await session.rerun(widgets=[state])
    spent = cpu_seconds([pid]) - before
    await session.ws.close()
    return spent / moves


def many_options(n: int):
    """The example scenario with `n` options: its offers over and over, each with its own name and
    ratings moved a little, so every option scores differently."""
    from core.model.example import example_scenario

    example = example_scenario()
    options = []
    for k in range(n):
        base = example.options[k % len(example.options)]
        ratings = {c: min(10.0, max(0.0, v + (k % 7 - 3) * 0.5)) for c, v in base.ratings.items()}
        options.append(
            base.model_copy(update={"id": f"load-{k}", "name": f"{base.name} {k + 1}", "ratings": ratings})
        )
    return example.model_copy(update={"options": options})


def add_many_options(db_url: str, n: int) -> str:
    from core.storage.database import LOCAL_OWNER, Storage

    name = f"Load test, {n} options"
    with Storage(db_url) as storage:
        storage.create_scenario(LOCAL_OWNER, name, many_options(n))
    return name


def saves_lost(db_url: str, sessions: list[Session]) -> int:
    """Sessions whose scenario, read back, does not hold the last weight they sent."""
    from core.storage.database import LOCAL_OWNER, Storage

    lost = 0
    with Storage(db_url) as storage:
        by_name = {i.name: i.id for i in storage.list(LOCAL_OWNER)}
        for s in sessions:
            if s.last_weight is None or s.scenario_name not in by_name:
                lost += 1
                continue
            scenario, _ = storage.load_by_id(LOCAL_OWNER, by_name[s.scenario_name])
            if scenario.criterion("pay").weight != s.last_weight:
                lost += 1
    return lost


async def drive(
    ws_url: str, n: int, moves: int, seed: int, pids: list[int] | None = None, new_blank: bool = True
) -> list[Session]:
    sessions = [Session(ws_url, seed + k) for k in range(n)]
    if n == 1 and pids:
        sessions[0].pids = pids
    await asyncio.gather(*(s.run(moves, new_blank) for s in sessions))
    return sessions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[10, 20, 40])
    parser.add_argument("--moves", type=int, default=8)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--url", help="an app already running (http://host:port); default: start one")
    parser.add_argument(
        "--hosted",
        action="store_true",
        help="start the hosted setup of docs/deployment.md instead: nginx (sticky by cookie) in front of "
        "two app processes sharing one PostgreSQL (Debian's nginx and postgresql, as tests/test_hosted.py)",
    )
    parser.add_argument("--db", help="with --url: its database URL, to check the saves")
    parser.add_argument(
        "--baseline",
        action="store_true",
        help="also measure the server CPU per change of the one-slider app (benchmarks/minimal_app.py), "
        "in the same run, and print the ratio",
    )
    parser.add_argument(
        "--options",
        type=int,
        default=0,
        help="open a scenario of this many options (the example's, repeated) instead of a new blank one; "
        "one session only (sessions sharing a scenario would refuse each other's stale writes)",
    )
    parser.add_argument(
        "--pid", type=int, nargs="*", default=[], help="with --url: the app's process ids, for CPU per move"
    )
    args = parser.parse_args(argv)

    if args.options and args.sessions != [1]:
        parser.error("--options is for --sessions 1")
    server = None
    stops: list = []
    if args.url:
        base, db_url, pids = args.url.rstrip("/"), args.db, args.pid
    elif args.hosted:
        from tests.browser_support import start_app
        from tests.postgres_support import PostgresServer
        from tests.test_hosted import Nginx

        postgres = PostgresServer.find()
        if postgres is None:
            parser.error("--hosted needs Debian's postgresql (apt-get install postgresql)")
        os.environ["PATH"] = os.environ.get("PATH", "") + ":/usr/sbin"  # nginx
        db_url = postgres.start()
        stops.append(postgres.stop)
        env = {"STAY_OR_GO_DB_URL": db_url, "STAY_OR_GO_SINGLE_USER": "1"}
        apps = [start_app(REPO_ROOT / "streamlit_app.py", env=env) for _ in range(2)]
        stops[:0] = [a.stop for a in apps]
        proxy = Nginx(apps[0].port, apps[1].port)
        stops.insert(0, proxy.stop)
        base, pids = proxy.base_url, [a.process.pid for a in apps]
    else:
        from tests.browser_support import start_app

        server = start_app(REPO_ROOT / "streamlit_app.py")
        if args.options:  # before any tab opens: the first tab opens it, as the latest scenario
            add_many_options(server.env["STAY_OR_GO_DB_URL"], args.options)
        base, db_url, pids = server.base_url, server.env["STAY_OR_GO_DB_URL"], [server.process.pid]
    ws_url = base.replace("http://", "ws://").replace("https://", "wss://") + "/_stcore/stream"
    print(
        f"{'sessions':>8} {'moves':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'lost':>5} {'cpu/move ms':>11} errors"
    )
    try:
        app_cpu: list[float] = []
        for n in args.sessions:
            sessions = asyncio.run(drive(ws_url, n, args.moves, args.seed, pids, new_blank=not args.options))
            times = [t * 1000 for s in sessions for t in s.times]
            errors = sorted({e for s in sessions for e in s.errors})
            lost = saves_lost(db_url, sessions) if db_url else -1
            cpu = "-"
            if n == 1 and sessions[0].cpu is not None and sessions[0].times:
                app_cpu.append(sessions[0].cpu / len(sessions[0].times))
                cpu = f"{1000 * app_cpu[-1]:.0f}"
            if times:
                print(
                    f"{n:>8} {len(times):>6} {statistics.median(times):>8.0f} {percentile(times, 0.95):>8.0f} "
                    f"{max(times):>8.0f} {lost:>5} {cpu:>11} {'; '.join(errors)}"
                )
            else:
                print(f"{n:>8} {0:>6} {'-':>8} {'-':>8} {'-':>8} {lost:>5} {'; '.join(errors)}")
        if args.baseline:
            from tests.browser_support import start_app

            minimal = start_app(REPO_ROOT / "benchmarks" / "minimal_app.py")
            try:
                url = minimal.base_url.replace("http://", "ws://") + "/_stcore/stream"
                per_change = asyncio.run(one_slider_cpu(url, minimal.process.pid, args.moves))
            finally:
                minimal.stop()
            print(f"one-slider app: {1000 * per_change:.1f} ms of server CPU per change")
            if app_cpu:
                print(
                    f"ratio, this app's last single session / one-slider app: {app_cpu[-1] / per_change:.1f}x"
                )
    finally:
        if server is not None:
            server.stop()
        for stop in stops:
            stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
