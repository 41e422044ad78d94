"""Topic pages: /topics/ lists the policy areas, /topics/<slug>/ gathers each one's pages."""

from django.http import Http404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from wagtail.contrib.routable_page.models import path
from wagtail.models import get_page_models

from home.feeds import FeedLink, PageRoutesMixin, TopicFeed
from home.pagination import DeepPaginator
from home.seo import RoutedSeo

from .listing import CollectionPage, gathered_pages, load_cards
from .mixins import TopicsMixin
from .settings import site_details
from .snippets import Topic

# (address under a topic's page, label, MIME type) of each topic's feeds.
TOPIC_FEEDS = (
    ("feed/rss/", "RSS", "application/rss+xml"),
    ("feed/atom/", "Atom", "application/atom+xml"),
)


def topic_page_models():
    """The page types editors tag with topics (news, reports, events, cohorts...)."""
    return [model for model in get_page_models() if issubclass(model, TopicsMixin)]


class TopicIndexPage(PageRoutesMixin, CollectionPage):
    """The topics section: every topic at /topics/, and a page per topic at /topics/<slug>/
    gathering its news, reports and events, newest first, with RSS and Atom feeds."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    per_page = 10

    class Meta:
        verbose_name = "topic index page"

    @staticmethod
    def topic_path(topic):
        """The address of a topic's page under this one ("housing/")."""
        return f"{topic.slug}/"

    @staticmethod
    def topic_pages(topic):
        """The live, public pages on a topic, of every type, newest first."""
        return gathered_pages({model: {"topics": topic} for model in topic_page_models()})

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.setdefault("topics", Topic.site_topics(request))
        return context

    @path("<slug:slug>/", name="topic")
    def topic(self, request, slug):
        """A topic's page: its pages of every section, newest first, ten to a page."""
        topic = self.find_topic(slug)
        key = f"topic:{self.pk}:{topic.pk}"
        paginator = DeepPaginator(self.topic_pages(topic), self.per_page, key, request)
        page_obj = paginator.get_page(request.GET.get("page"))
        seo = RoutedSeo(
            self,
            site_details(request, self),
            request,
            title=topic.name,
            description=topic.description,
            subpath=self.topic_path(topic),
        )
        return self.render(
            request,
            template="home/topic_page.html",
            context_overrides={
                "topic": topic,
                "active_topic": topic,  # the page's feeds are the topic's (feed_links)
                "page_obj": page_obj,
                "items": load_cards(page_obj.object_list),
                "routed_seo": seo,
            },
        )

    @path("<slug:slug>/feed/rss/", name="topic_rss")
    def topic_rss(self, request, slug):
        """A topic's newest pages in RSS 2.0."""
        return TopicFeed(self, "feed/rss/", self.find_topic(slug), Rss201rev2Feed)(request)

    @path("<slug:slug>/feed/atom/", name="topic_atom")
    def topic_atom(self, request, slug):
        """A topic's newest pages in Atom."""
        return TopicFeed(self, "feed/atom/", self.find_topic(slug), Atom1Feed)(request)

    @staticmethod
    def find_topic(slug):
        """The topic with this slug, or a 404."""
        topic = Topic.from_slug(slug)
        if topic is None:
            raise Http404("No such topic.")
        return topic

    @classmethod
    def feed_links(cls, url, title, topic=None):
        """A topic's feeds, on its page (the list of topics has none of its own)."""
        if topic is None:
            return []
        base = (url if url.endswith("/") else f"{url}/") + cls.topic_path(topic)
        return [
            FeedLink(f"{topic.name} ({label})", label, mime_type, base + route)
            for route, label, mime_type in TOPIC_FEEDS
        ]

    def get_routed_page_paths(self):
        """Each topic's page."""
        return [self.topic_path(topic) for topic in Topic.objects.all()]

    def get_cached_paths(self):
        """The list of topics and every topic's page and feeds (a front-end cache purge)."""
        paths = ["/"]
        for topic in Topic.objects.all():
            paths += [self.topic_path(topic)] + [
                self.topic_path(topic) + route for route, *_ in TOPIC_FEEDS
            ]
        return paths
