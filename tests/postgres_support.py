"""A throwaway PostgreSQL server for tests, from Debian's postgresql package.

    server = PostgresServer.find()      # None when the binaries are not installed
    url = server.start()                # initdb into a temporary folder, start on a free port
    ...                                 # postgresql+psycopg://postgres@127.0.0.1:PORT/stay_or_go_test
    server.stop()                       # stop it and remove the folder

initdb and postgres refuse to run as root, so as root they run as the `postgres` user (which the
package creates) through `runuser`, in a folder that user owns. The server listens on 127.0.0.1
only, with its socket in the same folder, trusts local connections, and does not fsync: it holds
nothing worth keeping.
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

REQUIRE_ENV = "STAY_OR_GO_REQUIRE_POSTGRES"
DATABASE = "stay_or_go_test"


def postgres_bindir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin with initdb in it, else initdb on PATH."""

    def major(path: str) -> int:
        found = re.search(r"/postgresql/(\d+)/", path)
        return int(found.group(1)) if found else 0

    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=major)
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """One PostgreSQL cluster in a temporary folder. Always `stop()` what you `start()`."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.folder: Path | None = None
        self.port: int | None = None
        self.running = False
        self.as_user: pwd.struct_passwd | None = None
        if os.geteuid() == 0:
            try:
                self.as_user = pwd.getpwnam("postgres")
            except KeyError:
                raise RuntimeError(
                    "Running as root, and there is no 'postgres' user to run PostgreSQL as "
                    "(initdb and postgres refuse to run as root). Install Debian's postgresql package."
                ) from None

    @classmethod
    def find(cls) -> PostgresServer | None:
        bindir = postgres_bindir()
        return cls(bindir) if bindir else None

    @property
    def data_dir(self) -> Path:
        assert self.folder is not None
        return self.folder / "data"

    @property
    def log_path(self) -> Path:
        assert self.folder is not None
        return self.folder / "postgres.log"

    def url(self, database: str = DATABASE) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def start(self, attempts: int = 3) -> str:
        """Create the cluster and the test database; returns its SQLAlchemy URL."""
        self.folder = Path(tempfile.mkdtemp(prefix="stay-or-go-pg-"))
        socket_dir = self.folder / "sock"
        socket_dir.mkdir()
        if self.as_user is not None:
            for path in (self.folder, socket_dir):
                os.chown(path, self.as_user.pw_uid, self.as_user.pw_gid)
        self._run(
            "initdb", "-D", str(self.data_dir), "-U", "postgres", "--auth=trust",
            "--encoding=UTF8", "--no-locale", "--no-sync",
        )  # fmt: skip
        for attempt in range(attempts):
            self.port = free_port()
            options = (
                f"-p {self.port} -h 127.0.0.1 -k {socket_dir} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            )
            try:
                self._run(
                    "pg_ctl", "-D", str(self.data_dir), "-l", str(self.log_path),
                    "-o", options, "-w", "-t", "30", "start",
                )  # fmt: skip
                break
            except RuntimeError:
                if attempt == attempts - 1:  # the port may have been taken in between: try another
                    raise
        self.running = True
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", DATABASE)
        return self.url()

    def stop(self) -> None:
        try:
            if self.running:
                self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")
                self.running = False
        finally:
            if self.folder is not None:
                shutil.rmtree(self.folder, ignore_errors=True)
                self.folder = None

    def _run(self, program: str, *args: str) -> None:
        command = [str(self.bindir / program), *args]
        if self.as_user is not None:
            command = ["runuser", "-u", self.as_user.pw_name, "--", *command]
        done = subprocess.run(
            command,
            cwd=self.folder,  # a folder the postgres user can enter
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=90,
        )
        if done.returncode != 0:
            log = ""
            if self.folder is not None and self.log_path.exists():
                log = "\nserver log:\n" + self.log_path.read_text(errors="replace")[-3000:]
            raise RuntimeError(
                f"{program} failed ({done.returncode}): {' '.join(command)}\n{done.stdout}{done.stderr}{log}"
            )
