"""`manage.py webhooks`: add, list and remove partner sites' webhook subscriptions."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from mipcms.webhooks.models import EVENT_NAMES, Subscription


class Command(BaseCommand):
    """The command-line twin of the admin's Webhooks > Subscriptions."""

    help = (
        "Manage webhook subscriptions: add URL [--secret whsec_...] --event E..., list, remove ID."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        add = actions.add_parser("add", help="Subscribe a URL to one or more events.")
        add.add_argument("url")
        add.add_argument(
            "--secret", help="Signing secret, whsec_ and base64 (generated if left out)."
        )
        add.add_argument(
            "--event",
            dest="events",
            action="append",
            choices=EVENT_NAMES,
            required=True,
            help="An event to send; repeat for more.",
        )
        add.add_argument("--description", default="", help="Who this is for.")
        actions.add_parser("list", help="List subscriptions.")
        remove = actions.add_parser("remove", help="Delete a subscription and its log.")
        remove.add_argument("id", type=int)

    def handle(self, *args, action, **options):
        getattr(self, f"handle_{action}")(**options)

    def handle_add(self, url, secret, events, description, **options):
        subscription = Subscription(
            url=url, events=list(dict.fromkeys(events)), description=description
        )
        if secret:
            subscription.secret = secret
        try:
            subscription.full_clean()
        except ValidationError as error:
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            ) from error
        subscription.save()
        self.stdout.write(
            f"Subscription {subscription.pk}: {url} receives {', '.join(subscription.events)}."
        )
        if not secret:
            self.stdout.write(f"Signing secret (give it to the partner): {subscription.secret}")

    def handle_list(self, **options):
        for subscription in Subscription.objects.all():
            state = (
                "active" if subscription.active else f"inactive {subscription.deactivated_reason}"
            )
            self.stdout.write(
                f"{subscription.pk}\t{subscription.url}\t{','.join(subscription.events)}\t{state}".rstrip()
            )

    def handle_remove(self, id, **options):
        deleted, _ = Subscription.objects.filter(pk=id).delete()
        if not deleted:
            raise CommandError(f"No subscription with id {id}.")
        self.stdout.write(f"Subscription {id} removed.")
