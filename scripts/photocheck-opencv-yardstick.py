#!/usr/bin/env python3
"""OpenCV yardstick for keydesk-photocheck's benchmark: the same sharpness + glare + face
checks written with opencv-python-headless, timed on the same image.

    python3 scripts/photocheck-opencv-yardstick.py IMAGE [RUNS]

Per run: decode the JPEG (cv2.imdecode), grey, area-resize to 1024 px long side,
variance of the Laplacian; saturated (>= 245 in all channels) connected components;
Haar frontal-face cascade (haarcascade_frontalface_default.xml, shipped in the wheel) on
the working grey image. Single-threaded (cv2.setNumThreads(1)), as the Rust side runs
one check per blocking-pool thread.
"""
import statistics
import sys
import time

import cv2
import numpy as np


def check(data, cascade):
    img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    h, w = img.shape[:2]
    f = 1024 / max(w, h)
    small = cv2.resize(img, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA)
    gray = cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    sharp = cv2.Laplacian(gray, cv2.CV_64F).var()
    sat = np.all(small >= 245, axis=2).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(sat, connectivity=4)
    glare = (stats[1:, cv2.CC_STAT_AREA].max() / (gray.size)) if n > 1 else 0.0
    faces = cascade.detectMultiScale(gray, scaleFactor=1.1, minNeighbors=5, minSize=(20, 20))
    return sharp, glare, len(faces)


def main():
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    cv2.setNumThreads(1)
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
    data = open(path, "rb").read()
    result = check(data, cascade)  # warm-up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        result = check(data, cascade)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, round((len(times) - 1) * 0.95))]
    print("opencv %s (sharpness + glare + Haar faces): runs %d  p50 %.0f ms  p95 %.0f ms  "
          "(laplacian var %.1f, glare %.4f, faces %d)" % (cv2.__version__, runs, statistics.median(times), p95, *result))


if __name__ == "__main__":
    main()
