"""What `make bench` times: the demo site's main pages and API calls, and the paths that
must keep their speed at 50,000 articles.

`python -m tests.bench.paths` (with the bench's settings) prints the demo paths as JSON: the
newest page of each type, so they exist whatever the demo content is.
"""

import json

NEWS_ARTICLES = "/api/v2/pages/?type=news.NewsArticlePage&fields=*&limit=20"

# At 50,000 articles each should take at most 1.5 times as long as at 1,000. Deep pages ask
# for more than the small site has on purpose: the listing answers with its last page, the
# API with an empty one.
SCALE_PATHS = [
    "/news/",
    "/news/?page=2",
    "/news/?page=4999",
    "/news/?topic=water",
    "/news/feed/rss/",
    "/news/feed/atom/",
    "/sitemap.xml",
    "/sitemap-news.xml",  # 1,000 addresses at either size
    "/search/?q=water",
    "/search/?q=water&page=2",
    NEWS_ARTICLES,
    # Deep in the 50,000 site, near the end of the 1,000 one (past it, a page is empty).
    f"{NEWS_ARTICLES}&offset=900",
    "/api/v2/pages/?search=water",
    "/api/v2/pages/?type=news.NewsArticlePage&search=water&fields=*&limit=20",
]


def demo_paths():
    """(label, path) of each kind of page and API call, on the database in use."""
    from wagtail.models import Page

    from events.models import EventPage
    from home.models import CohortPage
    from news.models import NewsArticlePage
    from research.models import ResearchReportPage

    def newest(model):
        page = model.objects.live().public().order_by("-first_published_at").first()
        return page.url if page else None

    article = NewsArticlePage.objects.live().public().order_by("-first_published_at").first()
    paths = [
        ("home", "/"),
        ("news index", "/news/"),
        ("article", newest(NewsArticlePage)),
        ("research index", "/research/"),
        ("report", newest(ResearchReportPage)),
        ("events index", "/events/"),
        ("event", newest(EventPage)),
        ("cohort", newest(CohortPage)),
        ("search page", "/search/?q=water"),
        ("sitemap", "/sitemap.xml"),
        ("news feed", "/news/feed/rss/"),
        ("API listing of 20, fields=*", NEWS_ARTICLES),
        ("API detail", f"/api/v2/pages/{article.pk}/" if article else None),
        ("API search", "/api/v2/pages/?search=water"),
    ]
    assert Page.objects.exists()
    return [(label, path) for label, path in paths if path]


def article_count():
    from news.models import NewsArticlePage

    return NewsArticlePage.objects.count()


if __name__ == "__main__":
    import sys

    import django

    django.setup()
    print(json.dumps(article_count() if sys.argv[1:] == ["articles"] else demo_paths()))
