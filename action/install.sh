#!/usr/bin/env bash
# vpcdocs action, step 1: install Graphviz (when `dot` is missing) and vpcdocs at the ACTION's
# own version (the folder this script lives in, $GITHUB_ACTION_PATH), never from the user's
# checkout, into a private virtualenv. Prints the vpcdocs path as the step output `vpcdocs`.
#
# env: GITHUB_ACTION_PATH (set by the runner), VENV (where to create the virtualenv),
#      PYTHON (the interpreter; actions/setup-python's python-path), GITHUB_OUTPUT
set -euo pipefail

: "${GITHUB_ACTION_PATH:?set by the runner}" "${VENV:?the virtualenv folder}"
python=${PYTHON:-python3}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "::error::need root to run: $*"; return 1; fi
}

if command -v dot >/dev/null; then
  echo "Graphviz: $(dot -V 2>&1)"
else
  case "$(uname -s)" in
    Linux)
      if command -v apt-get >/dev/null; then
        as_root apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive \
          apt-get install -y -qq --no-install-recommends graphviz fonts-dejavu-core
      elif command -v dnf >/dev/null; then
        as_root dnf install -y -q graphviz
      else
        echo "::error::Graphviz is missing and neither apt-get nor dnf is available: install graphviz before this action"
        exit 1
      fi ;;
    Darwin) brew install graphviz ;;
    *)
      echo "::error::the vpcdocs action runs on Linux and macOS runners (install Graphviz and 'pip install vpcdocs' elsewhere)"
      exit 1 ;;
  esac
fi

"$python" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$GITHUB_ACTION_PATH"
"$VENV/bin/vpcdocs" --version
echo "vpcdocs=$VENV/bin/vpcdocs" >> "${GITHUB_OUTPUT:-/dev/null}"
