"""Reachability as JSON: an answer (``Answer.to_json``) and a streamed matrix."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ...analysis.reach import Answer, Cell


def answer_json(answer: Answer) -> str:
    return json.dumps(answer.to_json(), indent=2, ensure_ascii=False)


def matrix_json_chunks(level: str, traffic: str, rows: tuple[str, ...], columns: tuple[str, ...],
                       cells: Iterable[Cell], paths: bool = False) -> Iterator[str]:
    """The matrix document in pieces (one per cell), so a big matrix is never one string."""
    yield ("{" + f'"level": {json.dumps(level)}, "traffic": {json.dumps(traffic)}, '
           f'"rows": {json.dumps(list(rows), ensure_ascii=False)}, '
           f'"columns": {json.dumps(list(columns), ensure_ascii=False)}, "cells": [')
    first = True
    for cell in cells:
        if paths:
            doc = cell.answer.to_json()
        else:
            doc = {"from": cell.source, "to": cell.destination, "reachable": cell.reachable,
                   "disposition": cell.disposition.value, "reason": cell.reason,
                   "explanation_codes": list(cell.answer.explanation_codes)}
        yield ("" if first else ",") + "\n  " + json.dumps(doc, ensure_ascii=False)
        first = False
    yield "\n]}\n"
