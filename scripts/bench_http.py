#!/usr/bin/env python3
"""The HTTP benchmarks of issue 2, driven by scripts/bench-http (which builds first).

One `keydesk serve` on a fresh seeded data dir, pinned to CPU 0; the load generators
(wrk, this script's login threads) on CPU 1. In one server run:

  a. idle RSS (VmRSS after a few idle seconds; also once on an empty data dir);
  b. hello world: wrk on GET /healthz;
  c. the TOTP step alone: wrk POSTing /api/v1/sessions/current/second-factor, each
     request with another pre-seeded pending session and its account's current code;
  d. full logins: password POST then second-factor POST, distinct accounts, N threads;
  e. the floor: the step's own work without any storage (examples/step_floor.rs, a
     separate server with the same outer layers) against its hello world, which shows
     what the 50 % target leaves for the session lookup, the throttles, the replay
     guard, the rotation, the audit row and the durable commit.

Prints a summary and writes it as JSON. Settings come from BENCH_* variables (never
KEYDESK_*: the server's config loader rejects unknown KEYDESK_ names).
"""
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import http.client

import pyotp

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
BIN = os.path.join(ROOT, "target", "release", "keydesk")
SEED = os.path.join(ROOT, "target", "release", "examples", "bench_seed")
FLOOR = os.path.join(ROOT, "target", "release", "examples", "step_floor")
# The floor server's public benchmark secret (bytes 1..=20, see examples/step_floor.rs).
FLOOR_SECRET = "AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYU"

SERVER_CPU = os.environ.get("BENCH_SERVER_CPU", "0")
CLIENT_CPU = os.environ.get("BENCH_CLIENT_CPU", "1")
SESSIONS = int(os.environ.get("BENCH_SESSIONS", "200000"))
LOGIN_ACCOUNTS = int(os.environ.get("BENCH_LOGIN_ACCOUNTS", "5000"))
HELLO_SECONDS = int(os.environ.get("BENCH_HELLO_SECONDS", "10"))
TOTP_SECONDS = int(os.environ.get("BENCH_TOTP_SECONDS", "10"))
LOGIN_SECONDS = int(os.environ.get("BENCH_LOGIN_SECONDS", "20"))
LOGIN_CONCURRENCY = int(os.environ.get("BENCH_LOGIN_CONCURRENCY", "8"))
WRK_THREADS = int(os.environ.get("BENCH_WRK_THREADS", "2"))
WRK_CONNECTIONS = int(os.environ.get("BENCH_WRK_CONNECTIONS", "32"))
IDLE_SECONDS = float(os.environ.get("BENCH_IDLE_SECONDS", "3"))
KEEP = os.environ.get("BENCH_KEEP", "") == "1"
OUT = os.environ.get("BENCH_OUT", os.path.join(ROOT, "target", "bench-http", "result.json"))

# A code stays valid until the end of the step after the one it was computed in (±1
# step), so at least 30 s: the TOTP run must end well before.
assert TOTP_SECONDS <= 20, "BENCH_TOTP_SECONDS must be at most 20 (codes are valid ±1 step)"

