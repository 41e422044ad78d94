"""Generated v3 requests (hypothesis strategies) for tests/api/v3/test_bad_input.py.

Every operation of v3's OpenAPI schema, with path values, query strings and JSON bodies
built from the adversarial values v2's tests use (tests/api/test_bad_input.py), mixed with
values close to what each parameter expects so that requests reach the database.
"""

import re
from urllib.parse import quote

from hypothesis import strategies as st
from wagtail.models import get_page_models
from wagtail.snippets.models import get_snippet_models

from mipcms.api.v3 import v3_api
from tests.api.test_bad_input import DATES, INTEGERS, MEANINGFUL, ORDERINGS, VALUES, WORDS
from tests.api.v3.clients import ARTICLE_BODY

# Searches the issue found answered with a 500.
SEARCHES = {
    "170 words": " ".join(["water"] * 170),
    "1,000 words": " ".join(f"w{n}" for n in range(1000)),
    "syntax characters": '%_*"\\^~:!&|(){}[]<>',
    "unbalanced quote": '"water',
    "words and syntax": "water* OR (rates:frozen)",
}

OPERATIONS = sorted(
    (method.upper(), path, [param["name"] for param in operation.get("parameters", [])])
    for path, operations in v3_api.get_openapi_schema()["paths"].items()
    for method, operation in operations.items()
)
PATH_PARAMETER = re.compile(r"\{(\w+)\}")
# v3's own parameters beyond v2's, and some no endpoint knows.
EXTRA_NAMES = ["version", "format", "user_id", "object_str", "position", "pk", "_", "id__gt"]
SNIPPET_TYPES = [model._meta.label for model in get_snippet_models()]
PAGE_TYPE_LABELS = [model._meta.label for model in get_page_models()]


def path_values(rows, name):
    """Values for a path parameter: real ids, numbers of every size, any text."""
    numbers = INTEGERS.filter(lambda value: not value.startswith("-"))
    ids = st.sampled_from(rows["pages"] + rows["revisions"] + rows["media"]).map(str)
    named = {
        "type": st.sampled_from([*SNIPPET_TYPES, "news.Nothing", "x"]),
        "type_name": st.sampled_from([*PAGE_TYPE_LABELS, "pages", "news.Nothing"]),
    }
    text = st.text(min_size=1, max_size=20).map(lambda value: quote(value, safe=""))
    return st.one_of(named.get(name, ids), numbers, text)


def query_values(rows, name):
    """Values close to what the parameter expects, and hostile ones."""
    ids = st.one_of(st.sampled_from(rows["pages"]).map(str), INTEGERS)
    plausible = {
        "limit": INTEGERS,
        "offset": INTEGERS,
        "search": st.one_of(WORDS, st.sampled_from(list(SEARCHES.values()))),
        "order": ORDERINGS,
        "type": st.sampled_from(PAGE_TYPE_LABELS + SNIPPET_TYPES),
        "html_path": st.one_of(st.sampled_from(rows["paths"]), st.text(max_size=30)),
        "version": st.sampled_from(["live", "draft", "latest"]),
        "rich_text_format": st.sampled_from(["html", "db_html", "db_markdown", "raw", ""]),
        **dict.fromkeys(["id", "child_of", "descendant_of", "ancestor_of", "translation_of"], ids),
        **dict.fromkeys(["created_at_from", "created_at_to", "approved_go_live_at_from"], DATES),
    }
    values = plausible.get(name, VALUES)
    return st.one_of(values, values, VALUES)


# JSON values of every kind, as a client might send in any field.
JSON = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(2**70), max_value=2**70),
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from(MEANINGFUL),
        st.text(max_size=30),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
# Keys the write endpoints know, so bodies get past the first check.
BODY_KEYS = [
    *["meta", "title", "slug", "summary", "body", "listing_title", "publication_date"],
    *["go_live_at", "expire_at", "seo_title", "search_description", "show_in_menus"],
    *["destination_id", "recursive", "keep_live", "position", "revision_id", "locale"],
    *["hostname", "port", "root_page", "is_default_site", "old_path", "redirect_page"],
    *["redirect_link", "is_permanent", "tags", "collection", "alt"],
]
BLOCKS = st.lists(
    st.one_of(
        st.sampled_from(ARTICLE_BODY),
        st.fixed_dictionaries(
            {"type": st.sampled_from(["paragraph", "heading", "image", "quote", "nope"])},
            optional={"value": JSON, "id": JSON},
        ),
        JSON,
    ),
    max_size=4,
)


def bodies(rows):
    """JSON bodies: objects of known keys with plausible and hostile values, or anything."""
    meta = st.fixed_dictionaries(
        {},
        optional={
            "type": st.sampled_from([*PAGE_TYPE_LABELS, "news.Nothing", ""]),
            "parent_id": st.one_of(st.sampled_from(rows["pages"]), st.integers(-5, 2**70), JSON),
            "action": st.sampled_from(["publish", "draft", None]),
        },
    )
    values = {
        "meta": st.one_of(meta, JSON),
        "body": st.one_of(BLOCKS, JSON),
        **dict.fromkeys(["go_live_at", "expire_at", "publication_date"], st.one_of(DATES, JSON)),
        **dict.fromkeys(
            ["destination_id", "revision_id", "root_page"],
            st.one_of(st.sampled_from(rows["pages"] + rows["revisions"]), st.integers(), JSON),
        ),
    }
    known = st.sampled_from(BODY_KEYS).flatmap(
        lambda key: st.tuples(st.just(key), values.get(key, JSON))
    )
    objects = st.lists(known, max_size=6).map(dict)
    return st.one_of(objects, objects, objects, JSON)


def requests(rows):
    """(method, path, query, body) of any operation of the schema."""

    def build(operation):
        method, template, parameters = operation
        in_path = PATH_PARAMETER.findall(template)
        path_parts = st.fixed_dictionaries({name: path_values(rows, name) for name in in_path})
        in_query = [name for name in parameters if name not in in_path] + EXTRA_NAMES
        names = st.one_of(st.sampled_from(in_query), st.text(max_size=8))
        pairs = names.flatmap(lambda name: st.tuples(st.just(name), query_values(rows, name)))
        body = bodies(rows) if method in {"POST", "PATCH", "PUT"} else st.none()
        return st.tuples(
            st.just(method),
            path_parts.map(lambda values: template.format(**values)),
            st.lists(pairs, max_size=4),
            body,
        )

    return st.sampled_from(OPERATIONS).flatmap(build)
