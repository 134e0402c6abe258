#!/usr/bin/env python3
"""PostgreSQL, the tier for several instances (issue 16), driven by scripts/bench-pg
(which builds first).

On one fresh PostgreSQL database (BENCH_POSTGRES_URL's server; fsync and
synchronous_commit as configured, on by default):

  1. one instance: `keydesk serve` and every PostgreSQL process pinned to CPU 0
     (BENCH_SERVER_CPU), wrk on CPU 1: the TOTP step (each request another pre-seeded
     pending session and its account's current code) and the desk's intake (POST
     /api/v1/requests, one customer, each request its own idempotency key);
  2. two instances on the same database, one per CPU, PostgreSQL and wrk free to run on
     either (this machine has two cores, so nothing is left to pin them to alone).

For each run it reads the CPU time keydesk and PostgreSQL used, so the report gives the
CPU per step on each side: what bounds the step, and what 10 instances on a managed
PostgreSQL would need. Prints a summary and writes JSON to target/bench-pg/result.json.
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

sys.path.insert(0, os.path.dirname(__file__))
import bench_http as h  # noqa: E402  (the wrk scripts and helpers of the SQLite benchmark)

PG = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
SESSIONS = int(os.environ.get("BENCH_SESSIONS", "60000"))
SECONDS = int(os.environ.get("BENCH_TOTP_SECONDS", "10"))
INTAKE_SECONDS = int(os.environ.get("BENCH_INTAKE_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_WRK_CONNECTIONS", "32"))
RUNS = int(os.environ.get("BENCH_RUNS", "1"))
ONLY = os.environ.get("BENCH_ONLY", "")  # "totp" or "intake"
PERF = os.environ.get("BENCH_PERF", "")  # a perf.data path: profile CPU 0 in the one-instance TOTP run
OUT = os.environ.get("BENCH_OUT", os.path.join(h.ROOT, "target", "bench-pg", "result.json"))
TICK = os.sysconf("SC_CLK_TCK")

INTAKE_LUA = r"""
local counter = 0
local token = os.getenv("BENCH_TOKEN")
local tid = 0
function setup(thread)
  tid = tid + 1
  thread:set("tid", tid)
end
function init(args)
  math.randomseed(os.time() + tid * 7919)
  salt = tostring(math.random(100000000, 999999999))
