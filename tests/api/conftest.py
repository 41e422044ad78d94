"""Fully populated pages of every type, as a consuming site would read them from the API."""

import datetime
import json

import pytest
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from events.models import EventSpeaker
from events.registration import EventRegistrationField
from home.models import CohortMember, FormField, HomePageFeaturedItem
from news.models import NewsArticleAuthor
from research.models import ResearchReportAuthor, ResearchReportDownload
from tests.events.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    EventRegistrationPageFactory,
)
from tests.factories import stream
from tests.home.factories import (
    CohortIndexPageFactory,
    CohortPageFactory,
    DocumentFactory,
    FormPageFactory,
    ImageFactory,
    MemberCityFactory,
    MemberDirectoryPageFactory,
    PeopleIndexPageFactory,
    PersonFactory,
    StandardPageFactory,
    TestimonialFactory,
    TopicFactory,
    TopicIndexPageFactory,
)
from tests.indexing import index_once
from tests.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from tests.research.factories import ResearchIndexPageFactory, ResearchReportPageFactory


def document(**kwargs):
    """A PDF in the document library with its size recorded, as the admin records it."""
    doc = DocumentFactory(**kwargs)
    doc.file_size = doc.file.size
    doc.save(update_fields=["file_size"])
    return doc


def linked_text(page, doc):
    """Rich text as stored, linking to a page and a document the way the editor does."""
    return (
        f'<p>Read <a linktype="page" id="{page.pk}">how cities joined</a> and '
        f'<a linktype="document" id="{doc.pk}">the two-page brief</a>.</p>'
    )


