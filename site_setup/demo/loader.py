"""Load the demo content into the site: the work behind `manage.py load_demo`.

Safe to run any number of times: records are found by slug, name or title before anything
is made, pages that exist are left alone, and pages made by the site set-up are filled in
only where they are still empty.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page, Revision

from events.models import EventIndexPage
from home.models import (
    CohortIndexPage,
    HomePageFeaturedItem,
    MemberDirectoryPage,
    PeopleIndexPage,
    StandardPage,
    TopicIndexPage,
)
from news.models import NewsIndexPage
from research.models import ResearchIndexPage
from site_setup.skeleton import ensure_site

from . import (
    content_cohorts,
    content_events,
    content_news,
    content_news_archive,
    content_research,
    content_research_more,
    content_site,
    records,
)
from .blocks import page_refs
from .builders import (
    Context,
    build_article,
    build_cohort,
    build_event,
    build_report,
    event_day,
)
from .forms import load_forms

REPORTS = content_research.REPORTS + content_research_more.REPORTS
ARTICLES = content_news.ARTICLES + content_news_archive.ARTICLES
SECTIONS = {
    "news": NewsIndexPage,
    "research": ResearchIndexPage,
    "events": EventIndexPage,
    "cohorts": CohortIndexPage,
    "topics": TopicIndexPage,
    "people": PeopleIndexPage,
}


class DemoContentError(Exception):
    """The site or the demo content is not in a state the loader can work with."""


@dataclass
class PageJob:
    """One demo page to create under a section, once the pages it links to exist."""

    slug: str
    parent: Page
    spec: dict
    build: Callable
    published_at: datetime.datetime

    @property
    def refs(self):
        """Slugs of the demo pages this page's body links to."""
        return page_refs(self.spec.get("body", []))


def load_demo(today=None):
    """Load the demo content into the default site; returns a records.Tally of what it did."""
    today = today or timezone.localdate()
    tally = records.Tally()
    with transaction.atomic():
        home = ensure_site().specific
        sections = find_sections(home)
        media = records.MediaLibrary(tally, today)
        make_media(media)
        people = records.load_people(tally, media)
        topics = records.load_topics(tally)
        cities = records.load_cities(tally)
        testimonials = records.load_testimonials(tally, media, cities)
        ctx = Context(today, topics, people, cities, testimonials, media)
        ctx.pages.update(find_standard_pages(home))
        run_jobs(page_jobs(sections, today), ctx, tally)
        fill_standard_pages(home, ctx, tally)
        fill_section_intros(sections, tally)
        fill_member_directory(tally)
        fill_home(home, ctx, tally)
        load_forms(home, ctx, tally, publish)
        records.load_site_settings(tally, home.get_site())
    return tally


def find_sections(home):
    """The section fronts under the home page, by key; they are made by ensure_site()."""
    sections = {}
    for key, model in SECTIONS.items():
        section = model.objects.child_of(home).first()
        if section is None:
            raise DemoContentError(f"No {model._meta.verbose_name} under the home page.")
        sections[key] = section
    return sections


def find_standard_pages(home):
    """The standard pages under home that the demo fills, by the demo's slug for them."""
    found = {}
    children = list(StandardPage.objects.child_of(home))
    for slug, spec in content_site.STANDARD_PAGES.items():
        for page in children:
            if page.slug == slug or page.title.lower() == spec["title"].lower():
                found[slug] = page
                break
    return found


def make_media(media):
    """Every generated image and PDF the demo pages use, made up front."""
    for spec in content_site.BODY_IMAGES:
        media.illustration(spec)
    media.illustration(content_site.HOME["hero_image"])
    for group in (ARTICLES, content_events.EVENTS, content_cohorts.COHORTS):
        for spec in group:
            media.illustration(spec["image"])
    for report in REPORTS:
        media.illustration(report["image"])
        media.cover(report)
        for kind in report["downloads"]:
            media.report_pdf(report, kind)


def at(day, hour=9, minute=30):
    """An aware datetime on a day at a wall-clock time in the site's time zone."""
    zone = ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)


