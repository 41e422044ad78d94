"""The site set-up makes the network's own pages (topics, people, member directory) once."""

import pytest

from home.models import MemberDirectoryPage, PeopleIndexPage, TopicIndexPage
from site_setup.skeleton import ensure_site

pytestmark = pytest.mark.django_db


def test_setup_makes_the_network_pages_live_at_their_addresses():
    ensure_site()
    assert TopicIndexPage.objects.live().get().url == "/topics/"
    assert PeopleIndexPage.objects.live().get().url == "/people/"
    assert MemberDirectoryPage.objects.live().get().url == "/membership/members/"


def test_a_member_directory_moved_by_staff_is_not_made_again(home_page):
    directory = MemberDirectoryPage.objects.get()
    directory.move(home_page, pos="last-child")
    ensure_site()
    assert [page.url for page in MemberDirectoryPage.objects.all()] == ["/members/"]
