"""Reusable records shared by every section: topics, people, member cities, testimonials."""

from django.core.validators import slug_re
from django.db import models
from django.utils.text import slugify
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.search import index

from home.site_version import cached, kept_while_serving

US_STATES = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"),
    ("CA", "California"), ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"),
    ("DC", "District of Columbia"), ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"),
    ("ID", "Idaho"), ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"),
    ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"),
    ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"),
    ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"),
    ("OR", "Oregon"), ("PA", "Pennsylvania"), ("RI", "Rhode Island"), ("SC", "South Carolina"),
    ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"), ("UT", "Utah"),
    ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"), ("WV", "West Virginia"),
    ("WI", "Wisconsin"), ("WY", "Wyoming"), ("PR", "Puerto Rico"),
]  # fmt: skip


class SlugFromNameMixin(models.Model):
    """Fills an empty slug from the record's name, so editors never have to."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:100]
        super().save(*args, **kwargs)


class Topic(SlugFromNameMixin, index.Indexed, models.Model):
    """A policy area (housing, water, climate...) used to group and filter content."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(
        max_length=100,
        unique=True,
        blank=True,
        help_text="Used in addresses such as /news/?topic=housing. Filled in from the name.",
    )
    description = models.TextField(blank=True, help_text="A sentence shown on topic listings.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.FilterField("name"),
        index.FilterField("slug"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    @classmethod
    def site_topics(cls, request=None):
        """Every topic in name order, read once per site version while a request is served
        (afresh otherwise). Shared by the requests of a process: read them, never change them.
        """

        def read():
            return list(cls.objects.all())

        if request is not None:
            return cached("topics", read, request)
        kept = kept_while_serving("topics", read)
        return read() if kept is None else kept

    @classmethod
    def from_slug(cls, slug):
        """The topic a ?topic= value names, or None (malformed slugs never reach the database)."""
        slug = (slug or "").strip()
        if not slug or not slug_re.fullmatch(slug):
            return None
        return cls.objects.filter(slug=slug).first()


class Person(SlugFromNameMixin, index.Indexed, models.Model):
    """A member of staff, an author, a speaker or a page's contact person."""

    name = models.CharField(max_length=150)
    slug = models.SlugField(max_length=100, unique=True, blank=True)
    role = models.CharField(
        max_length=150, blank=True, help_text="Job title, e.g. 'Research Director'."
    )
    organisation = models.CharField(
        max_length=150, blank=True, help_text="Leave empty for Mayors Innovation Project staff."
    )
    is_staff = models.BooleanField(
        "MIP staff", default=False, help_text="Tick for people who work for the network."
    )
    email = models.EmailField(blank=True)
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        "home.CustomImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("is_staff"),
        FieldPanel("email"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]

    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("role"),
        index.SearchField("organisation"),
        index.FilterField("name"),
        index.FilterField("organisation"),
        index.FilterField("is_staff"),
        index.FilterField("slug"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name


class MemberCity(models.Model):
    """A city in the network, with its mayor."""

    name = models.CharField(max_length=120)
    state = models.CharField(max_length=2, choices=US_STATES)
    mayor = models.CharField(max_length=150, help_text="The current mayor's full name.")
    population = models.PositiveIntegerField(null=True, blank=True)
    joined_on = models.DateField(null=True, blank=True, help_text="When the city joined.")
    website = models.URLField(blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("state"),
        FieldPanel("mayor"),
        FieldPanel("population"),
        FieldPanel("joined_on"),
        FieldPanel("website"),
    ]

    # The public API's member-cities endpoint (mipcms/api/member_cities.py).
    api_fields = [
        APIField("name"),
        APIField("state"),
        APIField("state_name"),
        APIField("mayor"),
        APIField("population"),
        APIField("joined_year"),
        APIField("website"),
    ]

    class Meta:
        ordering = ["name", "state"]
        verbose_name_plural = "member cities"
        constraints = [
            models.UniqueConstraint(fields=["name", "state"], name="unique_member_city"),
        ]

    def __str__(self):
        return f"{self.name}, {self.state}"

    @property
    def state_name(self):
        """The state's name ("Wisconsin")."""
        return self.get_state_display()

    @property
    def joined_year(self):
        """The year the city joined, or None when not known."""
        return self.joined_on.year if self.joined_on else None


class Testimonial(index.Indexed, models.Model):
    """A quote from a mayor about the network, for home and cohort pages."""

    quote = models.TextField()
    name = models.CharField(max_length=150, help_text="Who said it.")
    role = models.CharField(
        max_length=150, blank=True, help_text="E.g. 'Mayor of Madison, Wisconsin'."
    )
    city = models.ForeignKey(
        MemberCity, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    photo = models.ForeignKey(
        "home.CustomImage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        FieldPanel("quote"),
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("city"),
        FieldPanel("photo"),
    ]

    search_fields = [
        index.SearchField("quote"),
        index.SearchField("name"),
        index.SearchField("role"),
        index.FilterField("name"),
    ]

    def __str__(self):
        return f"{self.name}: {self.quote[:60]}"
