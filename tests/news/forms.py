"""The news article editor's fields, as the admin's edit and create views receive them."""

from wagtail.test.utils.form_data import inline_formset, rich_text, streamfield


def news_article_fields(title, text="<p>Text.</p>", **fields):
    """Editor fields for a news article with one paragraph of `text`, for nested_form_data.

    `fields` add or replace fields (slug, summary, go_live_at, an action button...).
    """
    return {
        "title": title,
        "slug": "",
        "publication_date": "",
        "summary": "A short summary.",
        "listing_image": "",
        "authors": inline_formset([]),
        "topics": [],
        "body": streamfield([("paragraph", rich_text(text))]),
        **fields,
    }