def page_jobs(sections, today):
    """The demo pages in the order they are made, each with the date it went live."""
    now = timezone.now()
    events = {spec["slug"]: event_day(spec, today) for spec in content_events.EVENTS}

    def went_live(spec):
        if "after_event" in spec:
            slug, days = spec["after_event"]
            return at(events[slug] + datetime.timedelta(days=days))
        return at(today - datetime.timedelta(days=spec["published"]))

    jobs = [
        PageJob(r["slug"], sections["research"], r, build_report, went_live(r)) for r in REPORTS
    ]
    for spec in content_events.EVENTS:
        # Announced six weeks ahead, or today for events less than six weeks away.
        announced = min(at(events[spec["slug"]] - datetime.timedelta(days=45)), now)
        jobs.append(PageJob(spec["slug"], sections["events"], spec, build_event, announced))
    for spec in content_cohorts.COHORTS:
        jobs.append(PageJob(spec["slug"], sections["cohorts"], spec, build_cohort, went_live(spec)))
    for spec in ARTICLES:
        jobs.append(PageJob(spec["slug"], sections["news"], spec, build_article, went_live(spec)))
    return jobs


def run_jobs(jobs, ctx, tally):
    """Make each page after the pages its body links to; existing pages are left alone."""
    pending = list(jobs)
    while pending:
        job = next((job for job in pending if job.refs <= ctx.pages.keys()), None)
        if job is None:
            missing = {job.slug: sorted(job.refs - ctx.pages.keys()) for job in pending}
            raise DemoContentError(f"Demo pages link to pages that cannot be made: {missing}")
        pending.remove(job)
        existing = Page.objects.child_of(job.parent).filter(slug=job.slug).first()
        tally.add("pages", existing is None)
        if existing is None:
            page = job.build(job.spec, ctx)
            page.slug = job.slug
            existing = create_page(job.parent, page, job.published_at)
        ctx.pages[job.slug] = existing


def create_page(parent, page, published_at):
    """Add page under parent and publish it as first published at published_at."""
    page.first_published_at = published_at
    if hasattr(page, "publication_date"):
        page.publication_date = timezone.localdate(published_at)
    parent.add_child(instance=page)
    publish(page, published_at)
    return page


def publish(page, published_at=None):
    """Save a revision of page and publish it, dated published_at (default: now)."""
    revision = page.save_revision(user=None)
    revision.publish()
    if published_at is not None:
        Revision.objects.filter(pk=revision.pk).update(created_at=published_at)
        Page.objects.filter(pk=page.pk).update(
            last_published_at=published_at, latest_revision_created_at=published_at
        )
    return revision


def fill_standard_pages(home, ctx, tally):
    """Give About, Membership... an intro, summary and body where each is still empty."""
    for slug, spec in content_site.STANDARD_PAGES.items():
        page = ctx.pages.get(slug)
        if page is None:
            page = StandardPage(title=spec["title"], slug=slug)
            home.add_child(instance=page)
            ctx.pages[slug] = page
        page = StandardPage.objects.get(pk=page.pk)
        filled = fill_empty(page, {"intro": spec["intro"], "summary": spec["summary"]})
        if not page.body:
            page.body = ctx.stream(spec["body"])
            filled = True
        tally.add("standard pages", filled)
        if filled:
            publish(page)


def fill_empty(obj, values):
    """Set each empty field of obj to its value; returns whether any field was set."""
    empty = {name: value for name, value in values.items() if not getattr(obj, name)}
    for name, value in empty.items():
        setattr(obj, name, value)
    return bool(empty)


def fill_section_intros(sections, tally):
    """Give each section front an introduction if it has none."""
    for key, section in sections.items():
        section = type(section).objects.get(pk=section.pk)
        tally.add("section intros", not section.intro)
        if not section.intro:
            section.intro = content_site.INDEX_INTROS[key]
            publish(section)


def fill_member_directory(tally):
    """Give the member directory (made by the site set-up) an introduction if it has none."""
    directory = MemberDirectoryPage.objects.first()
    if directory is None:
        return
    tally.add("section intros", not directory.intro)
    if not directory.intro:
        directory.intro = content_site.MEMBER_DIRECTORY_INTRO
        publish(directory)


def fill_home(home, ctx, tally):
    """Give the home page its hero, featured pages and testimonial, unless already set."""
    home = type(home).objects.get(pk=home.pk)
    spec = content_site.HOME
    untouched = not (home.hero_image_id or home.testimonial_id or home.featured_items.exists())
    tally.add("home page", untouched)
    if not untouched:
        return
    fill_empty(home, {"hero_text": spec["hero_text"], "summary": spec["summary"]})
    home.hero_heading = spec["hero_heading"]
    home.hero_image = ctx.image(spec["hero_image"])
    home.testimonial = ctx.testimonials[spec["testimonial"]]
    home.featured_items = [
        HomePageFeaturedItem(featured_page=ctx.pages[slug], sort_order=index)
        for index, slug in enumerate(spec["featured"])
    ]
    publish(home)
