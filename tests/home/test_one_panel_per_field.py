"""Every field has exactly one panel in the editor, so what an editor chooses is what is saved.

Two panels for one field render two inputs of the same name; the browser sends both and
Django keeps the last, so a choice made in the first (a news article's "Main image" on the
Content tab) was lost on save behind an empty copy on the Promote tab.
"""

from collections import Counter

import pytest
from wagtail.admin.panels import FieldPanel, InlinePanel, get_edit_handler
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import get_page_models
from wagtail.snippets.models import get_snippet_models
from wagtail.test.utils.form_data import nested_form_data

from events.models import EventIndexPage, EventPage
from news.models import NewsArticlePage, NewsIndexPage
from tests.home.factories import ImageFactory
from tests.home.form_inputs import as_submitted, form_inputs
from tests.news.forms import news_article_fields


def panel_fields(panel):
    """The form fields and inline formsets that a panel and its children edit, repeats kept."""
    if isinstance(panel, FieldPanel):
        yield panel.field_name
    elif isinstance(panel, InlinePanel):
        yield panel.relation_name
        # The inline records' own fields are one form each, checked separately.
        child_fields = Counter(panel_fields(panel.child_edit_handler))
        yield from (
            f"{panel.relation_name}-{name}" for name, count in child_fields.items() if count > 1
        )
    for child in getattr(panel, "children", ()):
        yield from panel_fields(child)


def edit_handler(model):
    """The panels of a model's edit form, as the admin builds them."""
    if hasattr(model, "get_edit_handler"):  # page types: their tabs
        return model.get_edit_handler()
    return get_edit_handler(model)


def edited_models():
    """Every model staff edit through panels: page types, snippets and site settings."""
    return [*get_page_models(), *get_snippet_models(), *settings_registry]


@pytest.mark.parametrize("model", edited_models(), ids=lambda model: model._meta.label)
def test_every_field_has_exactly_one_panel(model):
    """No field (or inline record field) is edited from two places of the same form."""
    counts = Counter(panel_fields(edit_handler(model)))
    twice = sorted(name for name, count in counts.items() if count > 1)
    assert twice == [], f"{model._meta.label}: more than one panel for {twice}"


def test_the_walk_sees_every_panel_of_a_news_article():
    """The check above looks into tabs, groups and inline panels (so it can fail)."""
    fields = set(panel_fields(edit_handler(NewsArticlePage)))
    assert {"title", "slug", "listing_image", "social_image", "authors", "body"} <= fields


@pytest.mark.parametrize(
    ("index_model", "page_model"),
    [(NewsIndexPage, NewsArticlePage), (EventIndexPage, EventPage)],
    ids=["news article", "event"],
)
def test_the_main_image_field_is_rendered_once(admin_client, news_index, index_model, page_model):
    """The create form has one image chooser input for the main image."""
    parent = index_model.objects.get()
    url = f"/admin/pages/add/{page_model._meta.app_label}/{page_model._meta.model_name}/"
    html = admin_client.get(f"{url}{parent.pk}/").content.decode()
    names = [name for name, _ in form_inputs(html)]
    assert names.count("listing_image") == 1
    assert names.count("title") == 1


def test_a_news_articles_main_image_survives_save_draft(admin_client, news_index):
    """An editor chooses a main image and saves a draft; the image is still there."""
    image = ImageFactory()
    add_url = f"/admin/pages/add/news/newsarticlepage/{news_index.pk}/"
    form = admin_client.get(add_url).content.decode()
    # The admin's script fills in the slug from the title as the editor types.
    data = nested_form_data(
        news_article_fields("Cooling centres", slug="cooling-centres", listing_image=image.pk)
    )
    response = admin_client.post(add_url, as_submitted(form, data))
    assert response.status_code == 302, response.content.decode()[:2000]
    article = NewsArticlePage.objects.get(title="Cooling centres")
    assert article.get_latest_revision_as_object().listing_image == image

    # Reopened in the editor, the chooser shows the image; saving again keeps it.
    edit_url = f"/admin/pages/{article.pk}/edit/"
    form = admin_client.get(edit_url).content.decode()
    assert ("listing_image", str(image.pk)) in form_inputs(form)
    data = nested_form_data(news_article_fields("Cooling centres open", slug=article.slug))
    del data["listing_image"]  # untouched by the editor: sent as the form shows it
    response = admin_client.post(edit_url, as_submitted(form, data))
    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    saved = article.get_latest_revision_as_object()
    assert (saved.title, saved.listing_image) == ("Cooling centres open", image)
