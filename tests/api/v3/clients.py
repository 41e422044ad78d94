"""Staff users, their API tokens (made as staff make them) and a JSON client for /api/v3/."""

import json
from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client


def staff_user(django_user_model, username, group_name=None, **extra):
    """A user with a password, in one of the site's groups when `group_name` is given."""
    user = django_user_model.objects.create_user(
        username, f"{username}@mip.example", password="pw", **extra
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


def create_token(user, name="tests"):
    """A new API token for this user, made the way staff make one (manage.py api_tokens)."""
    out = StringIO()
    call_command("api_tokens", "create", "--user", user.get_username(), "--name", name, stdout=out)
    return out.getvalue().strip()


class APIClient:
    """Django's test client speaking JSON to /api/v3/, with a bearer token when given one."""

    def __init__(self, token=None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def request(self, method, path, body=None, **params):
        url = path if path.startswith("/") else f"/api/v3/{path}"
        kwargs = {"headers": self.headers}
        if body is not None:
            kwargs.update(data=json.dumps(body), content_type="application/json")
        elif params:
            kwargs["data"] = params
        return getattr(self.client, method)(url, **kwargs)

    def get(self, path, **params):
        return self.request("get", path, **params)

    def post(self, path, body=None):
        return self.request("post", path, {} if body is None else body)

    def patch(self, path, body):
        return self.request("patch", path, body)

    def delete(self, path):
        return self.request("delete", path)


# A story body as a v3 client writes it: StreamField blocks with their API names.
ARTICLE_BODY = [
    {"type": "heading", "value": {"text": "What the cities did", "level": "h2"}},
    {"type": "paragraph", "value": "<p>Three member cities <b>replaced</b> their lead lines.</p>"},
]


def news_article(parent, title, action=None, **fields):
    """The v3 create payload of a news article under `parent` (action="publish" publishes)."""
    meta = {"type": "news.NewsArticlePage", "parent_id": parent.pk}
    if action:
        meta["action"] = action
    return {
        "meta": meta,
        "title": title,
        "summary": "How three member cities paid for lead line replacement.",
        "body": ARTICLE_BODY,
        **fields,
    }
