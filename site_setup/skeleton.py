"""Builds the site's skeleton: home page, section fronts and the editorial review workflow.

Idempotent: `manage.py setup_site` (and the demo loader) can run it any number of times.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from events.models import EventIndexPage
from home.models import (
    CohortIndexPage,
    HomePage,
    MemberDirectoryPage,
    ModeratorApprovalTask,
    PeopleIndexPage,
    StandardPage,
    TopicIndexPage,
)
from news.models import NewsIndexPage
from research.models import ResearchIndexPage

REVIEW_WORKFLOW_NAME = "Editorial review"
REVIEW_TASK_NAME = "Moderator approval"

# (model, slug, title) of the section pages, in menu order. Their intros are left for
# staff (or the demo content) to write.
SECTIONS = [
    (StandardPage, "about", "About"),
    (NewsIndexPage, "news", "News"),
    (ResearchIndexPage, "research", "Research"),
    (EventIndexPage, "events", "Events"),
    (CohortIndexPage, "cohorts", "Cohorts"),
    (StandardPage, "membership", "Membership"),
    (StandardPage, "gatherings", "Gatherings"),
    (StandardPage, "technical-assistance", "Technical Assistance"),
    (TopicIndexPage, "topics", "Topics"),
    (PeopleIndexPage, "people", "People"),
]
# (slug of the section page above, model, slug, title) of the pages made inside a section.
SUBSECTIONS = [
    ("membership", MemberDirectoryPage, "members", "Member cities"),
]
# Sections whose pages go through moderation before they are published.
REVIEWED_SECTIONS = (NewsIndexPage, ResearchIndexPage, EventIndexPage)
# What each group may do in those sections: editors write and submit, moderators publish.
# Wagtail's own migrations grant these on the root page; they are only added where missing.
REVIEW_PAGE_PERMISSIONS = {
    "Editors": ("add", "change"),
    "Moderators": ("add", "change", "publish"),
}


@transaction.atomic
def ensure_site():
    """Make sure the home page, the section pages and the review workflow exist."""
    home = ensure_home_page()
    sections = {slug: ensure_section(home, model, slug, title) for model, slug, title in SECTIONS}
    for parent_slug, model, slug, title in SUBSECTIONS:
        if not model.objects.exists():  # one per site, which staff may have moved
            ensure_section(sections[parent_slug], model, slug, title)
    ensure_review_workflow(home)
    return home


def ensure_home_page():
    """Return the HomePage at the default site's root, replacing Wagtail's welcome page."""
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = HomePage(
            title="Mayors Innovation Project",
            slug="home",
            hero_heading="Mayors learning from mayors",
            hero_text=(
                "A network where mayors and their staff share what works for cities that "
                "are fair, green and well run."
            ),
        )
        # Wagtail's own migration leaves a plain "Welcome" page at the root: replace it.
        welcome = root.get_children().filter(slug="home", content_type__model="page").first()
        if welcome is not None:
            welcome.slug = "wagtail-welcome"
            welcome.save(update_fields=["slug", "url_path"])
        root.add_child(instance=home)
        home.save_revision().publish()
        if welcome is not None:
            Site.objects.filter(root_page=welcome).update(root_page=home)
            welcome.delete()
    hostname, port = public_host_and_port()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name="Mayors Innovation Project",
        )
    elif (site.root_page_id, site.hostname, site.port) != (home.id, hostname, port):
        # The Site record gives pages their absolute URLs (feeds, APIs): keep it on the
        # public address.
        site.root_page, site.hostname, site.port = home, hostname, port
        site.save()
    return home


def public_host_and_port():
    """The host name and port of PUBLIC_BASE_URL, as Wagtail's Site record stores them."""
    url = urlsplit(settings.PUBLIC_BASE_URL)
    return url.hostname or "localhost", url.port or (443 if url.scheme == "https" else 80)


def ensure_section(parent, model, slug, title):
    """Return the child of parent with this slug, creating and publishing it when missing."""
    existing = parent.get_children().filter(slug=slug).specific().first()
    if existing is not None:
        return existing
    page = model(title=title, slug=slug, show_in_menus=True)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def ensure_review_workflow(home):
    """Attach the moderators' review workflow to the news, research and events sections."""
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW_NAME)
    task = ensure_review_task()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for section in reviewed_sections(home):
        WorkflowPage.objects.get_or_create(page=section, defaults={"workflow": workflow})
    ensure_review_permissions(home)
    return workflow


def reviewed_sections(home):
    """The section pages under home whose pages go through review."""
    return [section for model in REVIEWED_SECTIONS for section in model.objects.child_of(home)]


def ensure_review_task():
    """Return the "Moderator approval" task, upgrading a plain group approval task in place."""
    task = ModeratorApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if task is not None:
        return task
    plain = GroupApprovalTask.objects.filter(name=REVIEW_TASK_NAME).first()
    if plain is None:
        task = ModeratorApprovalTask.objects.create(name=REVIEW_TASK_NAME)
        task.groups.set([Group.objects.get_or_create(name="Moderators")[0]])
        return task
    # Sites set up before self-approval was blocked have a plain task. Adding the subtype's
    # row to the same task (saving also switches its content type) keeps its groups, its
    # place in the workflow and the reviews in progress, which then follow the new rule.
    task = ModeratorApprovalTask(
        groupapprovaltask_ptr_id=plain.pk, name=plain.name, active=plain.active
    )
    task.save()
    return task


def ensure_review_permissions(home):
    """Give Editors and Moderators their page rights in the reviewed sections where missing."""
    for group_name, permission_types in REVIEW_PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for section in reviewed_sections(home):
            granted = set(
                GroupPagePermission.objects.filter(
                    group=group, page__in=section.get_ancestors(inclusive=True)
                ).values_list("permission__codename", flat=True)
            )
            for permission_type in permission_types:
                if f"{permission_type}_page" not in granted:
                    GroupPagePermission.objects.create(
                        group=group, page=section, permission_type=permission_type
                    )
