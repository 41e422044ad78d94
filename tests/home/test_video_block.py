"""The video block works with no network: saving in the editor and rendering the page."""

import socket

import pytest
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.blocks import parse_video_url
from home.models import StandardPage
from site_setup.skeleton import ensure_home_page


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection from Python fails, as on a closed network."""

    def refuse(*args, **kwargs):
        raise OSError("network is unreachable (test)")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.youtube.com/watch?v=aqz-KE-bpKQ", ("youtube", "aqz-KE-bpKQ")),
        ("https://youtu.be/aqz-KE-bpKQ?t=30", ("youtube", "aqz-KE-bpKQ")),
        ("https://www.youtube.com/shorts/aqz-KE-bpKQ", ("youtube", "aqz-KE-bpKQ")),
        ("https://vimeo.com/76979871", ("vimeo", "76979871")),
        ("https://player.vimeo.com/video/76979871", ("vimeo", "76979871")),
        ("https://example.org/video.mp4", ("", "")),
        ("https://www.youtube.com/watch?v=<script>", ("", "")),
        ("not a url", ("", "")),
    ],
)
def test_video_links_are_recognised_without_asking_the_provider(url, expected):
    assert parse_video_url(url) == expected


@pytest.mark.django_db
def test_editor_saves_and_visitor_sees_a_video_with_the_network_down(admin_client, no_network):
    home = ensure_home_page()
    data = nested_form_data(
        {
            "title": "Heat webinar recording",
            "slug": "heat-webinar",
            "intro": "",
            "body": streamfield(
                [
                    (
                        "video",
                        {
                            "url": "https://youtu.be/aqz-KE-bpKQ",
                            "title": "Heat webinar",
                            "caption": "",
                            "transcript": "",
                        },
                    )
                ]
            ),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/home/standardpage/{home.pk}/", data)
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="heat-webinar")
    html = admin_client.get(page.url).content.decode()
    assert "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ" in html
    assert 'title="Heat webinar"' in html


@pytest.mark.django_db
def test_editor_refuses_a_link_that_is_not_a_video(admin_client):
    home = ensure_home_page()
    data = nested_form_data(
        {
            "title": "Bad video",
            "slug": "bad-video",
            "intro": "",
            "body": streamfield(
                [("video", {"url": "https://example.org/x", "title": "X", "caption": ""})]
            ),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/home/standardpage/{home.pk}/", data)
    assert "Use a YouTube or Vimeo link" in response.content.decode()
    assert not StandardPage.objects.filter(slug="bad-video").exists()
