"""`manage.py seed_scale --articles N`: add N news articles in bulk, to measure at scale."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from home import site_version
from home.models import Person, Topic
from news.models import NewsArticlePage, NewsIndexPage
from site_setup.bulk_pages import add_pages
from site_setup.demo.scale_articles import TOPICS, articles


class Command(BaseCommand):
    """Adds published news articles under the news front through the bulk path."""

    help = (
        "Add N published news articles (topics, an author, dates over twelve years) under the "
        "news front, in bulk. Run after setup_site and load_demo."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=1000, help="How many to add.")

    def handle(self, *args, **options):
        count = options["articles"]
        if count < 0:
            raise CommandError("--articles must be 0 or more.")
        news = NewsIndexPage.objects.order_by("path").first()
        if news is None:
            raise CommandError("No news front: run `manage.py setup_site` first.")
        topics = Topic.objects.in_bulk(list(TOPICS), field_name="slug")
        missing = sorted(set(TOPICS) - set(topics))
        if missing:
            raise CommandError(f"Topics {missing} are missing: run `manage.py load_demo` first.")
        people = list(Person.objects.order_by("pk"))
        started = time.monotonic()
        added = add_pages(
            news, NewsArticlePage, articles(count, topics, people, timezone.localdate())
        )
        seconds = time.monotonic() - started
        site_version.bump()  # the bulk path sends no signals
        self.stdout.write(
            self.style.SUCCESS(
                f"Added {added} news articles under {news.url_path} in {seconds:.0f} s."
            )
        )
