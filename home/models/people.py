"""People pages: /people/ lists the network's staff, /people/<slug>/ is a page per person."""

from django.core.validators import slug_re
from django.db.models import Prefetch
from django.http import Http404
from wagtail.contrib.routable_page.models import path
from wagtail.models import get_page_models

from home.feeds import PageRoutesMixin
from home.pagination import DeepPaginator
from home.renditions import PORTRAIT, PROFILE
from home.seo import RoutedSeo
from home.text import trimmed

from .listing import CollectionPage, gathered_pages, load_cards
from .media import CustomImage
from .mixins import ArticleMixin
from .settings import site_details
from .snippets import Person


def authored_page_models():
    """The page types with authors (news articles, research reports)."""
    return [model for model in get_page_models() if issubclass(model, ArticleMixin)]


class PeopleIndexPage(PageRoutesMixin, CollectionPage):
    """The people section: the staff at /people/, and a page for every person (staff,
    authors, speakers, contacts) at /people/<slug>/ with their public articles and reports."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    per_page = 10

    class Meta:
        verbose_name = "people index page"

    @staticmethod
    def person_path(person):
        """The address of a person's page under this one ("dana-reyes/")."""
        return f"{person.slug}/"

    @staticmethod
    def get_staff():
        """The network's staff in name order, each with their photo and its renditions."""
        photos = CustomImage.objects.for_display(PORTRAIT)
        return Person.objects.filter(is_staff=True).prefetch_related(Prefetch("photo", photos))

    @staticmethod
    def authored_pages(person):
        """The live, public pages the person wrote (articles, reports), newest first."""
        return gathered_pages(
            {model: {"authors__person": person} for model in authored_page_models()}
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.setdefault("staff", self.get_staff())
        return context

    @path("<slug:slug>/", name="person")
    def person(self, request, slug):
        """A person's page: photo, role, bio, how to reach them, their articles and reports."""
        person = self.find_person(slug)
        key = f"person:{self.pk}:{person.pk}"
        paginator = DeepPaginator(self.authored_pages(person), self.per_page, key, request)
        page_obj = paginator.get_page(request.GET.get("page"))
        seo = RoutedSeo(
            self,
            site_details(request, self),
            request,
            title=person.name,
            description=trimmed(person.bio) if person.bio else person.role,
            subpath=self.person_path(person),
            schema_type="ProfilePage",
        )
        return self.render(
            request,
            template="home/person_page.html",
            context_overrides={
                "person": person,
                "page_obj": page_obj,
                "items": load_cards(page_obj.object_list),
                "routed_seo": seo,
            },
        )

    @staticmethod
    def find_person(slug):
        """The person with this slug, with their photo, or a 404."""
        if not slug_re.fullmatch(slug):
            raise Http404("No such person.")
        photos = CustomImage.objects.for_display(PROFILE)
        person = (
            Person.objects.filter(slug=slug).prefetch_related(Prefetch("photo", photos)).first()
        )
        if person is None:
            raise Http404("No such person.")
        return person

    def get_routed_page_paths(self):
        """Each person's page."""
        return [self.person_path(person) for person in Person.objects.all()]

    def get_cached_paths(self):
        """The staff list and every person's page (a front-end cache purge)."""
        return ["/", *(self.person_path(person) for person in Person.objects.all())]
