"""Tree rules: each page type lives only where it belongs."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from events.models import EventIndexPage, EventPage
from home.models import (
    CohortIndexPage,
    CohortPage,
    FormPage,
    HomePage,
    MemberDirectoryPage,
    PeopleIndexPage,
    StandardPage,
    TopicIndexPage,
)
from news.models import NewsArticlePage, NewsIndexPage
from research.models import ResearchIndexPage, ResearchReportPage

# The network's own pages: one each, directly under the home page, with routed pages under them.
NETWORK_PAGES = {TopicIndexPage, PeopleIndexPage}
SECTIONS = {
    StandardPage,
    FormPage,
    CohortIndexPage,
    NewsIndexPage,
    ResearchIndexPage,
    EventIndexPage,
    *NETWORK_PAGES,
    MemberDirectoryPage,
}


class TreeRulesTests(WagtailPageTestCase):
    def test_home_page_holds_the_sections(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, SECTIONS)

    def test_articles_live_only_under_the_news_index(self):
        self.assertAllowedParentPageTypes(NewsArticlePage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsArticlePage})
        self.assertAllowedSubpageTypes(NewsArticlePage, set())
        for parent in (HomePage, StandardPage, ResearchIndexPage, EventIndexPage):
            self.assertCanNotCreateAt(parent, NewsArticlePage)

    def test_reports_live_only_under_the_research_index(self):
        self.assertAllowedParentPageTypes(ResearchReportPage, {ResearchIndexPage})
        self.assertAllowedSubpageTypes(ResearchIndexPage, {ResearchReportPage})
        self.assertCanNotCreateAt(NewsIndexPage, ResearchReportPage)

    def test_events_live_only_under_the_event_index(self):
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertCanNotCreateAt(NewsIndexPage, EventPage)

    def test_cohorts_live_only_under_the_cohort_index(self):
        self.assertAllowedParentPageTypes(CohortPage, {CohortIndexPage})
        self.assertAllowedSubpageTypes(CohortIndexPage, {CohortPage})
        self.assertAllowedParentPageTypes(CohortIndexPage, {HomePage})

    def test_sections_sit_directly_under_the_home_page(self):
        for section in (NewsIndexPage, ResearchIndexPage, EventIndexPage, CohortIndexPage):
            self.assertAllowedParentPageTypes(section, {HomePage})
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})

    def test_network_pages_are_one_each_under_the_home_page_with_no_children(self):
        for model in NETWORK_PAGES:
            self.assertAllowedParentPageTypes(model, {HomePage})
            self.assertAllowedSubpageTypes(model, set())
            self.assertEqual(model.max_count, 1)

    def test_the_member_directory_sits_under_home_or_a_standard_page_once(self):
        self.assertAllowedParentPageTypes(MemberDirectoryPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(MemberDirectoryPage, set())
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage, FormPage, MemberDirectoryPage})
        self.assertEqual(MemberDirectoryPage.max_count, 1)

    def test_there_is_one_home_page(self):
        self.assertEqual(HomePage.max_count, 1)
