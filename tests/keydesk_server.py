"""A real keydesk binary on a free port with a fresh data directory, for the Python
test suites (browser journeys, the API's schema-driven fuzzing)."""
import os
import socket
import subprocess
import tempfile
import time
import urllib.request

import pytest


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Keydesk:
    def __init__(self, binary, data_dir, port):
        self.binary = binary
        self.data_dir = data_dir
        self.url = f"http://127.0.0.1:{port}"
        self.env = dict(os.environ, KEYDESK_LISTEN=f"127.0.0.1:{port}", KEYDESK_DATA_DIR=data_dir)
        self.process = subprocess.Popen([binary, "serve"], env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url + "/readyz", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        self.process.kill()
        raise RuntimeError("keydesk did not start: " + self.process.stdout.read().decode())

    def cli(self, *args):
        """Runs a keydesk subcommand against the same data directory."""
        return subprocess.run([self.binary, *args], env=self.env, capture_output=True, text=True, check=True).stdout

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


@pytest.fixture
def keydesk():
    binary = os.environ.get("KEYDESK_TEST_BIN") or os.path.join(os.path.dirname(__file__), "..", "..", "target", "debug", "keydesk")
    with tempfile.TemporaryDirectory() as data_dir:
        server = Keydesk(os.path.abspath(binary), data_dir, _free_port())
        yield server
        server.stop()