end
function request()
  counter = counter + 1
  local body = '{"category":"other","subject":"Intake benchmark","description":"Please look at my statement.","answers":{"topic":"fees"},"idempotency_key":"bench-' .. salt .. "-" .. tid .. "-" .. counter .. '"}'
  return wrk.format("POST", "/api/v1/requests", {
    ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end
local created, other = 0, 0
function response(status, headers, body)
  if status == 201 then created = created + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  io.write(string.format("RESULT requests=%d errors_non2xx=%d p50_ms=%.2f p99_ms=%.2f\n",
    summary.requests, summary.errors.status, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


def log(msg):
    print(f"bench-pg: {msg}", file=sys.stderr, flush=True)


def psql(sql, url=PG):
    subprocess.run(["psql", url, "-qXc", sql], check=True, stdout=subprocess.DEVNULL)


def postmaster_pid():
    out = subprocess.run(["psql", PG, "-tAXc", "SELECT pg_postmaster_start_time()"], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"PostgreSQL at {PG} does not answer: {out.stderr.strip()}")
    # The postmaster is the postgres process whose parent is not postgres.
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if name == "postgres" and process_name(ppid) != "postgres":
            return int(pid)
    raise SystemExit("no postmaster process found (is PostgreSQL local?)")


def process_name(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return ""


def postgres_pids():
    return [int(p) for p in os.listdir("/proc") if p.isdigit() and process_name(int(p)) == "postgres"]


def pin_postgres(cpus):
    """Every PostgreSQL process now, and the backends it forks later, onto `cpus`."""
    for pid in postgres_pids():
        subprocess.run(["taskset", "-p", "-c", cpus, str(pid)], check=False, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # utime, stime, and the reaped children's (backends that ended).
        total += sum(int(fields[i]) for i in (11, 12, 13, 14))
    return total / TICK


def postgres_cpu():
    return cpu_seconds(postgres_pids())


def start(data, url, cpu, log_path):
    port = h.free_port()
    env = h.server_env(data, port)
    env.update(DATABASE_URL=url, RUST_LOG="warn", OMP_THREAD_LIMIT="1", KEYDESK_SECURITY__MFA_MANDATORY="false")
    proc = subprocess.Popen(["taskset", "-c", cpu, h.BIN, "serve"], env=env, stdout=open(log_path, "ab"),
                            stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"keydesk exited with {proc.returncode}; see {log_path}")
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", "/readyz")
            if c.getresponse().status == 200:
                return proc, port
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("keydesk did not become ready within 60 s")


def wrk(cpus, args, env=None):
    cmd = ["taskset", "-c", cpus, "wrk", "-t", "2", "-c", str(CONNECTIONS), "--latency", "--timeout", "10s"] + args
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)


def totp_run(ports, pools, work, wrk_cpus):
    """Every instance gets its own share of the pending sessions and its own wrk."""
    lua = os.path.join(work, "totp.lua")
    with open(lua, "w") as f:
        f.write(h.WRK_TOTP_LUA)
    started = time.time()
    files = []
    for i, pool in enumerate(pools):
        path = os.path.join(work, f"codes-{i}-{started}.txt")
        with open(path, "w") as f:
            for token, secret in pool:
                f.write(f"{token} {h.pyotp.TOTP(secret).at(started)}\n")
        files.append(path)
    return run_wrks(ports, wrk_cpus, lambda i: ["-d", f"{SECONDS}s", "-s", lua, f"http://127.0.0.1:{ports[i]}",
                                                "--", files[i], "2"], parse_totp)


def parse_totp(out):
    m = re.search(r"BENCH ok=(\d+) other=(\d+) exhausted=(\d+) duration_us=(\d+) statuses=(\S*)", out)
    ok, other, exhausted, duration_us = (int(m.group(i)) for i in range(1, 5))
    lat = re.search(r"BENCH latency_p50_us=(\d+) latency_p95_us=(\d+) latency_p99_us=(\d+)", out)
    return {"ok": ok, "other": other, "statuses": m.group(5), "ran_out": bool(exhausted),
            "seconds": duration_us / 1e6, "p50_ms": int(lat.group(1)) / 1000, "p99_ms": int(lat.group(3)) / 1000}


def parse_intake(out):
    m = re.search(r"RESULT requests=(\d+) errors_non2xx=(\d+) p50_ms=([\d.]+) p99_ms=([\d.]+)", out)
    requests, errors = int(m.group(1)), int(m.group(2))
    return {"ok": requests - errors, "other": errors, "seconds": INTAKE_SECONDS,
            "p50_ms": float(m.group(3)), "p99_ms": float(m.group(4))}


def run_wrks(ports, wrk_cpus, args_of, parse, env=None):
    servers = [p for p in SERVERS]
    kd_before, pg_before, t = cpu_seconds(servers), postgres_cpu(), time.time()
    procs = [wrk(wrk_cpus, args_of(i), env) for i in range(len(ports))]
    perf = None
    if PERF and len(ports) == 1:
        # A profile of the server's CPU (keydesk and PostgreSQL), for finding what a step costs.
        perf = subprocess.Popen(["perf", "record", "-q", "-g", "-C", h.SERVER_CPU, "-o", PERF, "--",
                                 "sleep", str(max(1, SECONDS - 2))], stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
    outs = [p.communicate()[0] for p in procs]
    if perf:
        perf.wait()
    wall = time.time() - t
    kd, pg = cpu_seconds(servers) - kd_before, postgres_cpu() - pg_before
    parts = [parse(o) for o in outs]
    ok = sum(p["ok"] for p in parts)
    seconds = max(p["seconds"] for p in parts)
    return {
        "per_second": ok / seconds,
        "ok": ok,
        "other": sum(p["other"] for p in parts),
        "ran_out": any(p.get("ran_out") for p in parts),
        "p50_ms": max(p["p50_ms"] for p in parts),
        "p99_ms": max(p["p99_ms"] for p in parts),
        "keydesk_cpu_s": kd,
        "postgres_cpu_s": pg,
        "wall_s": wall,
        "keydesk_us_per_op": kd / ok * 1e6 if ok else None,
        "postgres_us_per_op": pg / ok * 1e6 if ok else None,
        "statuses": [p.get("statuses") for p in parts],
    }


def intake_run(ports, tokens, work, wrk_cpus):
    lua = os.path.join(work, "intake.lua")
    with open(lua, "w") as f:
        f.write(INTAKE_LUA)
    # One wrk per instance, each with its own customer's token.
    kd_before, pg_before = cpu_seconds(SERVERS), postgres_cpu()
    procs = []
    for port, token in zip(ports, tokens):
        env = dict(os.environ, BENCH_TOKEN=token)
        procs.append(wrk(wrk_cpus, ["-d", f"{INTAKE_SECONDS}s", "-s", lua, f"http://127.0.0.1:{port}"], env))
    parts = [parse_intake(p.communicate()[0]) for p in procs]
    kd, pg = cpu_seconds(SERVERS) - kd_before, postgres_cpu() - pg_before
    ok = sum(p["ok"] for p in parts)
    return {"per_second": ok / INTAKE_SECONDS, "ok": ok, "other": sum(p["other"] for p in parts),
            "p50_ms": max(p["p50_ms"] for p in parts), "p99_ms": max(p["p99_ms"] for p in parts),
            "keydesk_cpu_s": kd, "postgres_cpu_s": pg,
            "keydesk_us_per_op": kd / ok * 1e6 if ok else None,
            "postgres_us_per_op": pg / ok * 1e6 if ok else None}


def customer_token(port, email):
    def call(method, path, body):
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        c.request(method, path, json.dumps(body), {"Content-Type": "application/json"})
        r = c.getresponse()
        return r.status, json.loads(r.read() or b"null")
    call("POST", "/api/v1/accounts", {"email": email, "password": "correct horse battery staple"})
    status, session = call("POST", "/api/v1/sessions", {"email": email, "password": "correct horse battery staple"})
    assert status == 201, session
    return session["token"]


SERVERS = []


def main():
    for path in (h.BIN, h.SEED):
        if not os.path.exists(path):
            raise SystemExit(f"{path} is missing: run scripts/bench-pg (it builds first)")
    postmaster_pid()
    work = tempfile.mkdtemp(prefix="keydesk-bench-pg-")
    name = f"bench_pg_{int(time.time())}"
    url = PG.rsplit("/", 1)[0] + "/" + name
    psql(f"CREATE DATABASE {name}")
    result = {"machine": h.machine(), "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "postgres": subprocess.run(["psql", PG, "-tAXc", "SELECT version()"], capture_output=True,
                                         text=True).stdout.strip(),
              "settings": subprocess.run(["psql", PG, "-tAXc",
                                          "SELECT string_agg(name || '=' || setting, ' ') FROM pg_settings "
                                          "WHERE name IN ('fsync','synchronous_commit','wal_sync_method',"
                                          "'commit_delay','shared_buffers')"],
                                         capture_output=True, text=True).stdout.strip(),
              "runs": []}
    data = os.path.join(work, "data")
    try:
        seed = os.path.join(work, "seed.jsonl")
        total = SESSIONS * RUNS * 3
        log(f"seeding {total} accounts with pending sessions into {name}")
        subprocess.run([h.SEED, "--data-dir", data, "--database-url", url, "--accounts", str(total),
                        "--sessions", str(total), "--out", seed], check=True, env=h.server_env(data, 0))
        pending = []
        with open(seed) as f:
            for line in f:
                a = json.loads(line)
                pending.append((a["token"], a["secret_b32"]))
        for run in range(RUNS):
            for instances in (1, 2):
                pool, pending = pending[:SESSIONS * instances], pending[SESSIONS * instances:]
                result["runs"].append(measure(run, instances, pool, data, url, work))
    finally:
        pin_postgres("0-%d" % (os.cpu_count() - 1))
        for p in SERVERS:
            p.terminate()
        psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        shutil.rmtree(work, ignore_errors=True)
    report(result)


def measure(run, instances, pool, data, url, work):
    cpu0, cpu1 = h.SERVER_CPU, h.CLIENT_CPU
    if instances == 1:
        pin_postgres(cpu0)
        cpus, wrk_cpus = [cpu0], cpu1
    else:
        pin_postgres(f"{cpu0},{cpu1}")
        cpus, wrk_cpus = [cpu0, cpu1], f"{cpu0},{cpu1}"
    procs = [start(data, url, c, os.path.join(work, f"server-{c}.log")) for c in cpus]
    SERVERS[:] = [p.pid for p, _ in procs]
    ports = [port for _, port in procs]
    try:
        r = {"run": run, "instances": instances}
        if ONLY != "intake":
            share = len(pool) // instances
            r["totp"] = totp_run(ports, [pool[i * share:(i + 1) * share] for i in range(instances)], work, wrk_cpus)
            log(f"run {run}, {instances} instance(s): TOTP step {r['totp']['per_second']:.0f}/s")
        if ONLY != "totp":
            tokens = [customer_token(p, f"intake-{run}-{instances}-{i}@example.com") for i, p in enumerate(ports)]
            r["intake"] = intake_run(ports, tokens, work, wrk_cpus)
            log(f"run {run}, {instances} instance(s): intake {r['intake']['per_second']:.0f}/s")
        return r
    finally:
        for p, _ in procs:
            p.terminate()
            p.wait(timeout=30)
        SERVERS.clear()


def report(result):
    m = result["machine"]
    lines = ["", "== keydesk on PostgreSQL, one instance and two (issue 16) ==",
             f"machine: {m['cpu']}, nproc {m['nproc']}, loadavg before {' '.join(m['loadavg_before'])}",
             f"{result['postgres']}; {result['settings']}",
             "| run | instances | TOTP step ok/s | p50 / p99 ms | keydesk µs/step | PostgreSQL µs/step "
             "| intake /s | p50 / p99 ms | keydesk µs/request | PostgreSQL µs/request |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in result["runs"]:
        t, i = r.get("totp"), r.get("intake")
        cells = [str(r["run"]), str(r["instances"])]
        for x in (t, i):
            if x:
                cells += [f"{x['per_second']:.0f}" + (" (ran out)" if x.get("ran_out") else "")
                          + (f" ({x['other']} refused)" if x["other"] else ""),
                          f"{x['p50_ms']:.1f} / {x['p99_ms']:.1f}",
                          f"{x['keydesk_us_per_op']:.0f}" if x["keydesk_us_per_op"] else "-",
                          f"{x['postgres_us_per_op']:.0f}" if x["postgres_us_per_op"] else "-"]
            else:
                cells += ["-"] * 4
        lines.append("| " + " | ".join(cells) + " |")
    print("\n".join(lines))
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(result, f, indent=2)
    print(f"full result: {OUT}")


if __name__ == "__main__":
    main()
