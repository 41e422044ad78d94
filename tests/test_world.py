"""Module worlds stay on one pytest-xdist worker, so each is built once per run."""

import pytest

from tests.world import module_world

pytestmark = pytest.mark.django_db


@module_world
def small_world():
    """Nothing to build: the module only needs a world to be grouped."""
    return {}


def test_a_world_modules_tests_are_scheduled_as_one_group(request, small_world):
    """Under `make test` (--dist loadgroup) the id carries the group that xdist schedules by."""
    grouped = getattr(request.config.option, "loadgroup", False)
    assert request.node.nodeid.endswith(f"@{__name__}" if grouped else "::" + request.node.name)
