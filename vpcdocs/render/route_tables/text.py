"""Route tables for a terminal: aligned columns, one block per table."""

from __future__ import annotations

from .labels import origin_label, subnets_label

COLUMNS = ("Destination", "Target", "Origin", "State")


def _one_line(text: str) -> str:
    """One line, with control characters (a terminal escape in an id) shown, not sent."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in " ".join(str(text).split()))


def render_table(table) -> str:
    rows = [
        (_one_line(r.destination), _one_line(r.target), origin_label(r),
         r.state + (f" ({r.reason})" if r.reason else ""))
        for r in table.routes
    ]
    widths = [max([len(c), *(len(row[i]) for row in rows)]) for i, c in enumerate(COLUMNS)]
    title = f"{_one_line(table.id)}{' (main)' if table.main else ''} — VPC {_one_line(table.vpc)}"
    out = [title, f"  subnets: {_one_line(subnets_label(table))}"]
    fmt = "  " + "  ".join(f"{{:<{w}}}" for w in widths)
    out.append(fmt.format(*COLUMNS).rstrip())
    out.append(fmt.format(*("-" * w for w in widths)).rstrip())
    out += [fmt.format(*row).rstrip() for row in rows]
    return "\n".join(out)


def render_text(tables) -> str:
    return "\n\n".join(render_table(t) for t in tables) + "\n"