class ContentBuilder:
    """Builds pages with every field filled and a body holding every body block.

    Each page gets its own images, documents, people, topics and linked pages, so a
    listing of many of them shows any per-item query.
    """

    def __init__(self, home):
        self.home = home

    def body(self):
        """Stored body data with one of each BodyBlock child, all pointing at fresh records."""
        target = StandardPageFactory(parent=self.home)
        doc = document(title="Water brief", description="Two pages on water affordability.")
        testimonial = TestimonialFactory(photo=ImageFactory())
        return stream(
            ("paragraph", linked_text(target, doc)),
            ("heading", {"text": "What the data shows", "level": "h2"}),
            (
                "image",
                {
                    "image": {"image": ImageFactory().pk, "alt_text": "Council chamber",
                              "decorative": False},
                    "caption": "The vote",
                },
            ),
            ("quote", {"text": "Water is health.", "attribution": "A mayor", "role": "Mayor"}),
            ("testimonial", testimonial.pk),
            (
                "video",
                {"url": "https://youtu.be/aqz-KE-bpKQ", "title": "Mayors discuss heat",
                 "caption": "Winter meeting", "transcript": "https://example.org/transcript"},
            ),
            ("document", {"document": doc.pk, "title": "", "description": "Two pages."}),
            (
                "call_to_action",
                {"text": "Read about membership", "page": target.pk, "url": "",
                 "description": "Applications are open."},
            ),
            (
                "table",
                {
                    "data": [["City", "Bill"], ["Madison", "$68"], ["Dubuque", "$81"]],
                    "table_header_choice": "row",
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "Average monthly water bill",
                },
            ),
            ("key_figure", {"figure": "1 in 4", "label": "renters are cost-burdened",
                            "source": "ACS"}),
            (
                "accordion",
                {
                    "heading": "Frequently asked questions",
                    "items": [
                        {"question": "Who can join?", "answer": linked_text(target, doc)},
                    ],
                },
            ),
            ("related_pages", {"heading": "See also", "pages": [target.pk]}),
        )  # fmt: skip

    def common(self):
        """BasePage fields: listing title, summary, images and a schedule."""
        now = timezone.now()
        return {
            "listing_title": "Short title",
            "summary": "One or two sentences for listings.",
            "listing_image": ImageFactory(),
            "social_image": ImageFactory(),
            "go_live_at": now - datetime.timedelta(days=1),
            "expire_at": now + datetime.timedelta(days=365),
        }

    def topics(self):
        return [TopicFactory(), TopicFactory()]

    def people(self, link_model, count):
        """Person links (authors, speakers) in order, each to a fresh person."""
        return [link_model(person=PersonFactory()) for _ in range(count)]

    def index_fields(self):
        """An index page's fields: the common ones and an intro linking elsewhere."""
        target = StandardPageFactory(parent=self.home)
        return {**self.common(), "intro": linked_text(target, document())}

    def home_page(self, parent=None):
        """The site's home page (there is only one), filled in and republished."""
        home = self.home
        for key, value in self.common().items():
            setattr(home, key, value)
        home.hero_heading = "Mayors learning from mayors"
        home.hero_text = "A network of mayors."
        home.hero_image = ImageFactory()
        home.testimonial = TestimonialFactory(photo=ImageFactory())
        home.body = self.body()
        home.featured_items = [
            HomePageFeaturedItem(featured_page=StandardPageFactory(parent=home)),
            HomePageFeaturedItem(featured_page=NewsArticlePageFactory()),
        ]
        home.save_revision().publish()
        home.refresh_from_db()
        return home

    def standard_page(self, parent=None):
        return StandardPageFactory(
            parent=parent or self.home, intro="Who we are.", body=self.body(), **self.common()
        )

    def cohort_index_page(self, parent=None):
        return CohortIndexPageFactory(parent=parent or self.home, **self.index_fields())

    def cohort_page(self, parent=None):
        return CohortPageFactory(
            parent=parent or CohortIndexPageFactory(parent=self.home),
            audience="Women serving as mayor of a member city.",
            application_info=linked_text(StandardPageFactory(parent=self.home), document()),
            application_url="https://example.org/apply",
            application_deadline=timezone.localdate() + datetime.timedelta(days=30),
            contact=PersonFactory(email="contact@example.org"),
            topics=self.topics(),
            members=[
                CohortMember(city=MemberCityFactory(), note="Chair, 2026"),
                CohortMember(city=MemberCityFactory(), note=""),
            ],
            body=self.body(),
            **self.common(),
        )

    def news_index_page(self, parent=None):
        return NewsIndexPageFactory(parent=parent or self.home, **self.index_fields())

    def news_article_page(self, parent=None):
        return NewsArticlePageFactory(
            parent=parent or NewsIndexPageFactory(parent=self.home),
            topics=self.topics(),
            authors=self.people(NewsArticleAuthor, 2),
            body=self.body(),
            **self.common(),
        )

    def research_index_page(self, parent=None):
        return ResearchIndexPageFactory(parent=parent or self.home, **self.index_fields())

    def research_report_page(self, parent=None):
        return ResearchReportPageFactory(
            parent=parent or ResearchIndexPageFactory(parent=self.home),
            cover_image=ImageFactory(),
            contact=PersonFactory(email="research@example.org"),
            topics=self.topics(),
            authors=self.people(ResearchReportAuthor, 2),
            downloads=[
                ResearchReportDownload(title="Full report", document=document(), page_count=24),
                ResearchReportDownload(title="Brief", document=document(), page_count=2),
            ],
            body=self.body(),
            **self.common(),
        )

    def event_index_page(self, parent=None):
        return EventIndexPageFactory(parent=parent or self.home, **self.index_fields())

    def event_page(self, parent=None):
        start = (timezone.now() + datetime.timedelta(days=7)).replace(microsecond=0)
        event = EventPageFactory(
            parent=parent or EventIndexPageFactory(parent=self.home),
            start=start,
            end=start + datetime.timedelta(hours=2),
            event_format="hybrid",
            online_url="https://example.org/webinar",
            registration_deadline=start - datetime.timedelta(days=1),
            contact=PersonFactory(email="events@example.org"),
            topics=self.topics(),
            speakers=self.people(EventSpeaker, 2),
            places=40,
            body=self.body(),
            **self.common(),
        )
        # Its own registration form, with a registration: a listing loads them in bulk.
        form = self.event_registration_page(parent=event)
        FormSubmission.objects.create(page=form, form_data={"email": "ana@example.org"})
        return event

    def event_registration_page(self, parent=None):
        return EventRegistrationPageFactory(
            parent=parent or self.event_page(),
            intro="Tell us who is coming.",
            body=self.body(),
            thank_you_text="<p>See you there.</p>",
            form_fields=[
                EventRegistrationField(label="Your name", field_type="singleline"),
                EventRegistrationField(label="Email", field_type="email"),
                EventRegistrationField(label="Sessions", field_type="checkboxes",
                                       choices="Morning\nAfternoon", required=False),
            ],
            **self.common(),
        )  # fmt: skip

    def form_fields(self):
        """One form field of each kind the API describes differently (text, choices, lists)."""
        return [
            FormField(label="Your name", field_type="singleline", help_text="As on a letter."),
            FormField(label="Email", field_type="email"),
            FormField(label="State", field_type="dropdown", choices="WI\nIA\nMN",
                      default_value="WI"),
            FormField(label="Topics", field_type="checkboxes", choices="Housing, Water",
                      default_value="Water", required=False),
            FormField(label="Newsletter", field_type="checkbox", default_value="on",
                      required=False),
        ]  # fmt: skip

    def form_page(self, parent=None):
        return FormPageFactory(
            parent=parent or self.home,
            intro="Tell us about your city.",
            body=self.body(),
            thank_you_text=linked_text(StandardPageFactory(parent=self.home), document()),
            form_fields=self.form_fields(),
            **self.common(),
        )

    def topic_index_page(self, parent=None):
        return TopicIndexPageFactory(parent=parent or self.home, **self.index_fields())

    def people_index_page(self, parent=None):
        return PeopleIndexPageFactory(parent=parent or self.home, **self.index_fields())

    def member_directory_page(self, parent=None):
        return MemberDirectoryPageFactory(parent=parent or self.home, **self.index_fields())

    # The method that builds each page type, by the type's API label.
    BUILDERS = {
        "home.HomePage": "home_page",
        "home.StandardPage": "standard_page",
        "home.FormPage": "form_page",
        "home.CohortIndexPage": "cohort_index_page",
        "home.CohortPage": "cohort_page",
        "news.NewsIndexPage": "news_index_page",
        "news.NewsArticlePage": "news_article_page",
        "research.ResearchIndexPage": "research_index_page",
        "research.ResearchReportPage": "research_report_page",
        "events.EventIndexPage": "event_index_page",
        "events.EventPage": "event_page",
        "events.EventRegistrationPage": "event_registration_page",
        "home.TopicIndexPage": "topic_index_page",
        "home.PeopleIndexPage": "people_index_page",
        "home.MemberDirectoryPage": "member_directory_page",
    }

    def page(self, label, **kwargs):
        """A fully populated, published page of the type with this label."""
        with index_once():
            return getattr(self, self.BUILDERS[label])(**kwargs)


@pytest.fixture
def content(home_page):
    """Builds fully populated pages: `content.page("news.NewsArticlePage")`."""
    return ContentBuilder(home_page)


@pytest.fixture
def get_json(client):
    """GET an API address and return its decoded JSON, asserting it answered 200."""

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:500])
        return json.loads(response.content)

    return get
