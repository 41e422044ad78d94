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

from tests.indexing import index_once

try:
    from _pytest.nodeid import NodeId  # pytest >= 9.2: structured test ids
except ImportError:  # older pytest reads the `_nodeid` that pytest-xdist sets
    NodeId = None

# Names of the fixtures module_world made.
WORLDS = set()


def module_world(build):
    """A module-scoped fixture named like `build`, holding what `build()` returns."""

    @pytest.fixture(scope="module", name=build.__name__)
    def world(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            with index_once():
                world = build()
            yield world
            transaction.set_rollback(True)

    world.__doc__ = build.__doc__
    WORLDS.add(build.__name__)
    return world


def keep_worlds_together(config, items):
    """Put each module's tests that use a world in one xdist group (run on one worker).

    Without pytest-xdist (`-p no:xdist`) there are no groups, nor a registered mark for them.
    """
    if not config.pluginmanager.hasplugin("xdist"):
        return
    for item in items:
        if WORLDS & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))


def name_xdist_groups(config, items):
    """Give grouped tests the `@group` id suffix that `--dist loadgroup` schedules by.

    pytest-xdist (3.8) appends it by setting `item._nodeid`, which pytest 9.2 no longer reads
    (ids are structured `NodeId`s there): the groups were silently ignored and each module
    world was built on both workers (pytest-dev/pytest-xdist#1386). Runs after xdist's own
    hook, and only adds the suffix where that hook could not.
    """
    if not getattr(config.option, "loadgroup", False):
        return  # not an xdist worker scheduling by group
    for item in items:
        marks = item.iter_markers("xdist_group")
        names = {
            str(mark.args[0] if mark.args else mark.kwargs.get("name", "default")) for mark in marks
        }
        if not names:
            continue
        suffix = "@" + "_".join(sorted(names))
        if item.nodeid.endswith(suffix):
            continue
        item._id = NodeId.parse(item.nodeid + suffix)
