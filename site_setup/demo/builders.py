"""Turn demo content specs into unsaved pages, with their authors, topics and downloads.

Each builder takes a spec from a content module and a `Context` that knows the records the
loader has already made (topics, people, images...) and how to resolve body references.
"""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from events.models import EventPage, EventSpeaker
from home.models import CohortMember, CohortPage
from news.models import NewsArticleAuthor, NewsArticlePage
from research.models import ResearchReportAuthor, ResearchReportDownload, ResearchReportPage

from .blocks import h, p, stream

DOWNLOAD_TITLES = {"full": "Full report", "brief": "Two-page brief"}


@dataclass
class Context:
    """What builders need: the day of loading, records by key and a reference lookup."""

    today: datetime.date
    topics: dict
    people: dict
    cities: dict
    testimonials: dict
    media: object
    pages: dict = field(default_factory=dict)

    def lookup(self, ref):
        """The database value a body reference stands for."""
        if ref.kind == "page":
            return self.pages[ref.key].pk
        if ref.kind == "image":
            return self.media.images[ref.key].pk
        if ref.kind == "image_alt":
            return self.media.images[ref.key].alt_text
        if ref.kind == "document":
            return self.media.documents[ref.key][0].pk
        if ref.kind == "testimonial":
            return self.testimonials[ref.key].pk
        raise ValueError(f"Unknown demo reference {ref!r}")

    def stream(self, blocks):
        """Raw StreamField data for blocks, references resolved."""
        return stream(blocks, self.lookup)

    def image(self, spec):
        """The listing image already made for a (title, motif, palette, alt) spec."""
        return self.media.images[spec[0]]

    def topic_list(self, spec):
        """The Topic records a spec's topic slugs name."""
        return [self.topics[slug] for slug in spec["topics"]]

    def people_links(self, model, names):
        """Ordered author or speaker rows of model for the named people."""
        return [model(person=self.people[name], sort_order=i) for i, name in enumerate(names)]


def report_body(report):
    """A report's body: its sections as headings and paragraphs, extras after the first."""
    blocks = []
    for index, (heading, paragraphs) in enumerate(report["sections"]):
        blocks += [h(heading), p(*paragraphs)]
        if index == 0:
            blocks += report.get("extras", [])
    return blocks


def build_article(spec, ctx):
    """An unsaved news article."""
    page = NewsArticlePage(
        title=spec["title"],
        summary=spec["summary"],
        listing_image=ctx.image(spec["image"]),
        body=ctx.stream(spec["body"]),
    )
    page.topics = ctx.topic_list(spec)
    page.authors = ctx.people_links(NewsArticleAuthor, spec["authors"])
    return page


def build_report(spec, ctx):
    """An unsaved research report with its PDF downloads."""
    page = ResearchReportPage(
        title=spec["title"],
        summary=spec["summary"],
        listing_image=ctx.image(spec["image"]),
        cover_image=ctx.media.images[f"Cover of {spec['title']}"],
        key_findings=[{"type": "finding", "value": text} for text in spec["findings"]],
        body=ctx.stream(report_body(spec)),
        contact=ctx.people[spec["contact"]],
    )
    page.topics = ctx.topic_list(spec)
    page.authors = ctx.people_links(ResearchReportAuthor, spec["authors"])
    downloads = []
    for index, kind in enumerate(spec["downloads"]):
        document, page_count = ctx.media.documents[f"{spec['slug']}/{kind}"]
        downloads.append(
            ResearchReportDownload(
                title=DOWNLOAD_TITLES[kind],
                document=document,
                page_count=page_count,
                sort_order=index,
            )
        )
    page.downloads = downloads
    return page


def event_times(spec, today):
    """The event's (start, end, registration deadline) as aware datetimes in its zone."""
    zone = ZoneInfo(spec["tz"])
    first_day = event_day(spec, today)
    last_day = first_day + datetime.timedelta(days=spec.get("end_day", 0))
    start = datetime.datetime.combine(first_day, _clock(spec["start"]), tzinfo=zone)
    end = datetime.datetime.combine(last_day, _clock(spec["end"]), tzinfo=zone)
    deadline = None
    if spec.get("deadline_days") is not None:
        deadline = start - datetime.timedelta(days=spec["deadline_days"])
    return start, end, deadline


def event_day(spec, today):
    """The first day of an event: `day` days from today, or its seasonal `on` date."""
    if "on" not in spec:
        return today + datetime.timedelta(days=spec["day"])
    month, day, direction = spec["on"]
    candidate = today.replace(month=month, day=day)
    if direction == "past" and candidate > today - datetime.timedelta(days=7):
        candidate = candidate.replace(year=candidate.year - 1)
    if direction == "next" and candidate < today + datetime.timedelta(days=21):
        candidate = candidate.replace(year=candidate.year + 1)
    return candidate


def _clock(text):
    hours, minutes = text.split(":")
    return datetime.time(int(hours), int(minutes))


def build_event(spec, ctx):
    """An unsaved event, dated relative to the day of loading."""
    start, end, deadline = event_times(spec, ctx.today)
    page = EventPage(
        title=spec["title"],
        summary=spec["summary"],
        listing_image=ctx.image(spec["image"]),
        start=start,
        end=end,
        time_zone=spec["tz"],
        event_format=spec["format"],
        status=spec.get("status", EventPage.Status.SCHEDULED),
        venue_name=spec.get("venue", ""),
        address=spec.get("address", ""),
        online_url=spec.get("online", ""),
        registration_url=(
            f"https://mayorsinnovation.org/register/{spec['slug']}" if spec.get("register") else ""
        ),
        registration_deadline=deadline,
        contact=ctx.people[spec["contact"]],
        body=ctx.stream(spec["body"]),
    )
    page.topics = ctx.topic_list(spec)
    page.speakers = ctx.people_links(EventSpeaker, spec["speakers"])
    return page


def build_cohort(spec, ctx):
    """An unsaved cohort page with its member cities."""
    deadline = None
    if spec.get("deadline_days") is not None:
        deadline = ctx.today + datetime.timedelta(days=spec["deadline_days"])
    page = CohortPage(
        title=spec["title"],
        summary=spec["summary"],
        listing_image=ctx.image(spec["image"]),
        audience=spec["audience"],
        application_info=spec["application_info"],
        application_url=spec["application_url"],
        application_deadline=deadline,
        contact=ctx.people[spec["contact"]],
        body=ctx.stream(spec["body"]),
    )
    page.topics = ctx.topic_list(spec)
    page.members = [
        CohortMember(city=ctx.cities[name], note=note, sort_order=index)
        for index, (name, note) in enumerate(spec["members"])
    ]
    return page
