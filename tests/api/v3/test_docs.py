"""The v3 schema and interactive docs: on while developing, off in production unless asked."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings

DOCS_URLS = ["/api/v3/openapi.json", "/api/v3/docs/"]


@pytest.mark.parametrize("url", DOCS_URLS)
def test_docs_served_when_enabled(client, settings, site, url):
    settings.WAGTAILAPI_DOCS_ENABLED = True
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", DOCS_URLS)
def test_docs_hidden_when_disabled(client, settings, site, url):
    settings.WAGTAILAPI_DOCS_ENABLED = False
    assert client.get(url).status_code == 404


def test_schema_documents_the_writable_news_fields(client, settings, site):
    """The contract automation relies on: creating a news article with these fields."""
    settings.WAGTAILAPI_DOCS_ENABLED = True
    schema = client.get("/api/v3/openapi.json").json()

    assert {"/api/v3/pages/", "/api/v3/pages/{page_id}/actions/publish/"} <= set(schema["paths"])
    create = schema["components"]["schemas"]["NewsArticlePageCreateSchema"]
    assert set(create["properties"]) >= {
        "meta",
        "title",
        "slug",
        "listing_title",
        "summary",
        "go_live_at",
        "expire_at",
        "publication_date",
        "body",
    }
    assert create["required"] == ["meta", "title"]


def setting_value(name, module="mipcms.settings.production", **env):
    """A setting's value as `module` computes it, in a fresh process with this environment."""
    clean_env = {key: value for key, value in os.environ.items() if key != "API_DOCS_ENABLED"}
    clean_env |= {
        "DJANGO_SETTINGS_MODULE": module,
        "DJANGO_SECRET_KEY": "a-long-random-production-secret-for-this-check-only",
        "DJANGO_ALLOWED_HOSTS": "cms.mip.example",
        "DATABASE_URL": "sqlite:////tmp/mipcms-settings-check.sqlite3",
        "PUBLIC_BASE_URL": "https://cms.mip.example",
        **env,
    }
    code = f"import json; from django.conf import settings; print(json.dumps(settings.{name}))"
    result = subprocess.run(  # noqa: S603 (fixed argv, no shell)
        [sys.executable, "-c", code],
        env=clean_env,
        cwd=django_settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    "env, enabled",
    [({}, False), ({"API_DOCS_ENABLED": "true"}, True), ({"API_DOCS_ENABLED": "0"}, False)],
    ids=["unset", "true", "0"],
)
def test_production_settings_leave_docs_off_unless_asked(env, enabled):
    assert setting_value("WAGTAILAPI_DOCS_ENABLED", **env) is enabled


def test_development_settings_turn_docs_on():
    assert setting_value("WAGTAILAPI_DOCS_ENABLED", module="mipcms.settings.dev") is True
