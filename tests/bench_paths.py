"""The paths that show whether the site keeps its speed at scale (issue 13 point 4).

`make bench` imports SCALE_PATHS and times each against the demo site with
`manage.py seed_scale --articles 1000` and with `--articles 50000`: at 50,000 articles each
should take at most 1.5 times as long as at 1,000. Deep pages ask for more than the small
site has on purpose: the listing answers with its last page, the API with an empty one.
"""

NEWS_ARTICLES = "/api/v2/pages/?type=news.NewsArticlePage&fields=*&limit=20"

SCALE_PATHS = [
    "/news/",
    "/news/?page=2",
    "/news/?page=4999",
    "/news/?topic=water",
    "/news/feed/rss/",
    "/news/feed/atom/",
    "/sitemap.xml",
    "/sitemap-news.xml",  # 1,000 addresses at either size
    "/sitemap-news.xml?p=50",  # the last page at 50,000 (a 404 at 1,000)
    "/search/?q=water",
    "/search/?q=water&page=2",
    NEWS_ARTICLES,
    f"{NEWS_ARTICLES}&offset=9000",
    "/api/v2/pages/?search=water",
    "/api/v2/pages/?type=news.NewsArticlePage&search=water&fields=*&limit=20",
]
