"""What the importer made from which WordPress item, so a second import changes nothing."""

from django.db import models


class ImportedItem(models.Model):
    """One WordPress item (post, page, attachment, author, term) and the record made from it."""

    KINDS = [
        ("post", "post"),
        ("page", "page"),
        ("image", "image"),
        ("document", "document"),
        ("person", "person"),
        ("topic", "topic"),
    ]

    kind = models.CharField(max_length=20, choices=KINDS)
    # The post id, or for authors the login and for terms "category:slug" / "tag:slug".
    wp_id = models.CharField(max_length=200)
    object_id = models.PositiveBigIntegerField(help_text="The page, image, person... made.")
    # A digest of the item as exported: the same digest next time means nothing to update.
    fingerprint = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "wp_id"], name="unique_imported_item"),
        ]

    def __str__(self):
        return f"WordPress {self.kind} {self.wp_id}"
