"""Admin dashboard panel: the pages scheduled to go live and those published lately."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import dateformat, timezone
from wagtail.admin.ui.components import Component
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.permissions import page_permission_policy

RECENTLY_PUBLISHED_DAYS = 7
RECENTLY_PUBLISHED_LIMIT = 10
# "Dec 1, 2026, 9:00 a.m. CST": staff plan in the site's time zone, whatever their own.
SITE_TIME_FORMAT = "M j, Y, g:i a T"


def site_time(value):
    """A moment as staff read it: in the site's time zone, with the zone's abbreviation."""
    return dateformat.format(
        timezone.localtime(value, ZoneInfo(settings.TIME_ZONE)), SITE_TIME_FORMAT
    )


@dataclass
class PanelRow:
    """One line of the panel: a page, its section, a moment and who was behind it."""

    page_id: int
    path: str
    title: str
    at: datetime
    user: object = None
    by_schedule: bool = False
    section: str = ""

    @property
    def at_display(self):
        """The moment in the site's time zone."""
        return site_time(self.at)


class PublishingSchedulePanel(Component):
    """Lists scheduled pages (soonest first) and recently published ones (newest first)."""

    name = "publishing_schedule"
    template_name = "home/admin/publishing_schedule_panel.html"
    # Below the reviews waiting for the user, above their own recent edits.
    order = 230

    @staticmethod
    def is_shown_to(user):
        """Only people who work on pages have a use for the panel."""
        return page_permission_policy.user_has_any_permission(user, {"add", "change", "publish"})

    def get_context_data(self, parent_context):
        """The two lists, limited to pages the user may edit."""
        editable = page_permission_policy.instances_user_has_permission_for(
            parent_context["request"].user, "change"
        )
        scheduled = self.scheduled(editable)
        published = self.recently_published(editable)
        add_sections(scheduled + published)
        return {
            "scheduled": scheduled,
            "published": published,
            "published_heading": f"Published in the last {RECENTLY_PUBLISHED_DAYS} days",
        }

    @staticmethod
    def scheduled(editable):
        """A row for each page with an approved go-live time, soonest first."""
        revisions = list(
            Revision.page_revisions.filter(approved_go_live_at__isnull=False).order_by(
                "approved_go_live_at", "pk"
            )
        )
        if not revisions:
            return []
        paths = dict(
            editable.filter(pk__in=[int(revision.object_id) for revision in revisions]).values_list(
                "pk", "path"
            )
        )
        # Whoever published the revision with a future go-live time (the approver, when it
        # went through review) scheduled it; the latest such entry wins.
        schedulers = {
            entry.revision_id: entry.user
            for entry in PageLogEntry.objects.filter(
                action="wagtail.publish.schedule", revision__in=revisions
            )
            .select_related("user")
            .order_by("timestamp", "pk")
        }
        return [
            PanelRow(
                page_id=int(revision.object_id),
                path=paths[int(revision.object_id)],
                title=revision.object_str,
                at=revision.approved_go_live_at,
                user=schedulers.get(revision.pk),
            )
            for revision in revisions
            if int(revision.object_id) in paths
        ]

    @staticmethod
    def recently_published(editable):
        """A row for each page published lately, newest first, once per page."""
        since = timezone.now() - timedelta(days=RECENTLY_PUBLISHED_DAYS)
        entries = (
            PageLogEntry.objects.filter(
                action__in=["wagtail.publish", "wagtail.publish.scheduled"],
                timestamp__gte=since,
                page__in=editable,
            )
            .select_related("user", "page")
            .order_by("-timestamp", "-pk")
        )
        rows, seen = [], set()
        # A page republished several times shows once; the slice keeps the query bounded.
        for entry in entries[: RECENTLY_PUBLISHED_LIMIT * 5]:
            if entry.page_id in seen:
                continue
            seen.add(entry.page_id)
            rows.append(
                PanelRow(
                    page_id=entry.page_id,
                    path=entry.page.path,
                    title=entry.page.title,
                    at=entry.timestamp,
                    user=entry.user,
                    by_schedule=entry.action == "wagtail.publish.scheduled",
                )
            )
        return rows[:RECENTLY_PUBLISHED_LIMIT]


def add_sections(rows):
    """Fill in each row's section, the title of the page's parent, in one query."""
    parent_paths = {row.path[: -Page.steplen] for row in rows}
    # The tree's invisible root page is nobody's section (the home page sits under it).
    titles = dict(
        Page.objects.filter(path__in=parent_paths, depth__gt=1).values_list("path", "title")
    )
    for row in rows:
        row.section = titles.get(row.path[: -Page.steplen], "")
