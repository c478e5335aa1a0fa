"""Route tables as JSON: ``{"route_tables": [{"id", "vpc", "main", "subnets", "routes"}]}``."""

from __future__ import annotations

import json


def render_json(tables) -> str:
    return json.dumps({"route_tables": [t.to_json() for t in tables]}, indent=2, sort_keys=False) + "\n"
