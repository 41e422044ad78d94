"""The form a form page shows and the JSON API accepts: Wagtail's builder plus a honeypot.

One form class per page, built from the fields editors add (Wagtail's FormBuilder), checks
both the HTML form and JSON submissions (mipcms/api/forms.py), so the two never disagree.
It adds a honeypot: a text input hidden from people and screen readers that bots fill in.
A submission with it filled gets the usual thank-you and is not stored or e-mailed. Its name
has a hyphen, which no field editors add can have (their names are snake_case).
"""

import django.forms
from wagtail.contrib.forms.forms import BaseForm, FormBuilder

HONEYPOT = "your-website"
# Field types whose `choices` are a list, and those with several values (a list) each.
CHOICE_TYPES = {"dropdown", "multiselect", "radio", "checkboxes"}
MULTIPLE_TYPES = {"multiselect", "checkboxes"}


class SubmissionForm(BaseForm):
    """A form page's form: the editors' fields, and the honeypot (never in cleaned_data)."""

    def clean(self):
        cleaned_data = super().clean()
        self.is_spam = bool(cleaned_data.pop(HONEYPOT, ""))
        return cleaned_data

    def questions(self):
        """The fields people answer (bound), in order: all but the honeypot."""
        return [field for field in self if field.name != HONEYPOT]

    def honeypot(self):
        """The honeypot's bound field, rendered hidden."""
        return self[HONEYPOT]


class SubmissionFormBuilder(FormBuilder):
    """Wagtail's form builder, adding the honeypot to every form it builds."""

    @property
    def formfields(self):
        fields = super().formfields
        fields[HONEYPOT] = django.forms.CharField(
            label="Leave this empty",
            required=False,
            max_length=255,
            widget=django.forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        return fields

    def get_form_class(self):
        return type("SubmissionForm", (SubmissionForm,), dict(self.formfields))


def field_representation(field):
    """One form field as the API describes it to a site that shows the form itself."""
    builder = SubmissionFormBuilder([])
    choices = []
    if field.field_type in CHOICE_TYPES:
        choices = [value for value, _ in builder.get_formatted_field_choices(field)]
    if field.field_type in MULTIPLE_TYPES:
        default = [v for v in builder.get_formatted_field_initial(field) if v]
    elif field.field_type == "checkbox":
        default = bool(field.default_value.strip())
    else:
        default = field.default_value
    return {
        "name": field.clean_name or field.get_field_clean_name(),
        "label": field.label,
        "type": field.field_type,
        "required": field.required,
        "choices": choices,
        "help_text": field.help_text,
        "default": default,
    }
