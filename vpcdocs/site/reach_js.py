"""Reach answers shipped with the site as JavaScript data, for the cell details on demand.

Pages opened from disk (file://) cannot ``fetch()`` local files, so the data are scripts
that push one object onto ``window.VPCDOCS_REACH`` (``vpcdocs-reach.js`` loads them with a
``<script>`` element when a page needs them). One file per VPC (``network/reach/<slug>.js``):
its VPC-matrix row and its page's subnet matrix, each cell an index into the file's
distinct records; strings are interned; the JSON is gzipped and base64-encoded (the browser's
``DecompressionStream`` unpacks it — a 1,000-VPC estate's data shrink about fivefold). ``network/reach/index.js`` lists the VPCs (ids, names,
pages, groups) and the words of states and causes.

The JSON is made safe to embed anywhere: ``<``, ``>``, ``&`` and U+2028/2029 are escaped
(the data cannot close a ``<script>`` element), invisible characters too
(:func:`vpcdocs.render.escape.json_text`). :func:`decode` reads a file back (tests).
"""

from __future__ import annotations

import base64
import gzip
import json
from typing import Any

from ..render.escape import json_text
from . import paths
from .reach_data import STATE_CHARS, Record, Row, SiteReach, SubnetMatrix

DATA_DIR = f"{paths.ROOT}/reach"
INDEX = f"{DATA_DIR}/index.js"
_PREFIX = "(window.VPCDOCS_REACH=window.VPCDOCS_REACH||[]).push("
_INDEX_PREFIX = "window.VPCDOCS_REACH_INDEX="


def data_file(vpc_id: str) -> str:
    return f"{DATA_DIR}/{paths.slug(vpc_id)}.js"


def js_json(value: Any) -> str:
    """``value`` as JSON that is also a safe JavaScript literal anywhere in a page."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return json_text(text)


class _Encoder:
    """Interned strings and hops of one file."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self._s: dict[str, int] = {}
        self.hops: list[list[int]] = []
        self._h: dict[tuple[str, str, str, str], int] = {}

    def s(self, text: str) -> int:
        i = self._s.get(text)
        if i is None:
            i = self._s[text] = len(self.strings)
            self.strings.append(text)
        return i

    def hop(self, hop: tuple[str, str, str, str]) -> int:
        i = self._h.get(hop)
        if i is None:
            i = self._h[hop] = len(self.hops)
            self.hops.append([self.s(x) for x in hop])
        return i

    def record(self, r: Record) -> list[Any]:
        """[state char, disposition, cause, at, hops, params (k, v, k, v…), reason, rules, codes]
        (strings as indexes; trailing empty fields dropped)."""
        out: list[Any] = [STATE_CHARS[r.state], self.s(r.disposition), self.s(r.cause), self.s(r.at),
                          [self.hop(h) for h in r.path],
                          [self.s(x) for kv in r.params for x in kv],
                          self.s(r.reason) if r.reason else -1,
                          [self.s(x) for x in r.rules], [self.s(x) for x in r.codes]]
        while out and out[-1] in ([], -1):
            out.pop()
        return out

    def row(self, row: Row) -> dict[str, Any]:
        return {"records": [self.record(r) for r in row.records], "cells": row.cells}


def vpc_data(reach: SiteReach, vpc_id: str) -> bytes:
    """``network/reach/<slug>.js`` of one VPC."""
    enc = _Encoder()
    row = enc.row(reach.rows[vpc_id])
    sub: SubnetMatrix = reach.subnets[vpc_id]
    subnets = {"rows": [enc.s(x) for x in sub.rows], "columns": [enc.s(x) for x in sub.columns],
               "answers": [enc.row(r) for r in sub.answers]}
    doc = {"vpc": vpc_id, "strings": enc.strings, "hops": enc.hops, "vpcs": row, "subnets": subnets}
    packed = gzip.compress(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), 6, mtime=0)
    return (_PREFIX + js_json({"vpc": vpc_id, "gz": base64.b64encode(packed).decode("ascii")}) + ");\n").encode()


def index_data(index: dict[str, Any]) -> bytes:
    return (_INDEX_PREFIX + js_json(index) + ";\n").encode("utf-8")


def decode(text: str) -> dict[str, Any]:
    """A data file back as JSON (``{"vpc": …, "cells": {(from, to): record dict}}`` for a VPC
    file; the object itself for the index)."""
    if text.startswith(_INDEX_PREFIX):
        return dict(json.loads(text[len(_INDEX_PREFIX):].rstrip().rstrip(";")))
    assert text.startswith(_PREFIX), "not a vpcdocs reach data file"
    doc = json.loads(text[len(_PREFIX):].rstrip().rstrip(";").rstrip(")"))
    if "gz" in doc:
        doc = json.loads(gzip.decompress(base64.b64decode(doc["gz"])))
    strings, hops = doc["strings"], doc["hops"]

    def rec(raw: list[Any]) -> dict[str, Any]:
        raw = raw + [[], [], -1, [], []][len(raw) - 4:] if len(raw) < 9 else raw
        state, disp, cause, at, path, params, reason, rules, codes = raw
        return {"state": state, "disposition": strings[disp], "cause": strings[cause], "at": strings[at],
                "path": [tuple(strings[x] for x in hops[h]) for h in path],
                "params": {strings[params[i]]: strings[params[i + 1]] for i in range(0, len(params), 2)},
                "reason": strings[reason] if reason >= 0 else "", "rules": [strings[x] for x in rules],
                "codes": [strings[x] for x in codes]}

    return {"vpc": doc["vpc"], "vpcs": [rec(doc["vpcs"]["records"][i]) for i in doc["vpcs"]["cells"]],
            "subnets": {(strings[r], strings[c]): rec(row["records"][i])
                        for r, row in zip(doc["subnets"]["rows"], doc["subnets"]["answers"])
                        for c, i in zip(doc["subnets"]["columns"], row["cells"])}}
