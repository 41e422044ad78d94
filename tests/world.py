"""Content built once for a whole test module instead of once per test.

`module_world(build)` turns a function that builds content into a module-scoped fixture of
the same name. The content is built inside a transaction that is rolled back after the
module's last test; each test still runs in its own savepoint (pytest-django's `db`), so
whatever a test adds or changes is undone before the next test starts. Tests must treat the
objects `build` returns as read-only (refetch before changing one), and every test of the
module sees the world, whether it asks for it or not.

Tests that use a world are kept on one pytest-xdist worker per module (`make test` runs with
`--dist loadgroup`), so the world is built once, not once per worker.

Only for modules whose tests run in a transaction (`django_db` without `transaction=True`):
a transactional test flushes the database and cannot share it.
"""

import pytest
from django.db import transaction

# Names of the fixtures module_world made.
WORLDS = set()


def module_world(build):
    """A module-scoped fixture named like `build`, holding what `build()` returns."""

    @pytest.fixture(scope="module", name=build.__name__)
    def world(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            yield build()
            transaction.set_rollback(True)

    world.__doc__ = build.__doc__
    WORLDS.add(build.__name__)
    return world


def keep_worlds_together(items):
    """Put each module's tests that use a world in one xdist group (run on one worker)."""
    for item in items:
        if WORLDS & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
