"""Image uploads the site can always show: every pixel decodes, and there are not too many.

Wagtail's image field counts pixels through Willow, which decodes the whole image first
(`image.load()`). So a file whose pixel data is broken raises an error there that Wagtail
does not catch (a 500 on upload), and a small file declaring tens of megapixels is decoded
in full before the pixel limit refuses it. The field here refuses an image over the limit
(`WAGTAILIMAGES_MAX_IMAGE_PIXELS`) from its header, before anything is decoded, turns a
failure to decode into a form error, and decodes every frame of an animated image as well.

The admin's single and multiple upload views both build their form from
`WAGTAILIMAGES_IMAGE_FORM_BASE`, which is `ImageForm` below.
"""

import logging
import warnings

from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from PIL import ImageSequence
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

logger = logging.getLogger(__name__)

# What Willow and Pillow raise on an image they cannot decode.
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError)
BROKEN = (
    "This image file is broken or incomplete, so it cannot be shown. Open it in an image "
    "editor, save or export it again, and upload the new file."
)

TOO_MANY_PIXELS = (
    "This image has too many pixels (%(num_pixels)s); the most an image may have is "
    "%(max_pixels_count)s. Scale it down in an image editor (6,000 by 4,000 pixels is more "
    "than the site needs) and upload it again."
)


class CheckedImageField(WagtailImageField):
    """Wagtail's image upload field, which also decodes every frame of the image."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages["broken_image"] = BROKEN
        self.error_messages["file_too_many_pixels"] = TOO_MANY_PIXELS

    def check_image_pixel_size(self, f):
        """The pixel limit, from the header; then Wagtail's check, which decodes the image
        to count its pixels and frames. A file that fails to decode is a broken image."""
        self.check_header_pixels(f)
        try:
            super().check_image_pixel_size(f)
        except DECODE_ERRORS as problem:
            raise self.broken(f, problem) from None

    def check_header_pixels(self, f):
        """Refuse an image whose header declares too many pixels, before anything decodes it."""
        if self.max_image_pixels is None:
            return
        try:
            # Reads the header only. Pillow warns of a size it still opens; this check answers it.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
                with PILImage.open(f) as image:
                    width, height = image.size
            pixels = f"{width * height:,}"
            too_many = width * height > self.max_image_pixels
        except PILImage.DecompressionBombError:  # over twice Pillow's limit (home/apps.py)
            pixels, too_many = f"more than {2 * PILImage.MAX_IMAGE_PIXELS:,}", True
        except Exception:  # not an image Pillow reads: Wagtail's checks say what is wrong
            return
        finally:
            f.seek(0)
        if too_many:
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {"num_pixels": pixels, "max_pixels_count": f"{self.max_image_pixels:,}"},
                code="file_too_many_pixels",
            )

    def to_python(self, data):
        """The uploaded file once Wagtail's checks pass and every frame has decoded."""
        f = super().to_python(data)  # format, file size and pixel count
        if f is None:
            return None
        try:
            with PILImage.open(f) as image:
                for frame in ImageSequence.Iterator(image):
                    frame.load()
        except Exception as problem:  # whatever a decoder raises: zlib.error, struct.error...
            raise self.broken(f, problem) from None
        finally:
            f.seek(0)
        return f

    def broken(self, f, problem):
        """The form error for a file whose pixels do not decode, with the cause logged."""
        logger.info("Refused a broken image upload %r: %s", f.name, problem)
        return ValidationError(self.error_messages["broken_image"], code="broken_image")


class ImageForm(BaseImageForm):
    """The admin's image form (single and multiple upload, edit) with the checked field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Swapped here rather than declared: a declared field would survive the `exclude`
        # of the multiple uploader's metadata form, which has no file.
        if isinstance(self.fields.get("file"), WagtailImageField):
            wagtail_field = self.fields["file"]
            self.fields["file"] = CheckedImageField(
                label=wagtail_field.label,
                required=wagtail_field.required,
                widget=wagtail_field.widget,
                help_text=wagtail_field.help_text,
            )
