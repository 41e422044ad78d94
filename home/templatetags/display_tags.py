"""Display helpers for templates: a page's type, time ranges, listing addresses."""

from django import template
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

register = template.Library()

DATE_FORMAT = "l, F j, Y"
TIME_FORMAT = "g:i A"


@register.filter
def page_type(page):
    """What kind of page this is, for people: "News article", "Event"."""
    model = getattr(page, "specific_class", None) or type(page)
    return str(model._meta.verbose_name).capitalize()


def _time(value, fmt):
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), format_date(value, fmt))


@register.simple_tag
def time_range(start, end=None):
    """Start and end, shown in their own time zone with its abbreviation (CST, EDT).

    Same day: "Thursday, March 12, 2026, 10:00 AM to 11:30 AM CDT" (with an en dash);
    otherwise both dates.
    The values are formatted as given, never converted to the site's time zone.
    """
    if start is None:
        return ""
    if end is None or end == start:
        return format_html("{}, {}", _time(start, DATE_FORMAT), _time(start, f"{TIME_FORMAT} T"))
    if start.date() == end.date():
        return format_html(
            "{}, {} \N{EN DASH} {}",
            _time(start, DATE_FORMAT),
            _time(start, TIME_FORMAT),
            _time(end, f"{TIME_FORMAT} T"),
        )
    return format_html(
        "{}, {} \N{EN DASH} {}, {}",
        _time(start, DATE_FORMAT),
        _time(start, f"{TIME_FORMAT} T"),
        _time(end, DATE_FORMAT),
        _time(end, f"{TIME_FORMAT} T"),
    )


@register.simple_tag
def listing_date(value, show_time=False):
    """A listing's date in its own time zone: "December 1, 2026"; with `show_time` (events)
    "December 1, 2026, 6:00 PM CST". Empty without one."""
    if value is None:
        return ""
    return _time(value, f"F j, Y, {TIME_FORMAT} T" if show_time else "F j, Y")


@register.simple_tag
def local_datetime(value):
    """One date and time in its own time zone: "Monday, March 2, 2026, 5:00 PM CST"."""
    if value is None:
        return ""
    return format_html("{}, {}", _time(value, DATE_FORMAT), _time(value, f"{TIME_FORMAT} T"))


@register.simple_tag(takes_context=True)
def listing_url(context, **changes):
    """This address with some query parameters changed; a value of None removes one.

    Keeps the other filters (?topic=, ?when=, ?q=) in pagination and filter links, and
    gives the bare path rather than a dangling "?" when no parameters are left.
    """
    request = context["request"]
    params = request.GET.copy()
    for name, value in changes.items():
        if value is None:
            params.pop(name, None)
        else:
            params[name] = value
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path
