"""A diff report as JSON: stable keys, sorted lists, one trailing newline."""

from __future__ import annotations

import json


def render_json(report, **_options) -> str:
    return json.dumps(report.to_json(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
