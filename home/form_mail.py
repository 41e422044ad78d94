"""The e-mail a form submission sends to the staff named on its form, as a background task."""

from django.conf import settings
from django.core.mail import EmailMessage
from django_tasks import task
from wagtail.contrib.forms.models import FormSubmission


def submission_text(page, submission):
    """The submission as `Label: value` lines, in the form's order (lists comma-separated)."""
    data = submission.get_data()
    lines = []
    for name, label in page.get_data_fields():
        if name == "submit_time" or name not in data:
            continue
        value = data[name]
        if isinstance(value, list):
            value = ", ".join(str(item) for item in value)
        lines.append(f"{label}: {value}")
    return "\n".join(lines)


def recipients(page):
    """The addresses named on the form (its `to_address`, comma-separated)."""
    return [address.strip() for address in page.to_address.split(",") if address.strip()]


@task()
def send_submission_notice(submission_id):
    """E-mail one submission to the staff its form names; False if it or they are gone."""
    submission = FormSubmission.objects.select_related("page").filter(pk=submission_id).first()
    if submission is None:
        return False
    page = submission.page.specific
    to = recipients(page)
    if not to:
        return False
    message = EmailMessage(
        subject=page.subject or f"New submission: {page.title}",
        body=f"{submission_text(page, submission)}\n\nSubmitted to {page.full_url}",
        from_email=page.from_address or settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
    message.send()
    return True
