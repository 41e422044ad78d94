"""Partial indexes for the scheduler's questions, on Wagtail's own tables.

The scheduler asks "which revision goes live next?" and "which live page expires next?" at
every wake-up. Only scheduled rows carry those times, so small partial indexes answer both
without scanning every revision and page (tens of thousands on a mature site).
"""

from django.db import migrations

INDEXES = [
    (
        "mipcms_revision_go_live_idx",
        "wagtailcore_revision (approved_go_live_at) WHERE approved_go_live_at IS NOT NULL",
    ),
    ("mipcms_page_expire_idx", "wagtailcore_page (expire_at) WHERE expire_at IS NOT NULL"),
]


class Migration(migrations.Migration):
    dependencies = [("home", "0005_add_default_social_image")]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {definition}",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, definition in INDEXES
    ]