WRK_TOTP_LUA = r"""
-- One pre-seeded pending session per request: "token code" lines, split across threads.
local counter = 0
local threads = {}
function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local entries = {}
local idx, step = 1, 1
ok, other, exhausted = 0, 0, 0
statuses = ""
local seen = {}
function init(args)
  for line in io.lines(args[1]) do
    local t, c = line:match("^(%S+) (%S+)$")
    if t then entries[#entries + 1] = { t, c } end
  end
  step = tonumber(args[2])
  idx = tid + 1
end

function request()
  local e = entries[idx]
  if e == nil then
    exhausted = 1
    e = entries[#entries]
  end
  idx = idx + step
  return wrk.format("POST", "/api/v1/sessions/current/second-factor",
    { ["Authorization"] = "Bearer " .. e[1], ["Content-Type"] = "application/json" },
    '{"code":"' .. e[2] .. '"}')
end

function response(status, headers, body)
  if status == 200 then
    ok = ok + 1
  else
    other = other + 1
    local k = tostring(status)
    seen[k] = (seen[k] or 0) + 1
    local parts = {}
    for s, n in pairs(seen) do parts[#parts + 1] = s .. "=" .. n end
    statuses = table.concat(parts, ",")
  end
  if exhausted == 1 then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local total_ok, total_other, any_exhausted = 0, 0, 0
  local by_status = {}
  for _, t in ipairs(threads) do
    total_ok = total_ok + t:get("ok")
    total_other = total_other + t:get("other")
    if t:get("exhausted") == 1 then any_exhausted = 1 end
    for s, n in string.gmatch(t:get("statuses") or "", "(%d+)=(%d+)") do
      by_status[s] = (by_status[s] or 0) + tonumber(n)
    end
  end
  local parts = {}
  for s, n in pairs(by_status) do parts[#parts + 1] = s .. "=" .. n end
  io.write(string.format("BENCH ok=%d other=%d exhausted=%d duration_us=%d statuses=%s\n",
    total_ok, total_other, any_exhausted, summary.duration, table.concat(parts, ",")))
  io.write(string.format("BENCH latency_p50_us=%d latency_p95_us=%d latency_p99_us=%d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""


def log(msg):
    print(f"bench-http: {msg}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid):
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(("VmRSS:", "VmHWM:")):
                key, value = line.split(":", 1)
                out[key] = int(value.split()[0])
    return out


def server_env(data_dir, port):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEYDESK_") and k not in ("DATABASE_URL", "RUST_LOG")}
    env["KEYDESK_LISTEN"] = f"127.0.0.1:{port}"
    env["KEYDESK_DATA_DIR"] = data_dir
    return env


def start_server(data_dir, log_path, floor=False):
    port = free_port()
    logf = open(log_path, "ab")
    cmd = [FLOOR, "--data-dir", data_dir, "--listen", f"127.0.0.1:{port}"] if floor else [BIN, "serve"]
    proc = subprocess.Popen(
        ["taskset", "-c", SERVER_CPU] + cmd,
        env=server_env(data_dir, port),
        stdout=logf,
        stderr=subprocess.STDOUT,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"{cmd[0]} exited with {proc.returncode}; see {log_path}")
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/healthz")
            if c.getresponse().status == 200:
                c.close()
                return proc, port
        except OSError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise SystemExit("keydesk serve did not answer /healthz within 60 s")


def stop_server(proc):
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def idle_rss(proc):
    time.sleep(IDLE_SECONDS)
    return rss_kib(proc.pid)["VmRSS"]


def run_wrk(args, tag):
    cmd = ["taskset", "-c", CLIENT_CPU, "wrk", "-t", str(WRK_THREADS), "-c", str(WRK_CONNECTIONS), "--latency"] + args
    log(f"{tag}: {' '.join(cmd)}")
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    sys.stderr.write(out)
    return out


def parse_wrk(out):
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    errors = re.search(r"Socket errors:.*", out)
    lat = {}
    for p in ("50", "90", "99"):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if m:
            v, unit = float(m.group(1)), m.group(2)
            lat[f"p{p}_ms"] = v / 1000 if unit == "us" else v * 1000 if unit == "s" else v
    return {
        "requests_per_s": rps,
        "requests": total,
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": errors.group(0) if errors else None,
        "latency": lat,
    }


def hello(port):
    out = run_wrk(["-d", f"{HELLO_SECONDS}s", f"http://127.0.0.1:{port}/healthz"], "hello world")
    return parse_wrk(out)


def floor_step(port, work):
    """POST /floor on the step_floor server: one current code for every request (the
    floor keeps no replay guard), computed right before wrk starts."""
    lua_path = os.path.join(work, "floor.lua")
    code = pyotp.TOTP(FLOOR_SECRET).now()
    with open(lua_path, "w") as f:
        f.write(
            'wrk.method = "POST"\n'
            f"wrk.body = '{{\"code\":\"{code}\"}}'\n"
            'wrk.headers["Content-Type"] = "application/json"\n'
            'wrk.headers["Authorization"] = "Bearer 123456.' + "A" * 43 + '"\n'
        )
    out = run_wrk(["-d", f"{HELLO_SECONDS}s", "-s", lua_path, f"http://127.0.0.1:{port}/floor"], "floor")
    return parse_wrk(out)


def sqlite_commit_counters(port):
    """(transactions, commits) of the SQLite writer from /metrics (0, 0 if absent)."""
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request("GET", "/metrics")
    text = c.getresponse().read().decode()
    c.close()
    def value(name):
        m = re.search(rf"^{name}(?:{{[^}}]*}})? (\S+)$", text, re.M)
        return float(m.group(1)) if m else 0.0
    return value("keydesk_sqlite_transactions_total"), value("keydesk_sqlite_commits_total")


def totp_step(port, pending, work):
    codes_path = os.path.join(work, "totp-codes.txt")
    lua_path = os.path.join(work, "totp-step.lua")
    with open(lua_path, "w") as f:
        f.write(WRK_TOTP_LUA)
    # The codes are computed right before wrk starts: valid until the end of the next step.
    started = time.time()
    with open(codes_path, "w") as f:
        for token, secret in pending:
            f.write(f"{token} {pyotp.TOTP(secret).at(started)}\n")
    log(f"TOTP step: {len(pending)} codes computed in {time.time() - started:.1f} s")
    tx_before, commits_before = sqlite_commit_counters(port)
    out = run_wrk(
        ["-d", f"{TOTP_SECONDS}s", "-s", lua_path, f"http://127.0.0.1:{port}", "--", codes_path, str(WRK_THREADS)],
        "TOTP step",
    )
    r = parse_wrk(out)
    tx_after, commits_after = sqlite_commit_counters(port)
    commits = commits_after - commits_before
    r["sqlite_transactions"] = tx_after - tx_before
    r["sqlite_commits"] = commits
    r["transactions_per_commit"] = (tx_after - tx_before) / commits if commits else None
    m = re.search(r"BENCH ok=(\d+) other=(\d+) exhausted=(\d+) duration_us=(\d+) statuses=(\S*)", out)
    ok, other, exhausted, duration_us = (int(m.group(i)) for i in range(1, 5))
    r["ok_200"] = ok
    r["non_200"] = other
    r["non_200_by_status"] = dict(kv.split("=") for kv in m.group(5).split(",") if kv)
    r["sessions_ran_out"] = bool(exhausted)
    r["ok_per_s"] = ok / (duration_us / 1e6)
    m = re.search(r"BENCH latency_p50_us=(\d+) latency_p95_us=(\d+) latency_p99_us=(\d+)", out)
    r["latency"]["p50_ms"], r["latency"]["p95_ms"], r["latency"]["p99_ms"] = (int(m.group(i)) / 1000 for i in (1, 2, 3))
    return r


def logins(port, accounts):
    """Password then second factor, each account once, LOGIN_CONCURRENCY threads."""
    os.sched_setaffinity(0, {int(CLIENT_CPU)})
    lock = threading.Lock()
    it = iter(accounts)
    latencies, pw_lat, tf_lat = [], [], []
    errors = {}
    ran_out = [False]
    stop_at = [0.0]

    def err(kind):
        with lock:
            errors[kind] = errors.get(kind, 0) + 1

    def post(conn, path, body, token=None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        conn.request("POST", path, body=json.dumps(body), headers=headers)
        resp = conn.getresponse()
        data = resp.read()
        return resp.status, data

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while time.time() < stop_at[0]:
            with lock:
                acct = next(it, None)
            if acct is None:
                ran_out[0] = True
                return
            t0 = time.perf_counter()
            try:
                status, data = post(conn, "/api/v1/sessions", {"email": acct["email"], "password": acct["password"]})
                t1 = time.perf_counter()
                if status != 201:
                    err(f"password:{status}:{json.loads(data).get('error', {}).get('code', '?')}")
                    continue
                body = json.loads(data)
                if body.get("stage") != "second_factor":
                    err(f"password:stage:{body.get('stage')}")
                    continue
                code = pyotp.TOTP(acct["secret_b32"]).now()
                status, data = post(conn, "/api/v1/sessions/current/second-factor", {"code": code}, body["token"])
                t2 = time.perf_counter()
                if status != 200:
                    err(f"second_factor:{status}:{json.loads(data).get('error', {}).get('code', '?')}")
                    continue
                if json.loads(data).get("stage") != "complete":
                    err("second_factor:stage")
                    continue
            except (OSError, http.client.HTTPException, ValueError) as e:
                err(f"client:{type(e).__name__}")
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                continue
            with lock:
                latencies.append(t2 - t0)
                pw_lat.append(t1 - t0)
                tf_lat.append(t2 - t1)
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(LOGIN_CONCURRENCY)]
    started = time.perf_counter()
    stop_at[0] = time.time() + LOGIN_SECONDS
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    os.sched_setaffinity(0, set(range(os.cpu_count() or 1)))

    def pct(xs, p):
        if not xs:
            return None
        xs = sorted(xs)
        return round(xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))] * 1000, 1)

    return {
        "completed": len(latencies),
        "seconds": round(elapsed, 2),
        "logins_per_s": len(latencies) / elapsed,
        "concurrency": LOGIN_CONCURRENCY,
        "errors": errors,
        "accounts_ran_out": ran_out[0],
        "latency_ms": {"p50": pct(latencies, 50), "p95": pct(latencies, 95), "max": pct(latencies, 100)},
        "password_step_ms": {"p50": pct(pw_lat, 50), "p95": pct(pw_lat, 95)},
        "second_factor_step_ms": {"p50": pct(tf_lat, 50), "p95": pct(tf_lat, 95)},
        "mean_ms": round(statistics.mean(latencies) * 1000, 1) if latencies else None,
    }


def machine():
    model = subprocess.run("lscpu | grep 'Model name'", shell=True, capture_output=True, text=True).stdout.strip()
    model = re.sub(r"^Model name:\s*", "", model)
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    mem = ""
    with open("/proc/meminfo") as f:
        mem = f.readline().split(":", 1)[1].strip()
    load = open("/proc/loadavg").read().split()[:3]
    return {"cpu": model, "nproc": nproc, "mem_total": mem, "loadavg_before": load}


def main():
    for path in (BIN, SEED, FLOOR):
        if not os.path.exists(path):
            raise SystemExit(f"{path} is missing: run scripts/bench-http (it builds first)")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: run scripts/bench-http (it installs it)")
    result = {"machine": machine(), "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    work = tempfile.mkdtemp(prefix="keydesk-bench-")
    log(f"working in {work}")
    try:
        # a0. Idle RSS on an empty data dir, for comparison.
        empty = os.path.join(work, "empty")
        proc, _ = start_server(empty, os.path.join(work, "server-empty.log"))
        result["idle_rss_empty_kib"] = idle_rss(proc)
        stop_server(proc)

        # Seed: sessions for (c), more accounts for (d).
        data = os.path.join(work, "data")
        seed_file = os.path.join(work, "seed.jsonl")
        n_accounts = SESSIONS + LOGIN_ACCOUNTS
        t = time.time()
        subprocess.run(
            [SEED, "--data-dir", data, "--accounts", str(n_accounts), "--sessions", str(SESSIONS), "--out", seed_file],
            check=True,
            env=server_env(data, 0),
        )
        result["seed"] = {"accounts": n_accounts, "pending_sessions": SESSIONS, "seconds": round(time.time() - t, 1)}
        pending, login_accounts = [], []
        with open(seed_file) as f:
            for line in f:
                a = json.loads(line)
                if a["token"]:
                    pending.append((a["token"], a["secret_b32"]))
                else:
                    login_accounts.append(a)

        proc, port = start_server(data, os.path.join(work, "server.log"))
        try:
            # a. Idle RSS on the seeded data dir.
            result["idle_rss_kib"] = idle_rss(proc)
            log(f"idle RSS {result['idle_rss_kib']} KiB")
            # b. Hello world.
            result["hello"] = hello(port)
            result["rss_after_hello_kib"] = rss_kib(proc.pid)["VmRSS"]
            # c. The TOTP step alone.
            result["totp_step"] = totp_step(port, pending, work)
            result["rss_after_totp_kib"] = rss_kib(proc.pid)["VmRSS"]
            # d. Full logins.
            log(f"full logins: {LOGIN_CONCURRENCY} threads for {LOGIN_SECONDS} s")
            result["logins"] = logins(port, login_accounts)
            result["rss_after_load_kib"] = rss_kib(proc.pid)
            time.sleep(IDLE_SECONDS)
            result["rss_after_load_kib"]["VmRSS_idle_again"] = rss_kib(proc.pid)["VmRSS"]
        finally:
            stop_server(proc)

        # e. The floor, in a server of its own on the same CPU, with its own hello world.
        proc, port = start_server(os.path.join(work, "floor"), os.path.join(work, "floor.log"), floor=True)
        try:
            result["floor"] = {"hello": hello(port), "step": floor_step(port, work)}
        finally:
            stop_server(proc)
    finally:
        if KEEP:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    h, s, l = result["hello"], result["totp_step"], result["logins"]
    ratio = s["ok_per_s"] / h["requests_per_s"] if h["requests_per_s"] else 0
    result["totp_step"]["share_of_hello"] = ratio
    fh, fs = result["floor"]["hello"], result["floor"]["step"]
    floor_ok = fs["requests_per_s"] if fs["non_2xx"] == 0 and not fs["socket_errors"] else 0
    # Microseconds of one core per request: what 50 % of hello world allows, what the
    # floor already takes, and what the real step takes beyond the floor.
    us = lambda rps: 1e6 / rps if rps else float("inf")
    result["floor"]["share_of_hello"] = floor_ok / fh["requests_per_s"] if fh["requests_per_s"] else 0
    result["floor"]["budget_at_50_percent_us"] = us(0.5 * fh["requests_per_s"]) - us(floor_ok)
    result["floor"]["real_step_beyond_floor_us"] = us(s["ok_per_s"]) * fh["requests_per_s"] / h["requests_per_s"] - us(floor_ok)
    m = result["machine"]

    def verdict(ok):
        return "met" if ok else "MISSED"

    lines = [
        "",
        "== keydesk HTTP benchmark (issue 2) ==",
        f"machine: {m['cpu']}, nproc {m['nproc']}, {m['mem_total']}, loadavg before {' '.join(m['loadavg_before'])}",
        f"server: taskset -c {SERVER_CPU} target/release/keydesk serve (SQLite, default OWASP Argon2id 19 MiB t=2 p=1)",
        f"clients: taskset -c {CLIENT_CPU}",
        f"idle RSS (seeded, {result['seed']['accounts']} accounts): {result['idle_rss_kib'] / 1024:.1f} MiB  "
        f"[target <= 40 MB: {verdict(result['idle_rss_kib'] * 1024 <= 40e6)}]",
        f"idle RSS (empty data dir): {result['idle_rss_empty_kib'] / 1024:.1f} MiB",
        f"RSS after hello world: {result['rss_after_hello_kib'] / 1024:.1f} MiB, after the TOTP step: "
        f"{result['rss_after_totp_kib'] / 1024:.1f} MiB, right after the logins: {result['rss_after_load_kib']['VmRSS'] / 1024:.1f} MiB, "
        f"{IDLE_SECONDS:g} s later: {result['rss_after_load_kib']['VmRSS_idle_again'] / 1024:.1f} MiB (peak {result['rss_after_load_kib']['VmHWM'] / 1024:.1f} MiB)",
        f"hello world GET /healthz: {h['requests_per_s']:.0f} req/s (p50 {h['latency'].get('p50_ms', 0):.2f} ms, non-2xx {h['non_2xx']})",
        f"TOTP step alone: {s['ok_per_s']:.0f} successful (200) req/s = {ratio * 100:.1f} % of hello world  "
        f"[target >= 50 %: {verdict(ratio >= 0.5)}]; 200: {s['ok_200']}, non-200: {s['non_200']} {s['non_200_by_status']}, "
        f"p50 {s['latency']['p50_ms']:.1f} ms p95 {s['latency']['p95_ms']:.1f} ms"
        + ("  (WARNING: the seeded sessions ran out)" if s["sessions_ran_out"] else "")
        + (f"; SQLite: {s['transactions_per_commit']:.1f} transactions per group commit"
           if s.get("transactions_per_commit") else ""),
        f"full logins (password + TOTP, concurrency {l['concurrency']}, {l['seconds']} s): {l['logins_per_s']:.1f} logins/s on one core  "
        f"[target >= 45: {verdict(l['logins_per_s'] >= 45)}; Keycloak plans 15/vCPU]; completed {l['completed']}, errors {l['errors'] or 'none'}; "
        f"latency p50 {l['latency_ms']['p50']} ms p95 {l['latency_ms']['p95']} ms "
        f"(password step p50 {l['password_step_ms']['p50']} ms, second factor p50 {l['second_factor_step_ms']['p50']} ms)"
        + ("  (WARNING: the seeded accounts ran out)" if l["accounts_ran_out"] else ""),
        f"floor (the step's work without storage, examples/step_floor): {floor_ok:.0f} req/s = "
        f"{result['floor']['share_of_hello'] * 100:.1f} % of its hello world ({fh['requests_per_s']:.0f} req/s)"
        + ("" if floor_ok else f" (FAILED: non-2xx {fs['non_2xx']}, {fs['socket_errors']})")
        + f"; at 50 % the step's storage would have {result['floor']['budget_at_50_percent_us']:.1f} µs of one core; "
        f"it takes {result['floor']['real_step_beyond_floor_us']:.1f} µs (scaled to this hello world)",
    ]
    print("\n".join(lines))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(result, f, indent=2)
    print(f"full result: {OUT}")


if __name__ == "__main__":
    main()
