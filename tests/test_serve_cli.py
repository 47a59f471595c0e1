"""``newsdigest serve`` as a user starts it: a real process on a real port."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from live_server import free_port
from pg_server import pg_server, pg_url  # noqa: F401  (fixtures)
from serve_seed import fill, seed_story

from newsdigest.store import open_store

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-c", "from newsdigest.cli import main; main()"]


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return env


def serve_once(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``newsdigest serve`` over a store in ``tmp_path`` that is expected to stop by itself
    (a refused setting, a port it cannot listen on)."""
    return subprocess.run(
        [*CLI, "serve", "--db", str(tmp_path / "n.db"), *args],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=60,
    )


def get_json(url: str) -> object:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.load(response)


def wait_until_up(proc: subprocess.Popen[str], url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"serve exited {proc.returncode}: {proc.stderr.read()}")  # type: ignore[union-attr]
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    raise AssertionError("serve did not answer in time")


def _serve(db: str, port: int) -> subprocess.Popen[str]:
    """``newsdigest serve`` of ``db`` on a local port, its output kept for the assertions."""
    return subprocess.Popen(
        [*CLI, "serve", "--db", db, "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_serve_a_store_on_the_given_port(backend: str, tmp_path: Path, request) -> None:  # type: ignore[no-untyped-def]
    seed = seed_story()
    db = request.getfixturevalue("pg_url") if backend == "postgres" else str(tmp_path / "news.db")
    with open_store(db) as store:
        fill(store, [seed])
    port = free_port()
    proc = _serve(db, port)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(proc, f"{base}/api/stories")
        listing = get_json(f"{base}/api/stories")
        assert [s["id"] for s in listing["stories"]] == [seed.id]  # type: ignore[index]
        with urllib.request.urlopen(f"{base}/stories/{seed.id}", timeout=10) as page:
            assert page.headers["content-type"].startswith("text/html")
            assert seed.title in page.read().decode()
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_unreachable_database_is_one_line_error() -> None:
    done = subprocess.run(
        [*CLI, "serve", "--db", "postgresql://nobody@127.0.0.1:1/none", "--port", str(free_port())],
        capture_output=True,
        text=True,
        env=cli_env(),
        timeout=60,
    )
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: postgresql://nobody@127.0.0.1:1/none")
    assert "cannot connect" in lines[0]
    # libpq's two lines stay apart: "Connection refused Is the server running" had run together
    assert "refused Is" not in lines[0]


def test_a_database_password_is_not_printed(pg_url: str) -> None:  # noqa: F811
    """``--db postgresql://user:pw@host/db``: the "serving ..." line printed the password (the
    store's own messages hide it)."""
    parts = urllib.parse.urlsplit(pg_url)
    db = parts._replace(
        netloc=f"{parts.username or 'postgres'}:hunter2@{parts.netloc.rsplit('@', 1)[-1]}"
    ).geturl()
    port = free_port()
    proc = _serve(db, port)
    try:
        wait_until_up(proc, f"http://127.0.0.1:{port}/api/stories")
    finally:
        proc.terminate()
        out, err = proc.communicate(timeout=20)
    assert out.startswith("newsdigest: serving postgresql://"), out
    assert ":***@" in out and "hunter2" not in out + err


@pytest.mark.parametrize("host", ["127.0.0.1", "no-such-host.invalid", "a..b"])
def test_a_port_in_use_or_an_unknown_host_is_one_line_and_exit_2(host: str, tmp_path: Path) -> None:
    """uvicorn's own "ERROR: [Errno 98]" came after our "serving …" line, with exit 3; a name
    with an empty label ("a..b") was a UnicodeError traceback from the socket's IDNA codec."""
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = serve_once(tmp_path, "--host", host, "--port", str(port))
    assert done.returncode == 2 and done.stdout == "", done
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {host}:{port}: cannot listen (")


def test_allow_host_lets_a_named_host_in_and_keeps_others_out(tmp_path: Path) -> None:
    """Behind a name (a LAN host, a proxy) the server must be told the name: --allow-host."""
    import http.client

    port = free_port()
    proc = subprocess.Popen(
        [*CLI, "serve", "--db", str(tmp_path / "n.db"), "--port", str(port),
         "--allow-host", "news.internal"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env(),
    )  # fmt: skip

    def status(host: str) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/api/stories", headers={"Host": host})
        code = conn.getresponse().status
        conn.close()
        return code

    try:
        wait_until_up(proc, f"http://127.0.0.1:{port}/api/stories")
        assert status("news.internal") == 200 and status(f"news.internal:{port}") == 200
        assert status(f"localhost:{port}") == 200
        assert status("evil.example") == 400
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    bad = serve_once(tmp_path, "--allow-host", "a b")
    assert bad.returncode == 2 and bad.stderr.startswith("error: --allow-host:")
    assert "Traceback" not in bad.stderr


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--words", "0"], "Invalid value for '--words'"),
        (["--summarizer", "nope"], "nope: unknown summarizer"),
    ],
)
def test_serve_takes_the_story_settings_stories_takes(
    args: list[str], words: str, tmp_path: Path
) -> None:
    """``serve`` builds the stories of its intake (POST, --follow) with --words, --sentences,
    --summarizer, --embedder and --facts/--no-facts; a bad one is one line before listening."""
    done = serve_once(tmp_path, "--port", str(free_port()), *args)
    assert done.returncode == 2 and done.stdout == "", done
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0], lines


def test_serving_a_store_that_does_not_exist_says_it_is_new(tmp_path: Path) -> None:
    """``serve --db nwes.db`` (a typo) had served an empty site as if it were the store meant;
    serve makes the store (POST fills it), and now says so."""
    with open_store(str(tmp_path / "news.db")) as store:
        fill(store, [seed_story()])
    lines = {}
    for name in ("news.db", "nwes.db"):
        port = free_port()
        proc = subprocess.Popen(
            [*CLI, "serve", "--db", str(tmp_path / name), "--port", str(port)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=cli_env(),
        )  # fmt: skip
        try:
            wait_until_up(proc, f"http://127.0.0.1:{port}/api/stories")
        finally:
            proc.terminate()
            out, _ = proc.communicate(timeout=20)
        lines[name] = out.splitlines()[0]
    assert "(a new, empty store: POST /api/articles or --follow fills it)" in lines["nwes.db"]
    assert "new, empty" not in lines["news.db"]


@pytest.mark.parametrize("host", ["", " "])
def test_a_blank_host_is_refused_before_the_store_is_opened(host: str, tmp_path: Path) -> None:
    """``serve --host ""`` (an unset variable) had been bound and said ":8772: cannot listen
    (Name or service not known)", naming no option."""
    done = serve_once(tmp_path, "--host", host, "--port", "8772")
    assert done.returncode == 2 and done.stdout == "", done
    assert "--host" in done.stderr and "empty name" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "n.db").exists()
