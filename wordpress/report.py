"""What an import did: counts per kind and outcome, and a log of what was skipped and why."""

from collections import Counter, defaultdict
from dataclasses import dataclass

OUTCOMES = ("created", "updated", "unchanged", "skipped")
KINDS = ("topic", "person", "image", "document", "page", "post", "redirect", "comment",
         "custom field", "other")  # fmt: skip


@dataclass
class LogLine:
    """One line of the import's log: something skipped, or changed on the way in."""

    kind: str
    wp_id: str
    title: str
    message: str
    skipped: bool

    def __str__(self):
        what = "skipped" if self.skipped else "note"
        title = f" '{self.title[:60]}'" if self.title else ""
        return f"{what:8} {self.kind} {self.wp_id}{title}: {self.message}"


class Summary:
    """Counts per kind and outcome, and the log of what was skipped or changed, and why."""

    def __init__(self):
        self.counts = defaultdict(Counter)
        self.log = []

    def count(self, kind, outcome, number=1):
        self.counts[kind][outcome] += number

    def skip(self, kind, wp_id, title, reason, number=1):
        self.count(kind, "skipped", number)
        self.log.append(LogLine(kind, wp_id, title, reason, skipped=True))

    def note(self, kind, wp_id, title, message):
        self.log.append(LogLine(kind, wp_id, title, message, skipped=False))

    def table(self):
        """The summary as lines of text: one row per kind, one column per outcome."""
        header = f"{'':14}" + "".join(f"{outcome:>11}" for outcome in OUTCOMES)
        rows = [
            f"{kind:14}" + "".join(f"{self.counts[kind][outcome]:>11}" for outcome in OUTCOMES)
            for kind in KINDS
            if self.counts[kind]
        ]
        return [header, *rows]
