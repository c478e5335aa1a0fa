"""Is Graphviz's ``dot`` installed? Commands that draw ask first and, when it is missing, say
how to install it on this machine's OS (then exit 1) instead of failing halfway through.

Commands that draw nothing (check, routes, reach, schema, import, diff without diagrams,
``diagram --format dot``) never call this: they work without Graphviz.
"""

from __future__ import annotations

import platform
import shutil
import sys

import click

# (platform.system(), label, command): the package managers people use for Graphviz on each OS
INSTALL_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("Linux", "Debian/Ubuntu", "sudo apt-get install graphviz fonts-dejavu-core"),
    ("Linux", "Fedora/RHEL", "sudo dnf install graphviz"),
    ("Darwin", "macOS", "brew install graphviz"),
    ("Windows", "Windows", "winget install --exact --id Graphviz.Graphviz"),
    ("Windows", "Windows (Chocolatey)", "choco install graphviz"),
)


def find_dot() -> str | None:
    """Path of the ``dot`` executable on PATH, or None."""
    return shutil.which("dot")


def install_hint(system: str | None = None) -> str:
    """How to install Graphviz, this OS's package managers first."""
    system = system or platform.system()
    ordered = sorted(INSTALL_COMMANDS, key=lambda row: row[0] != system)  # stable: keeps the order within an OS
    width = max(len(label) for _, label, _ in ordered) + 1
    lines = [f"  {label + ':':<{width}} {cmd}" for _, label, cmd in ordered]
    return "\n".join(lines)


def missing_dot_message(what: str, system: str | None = None) -> str:
    return (
        f"error: {what} needs Graphviz, but its `dot` command is not on PATH.\n"
        f"Install Graphviz, then run the command again:\n{install_hint(system)}\n"
        "(on Windows, let the installer add Graphviz to PATH, then open a new terminal)\n"
        "Commands that draw nothing work without it: check, routes, reach, schema, import, "
        "diff without diagrams."
    )


def require_dot(what: str) -> None:
    """Exit 1 with install instructions when ``dot`` is missing; ``what`` names the command."""
    if find_dot() is None:
        click.echo(missing_dot_message(what), err=True)
        sys.exit(1)
