"""Issue 15 items 3 and 8: one escaping function for terminals, one for pull-request text."""

from __future__ import annotations

import json

import pytest

from vpcdocs.render.escape import json_text, md_cell, md_code, md_text, neutralise_mentions, terminal

HOSTILE = [
    "\x1b[2J\x1b[H",  # clear screen
    "\x1b]0;pwned\x07",  # OSC window title, BEL-terminated
    "\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x9b31m",  # C1 CSI
    "\x9d0;title\x9c",  # C1 OSC … ST
    "a\x7fb",  # DEL
    "\x07\x08\r",  # BEL, backspace, carriage return
    "admin\u202egnp.exe",  # bidi override
    "zero\u200bwidth",
    "\ud800",  # lone surrogate (e.g. from a file name)
]


@pytest.mark.parametrize("text", HOSTILE)
def test_terminal_leaves_no_control_character(text):
    out = terminal(text)
    assert all(ch.isprintable() for ch in out), repr(out)
    out.encode("utf-8")  # always encodable


def test_terminal_makes_escapes_visible_and_keeps_text():
    assert terminal("vpc-\x1b]0;x\x07") == "vpc-\\x1b]0;x\\x07"
    assert terminal("a\u202eb") == "a\\u202eb"
    assert terminal("東京-vpc ünï\u00a0x") == "東京-vpc ünï\u00a0x"
    assert terminal("two\nlines") == "two\nlines"
    assert terminal("two\nlines", keep="") == "two\\x0alines"
    assert terminal("a\tb") == "a\\x09b"
    assert terminal("a\tb", keep="\t") == "a\tb"


def test_json_text_is_the_same_data_without_raw_controls():
    value = {"id": "a\x7f\x9b\u202e\U000e0001\x1b", "n": "日本"}
    text = json_text(json.dumps(value, ensure_ascii=False, indent=2))
    assert json.loads(text) == value
    assert all(ch.isprintable() or ch in "\n" for ch in text)
    assert "日本" in text


@pytest.mark.parametrize("escape", [md_text, md_cell, md_code])
def test_pull_request_text_has_no_live_mentions_or_links(escape):
    raw = "owner @alice, team @acme/network-admins, bob@example.com, see https://evil.example/x and www.evil.example, fixes #12"
    out = neutralise_mentions(escape(raw))
    import re

    visible = out.replace("&#8288;", "\u2060")
    assert not re.search(r"(?<![\w`])@[A-Za-z0-9]", visible)
    assert "https://" not in out and "www." not in out
    assert not re.search(r"(?<!&)#\d", out)
    assert "&#8288;" in out and out.isascii() or not raw.isascii()


def test_neutralise_keeps_escaper_entities():
    assert neutralise_mentions(md_code("#1")) == "<code>&#35;1</code>"
