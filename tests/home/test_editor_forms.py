"""Staff can create every page type through the Wagtail editor, with StreamField content."""

from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events.models import EventPage
from home.models import CohortPage, StandardPage
from news.models import NewsArticlePage, NewsIndexPage
from research.models import ResearchIndexPage, ResearchReportPage
from site_setup.skeleton import ensure_site
from tests.home.factories import (
    DocumentFactory,
    ImageFactory,
    MemberCityFactory,
    PersonFactory,
    TestimonialFactory,
    TopicFactory,
)

EMPTY_INLINE = inline_formset([])


def body_with_every_block(image, document, testimonial, page):
    """StreamField form data using each block of the shared body library once."""
    return streamfield(
        [
            ("heading", {"text": "What changed", "level": "h2"}),
            ("paragraph", rich_text("<p>Council approved the plan <b>unanimously</b>.</p>")),
            (
                "image",
                {
                    "image": {"image": image.pk, "alt_text": "Crews at work", "decorative": ""},
                    "caption": "Crews replacing a service line",
                },
            ),
            ("quote", {"text": "Safe water is not optional.", "attribution": "Mayor", "role": ""}),
            ("testimonial", testimonial.pk),
            (
                "video",
                {
                    "url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                    "title": "Council briefing",
                    "caption": "",
                    "transcript": "",
                },
            ),
            ("document", {"document": document.pk, "title": "", "description": ""}),
            (
                "call_to_action",
                {"text": "Read the plan", "page": "", "url": "https://example.org/plan"},
            ),
            (
                "table",
                '{"data": [["City", "Lines"], ["Madison", "8000"]], '
                '"table_header_choice": "row", "table_caption": "Lines replaced"}',
            ),
            ("key_figure", {"figure": "8,000", "label": "lead lines replaced", "source": ""}),
            (
                "accordion",
                {
                    "heading": "FAQ",
                    "items": streamfield(
                        [
                            (
                                "item",
                                {"question": "Who pays?", "answer": rich_text("<p>The city.</p>")},
                            )
                        ]
                    ),
                },
            ),
            ("related_pages", {"heading": "Related", "pages": streamfield([("item", page.pk)])}),
        ]
    )


class EditorFormTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = ensure_site()

    def setUp(self):
        self.user = self.login()
        self.image = ImageFactory()
        self.document = DocumentFactory()
        self.testimonial = TestimonialFactory()
        self.person = PersonFactory()
        self.topic = TopicFactory()

    def section(self, model):
        return model.objects.child_of(self.home).get()

    def body(self):
        return body_with_every_block(self.image, self.document, self.testimonial, self.home)

    def test_news_article_with_every_block(self):
        data = nested_form_data(
            {
                "title": "Lead lines gone by 2030",
                "publication_date": "",
                "summary": "Madison commits to replacing every lead line.",
                "listing_image": self.image.pk,
                "authors": inline_formset([{"person": self.person.pk}]),
                "topics": [self.topic.pk],
                "body": self.body(),
            }
        )
        self.assertCanCreate(self.section(NewsIndexPage), NewsArticlePage, data)
        article = NewsArticlePage.objects.get(slug="lead-lines-gone-by-2030")
        assert article.live
        assert [block.block_type for block in article.body] == [
            "heading", "paragraph", "image", "quote", "testimonial", "video", "document",
            "call_to_action", "table", "key_figure", "accordion", "related_pages",
        ]  # fmt: skip
        assert article.authors.get().person == self.person
        # An empty publication date becomes the day the article went live.
        assert article.publication_date is not None

    def test_research_report_with_download_and_findings(self):
        data = nested_form_data(
            {
                "title": "Paying for clean water",
                "publication_date": "2026-05-01",
                "summary": "How utilities keep bills fair.",
                "cover_image": self.image.pk,
                "key_findings": streamfield([("finding", "Bills outpaced wages.")]),
                "downloads": inline_formset(
                    [{"title": "Full report", "document": self.document.pk, "page_count": "24"}],
                    min=1,
                ),
                "authors": inline_formset([{"person": self.person.pk}]),
                "contact": self.person.pk,
                "topics": [self.topic.pk],
                "body": self.body(),
            }
        )
        self.assertCanCreate(self.section(ResearchIndexPage), ResearchReportPage, data)
        report = ResearchReportPage.objects.get(slug="paying-for-clean-water")
        assert report.downloads.get().page_count == 24

    def test_event_times_are_read_in_the_events_own_time_zone(self):
        from events.models import EventIndexPage

        data = nested_form_data(
            {
                "title": "Winter meeting",
                "summary": "Mayors meet in Boston.",
                "start": "2026-12-03 10:00",
                "end": "2026-12-03 16:00",
                "time_zone": "America/New_York",
                "status": "scheduled",
                "event_format": "hybrid",
                "venue_name": "Faneuil Hall",
                "address": "Boston, MA",
                "online_url": "https://example.org/stream",
                "registration_url": "https://example.org/register",
                "registration_deadline": "2026-12-01 17:00",
                "speakers": inline_formset([{"person": self.person.pk}]),
                "contact": "",
                "topics": [],
                "listing_image": "",
                "body": self.body(),
            }
        )
        self.assertCanCreate(self.section(EventIndexPage), EventPage, data)
        event = EventPage.objects.get(slug="winter-meeting")
        # 10:00 in Boston is 15:00 UTC in December, whatever the editor's own zone.
        assert event.start.isoformat() == "2026-12-03T15:00:00+00:00"
        assert event.local_start.strftime("%H:%M %Z") == "10:00 EST"

    def test_event_that_ends_before_it_starts_is_refused(self):
        from events.models import EventIndexPage

        parent = self.section(EventIndexPage)
        data = nested_form_data(
            {
                "title": "Backwards",
                "slug": "backwards",
                "summary": "",
                "start": "2026-12-03 10:00",
                "end": "2026-12-03 09:00",
                "time_zone": "America/Chicago",
                "status": "scheduled",
                "event_format": "online",
                "speakers": EMPTY_INLINE,
                "body": streamfield([]),
                "action-publish": "action-publish",
            }
        )
        url = f"/admin/pages/add/events/eventpage/{parent.pk}/"
        response = self.client.post(url, data)
        assert response.status_code == 200
        assert "cannot end before it starts" in response.content.decode()
        assert not EventPage.objects.filter(slug="backwards").exists()

    def test_cohort_page_with_member_cities(self):
        from home.models import CohortIndexPage

        city = MemberCityFactory()
        data = nested_form_data(
            {
                "title": "New Mayors Cohort",
                "summary": "For mayors in their first term.",
                "audience": "Mayors elected in the last two years.",
                "members": inline_formset([{"city": city.pk, "note": "Chair"}]),
                "application_info": rich_text("<p>Apply by March.</p>"),
                "application_url": "https://example.org/apply",
                "application_deadline": "2027-03-01",
                "contact": self.person.pk,
                "topics": [self.topic.pk],
                "body": self.body(),
            }
        )
        self.assertCanCreate(self.section(CohortIndexPage), CohortPage, data)
        cohort = CohortPage.objects.get(slug="new-mayors-cohort")
        assert [member.city for member in cohort.get_members()] == [city]

    def test_standard_page(self):
        data = nested_form_data(
            {"title": "Our history", "intro": "Founded in 2005.", "body": self.body()}
        )
        self.assertCanCreate(self.home, StandardPage, data)

    def test_call_to_action_needs_exactly_one_destination(self):
        data = nested_form_data(
            {
                "title": "Broken button",
                "slug": "broken-button",
                "intro": "",
                "body": streamfield([("call_to_action", {"text": "Go", "page": "", "url": ""})]),
                "action-publish": "action-publish",
            }
        )
        response = self.client.post(f"/admin/pages/add/home/standardpage/{self.home.pk}/", data)
        assert response.status_code == 200
        assert "Choose a page or enter an outside link" in response.content.decode()
        assert not StandardPage.objects.filter(slug="broken-button").exists()
