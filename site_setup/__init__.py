"""Builds a site: its skeleton (home page, sections, review workflow) and the demo content.

`manage.py setup_site` runs skeleton.ensure_site() in every environment; `load_demo` and
`ensure_admin` are for development machines (docs/deployment.md).
"""
