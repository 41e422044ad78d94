"""The news section's feeds: its newest stories in RSS 2.0 and Atom, all or one topic's."""

from home.feeds import PageFeed


class NewsFeed(PageFeed):
    """The newest news stories, with summary, dates, authors and topics."""

    default_description = "News from the Mayors Innovation Project and its member cities."
