"""Loading the demo's records: snippets, generated images and PDFs, and site settings.

Every function finds an existing record by its natural key (slug, name or title) before
creating one, and tells the tally which it did, so loading twice creates nothing new.
"""

import datetime
import io
from collections import Counter
from functools import partial

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.text import slugify

from home.models import CustomDocument, CustomImage, MemberCity, Person, SiteSettings, Testimonial
from home.models import Topic as TopicModel

from . import content_people, content_site, images, pdfs

CREDIT = "Illustration: MIP"


class Tally:
    """Counts what a load created and what was already there, by kind of item."""

    def __init__(self):
        self.created = Counter()
        self.present = Counter()

    def add(self, kind, created):
        """Record one item of a kind as created (True) or already present (False)."""
        (self.created if created else self.present)[kind] += 1

    def summary(self):
        """The one-line summary printed by the command."""
        created, present = self.created.total(), self.present.total()
        return f"demo content: {created} created, {present} already present"

    def details(self):
        """One line per kind of item, for verbose output."""
        kinds = sorted(set(self.created) | set(self.present))
        return [
            f"  {kind}: {self.created[kind]} created, {self.present[kind]} present"
            for kind in kinds
        ]


class MediaLibrary:
    """Finds or generates the demo's images and documents, by title."""

    def __init__(self, tally, today):
        self.tally = tally
        self.today = today
        self.images = {}
        self.documents = {}

    def image(self, title, alt, render, filename):
        """The image with this title, drawn by render() and saved if it does not exist yet."""
        if title in self.images:
            return self.images[title]
        image = CustomImage.objects.filter(title=title).order_by("pk").first()
        self.tally.add("images", image is None)
        if image is None:
            image = CustomImage(title=title, alt_text=alt, credit=CREDIT)
            image.file = ImageFile(io.BytesIO(render()), name=f"{filename}.jpg")
            image._set_image_file_metadata()
            image.save()
        self.images[title] = image
        return image

    def illustration(self, spec):
        """The landscape listing image for a (title, motif, palette, alt) spec."""
        title, motif, palette, alt = spec
        return self.image(
            title, alt, lambda: images.illustration(motif, palette, title), slugify(title)
        )

    def portrait(self, name, palette, alt, title=""):
        """A square portrait illustration of a person."""
        title = title or f"Portrait of {name}"
        return self.image(title, alt, lambda: images.portrait(name, palette), slugify(title))

    def cover(self, report):
        """The front cover of a report."""
        _title, motif, palette, _alt = report["image"]
        title = f"Cover of {report['title']}"
        alt = f"Front cover of the report '{report['title']}', with an abstract illustration."
        render = partial(images.cover, report["title"], motif, palette)
        return self.image(title, alt, render, slugify(report["slug"] + "-cover"))

    def report_pdf(self, report, kind):
        """The (document, page_count) of a report's "full" report or two-page "brief"."""
        key = f"{report['slug']}/{kind}"
        if key in self.documents:
            return self.documents[key]
        label = "full report" if kind == "full" else "two-page brief"
        title = f"{report['title']} ({label})"
        published = self.today - datetime.timedelta(days=report["published"])
        data, page_count = pdfs.build_report_pdf(report, published, brief=kind == "brief")
        document = CustomDocument.objects.filter(title=title).order_by("pk").first()
        self.tally.add("documents", document is None)
        if document is None:
            document = CustomDocument(title=title, description=report["summary"])
            document.file = ContentFile(data, name=f"{report['slug']}-{kind}.pdf")
            document._set_document_file_metadata()
            document.save()
        self.documents[key] = (document, page_count)
        return self.documents[key]


def load_topics(tally):
    """The policy-area topics, by slug."""
    topics = {}
    for name, slug, description in content_site.TOPICS:
        topic, created = TopicModel.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description}
        )
        tally.add("topics", created)
        topics[slug] = topic
    return topics


def load_people(tally, media):
    """Staff and outside experts with portraits, by name."""
    people = {}
    for spec in content_people.PEOPLE:
        where = spec["organisation"] or "the Mayors Innovation Project"
        alt = f"Illustrated portrait of {spec['name']}, {spec['role']} at {where}."
        photo = media.portrait(spec["name"], spec["palette"], alt)
        person = Person.objects.filter(slug=slugify(spec["name"])).first()
        tally.add("people", person is None)
        if person is None:
            person = Person.objects.create(
                name=spec["name"],
                role=spec["role"],
                organisation=spec["organisation"],
                is_staff=not spec["organisation"],
                email=spec["email"],
                bio=spec["bio"],
                photo=photo,
            )
        people[spec["name"]] = person
    return people


def load_cities(tally):
    """Member cities with their (fictional) mayors, by city name."""
    cities = {}
    for name, state, mayor, population, (year, month) in content_people.CITIES:
        city, created = MemberCity.objects.get_or_create(
            name=name,
            state=state,
            defaults={
                "mayor": mayor,
                "population": population,
                "joined_on": datetime.date(year, month, 1),
            },
        )
        tally.add("member cities", created)
        cities[name] = city
    return cities


def load_testimonials(tally, media, cities):
    """Mayors' testimonials with portraits, by the mayor's name."""
    testimonials = {}
    for spec in content_people.TESTIMONIALS:
        city = cities[spec["city"]]
        role = f"Mayor of {city.name}, {content_people.STATE_NAMES[city.state]}"
        alt = f"Illustrated portrait of {spec['name']}, {role}."
        photo = media.portrait(
            spec["name"], spec["palette"], alt, f"Portrait of Mayor {spec['name']}"
        )
        testimonial = Testimonial.objects.filter(name=spec["name"]).order_by("pk").first()
        tally.add("testimonials", testimonial is None)
        if testimonial is None:
            testimonial = Testimonial.objects.create(
                quote=spec["quote"],
                name=spec["name"],
                role=role,
                city=city,
                photo=photo,
            )
        testimonials[spec["name"]] = testimonial
    return testimonials


def load_site_settings(tally, site):
    """Fill in the default site's contact details and social links where they are empty."""
    site_settings = SiteSettings.for_site(site)
    empty = [name for name in content_site.SITE_SETTINGS if not getattr(site_settings, name)]
    for name in empty:
        setattr(site_settings, name, content_site.SITE_SETTINGS[name])
    if empty:
        site_settings.save()
    tally.add("site settings", bool(empty))
