"""The documentation site: generated Markdown pages + diagrams, built with MkDocs (Material).

Layout, one concern per module (like MkDocs' own ``commands/`` and ``structure/``):

* :mod:`.pages` — one small module per page kind, each a pure function of the
  :class:`~.context.SiteData` (topology + derived facts) returning Markdown text;
* :mod:`.generate` — load the specs, compute, and produce every generated file (pages,
  CSS, diagrams) in memory plus the nav section that lists them;
* :mod:`.config` — the user's ``mkdocs.yml`` loaded through MkDocs' own loader, with the
  generated nav section and vpcdocs' settings injected;
* :mod:`.build` — the one build function (`build_site`) the CLI calls: a temporary docs dir
  (the user's docs/ + generated files), MkDocs build into a temporary site dir, atomic swap;
  also ``--pages-dir`` output and ``--check``;
* :mod:`.plugin` — ``VpcdocsPlugin``, the MkDocs plugin: a thin adapter that adds the same
  generated files and nav section to an existing MkDocs site;
* :mod:`.serve` — MkDocs' live-reload server with the plugin, also watching the spec dir.

Generated pages live under ``network/`` (see :data:`.paths.ROOT`) and never touch the
user's docs/ folder.
"""
