"""The base spec every lint test mutates is clean: no code fires on it."""

from lint_helpers import BASE_YAML, lint


def test_base_spec_is_lint_clean():
    assert [d.format() for d in lint(BASE_YAML)] == []
