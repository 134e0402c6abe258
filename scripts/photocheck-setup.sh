#!/usr/bin/env bash
# Set up what keydesk-photocheck's test set needs: Debian packages, Pillow/numpy, and the
# public-domain face photos, taken from PyPI wheels, never committed: scikit-image's
# astronaut.png (the tune face) and matplotlib's grace_hopper.jpg (a held-out face, see
# STYLES in scripts/photocheck-gen-testset.py). Idempotent. Run from the repository root.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
crate="$root/crates/photocheck"
if [ "${PHOTOCHECK_SKIP_APT:-}" != 1 ]; then
  missing=$(while read -r p; do [ -z "$p" ] || dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done < "$crate/apt-packages.txt")
  if [ -n "$missing" ]; then
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
  fi
fi
python3 -m pip install -q -r "$crate/requirements.txt"
face_dir="$root/target-photocheck/face"
if [ ! -s "$face_dir/astronaut.png" ]; then
  tmp="$(mktemp -d)"
  python3 -m pip download -q --no-deps --only-binary=:all: -d "$tmp" "scikit-image==0.26.0"
  mkdir -p "$face_dir"
  python3 - "$tmp" "$face_dir" <<'PY'
import glob, sys, zipfile
whl = glob.glob(sys.argv[1] + "/scikit_image-*.whl")[0]
with zipfile.ZipFile(whl) as z:
    open(sys.argv[2] + "/astronaut.png", "wb").write(z.read("skimage/data/astronaut.png"))
PY
  rm -rf "$tmp"
fi
# A held-out face: matplotlib's sample Grace Hopper portrait (US Navy photo, public domain).
# The wheel is pinned (any platform's: only the JPEG is read) and the file checked.
hopper_sha=a8ca6d734765703b09728ab47fe59f473d93ae3967fc24c7c0288c3c7adb7130
if [ ! -s "$face_dir/grace_hopper.jpg" ]; then
  tmp="$(mktemp -d)"
  python3 -m pip download -q --no-deps --only-binary=:all: --implementation cp --python-version 3.11 \
    --platform manylinux2014_x86_64 -d "$tmp" "matplotlib==3.11.2"
  mkdir -p "$face_dir"
  python3 - "$tmp" "$face_dir" <<'PY'
import glob, sys, zipfile
whl = glob.glob(sys.argv[1] + "/matplotlib-*.whl")[0]
with zipfile.ZipFile(whl) as z:
    data = z.read("matplotlib/mpl-data/sample_data/grace_hopper.jpg")
open(sys.argv[2] + "/grace_hopper.jpg", "wb").write(data)
PY
  rm -rf "$tmp"
fi
echo "$hopper_sha  $face_dir/grace_hopper.jpg" | sha256sum -c --quiet -
echo "photocheck set-up done: face photos in $face_dir (astronaut.png, grace_hopper.jpg)"
