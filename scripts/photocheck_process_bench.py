#!/usr/bin/env python3
"""Whole-process time and peak memory of `keydesk photocheck`, as an operator runs it,
beside the OpenCV yardstick run the same way on the same images (issue 14).

    python3 scripts/photocheck_process_bench.py BINARY DIR [--runs N]

DIR is a generated set (labels.jsonl says each image's kind, name, request and date).
Each image is checked in a fresh process, with OCR and without (`--no-ocr`), N times
(default 3); wall time and peak resident memory (the child's ru_maxrss) are measured by
this script, so start-up, model loading and decoding all count. The environment is
left as the caller's except OMP_THREAD_LIMIT, removed, so that the binary's own fix
(it restarts itself with the limit) is what limits OpenMP. The yardstick
(`photocheck-opencv-yardstick.py IMAGE 1`) is timed per process the same way.
"""
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def timed(cmd, env):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024.0, code


def summary(name, walls, rss):
    walls = sorted(walls)
    p = lambda q: walls[min(len(walls) - 1, int(q * len(walls)))]
    print(f"| {name} | {len(walls)} | {1000 * statistics.median(walls):.0f} | {1000 * p(0.9):.0f} "
          f"| {1000 * walls[-1]:.0f} | {max(rss):.0f} |")


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    runs = 3
    if "--runs" in sys.argv:
        runs = int(sys.argv[sys.argv.index("--runs") + 1])
    binary, folder = args[0], args[1]
    env = dict(os.environ)
    env.pop("OMP_THREAD_LIMIT", None)
    labels = [json.loads(l) for l in open(os.path.join(folder, "labels.jsonl")) if l.strip()]
    results = {"ocr": ([], []), "no-ocr": ([], []), "yardstick": ([], [])}
    for label in labels:
        path = os.path.join(folder, label["file"])
        cmd = [binary, "photocheck", path, "--kind", label["kind"], "--json"]
        if label["kind"] == "selfie":
            cmd += ["--name", label["name"], "--request", label["request"], "--date", label["date"]]
        for _ in range(runs):
            for key, extra in (("ocr", []), ("no-ocr", ["--no-ocr"])):
                wall, rss, code = timed(cmd + extra, env)
                if code not in (0, 1):
                    sys.exit(f"{' '.join(cmd + extra)}: exit {code}")
                results[key][0].append(wall)
                results[key][1].append(rss)
            wall, rss, _ = timed([sys.executable, os.path.join(HERE, "photocheck-opencv-yardstick.py"), path, "1"], env)
            results["yardstick"][0].append(wall)
            results["yardstick"][1].append(rss)
    print(f"{len(labels)} images × {runs} runs, whole process each ({os.cpu_count()} cores)")
    print()
    print("| command | runs | p50 ms | p90 ms | max ms | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|")
    summary("keydesk photocheck (OCR)", *results["ocr"])
    summary("keydesk photocheck --no-ocr", *results["no-ocr"])
    summary("OpenCV yardstick (python3, same images)", *results["yardstick"])


if __name__ == "__main__":
    main()
