"""Front-end preview: a second admin preview mode that shows the draft on the consuming site.

When a preview client URL is configured (PREVIEW_CLIENT_URL), the editor's preview panel
offers "Front end (API)" beside the site's own "Web page" preview. That mode stores the
unsaved draft (wagtail-headless-preview's PagePreview), signs a short-lived token naming it,
and frames the front end's preview route with `?content_type=...&token=...`; the front end
reads the draft from /api/v2/preview/ (home/api/preview.py). See docs/api.md.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.signing import BadSignature
from django.db import transaction
from django.shortcuts import render
from django.utils.http import urlencode
from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview
from wagtail_headless_preview.settings import headless_preview_settings

FRONT_END_PREVIEW_MODE = "front-end"


def front_end_preview_enabled():
    """Whether a front end to preview in is configured (the mode is offered only then)."""
    return bool(headless_preview_settings.CLIENT_URLS)


def stored_previews(identifier):
    """The stored drafts whose tokens name this identifier (tokens are `identifier:time:sig`)."""
    return PagePreview.objects.filter(token__startswith=f"{identifier}:")


class FrontEndPreviewMixin(HeadlessPreviewMixin):
    """Adds the "Front end (API)" preview mode; the default stays the site's own web page."""

    @property
    def preview_modes(self):
        modes = [("", "Web page")]
        if front_end_preview_enabled():
            modes.append((FRONT_END_PREVIEW_MODE, "Front end (API)"))
        return modes

    def serve_preview(self, request, mode_name):
        if mode_name != FRONT_END_PREVIEW_MODE or not front_end_preview_enabled():
            # Past HeadlessPreviewMixin, whose serve_preview is the front-end one, to Page's.
            return super(HeadlessPreviewMixin, self).serve_preview(request, mode_name)
        token = self.store_preview(request.user)
        # A page framing the front end, rather than a redirect: Wagtail's preview panel keeps
        # working with a same-origin frame (a cross-origin one delays each refresh by 10s).
        return render(
            request,
            "wagtail_headless_preview/preview.html",
            {"preview_url": self.get_preview_url(request, token)},
        )

    def preview_identifier(self, user):
        """What a token names: the page (or a new one of this type and parent) and the editor."""
        if self.pk is None:
            page = f"parent_id={self.get_parent().pk};page_type={self._meta.label}"
        else:
            page = f"id={self.pk}"
        return f"{page};editor={user.pk}"

    def store_preview(self, user):
        """Store this draft as the editor's preview of the page; a fresh token for it."""
        # Each editor has one stored draft per page, replaced on every refresh, so a panel
        # refreshing as they type does not pile up rows; those left are deleted after a day.
        PagePreview.garbage_collect()
        identifier = self.preview_identifier(user)
        token = self.get_preview_signer().sign(identifier)
        with transaction.atomic():
            stored_previews(identifier).delete()
            PagePreview.objects.create(
                token=token, content_type=self.content_type, content_json=self.to_json()
            )
        return token

    def get_preview_url(self, request, token):
        url = self.get_client_root_url(request)
        query = urlencode({"content_type": self.get_content_type_str(), "token": token})
        return f"{url}{'&' if '?' in url else '?'}{query}"

    @classmethod
    def get_page_from_preview_token(cls, token):
        """The draft an unexpired token of this page type names (an unsaved page), or None."""
        try:
            identifier = cls.get_preview_signer().unsign(
                token, max_age=settings.PREVIEW_TOKEN_MAX_AGE
            )
        except BadSignature:  # tampered with, or expired (SignatureExpired)
            return None
        # The latest draft of the token's page and editor: an older, unexpired token (a
        # front end open in another tab) shows the edits made since, as the web preview does.
        preview = (
            stored_previews(identifier)
            .filter(content_type=ContentType.objects.get_for_model(cls))
            .order_by("-pk")
            .first()
        )
        return preview.as_page() if preview else None
