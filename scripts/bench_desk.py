#!/usr/bin/env python3
"""The desk's intake benchmark (issue "Help center and support desk"), driven by
scripts/bench-desk (which builds first).

For each configuration, a fresh `keydesk serve` pinned to CPU 0 (release build) and wrk
on CPU 1 POSTing /api/v1/requests as one signed-in customer, each request with its own
idempotency key: the request, its first message, its history event, the attachment's row
and file (written and fsynced before the row) and the automatic reply queued as a job,
all in one durable transaction. The job worker runs in the server as in production
(it delivers the auto-replies into the embedded outbox meanwhile).

Configurations, side by side in one run: SQLite with synchronous=FULL (the default),
SQLite with synchronous=NORMAL, and PostgreSQL (BENCH_POSTGRES_URL, a fresh database),
each without and with a 200 KB PDF attachment.

Prints a table and writes JSON to target/bench-desk/result.json.
"""
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import socket

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
BIN = os.path.join(ROOT, "target", "release", "keydesk")
SERVER_CPU = os.environ.get("BENCH_SERVER_CPU", "0")
CLIENT_CPU = os.environ.get("BENCH_CLIENT_CPU", "1")
SECONDS = int(os.environ.get("BENCH_SECONDS", "15"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
THREADS = int(os.environ.get("BENCH_WRK_THREADS", "2"))
PG = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
OUT = os.environ.get("BENCH_OUT", os.path.join(ROOT, "target", "bench-desk", "result.json"))
ATTACHMENT_KB = int(os.environ.get("BENCH_ATTACHMENT_KB", "200"))

LUA = r"""
local counter = 0
local body_prefix, body_suffix
local token = os.getenv("BENCH_TOKEN")
local attachment = os.getenv("BENCH_ATTACHMENT_FILE")
local thread_id = 0
function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end
function init(args)
  local files = ""
  if attachment ~= nil and attachment ~= "" then
    local f = io.open(attachment, "rb")
    local b64 = f:read("*a")
    f:close()
    files = ',"attachments":[{"name":"statement.pdf","content_base64":"' .. b64 .. '"}]'
  end
  body_prefix = '{"category":"other","subject":"Intake benchmark","description":"Please look at my statement.","answers":{"topic":"fees"}' .. files .. ',"idempotency_key":"bench-'
  body_suffix = '"}'
  math.randomseed(os.time() + tid * 7919)
  salt = tostring(math.random(100000000, 999999999))
end
function request()
  counter = counter + 1
  local body = body_prefix .. salt .. "-" .. tid .. "-" .. counter .. body_suffix
  return wrk.format("POST", "/api/v1/requests", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body)
end
local created = 0
local other = 0
function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors_non2xx=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(port, method, path, body=None, token=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    conn.request(method, path, json.dumps(body) if body is not None else None, headers)
    r = conn.getresponse()
    data = r.read()
    try:
        return r.status, (json.loads(data) if data else None)
    except ValueError:
        return r.status, data.decode(errors="replace")


def count_requests(port, token):
    status, body = call(port, "GET", "/api/v1/requests", token=token)
    return len(body["requests"]) if status == 200 else -1


def run(name, env_extra, attachment_file, pg_db=None):
    data = tempfile.mkdtemp(prefix="bench-desk-")
    port = free_port()
    env = dict(os.environ, KEYDESK_LISTEN=f"127.0.0.1:{port}", KEYDESK_DATA_DIR=data,
               KEYDESK_SECURITY__MFA_MANDATORY="false", RUST_LOG="warn", OMP_THREAD_LIMIT="1")
    env.update(env_extra)
    server = subprocess.Popen(["taskset", "-c", SERVER_CPU, BIN, "serve"], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                if call(port, "GET", "/readyz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        email = f"bench-{port}@example.com"
        call(port, "POST", "/api/v1/accounts", {"email": email, "password": "correct horse battery staple"})
        status, session = call(port, "POST", "/api/v1/sessions", {"email": email, "password": "correct horse battery staple"})
        assert status == 201, session
        token = session["token"]
        lua = os.path.join(data, "intake.lua")
        with open(lua, "w") as f:
            f.write(LUA)
        wenv = dict(os.environ, BENCH_TOKEN=token, BENCH_ATTACHMENT_FILE=attachment_file or "")
        out = subprocess.run(["taskset", "-c", CLIENT_CPU, "wrk", "-t", str(THREADS), "-c", str(CONNECTIONS),
                              "-d", f"{SECONDS}s", "--timeout", "10s", "-s", lua, f"http://127.0.0.1:{port}"],
                             env=wenv, capture_output=True, text=True, check=True).stdout
        m = re.search(r"RESULT requests=(\d+) errors_non2xx=(\d+) p50_ms=([\d.]+) p99_ms=([\d.]+)", out)
        requests, errors, p50, p99 = int(m.group(1)), int(m.group(2)), float(m.group(3)), float(m.group(4))
        created = requests - errors
        # The highest number given: on SQLite, #1000 + every request made (no gaps), so
        # no answer counted here was a repeat.
        status, listing = call(port, "GET", "/api/v1/requests", token=token)
        highest = listing["requests"][0]["number"] if status == 200 and listing["requests"] else 0
        cpu = server_cpu_seconds(server.pid)
        result = {"name": name, "attachment_kb": ATTACHMENT_KB if attachment_file else 0,
                  "created": created, "errors": errors, "seconds": SECONDS,
                  "per_second": round(created / SECONDS, 1), "p50_ms": p50, "p99_ms": p99,
                  "highest_number": highest, "server_cpu_seconds": cpu}
        print(f"{name:38} {result['per_second']:>9.1f}/s  p50 {p50:7.2f} ms  p99 {p99:8.2f} ms  "
              f"({created} created, {errors} refused, highest #{highest}, server CPU {cpu:.1f} s of {SECONDS} s)", flush=True)
        return result
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)


def server_cpu_seconds(pid):
    """User + system CPU the server (taskset's child after exec) used so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fresh_pg():
    name = f"bench_desk_{int(time.time() * 1000)}"
    subprocess.run(["psql", PG, "-qc", f"CREATE DATABASE {name}"], check=True)
    return name, PG.rsplit("/", 1)[0] + "/" + name


def main():
    if not os.path.exists(BIN):
        sys.exit(f"bench-desk: build {BIN} first (scripts/bench-desk does)")
    tmp = tempfile.mkdtemp(prefix="bench-desk-files-")
    pdf = b"%PDF-1.4\n" + os.urandom(ATTACHMENT_KB * 1024 * 3 // 4) + b"\n%%EOF\n"
    import base64
    attachment = os.path.join(tmp, "attachment.b64")
    with open(attachment, "w") as f:
        f.write(base64.b64encode(pdf).decode())
    results = []
    only = os.environ.get("BENCH_ONLY", "")
    for label, file in (("no attachment", None), (f"{ATTACHMENT_KB} KB attachment", attachment)):
        if only == "attachment" and file is None:
            continue
        results.append(run(f"SQLite FULL, {label}", {}, file))
        results.append(run(f"SQLite NORMAL, {label}", {"KEYDESK_SQLITE_SYNCHRONOUS": "normal"}, file))
        name, url = fresh_pg()
        try:
            results.append(run(f"PostgreSQL, {label}", {"DATABASE_URL": url}, file))
        finally:
            subprocess.run(["psql", PG, "-qc", f"DROP DATABASE {name} WITH (FORCE)"], check=False)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump({"results": results, "connections": CONNECTIONS, "seconds": SECONDS,
                   "nproc": os.cpu_count()}, f, indent=2)
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
