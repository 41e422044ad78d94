"""The editor's block picker explains every body block: icon, description and a preview."""

import pytest
from django.urls import reverse

from home.blocks import BodyBlock
from tests.home.factories import DocumentFactory, ImageFactory, TestimonialFactory

BODY_BLOCKS = list(BodyBlock().child_blocks.items())


@pytest.mark.parametrize(("name", "block"), BODY_BLOCKS, ids=[name for name, _ in BODY_BLOCKS])
def test_block_describes_itself(name, block):
    assert block.meta.icon != "placeholder", f"{name} has no icon"
    assert len(block.get_description()) > 20, f"{name} needs a description for editors"
    assert block.is_previewable, f"{name} has no preview in the block picker"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "block"), BODY_BLOCKS, ids=[name for name, _ in BODY_BLOCKS])
def test_block_preview_renders_in_the_admin(admin_client, name, block):
    ImageFactory(), DocumentFactory(), TestimonialFactory()
    url = reverse("wagtailadmin_block_preview")
    response = admin_client.get(url, {"id": block.definition_prefix})
    assert response.status_code == 200, name
    html = response.content.decode()
    assert "css/site.css" in html
    assert f"block-{name}" in html
