"""The research section's feeds: its newest reports in RSS 2.0 and Atom, all or one topic's."""

from home.feeds import PageFeed


class ResearchFeed(PageFeed):
    """The newest research reports, with summary, dates, authors and topics."""

    default_description = "Research reports from the Mayors Innovation Project."
