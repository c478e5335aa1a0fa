#!/usr/bin/env bash
# vpcdocs action, step 3: create or update ONE sticky pull-request comment with the markdown
# report (found again by its first line, the <!-- vpcdocs-diff --> marker). A missing
# permission (forks get a read-only token) is a warning, never a failed job: the report is
# in the job summary and the vpcdocs-diff artifact either way.
#
# env: COMMENT (true/false), BODY (the report file), GH_TOKEN, REPO (owner/name), PR (number),
#      HEAD_REPO (the pull request's head repository), COMMENT_AUTHOR (default github-actions[bot])
set -euo pipefail

marker='<!-- vpcdocs-diff -->'
author=${COMMENT_AUTHOR:-github-actions[bot]}

if [ "${COMMENT:-false}" != true ] || [ -z "${PR:-}" ] || [ -z "${BODY:-}" ]; then
  echo "vpcdocs: no pull-request comment (comment: ${COMMENT:-false}, pull request: ${PR:-none})"
  exit 0
fi
if [ ! -f "$BODY" ]; then
  echo "::warning::vpcdocs: no report to post ($BODY is missing)"
  exit 0
fi
if [ -n "${HEAD_REPO:-}" ] && [ "$HEAD_REPO" != "$REPO" ]; then
  echo "::notice::vpcdocs: pull request from a fork ($HEAD_REPO): its token cannot comment; the report is in the job summary"
  exit 0
fi
if ! command -v gh >/dev/null; then
  echo "::warning::vpcdocs: the GitHub CLI (gh) is not installed: no comment posted"
  exit 0
fi

if ! ids=$(gh api --paginate "repos/$REPO/issues/$PR/comments" \
      --jq ".[] | select(.user.login == \"$author\" and (.body | startswith(\"$marker\"))) | .id"); then
  echo "::warning::vpcdocs: cannot read the pull request's comments (does the job have pull-requests: write?)"
  exit 0
fi
id=$(printf '%s\n' "$ids" | head -n 1)
if [ -n "$id" ]; then
  gh api --method PATCH "repos/$REPO/issues/comments/$id" -F "body=@$BODY" --silent ||
    { echo "::warning::vpcdocs: could not update comment $id (permissions?)"; exit 0; }
  echo "vpcdocs: updated comment $id"
else
  gh api --method POST "repos/$REPO/issues/$PR/comments" -F "body=@$BODY" --silent ||
    { echo "::warning::vpcdocs: could not comment (does the job have pull-requests: write?)"; exit 0; }
  echo "vpcdocs: commented on #$PR"
fi
