"""Section listings: pagination, topic and date filters, bad input, and constant query cost."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.events.factories import EventIndexPageFactory, EventPageFactory
from tests.home.factories import (
    ImageFactory,
    TopicFactory,
)
from tests.home.sections import SECTIONS, add_item, get, query_count
from tests.news.factories import (
    NewsArticlePageFactory,
    NewsIndexPageFactory,
)
from tests.world import module_world

pytestmark = pytest.mark.django_db


@module_world
def listings():
    """For each section, a listing of a page and a half and a listing of two.

    Every item has a listing image and, where the section shows them, an author; all are on
    housing but the last of the long listing, which is on water.
    """
    housing, water = TopicFactory(name="Housing"), TopicFactory(name="Water")
    listings = {}
    for section, (index_factory, _, _) in SECTIONS.items():
        full, short = index_factory(), index_factory()
        per_page = full.specific.per_page
        items = [add_item(section, full, housing, ImageFactory()) for _ in range(per_page + 1)]
        items.append(add_item(section, full, water, ImageFactory()))
        few = [add_item(section, short, housing, ImageFactory()) for _ in range(2)]
        listings[section] = SimpleNamespace(
            full=full, items=items, short=short, few=few, housing=housing, water=water
        )
    return listings


@pytest.mark.parametrize("section", SECTIONS)
def test_listing_query_count_does_not_grow_with_items(client, listings, section):
    listing = listings[section]
    per_page = listing.full.specific.per_page
    few = query_count(client, listing.short.url)
    many = query_count(client, listing.full.url)
    assert len(get(client, listing.full.url).context["items"]) == per_page
    assert many == few, f"{section}: {few} queries for 2 items, {many} for {per_page}"


@pytest.mark.parametrize("section", SECTIONS)
def test_listing_paginates_and_survives_bad_page_numbers(client, listings, section):
    index = listings[section].full
    per_page = index.specific.per_page
    first = get(client, index.url)
    assert first.context["page_obj"].paginator.num_pages == 2
    assert len(first.context["items"]) == per_page
    second = get(client, f"{index.url}?page=2")
    assert len(second.context["items"]) == 2
    assert {p.pk for p in first.context["items"]}.isdisjoint(
        {p.pk for p in second.context["items"]}
    )
    # Nonsense page numbers land on a real page instead of an error.
    assert get(client, f"{index.url}?page=abc").context["page_obj"].number == 1
    assert get(client, f"{index.url}?page=99999").context["page_obj"].number == 2
    assert get(client, f"{index.url}?page=-3").context["page_obj"].number == 2


@pytest.mark.parametrize("section", SECTIONS)
def test_listing_filters_by_topic_and_explains_unknown_topics(client, listings, section):
    listing = listings[section]
    index, on_water = listing.full, listing.items[-1]
    filtered = get(client, f"{index.url}?topic={listing.water.slug}")
    assert [p.pk for p in filtered.context["items"]] == [on_water.pk]
    on_housing = get(client, f"{index.url}?topic={listing.housing.slug}")
    assert on_water.pk not in {p.pk for p in on_housing.context["items"]}
    assert on_water.title not in on_housing.content.decode()
    unknown = get(client, f"{index.url}?topic=no-such-topic")
    assert list(unknown.context["items"]) == []
    assert "no-such-topic" in unknown.content.decode()


def test_listing_hides_drafts_and_other_sections(client):
    index, other = NewsIndexPageFactory(), NewsIndexPageFactory()
    live = NewsArticlePageFactory(parent=index)
    draft = NewsArticlePageFactory(parent=index, publish=False)
    elsewhere = NewsArticlePageFactory(parent=other)
    html = get(client, index.url).content.decode()
    assert live.title in html
    assert draft.title not in html
    assert elsewhere.title not in html


def test_news_listing_is_newest_first(client):
    index = NewsIndexPageFactory()
    old = NewsArticlePageFactory(parent=index, publication_date=datetime.date(2025, 1, 5))
    new = NewsArticlePageFactory(parent=index, publication_date=datetime.date(2026, 3, 1))
    assert [p.pk for p in get(client, index.url).context["items"]] == [new.pk, old.pk]


def test_events_listing_splits_upcoming_and_past(client):
    index = EventIndexPageFactory()
    now = timezone.now()
    soon = EventPageFactory(parent=index, start=now + datetime.timedelta(days=2))
    later = EventPageFactory(parent=index, start=now + datetime.timedelta(days=20))
    past = EventPageFactory(parent=index, start=now - datetime.timedelta(days=30))
    upcoming = get(client, index.url)
    assert [p.pk for p in upcoming.context["items"]] == [soon.pk, later.pk]
    assert [p.pk for p in get(client, f"{index.url}?when=past").context["items"]] == [past.pk]
    # An unknown value falls back to upcoming rather than failing.
    fallback = get(client, f"{index.url}?when=tomorrow")
    assert [p.pk for p in fallback.context["items"]] == [soon.pk, later.pk]


def test_event_in_progress_counts_as_upcoming(client):
    index = EventIndexPageFactory()
    now = timezone.now()
    ongoing = EventPageFactory(
        parent=index,
        start=now - datetime.timedelta(hours=1),
        end=now + datetime.timedelta(hours=1),
    )
    assert [p.pk for p in get(client, index.url).context["items"]] == [ongoing.pk]


def listing_queries(client, url):
    """The SQL of a warm request of a listing."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    get(client, url)
    with CaptureQueriesContext(connection) as captured:
        get(client, url)
    return [query["sql"] for query in captured.captured_queries]


