"""Builds a site: its skeleton (home page, sections, review workflow) and the demo content.

`manage.py setup_site` runs skeleton.ensure_site() in every environment; `load_demo`,
`ensure_admin` and `ensure_demo_staff` are for development machines (docs/deployment.md).
"""
