"""`relazione web`: the real server (waitress) in its own process, as a user starts it."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from relazione.cli.main import main


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(data: Path, *args: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    env = {**os.environ, "DISPLAY": "", "WAYLAND_DISPLAY": ""}
    proc = subprocess.Popen([sys.executable, "-m", "relazione", "web", "--dati", str(data), "--porta", str(port),
                             "--no-browser", *args], stderr=subprocess.PIPE, text=True, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc, port
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError(proc.stderr.read())


def stop(proc: subprocess.Popen) -> str:
    proc.terminate()
    try:
        return proc.communicate(timeout=20)[1]
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.communicate()[1]


def test_help_is_italian(capsys):  # noqa: ANN001
    with pytest.raises(SystemExit):
        main(["web", "--help"])
    out = capsys.readouterr().out
    assert "--dati CARTELLA" in out and "--porta N" in out and "non apre il browser" in out


def test_serves_the_archive_on_localhost(tmp_path):  # noqa: ANN001
    proc, port = start(tmp_path / "dati")
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30) as response:
            assert response.status == 200 and "L'archivio è vuoto" in response.read().decode("utf-8")
    finally:
        err = stop(proc)
    assert f"aperto su http://127.0.0.1:{port}/" in err and (tmp_path / "dati" / "archivio.sqlite").exists()


def test_beyond_localhost_prints_a_token_and_refuses_requests_without_it(tmp_path):  # noqa: ANN001
    proc, port = start(tmp_path / "dati", "--host", "0.0.0.0")
    try:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=30)
        assert refused.value.code == 403
        time.sleep(0.5)
    finally:
        err = stop(proc)
    token = re.search(r"codice di accesso (\S+)", err).group(1)
    assert len(token) >= 20 and f"?token={token}" in err


def test_a_port_in_use_is_a_one_line_error(tmp_path):  # noqa: ANN001
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "relazione", "web", "--dati", str(tmp_path), "--porta",
                                 str(port), "--no-browser"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and "porta occupata?" in result.stderr and "Traceback" not in result.stderr
