"""Checks of query strings both APIs share: a bad parameter is a 400 naming it, never a 500."""

from wagtail.api.v2.utils import BadRequestError

# Largest primary key the database can hold; larger ids cannot exist.
MAX_ID = 2**31 - 1
# Parameters whose value is a page id ("root" too, where marked).
ID_PARAMETERS = {"id": False, "child_of": True, "descendant_of": True, "ancestor_of": False,
                 "translation_of": True}  # fmt: skip


def is_number(value):
    """Whether the text is a plain whole number (ASCII digits only: "²".isdigit() is true)."""
    return value.isascii() and value.isdigit()


def check_query_string(query):
    """Raise BadRequestError for a parameter no endpoint could use: control characters, ids."""
    for name, value in query.items():
        if any(not ch.isprintable() for ch in name + value):
            raise BadRequestError(f"query parameter {name!r} contains a control character")
        if name in {"limit", "offset"} and not (is_number(value) and int(value) <= MAX_ID):
            raise BadRequestError(f"'{name}' must be a whole number, got {value!r}")
        if name in ID_PARAMETERS:
            allow_root = ID_PARAMETERS[name]
            if not (is_number(value) and 0 < int(value) <= MAX_ID) and not (
                allow_root and value == "root"
            ):
                raise BadRequestError(f"'{name}' must be a page id, got {value!r}")
