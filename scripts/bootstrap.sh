#!/usr/bin/env bash
# Set up everything vpcdocs needs, idempotently: a virtualenv in .venv with the package
# installed, Graphviz's `dot`, and (with --test) the test extras and Chromium.
# Running it again is fast: each step is skipped when already done.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

say() { printf 'bootstrap: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root to run: $*"; return 1; fi
}

apt_updated=0
apt_install() {
  if [ "$apt_updated" = 0 ]; then as_root apt-get update -qq >&2; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

# --- Python >= 3.11 -------------------------------------------------------------------
python=""
for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
  [ -n "$candidate" ] || continue
  if command -v "$candidate" >/dev/null &&
     "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    python=$candidate; break
  fi
done
if [ -z "$python" ]; then
  say "Python 3.11 or newer is required (set PYTHON=/path/to/python3.11)"; exit 1
fi

# --- Graphviz ---------------------------------------------------------------------------
if ! command -v dot >/dev/null; then
  if command -v apt-get >/dev/null; then
    say "installing Graphviz (apt-get)"; apt_install graphviz fonts-dejavu-core
  elif command -v brew >/dev/null; then
    say "installing Graphviz (brew)"; brew install graphviz >&2
  else
    say "Graphviz is missing: install it with your package manager (it provides the 'dot' command)"; exit 1
  fi
fi

# --- virtualenv and the package ---------------------------------------------------------
if [ ! -x .venv/bin/python ]; then
  say "creating .venv with $python"; "$python" -m venv .venv
fi
extras=""
[ "$want_test" = 1 ] && extras="[test]"
stamp=".venv/.vpcdocs-installed${extras:+-test}"
fingerprint=$(cat pyproject.toml | { sha256sum 2>/dev/null || shasum -a 256; } | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$fingerprint" ]; then
  say "installing vpcdocs${extras} into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extras}" >&2
  echo "$fingerprint" > "$stamp"
fi

# --- Chromium for the browser tests -------------------------------------------------------
if [ "$want_test" = 1 ] && ! command -v chromium >/dev/null && [ ! -x /usr/bin/chromium ]; then
  if command -v apt-get >/dev/null; then
    say "installing Chromium for the browser tests (apt-get)"; apt_install chromium
  else
    say "Chromium not found: browser tests will be skipped (set VPCDOCS_CHROMIUM=/path/to/chromium)"
  fi
fi
exit 0
