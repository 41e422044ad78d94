"""What a visitor's browser is sent for a picture: WebP files at several widths in `srcset`,
with `sizes`, the `width` and `height` that reserve its space before it loads (no layout
shift), and its alt text; pictures below the fold load lazily."""

import pytest

from tests.factories import stream
from tests.head import BASE, served_image
from tests.home.factories import ImageFactory
from tests.home.sections import query_count
from tests.html import visit, visit_listing
from tests.news.factories import NewsArticlePageFactory, NewsIndexPageFactory
from tests.research.factories import ResearchReportPageFactory
from tests.world import module_world

pytestmark = pytest.mark.django_db

PHOTO_ALT = "Street trees along a wide avenue"
BODY_ALT = "A bus stop in the shade of an oak"


@module_world
def pictures():
    """An article with a large main picture and a body image, and a report with a cover."""
    photo = ImageFactory(alt_text=PHOTO_ALT, file__width=1800, file__height=1000)
    picture = {"image": photo.pk, "alt_text": BODY_ALT, "decorative": False}
    article = NewsArticlePageFactory(
        title="Trees cool the city",
        listing_image=photo,
        body=stream(("image", {"image": picture, "caption": "Shade"})),
    )
    cover = ImageFactory(alt_text="The report's cover", file__width=1000, file__height=1400)
    report = ResearchReportPageFactory(cover_image=cover)
    return {"article": article, "report": report}


def srcset(img):
    """The (address, width) pairs of an <img>'s srcset, as the browser chooses from them."""
    candidates = [candidate.split() for candidate in img.attrs["srcset"].split(",")]
    return [(url, int(descriptor.removesuffix("w"))) for url, descriptor in candidates]


def assert_responsive_webp(img, widths, ratio):
    """`img` offers WebP files of these widths, each really that wide, and reserves the
    space of the narrowest (`width` x `height` in the picture's proportions)."""
    offered = srcset(img)
    assert [width for _, width in offered] == widths
    for url, width in offered:
        status, content_type, (actual_width, _) = served_image(BASE + url)
        assert (status, content_type, actual_width) == (200, "image/webp", width), url
    assert img.attrs["src"] == offered[0][0]
    assert img.attrs["sizes"]
    width, height = int(img.attrs["width"]), int(img.attrs["height"])
    assert width == widths[0]
    assert height == pytest.approx(width / ratio, abs=1)


def test_article_main_picture(client, pictures):
    page = visit(client, pictures["article"])

    img = page.find("figure", class_="main-image").find("img")

    assert_responsive_webp(img, [400, 800, 1200], ratio=1.8)
    assert img.attrs["alt"] == PHOTO_ALT
    assert img.attrs.get("loading") != "lazy", "the main picture is above the fold"


def test_body_image(client, pictures):
    page = visit(client, pictures["article"])

    img = page.find("figure", class_="figure").find("img")

    assert_responsive_webp(img, [400, 800, 1600], ratio=1.8)
    assert img.attrs["alt"] == BODY_ALT
    assert img.attrs["loading"] == "lazy"


def test_card_in_a_listing(client, pictures):
    page = visit_listing(client, pictures["article"].get_parent().url)

    img = page.find("div", class_="card__image").find("img")

    assert_responsive_webp(img, [400, 800], ratio=16 / 9)
    assert img.attrs["alt"] == "", "decorative: the card's title says what it is"
    assert img.attrs["loading"] == "lazy"


def test_report_cover(client, pictures):
    page = visit(client, pictures["report"])

    img = page.find("div", class_="report__cover").find("img")

    assert_responsive_webp(img, [300, 600], ratio=1000 / 1400)
    assert img.attrs["alt"] == "The report's cover"


def test_small_original_is_made_and_offered_once(client, home_page):
    image = ImageFactory()  # 64 x 36: every width of the main picture is wider
    article = NewsArticlePageFactory(listing_image=image)

    img = visit(client, article).find("figure", class_="main-image").find("img")

    assert "srcset" not in img.attrs
    assert img.attrs["src"].endswith(".width-400.format-webp.webp")
    assert (img.attrs["width"], img.attrs["height"]) == ("64", "36")
    made = image.renditions.filter(filter_spec__endswith="format-webp")
    assert [rendition.filter_spec for rendition in made] == ["width-400|format-webp"]


def test_cards_cost_no_query_per_picture_at_every_width(client, home_page):
    """The listing's prefetch holds every width the cards offer (home/renditions.py CARD)."""
    few, many = NewsIndexPageFactory(), NewsIndexPageFactory()
    for index, count in ((few, 1), (many, 6)):
        for _ in range(count):
            photo = ImageFactory(file__width=900, file__height=600)  # wider than every width
            NewsArticlePageFactory(parent=index, listing_image=photo)

    img = visit_listing(client, many.url).find("div", class_="card__image").find("img")

    assert [width for _, width in srcset(img)] == [400, 800]
    assert query_count(client, many.url) == query_count(client, few.url)


@pytest.mark.parametrize("size", ["card", "body"])
def test_sized_image_is_the_img_wagtail_would_make(pictures, size):
    """The <img> is made by hand for speed: it must stay what Wagtail's ResponsiveImage
    makes of the same renditions, escaping and attribute order included."""
    from wagtail.images.models import ResponsiveImage

    from home.renditions import SIZES, image_filter
    from home.templatetags.image_tags import sized_image

    image = pictures["article"].listing_image
    image.alt_text = 'Trees & "shade" <on> Main St\'s avenue'
    attributes = {"loading": "lazy", "data-note": "a < b", "hidden": True, "class": None}
    made = sized_image(image, size, **attributes)
    specs = SIZES[size].specs_for(image.width)
    renditions = image.get_renditions(*(image_filter(spec) for spec in specs))
    expected = ResponsiveImage(renditions, {**attributes, "sizes": SIZES[size].sizes})
    assert len(renditions) > 1
    assert made == expected.__html__()
    assert "&quot;shade&quot; &lt;on&gt;" in made
