"""Renditions in the shared cache (Redis in production) are read, not written back.

Wagtail writes every rendition it hands out to the cache, even one it has just read from
there: a second round trip to Redis for each picture that was not loaded with its page (a
testimonial's portrait on the home page, an image in a snippet).
"""

import pytest

from home.models import CustomImage
from tests.home.factories import ImageFactory

pytestmark = pytest.mark.django_db

SPEC = "width-40"


@pytest.fixture
def cache_writes(monkeypatch):
    """The keys written to the renditions' cache."""
    backend = CustomImage.get_rendition_model().cache_backend
    written = []
    set_one, set_many = backend.set, backend.set_many

    def record_one(key, *args, **kwargs):
        written.append(key)
        return set_one(key, *args, **kwargs)

    def record_many(mapping, *args, **kwargs):
        written.extend(mapping)
        return set_many(mapping, *args, **kwargs)

    monkeypatch.setattr(backend, "set", record_one)
    monkeypatch.setattr(backend, "set_many", record_many)
    return written


def test_a_rendition_found_in_the_cache_is_not_written_back(cache_writes):
    image = ImageFactory()
    made = CustomImage.objects.get(pk=image.pk).get_rendition(SPEC)  # made, then cached
    assert len(cache_writes) == 1

    cache_writes.clear()
    again = CustomImage.objects.get(pk=image.pk).get_rendition(SPEC)  # read from the cache
    assert again.file.name == made.file.name
    assert again.image.pk == image.pk
    assert cache_writes == []


def test_several_renditions_found_in_the_cache_are_not_written_back(cache_writes):
    image = ImageFactory()
    CustomImage.objects.get(pk=image.pk).get_renditions(SPEC, "width-20")
    cache_writes.clear()
    found = CustomImage.objects.get(pk=image.pk).get_renditions(SPEC, "width-20")
    assert set(found) == {SPEC, "width-20"}
    assert cache_writes == []


def test_a_rendition_read_from_the_database_is_cached_for_the_next_request(cache_writes):
    image = ImageFactory()
    CustomImage.objects.get(pk=image.pk).get_rendition(SPEC)
    CustomImage.get_rendition_model().cache_backend.clear()
    cache_writes.clear()
    CustomImage.objects.get(pk=image.pk).get_rendition(SPEC)  # from the database
    assert len(cache_writes) == 1
