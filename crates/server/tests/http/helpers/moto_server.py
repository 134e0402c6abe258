"""The S3-compatible server the file-store tests run against: moto's server mode on a
free loopback port. Prints the port once it listens, and stops when its standard input
closes, which happens when the test process that started it ends, however it ends.
Install with: python3 -m pip install -r tests/requirements.txt (scripts/setup does)."""
import logging
import sys

from moto.server import ThreadedMotoServer

# One line per request on stderr would bury the test output.
logging.getLogger("werkzeug").setLevel(logging.ERROR)
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
sys.stdin.read()
server.stop()
