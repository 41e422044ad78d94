"""A WordPress post's page: its title, its address, and its state (draft, published,
scheduled, private) made through Wagtail's own revision and publish calls."""

import re
from urllib.parse import unquote

from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, PageViewRestriction


def publish_as_on_wordpress(item, page):
    """Make the page a draft, published, scheduled or private, as the item was on WordPress."""
    restriction = PageViewRestriction.LOGIN if item.status == "private" else None
    if item.password:
        restriction = PageViewRestriction.PASSWORD
    if restriction and not PageViewRestriction.objects.filter(page=page).exists():
        PageViewRestriction.objects.create(
            page=page, restriction_type=restriction, password=item.password
        )
    now = timezone.now()
    if item.status == "future" and item.date_gmt and item.date_gmt > now:
        page.go_live_at = item.date_gmt
    elif item.status in {"publish", "private"} and item.date_gmt:
        page.first_published_at = page.first_published_at or item.date_gmt
    if not page.live:
        # As Wagtail's create view does: a page not live yet holds its content in its own
        # row too, so the reference index knows which files it uses (and keeps them
        # embargoed, home/privacy.py) before it ever goes live.
        page.save(clean=False)
    revision = page.save_revision(log_action=True)
    if item.status in {"publish", "private", "future"}:
        revision.publish(log_action=True)
    elif page.live:  # a draft on WordPress now: no longer published here either
        page.unpublish(log_action=True)
    page.refresh_from_db()


def page_title(item):
    """The title as plain text (markup in it is kept as text, and shown escaped)."""
    return re.sub(r"\s+", " ", item.title).strip()[:255] or f"Untitled ({item.wp_id})"


def wanted_slug(item):
    slug = slugify(unquote(item.slug), allow_unicode=True)
    return (slug or slugify(item.title) or f"{item.post_type}-{item.wp_id}")[:200]


def free_slug(parent, slug):
    """The slug, or the slug with a number added, so that no sibling has it."""
    taken = set(
        Page.objects.child_of(parent).filter(slug__startswith=slug).values_list("slug", flat=True)
    )
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug}-{number}"
    return candidate
