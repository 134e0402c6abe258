import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from keydesk_server import keydesk  # noqa: E402,F401  (the fixture)
