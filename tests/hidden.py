"""Pages visitors may not see, made every way there is, for the feeds to leave out (promise 1)."""

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

PASSWORD = "s3cret"
# Every way a page can be out of a visitor's sight.
HIDDEN_KINDS = ("draft", "scheduled", "expired", "login", "groups", "password", "private section")


def restrict(page, restriction_type):
    """Close a page (and the pages under it) to anonymous visitors."""
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=restriction_type, password=PASSWORD
    )
    if restriction_type == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get_or_create(name="Board members")[0]])
    return restriction


def hidden_page(kind, factory, section_factory, parent, topics=(), **fields):
    """A page of `factory` under `parent`, tagged with `topics`, hidden in the way `kind` says.

    Titled "Hidden <kind>" unless given a title; "private section" puts it under a new
    section (made with `section_factory` under the home page) only signed-in users may see.
    """
    fields.setdefault("title", f"Hidden {kind}")
    if kind == "private section":
        parent = section_factory()
        restrict(parent, PageViewRestriction.LOGIN)
    page = factory(parent=parent, publish=kind not in {"draft", "scheduled"}, **fields)
    if topics:
        page.topics.set(topics)
        page.save()
    if kind == "scheduled":
        page.go_live_at = timezone.now() + datetime.timedelta(days=2)
        page.save_revision().publish()
        page.refresh_from_db()
        assert not page.live  # Wagtail waits for go_live_at
    elif kind == "expired":
        # Expiry has passed, but the scheduler has not yet unpublished it: still live.
        Page.objects.filter(pk=page.pk).update(
            expire_at=timezone.now() - datetime.timedelta(minutes=5)
        )
    elif kind in {"login", "groups", "password"}:
        restrict(page, kind)
    return page


def hidden_pages(factory, section_factory, parent, topics=(), **fields):
    """One hidden page of each kind, {kind: page}."""
    return {
        kind: hidden_page(kind, factory, section_factory, parent, topics, **fields)
        for kind in HIDDEN_KINDS
    }
