"""Which of Wagtail's background tasks may wait in the queue, and which must not.

Wagtail 8 hands its slow work to django-tasks, and with the database backend it waits for the
task worker (mipcms/task_worker.py): front-end cache purges, search index updates, file
deletions. One of its tasks cannot wait: the reference index update. The embargo on files
(home/privacy.py `embargoed`) reads the reference index to know which pages use a document
or image, so a report's PDF saved in a draft would stay downloadable until the worker got
round to indexing the draft (for ever, with the worker stopped). That task runs "inline"
(settings.TASKS): at once, in the request that saved the page, as before tasks were queued.
"""

import wagtail.signal_handlers
from wagtail.tasks import update_reference_index_task

INLINE = "inline"


def keep_reference_index_inline():
    """Point Wagtail's save handler at an inline copy of its reference index task.

    Wagtail 8.0.1 has no setting for a task's backend; its handler looks the task up by this
    module-level name on every save. tests/home/test_embargoed_files.py fails if an upgrade
    bypasses it.
    """
    wagtail.signal_handlers.update_reference_index_task = update_reference_index_task.using(
        backend=INLINE
    )
