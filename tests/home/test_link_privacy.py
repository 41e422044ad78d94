"""Links in page bodies never reveal pages a visitor may not see."""

import json

import pytest
from wagtail.models import PageViewRestriction

from tests.home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def body_linking_to(page):
    return json.dumps(
        [
            {"type": "call_to_action", "value": {"text": "Go there", "page": page.pk, "url": ""}},
            {"type": "related_pages", "value": {"heading": "See also", "pages": [page.pk]}},
        ]
    )


def test_links_to_a_public_page_are_shown(client):
    target = StandardPageFactory(title="Membership dues")
    html = client.get(StandardPageFactory(body=body_linking_to(target)).url).content.decode()
    assert html.count(f'href="{target.url}"') >= 2
    assert "Go there" in html


@pytest.mark.parametrize("restriction", ["password", "login"])
def test_links_to_a_private_page_disappear(client, restriction):
    section = StandardPageFactory(title="Members area")
    target = StandardPageFactory(title="Board minutes", parent=section)
    PageViewRestriction.objects.create(
        page=section, restriction_type=restriction, password="s3cret"
    )
    html = client.get(StandardPageFactory(body=body_linking_to(target)).url).content.decode()
    assert "Board minutes" not in html
    assert target.url not in html
    assert "Go there" not in html


def test_links_to_an_unpublished_page_disappear(client):
    target = StandardPageFactory(title="Withdrawn statement")
    source = StandardPageFactory(body=body_linking_to(target))
    target.unpublish()
    html = client.get(source.url).content.decode()
    assert "Withdrawn statement" not in html
