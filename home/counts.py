"""Counts and other figures that are costly on a big site, kept until the site's content changes.

`cached(key, compute)` is mipcms.site_version's: compute()'s value, cached until any page,
snippet or setting of the site changes.
"""

try:
    from mipcms.site_version import cached
except ImportError:  # until the site version lands on main: no caching, same answers

    def cached(key, compute):
        """compute()'s value (uncached stand-in for mipcms.site_version.cached)."""
        return compute()


__all__ = ["cached"]
