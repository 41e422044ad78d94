"""`manage.py load_demo`: fill the site with demo content; safe to run again."""

from django.core.management.base import BaseCommand, CommandError

from site_setup.demo.loader import DemoContentError, load_demo


class Command(BaseCommand):
    """Loads the demo topics, people, cities, pages, images and PDFs into the default site."""

    help = "Load demo content (pages, images, PDFs, records). Running it again creates nothing."

    def handle(self, *args, **options):
        try:
            tally = load_demo()
        except DemoContentError as error:
            raise CommandError(str(error)) from error
        if options["verbosity"] > 1:
            for line in tally.details():
                self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(tally.summary()))
