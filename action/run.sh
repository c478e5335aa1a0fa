#!/usr/bin/env bash
# vpcdocs action, step 2: check the specs, build the site and, when a base revision is given
# (pull requests), run `vpcdocs diff` ONCE for the markdown, JSON and text reports (+ diagrams).
#
# Nothing here fails the job: every status goes to the step outputs, and `verdict` says why
# the job must fail under fail-on (the action's last step acts on it), so the comment and the
# artifacts are published first.
#
# env: VPCDOCS (the vpcdocs executable), SPECS, SITE_DIR, DIAGRAMS (true/false),
#      DIAGRAMS_URL, FAIL_ON (error, warning, expect; comma-separated), BASE (revision, or
#      empty: no diff), OUT_DIR (report folder), CACHE_DIR (diagram cache), RUN_URL,
#      GITHUB_OUTPUT, GITHUB_STEP_SUMMARY
set -uo pipefail  # no -e: statuses are collected

: "${VPCDOCS:?the vpcdocs executable}"
SPECS=${SPECS:-specs}
SITE_DIR=${SITE_DIR:-site}
DIAGRAMS=${DIAGRAMS:-true}
DIAGRAMS_URL=${DIAGRAMS_URL:-}
FAIL_ON=${FAIL_ON:-error}
BASE=${BASE:-}
OUT_DIR=${OUT_DIR:-vpcdocs-diff}
CACHE_DIR=${CACHE_DIR:-.cache/vpcdocs}
RUN_URL=${RUN_URL:-}
summary=${GITHUB_STEP_SUMMARY:-/dev/null}

output() { printf '%s=%s\n' "$1" "$2" >> "${GITHUB_OUTPUT:-/dev/null}"; }

want_warning=0
want_expect=0
for word in ${FAIL_ON//,/ }; do
  case "$word" in
    error) ;;
    warning) want_warning=1 ;;
    expect) want_expect=1 ;;
    *) echo "::error::fail-on: unknown condition '$word' (use error, warning or expect; several separated by commas)"
       exit 2 ;;
  esac
done
strict=()
[ "$want_warning" = 1 ] && strict=(--strict)

echo "::group::vpcdocs check $SPECS"
"$VPCDOCS" check "$SPECS" ${strict[@]+"${strict[@]}"}
check_status=$?
echo "::endgroup::"

echo "::group::vpcdocs build $SPECS --site-dir $SITE_DIR"
"$VPCDOCS" build "$SPECS" --site-dir "$SITE_DIR" --cache-dir "$CACHE_DIR" --quiet ${strict[@]+"${strict[@]}"}
build_status=$?
echo "::endgroup::"

diff_status=""
reach_changed=false
expect_missing=false
report=""
if [ -n "$BASE" ]; then
  if ! git rev-parse --verify --quiet "$BASE^{commit}" >/dev/null; then
    echo "::error::base revision $BASE is not in the checkout: check out with actions/checkout and fetch-depth: 0"
    diff_status=2
  else
    rm -rf "$OUT_DIR"
    mkdir -p "$OUT_DIR"
    args=(diff "$BASE" HEAD "$SPECS"
          --format markdown -o "$OUT_DIR/report.md"
          --format json -o "$OUT_DIR/report.json"
          --format text -o "$OUT_DIR/report.txt")
    [ "$DIAGRAMS" = true ] && args+=(--diagrams-dir "$OUT_DIR/diagrams")
    [ -n "$DIAGRAMS_URL" ] && args+=(--diagrams-url "$DIAGRAMS_URL")
    [ -n "$RUN_URL" ] && args+=(--full-report-url "$RUN_URL")
    echo "::group::vpcdocs diff $BASE HEAD $SPECS"
    "$VPCDOCS" "${args[@]}"
    diff_status=$?
    echo "::endgroup::"
    if [ -f "$OUT_DIR/report.json" ]; then
      report=$OUT_DIR/report.md
      python=$(dirname "$VPCDOCS")/python
      [ -x "$python" ] || python=python3
      read -r reach_changed expect_missing < <("$python" - "$OUT_DIR/report.json" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    data = json.load(f)
print(str(bool(data["reachability"])).lower(), str(bool(data["unexpected_reachability_change"])).lower())
PY
      )
      cat "$report" >> "$summary"
      # published with the site, so a Pages preview can show the diagrams (diagrams-url)
      if [ "$build_status" = 0 ] && [ -d "$OUT_DIR/diagrams" ]; then
        rm -rf "$SITE_DIR/vpcdocs-diff"
        cp -R "$OUT_DIR/diagrams" "$SITE_DIR/vpcdocs-diff"
      fi
    fi
  fi
fi

reasons=()
[ "$check_status" != 0 ] && reasons+=("vpcdocs check found problems in $SPECS")
[ "$build_status" != 0 ] && reasons+=("the site did not build")
[ "$diff_status" = 2 ] && reasons+=("vpcdocs diff could not compare against $BASE")
[ "$want_expect" = 1 ] && [ "$expect_missing" = true ] &&
  reasons+=("flows start or stop working but the expect: list was not updated")
verdict=""
for r in ${reasons[@]+"${reasons[@]}"}; do verdict=${verdict:+$verdict; }$r; done
if [ -z "$BASE" ]; then
  { echo "### vpcdocs"; echo; echo "check: exit $check_status · build: exit $build_status${verdict:+ · $verdict}"; } >> "$summary"
fi

site_abs=""
[ "$build_status" = 0 ] && site_abs=$(cd "$SITE_DIR" && pwd)
output check-status "$check_status"
output build-status "$build_status"
output diff-status "$diff_status"
output site-dir "$site_abs"
output report "$report"
output report-json "${report:+$OUT_DIR/report.json}"
output reachability-changed "$reach_changed"
output expect-missing "$expect_missing"
output verdict "$verdict"
echo "vpcdocs: check $check_status, build $build_status, diff ${diff_status:-skipped}; reachability changed: $reach_changed"
exit 0
