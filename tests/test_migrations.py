"""Every model change comes with its migration (`makemigrations --check`), in every suite run.

It ran as a separate command before pytest in `make test`, where it paid for a second Django
start-up; here it runs beside the other tests. `make lint` runs the command as well.
"""

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_the_models_need_no_migration_that_is_not_written():
    output = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=output, stderr=output)
    except SystemExit as exit_:
        pytest.fail(f"makemigrations --check exited with {exit_.code}:\n{output.getvalue()}")
    assert "No changes detected" in output.getvalue()
