"""The event editor form: start, end and deadline are typed in the event's own time zone."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm

LOCAL_TIME_FIELDS = ("start", "end", "registration_deadline")


class EventPageForm(WagtailAdminPageForm):
    """Shows and reads event times as wall-clock times in the event's time zone.

    Django would read a typed time in the editor's time zone, so "10:00" for a Boston event
    typed by a Chicago editor would be stored an hour late. Here the wall-clock time is
    re-read in the zone chosen on the form.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = ZoneInfo(self.instance.time_zone or settings.TIME_ZONE)
        for name in LOCAL_TIME_FIELDS:
            value = getattr(self.instance, name, None)
            if name in self.fields and value is not None:
                self.initial[name] = timezone.localtime(value, zone).replace(tzinfo=None)

    def clean(self):
        cleaned = super().clean()
        zone_name = cleaned.get("time_zone") or settings.TIME_ZONE
        try:
            zone = ZoneInfo(zone_name)
        except (KeyError, ValueError):
            return cleaned
        editor_zone = timezone.get_current_timezone()
        for name in LOCAL_TIME_FIELDS:
            value = cleaned.get(name)
            if value is not None:
                wall_clock = timezone.localtime(value, editor_zone).replace(tzinfo=None)
                cleaned[name] = wall_clock.replace(tzinfo=zone)
        return cleaned
