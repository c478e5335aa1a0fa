"""A diff report as JSON: stable keys, sorted lists, one trailing newline; invisible and
control characters as ``\\uXXXX`` escapes (:func:`vpcdocs.render.escape.json_text`)."""

from __future__ import annotations

import json
from typing import Any

from ...diff.report import DiffReport
from ..escape import json_text


def render_json(report: DiffReport, **_options: Any) -> str:
    return json_text(json.dumps(report.to_json(), indent=2, sort_keys=True, ensure_ascii=False)) + "\n"
