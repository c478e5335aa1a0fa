"""Shrink an RGBA PNG to an indexed (palette) PNG, in pure Python.

AWS icons are flat artwork: at display size they need well under 256 colours, and an
indexed PNG is 3-5x smaller than cairo's RGBA output. This keeps embedded SVGs close to
their icon-less size without an imaging dependency. Deterministic (no randomness, stable
palette order). :func:`recolour` repaints an icon (the dark variant's lighter line art).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable

_SIG = b"\x89PNG\r\n\x1a\n"


def _chunks(data: bytes):
    pos = 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        ctype = data[pos + 4 : pos + 8]
        yield ctype, data[pos + 8 : pos + 8 + length]
        pos += 12 + length


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def decode_rgba(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of RGBA bytes) for 8-bit RGBA/RGB/indexed non-interlaced PNGs."""
    if not data.startswith(_SIG):
        raise ValueError("not a PNG")
    idat = b""
    plte, trns = b"", b""
    for ctype, body in _chunks(data):
        if ctype == b"IHDR":
            w, h, depth, color, _c, _f, interlace = struct.unpack(">IIBBBBB", body)
        elif ctype == b"PLTE":
            plte = body
        elif ctype == b"tRNS":
            trns = body
        elif ctype == b"IDAT":
            idat += body
    if depth != 8 or color not in (2, 3, 6) or interlace:
        raise ValueError("unsupported PNG layout")
    bpp = {2: 3, 3: 1, 6: 4}[color]
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    pos = 0
    for _ in range(h):
        ftype, line = raw[pos], bytearray(raw[pos + 1 : pos + 1 + stride])
        pos += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ftype == 1:
                line[i] = (line[i] + a) & 255
            elif ftype == 2:
                line[i] = (line[i] + b) & 255
            elif ftype == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 255
            elif ftype == 4:
                line[i] = (line[i] + _paeth(a, b, c)) & 255
        if color == 3:
            rows.append(b"".join(plte[3 * i : 3 * i + 3] + (trns[i : i + 1] or b"\xff") for i in line))
        elif bpp == 3:
            rgba = bytearray()
            for i in range(0, stride, 3):
                rgba += line[i : i + 3] + b"\xff"
            rows.append(bytes(rgba))
        else:
            rows.append(bytes(line))
        prev = line
    return w, h, rows


def _chunk(ctype: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", zlib.crc32(ctype + body) & 0xFFFFFFFF)


def to_indexed(data: bytes) -> bytes:
    """An indexed-colour version of ``data``; returns ``data`` unchanged if that is not smaller."""
    try:
        w, h, rows = decode_rgba(data)
    except (ValueError, zlib.error, UnboundLocalError):
        return data
    for shift in (4, 5):  # keep 4 (visually lossless at icon size), then 3 bits per channel
        mask = (0xFF >> shift) << shift
        half = (1 << shift) >> 1
        palette: dict[tuple[int, int, int, int], int] = {}
        out_rows = []
        for row in rows:
            line = bytearray()
            for i in range(0, len(row), 4):
                r, g, b, a = row[i], row[i + 1], row[i + 2], row[i + 3]
                if a < 8:
                    key = (0, 0, 0, 0)
                else:
                    key = (min(255, (r & mask) + half), min(255, (g & mask) + half),
                           min(255, (b & mask) + half), 255 if a > 247 else (a & mask) + half)
                idx = palette.get(key)
                if idx is None:
                    idx = palette[key] = len(palette)
                line.append(idx)
            out_rows.append(bytes(line))
        if len(palette) <= 256:
            break
    else:
        return data
    colours = list(palette)
    plte = b"".join(bytes(c[:3]) for c in colours)
    trns = bytes(c[3] for c in colours)
    raw = b"".join(b"\x00" + r for r in out_rows)
    png = (_SIG + _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 3, 0, 0, 0)) + _chunk(b"PLTE", plte)
           + _chunk(b"tRNS", trns.rstrip(b"\xff") or b"\xff") + _chunk(b"IDAT", zlib.compress(raw, 9))
           + _chunk(b"IEND", b""))
    return png if len(png) < len(data) else data


def recolour(data: bytes, colour: Callable[[tuple[int, int, int]], tuple[int, int, int]]) -> bytes:
    """``data`` (a PNG) with every visible pixel's colour replaced by ``colour(rgb)``, alpha
    kept. An indexed PNG only gets a new palette (same pixels, same size); an RGB/RGBA one
    is decoded, mapped and written again (indexed when that is smaller). Deterministic."""
    ihdr = plte = trns = None
    for ctype, body in _chunks(data):
        if ctype == b"IHDR":
            ihdr = body
        elif ctype == b"PLTE":
            plte = body
        elif ctype == b"tRNS":
            trns = body
    if ihdr is not None and ihdr[9] == 3 and plte is not None:
        alpha = trns or b""
        entries = []
        for i in range(len(plte) // 3):
            rgb = (plte[3 * i], plte[3 * i + 1], plte[3 * i + 2])
            visible = i >= len(alpha) or alpha[i] > 0
            entries.append(bytes(colour(rgb) if visible else rgb))
        out = bytearray(_SIG)
        for ctype, body in _chunks(data):
            out += _chunk(ctype, b"".join(entries)) if ctype == b"PLTE" else _chunk(ctype, body)
        return bytes(out)
    w, h, rows = decode_rgba(data)
    raw = bytearray()
    for row in rows:
        raw.append(0)
        for i in range(0, len(row), 4):
            rgb = (row[i], row[i + 1], row[i + 2])
            raw += bytes(colour(rgb) if row[i + 3] else rgb) + row[i + 3 : i + 4]
    png = (_SIG + _chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0))
           + _chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + _chunk(b"IEND", b""))
    return to_indexed(png)
