"""Form pages (Wagtail's form builder): become a member city, contact us, event registration.

Editors build the form from fields in the admin; visitors fill it in on the page, other
sites through the JSON endpoint (mipcms/api/forms.py). Both go through the page's own form
class (home/form_builder.py) and `accept()`, so they validate and store alike. Submissions
are Wagtail's FormSubmission rows, listed and exported (CSV, XLSX) in the admin's Forms
menu; the staff named on the form get each one by e-mail from a background task.
"""

from django.db import models
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.forms import WagtailAdminFormPageForm
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField, FormMixin
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.api_fields import Represented
from home.blocks import BodyBlock
from home.form_builder import SubmissionFormBuilder, field_representation
from home.form_limits import seconds_to_wait
from home.form_mail import send_submission_notice
from home.representations import public_url

from .base import BasePage

TOO_MANY = "Too many submissions from your address. Please wait {seconds} seconds and send again."


class FormClosed(Exception):
    """The form takes no more submissions (full, or past its deadline); says why."""


class AbstractFormPage(BasePage, AbstractEmailForm):
    """A page with a form editors build; what every form page type shares."""

    intro = models.TextField(blank=True, help_text="An opening paragraph, shown larger.")
    body = StreamField(
        BodyBlock(), blank=True, help_text="Anything to read before the form (optional)."
    )
    thank_you_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link", "ul", "ol"],
        help_text="Shown once the form is sent. Say what happens next.",
    )

    form_builder = SubmissionFormBuilder
    base_form_class = WagtailAdminFormPageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        FormSubmissionsPanel(),
        InlinePanel("form_fields", label="Form field", heading="Form fields"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldPanel(
                    "to_address",
                    help_text=(
                        "Who gets each submission by e-mail. Separate several addresses with "
                        "commas; leave empty for none (submissions are kept either way)."
                    ),
                ),
                FieldPanel("from_address"),
                FieldPanel("subject"),
            ],
            heading="E-mail to staff",
        ),
    ]

    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    # Who is e-mailed (to/from/subject) is staff business: never in the API.
    api_fields = [
        *BasePage.api_fields,
        APIField("intro", writable=True),
        APIField("body", writable=True),
        APIField("thank_you_text", writable=True),
        APIField("form_fields", serializer=Represented(field_representation, many=True)),
        APIField("accepting_submissions"),
        APIField("submission_url"),
    ]
    api_prefetch = ("form_fields",)

    class Meta:
        abstract = True

    @property
    def preview_modes(self):
        return [*super().preview_modes, ("landing", "Thank-you page")]

    def closed_message(self):
        """Why the form takes no submissions now, or "" when it does."""
        return ""

    @property
    def accepting_submissions(self):
        """Whether the form takes submissions now."""
        return not self.closed_message()

    @property
    def submission_url(self):
        """Where other sites POST a submission as JSON (docs/api.md)."""
        return public_url(reverse("form_submissions", args=[self.pk]))

    def accept(self, form):
        """Store a valid submission and queue its e-mails: the submission, or None for spam.

        A submission with the honeypot filled is answered as if stored, but nothing is kept.
        Raises FormClosed when the form takes no more submissions.
        """
        if form.is_spam:
            return None
        return self.process_form_submission(form)

    def process_form_submission(self, form):
        if message := self.closed_message():
            raise FormClosed(message)
        # FormMixin's: EmailFormMixin's sends its e-mail at once, in the visitor's request.
        submission = FormMixin.process_form_submission(self, form)
        self.submission_received(submission)
        return submission

    def submission_received(self, submission):
        """Queue the e-mails a stored submission sends (staff named on the form)."""
        if self.to_address:
            send_submission_notice.enqueue(submission.pk)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["closed_message"] = self.closed_message()
        return context

    def serve(self, request, *args, **kwargs):
        # The form carries a CSRF token for this visitor: never kept by a cache or CDN.
        if request.method == "POST":
            response = self.serve_submission(request)
        else:
            response = super().serve(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def serve_submission(self, request):
        """A POST from the page: the thank-you page, or the form again with what was typed."""
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        status = 200
        if wait := seconds_to_wait(request):
            form.add_error(None, TOO_MANY.format(seconds=wait))
            status = 429
        elif form.is_valid():
            try:
                submission = self.accept(form)
            except FormClosed as closed:
                form.add_error(None, str(closed))
            else:
                return self.render_landing_page(request, submission)
        context = self.get_context(request)
        context["form"] = form
        response = TemplateResponse(request, self.get_template(request), context, status=status)
        if status == 429:
            response["Retry-After"] = str(wait)
        return response


class FormPage(AbstractFormPage):
    """A form on its own page: become a member city, contact us, a survey."""

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = []

    class Meta:
        verbose_name = "form page"


class FormField(AbstractFormField):
    """A field of a form page's form, in order."""

    page = ParentalKey(FormPage, on_delete=models.CASCADE, related_name="form_fields")
