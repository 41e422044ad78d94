"""Wagtail hooks of the WordPress importer."""

from wagtail import hooks

from .redirects import serve_old_query_address

hooks.register("before_serve_page", serve_old_query_address)
