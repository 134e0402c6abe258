#!/usr/bin/env bash
# Set up what keydesk-photocheck's test set needs: Debian packages, Pillow/numpy, and the
# public-domain face photo (scikit-image's astronaut.png, taken from its PyPI wheel; never
# committed). Idempotent. Run from the repository root.
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
echo "photocheck set-up done: face photo at $face_dir/astronaut.png"
