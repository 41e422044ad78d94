"""The task backend of the tests, and `index_once()`, which saves them repeating index work.

Wagtail brings an object's search and reference index up to date after each of its saves; a
page made and published by a factory is saved three times (added, revision, published), and
each time both indexes were rebuilt at once, in the test's process.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django_tasks.backends import immediate

INDEX_TASKS = {
    "modelsearch.tasks.insert_or_update_object_task",
    "wagtail.tasks.update_reference_index_task",
}
_index_later = ContextVar("index_later", default=None)


class ImmediateBackend(immediate.ImmediateBackend):
    """Django Tasks' immediate backend (mipcms/settings/test.py); inside `index_once()`, the
    index updates of an object wait and run once, at the block's end."""

    def enqueue(self, task, args, kwargs):
        waiting = _index_later.get()
        if waiting is None or task.module_path not in INDEX_TASKS:
            return super().enqueue(task, args, kwargs)
        waiting.setdefault((self.alias, task.module_path, repr(args)), (task, args, kwargs))
        return None  # Wagtail's and modelsearch's save handlers ignore it


@contextmanager
def index_once():
    """Run each object's search and reference index updates once, when the block ends: what
    the last of them would have left, as a queue worker that finds them all waiting does."""
    if _index_later.get() is not None:  # an outer block runs them
        yield
        return
    waiting = {}
    token = _index_later.set(waiting)
    try:
        yield
    finally:
        _index_later.reset(token)
    for task, args, kwargs in waiting.values():
        task.enqueue(*args, **kwargs)
