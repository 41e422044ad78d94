"""The admin dashboard warns staff when a background worker has stopped checking in."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from home.admin_panels import site_time
from mipcms import page_cache
from mipcms.health import silent_workers

# Public pages may be kept in the anonymous page cache (mipcms/page_cache.py).
hooks.register("before_serve_page", page_cache.mark_public_page)


class BackgroundServicesPanel(Component):
    """A warning on the dashboard: which background worker is silent, and what waits on it."""

    name = "background_services"
    template_name = "mipcms/admin/background_services_panel.html"
    # At the top: everything else on the dashboard is less urgent.
    order = 10

    def __init__(self, silent):
        self.silent = silent

    def get_context_data(self, parent_context):
        """One line per silent worker, with its last check-in in the site's time zone."""
        return {
            "workers": [
                {"label": label, "since": site_time(last) if last else None}
                for label, last in self.silent
            ]
        }


@hooks.register("construct_homepage_panels")
def warn_about_silent_background_workers(request, panels):
    """Add the warning only while the scheduler or the task worker is silent."""
    silent = [(label, last) for label, last, _age in silent_workers().values()]
    if silent:
        panels.append(BackgroundServicesPanel(silent))