@pytest.mark.parametrize("section", SECTIONS)
def test_a_listing_reads_only_what_its_cards_show(client, listings, section):
    """Cards show no byline: a listing reads no author or person rows."""
    queries = listing_queries(client, listings[section].full.url)
    people = [sql for sql in queries if "author" in sql or '"home_person"' in sql]
    assert not people, "\n".join(people)


@pytest.mark.parametrize("section", SECTIONS)
def test_a_listings_items_are_read_once_as_their_own_type(client, listings, section):
    """The items of a section front are of one type: no query asks for their types first."""
    model = SECTIONS[section][1]._meta.model
    queries = listing_queries(client, listings[section].full.url)
    reads = [sql for sql in queries if f'FROM "{model._meta.db_table}"' in sql]
    assert len(reads) == 1, "\n".join(reads)


@pytest.mark.parametrize("section", SECTIONS)
def test_card_topics_come_from_the_topic_list_read_once_per_version(client, listings, section):
    """Each card's topics are links to the kept topic list: only which page has which is read."""
    listing = listings[section]
    queries = listing_queries(client, listing.full.url)
    topic_rows = [sql for sql in queries if '"home_topic"' in sql]
    assert not topic_rows, "\n".join(topic_rows)
    response = get(client, listing.full.url)
    html = response.content.decode()
    shown = [page.pk for page in response.context["items"]]
    on_water = shown.count(listing.items[-1].pk)
    # Every card carries its one topic as a link to the topic's page.
    assert html.count(f'href="/topics/{listing.water.slug}/"') == on_water
    assert html.count(f'href="/topics/{listing.housing.slug}/"') == len(shown) - on_water


@pytest.mark.parametrize("section", SECTIONS)
def test_the_topic_filter_asks_nothing_once_the_topics_are_known(client, listings, section):
    listing = listings[section]
    queries = listing_queries(client, f"{listing.full.url}?topic={listing.water.slug}")
    topic_lists = [sql for sql in queries if 'FROM "home_topic"' in sql and "JOIN" not in sql]
    assert not topic_lists, "\n".join(topic_lists)


def test_a_renamed_or_newly_given_topic_shows_on_the_cards_at_once(client):
    """Cards take their topics from the list kept per site version: a change shows at once."""
    index = NewsIndexPageFactory()
    story = NewsArticlePageFactory(parent=index, title="Tenants organise")
    tenancy = TopicFactory(name="Tenancy")
    story.topics.add(tenancy)
    story.save_revision().publish()
    assert ">Tenancy<" in cards_html(client, index.url)

    tenancy.name = "Tenancy law"
    tenancy.save()
    story.topics.add(TopicFactory(name="Rent stabilisation"))
    story.save_revision().publish()

    cards = cards_html(client, index.url)
    assert ">Tenancy<" not in cards
    assert cards.index(">Rent stabilisation<") < cards.index(">Tenancy law<")  # name order


def cards_html(client, url):
    """The HTML of a listing's cards (not the topic filter above them)."""
    html = get(client, url).content.decode()
    return html[html.index('<ul class="card-grid">') :]
