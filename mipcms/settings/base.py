"""Settings shared by every environment; safe for production on their own.

Everything that differs between machines comes from an environment variable, listed in
.env.example and docs/deployment.md. dev.py and test.py relax these; production.py adds
infrastructure and refuses to start without what it needs.
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from mipcms.request_log import logging_settings

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list of non-empty, stripped items."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_bool(name, default=False):
    """An environment variable read as a boolean ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


# No default secret: dev.py and test.py set their own, production.py demands one.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "news",
    "research",
    "events",
    "search",
    "site_setup",
    "wordpress",
    "mipcms",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.forms",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "wagtail_headless_preview",
    "wagtail_modeladmin",
    "mipcms.webhooks",
    "django_tasks",
    "django_tasks_db",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "corsheaders",
    "axes",
    "csp",
    # Serves the v3 API docs' Swagger UI from our static files rather than a CDN with an
    # inline script, so it works under the Content-Security-Policy.
    "ninja",
]

MIDDLEWARE = [
    # Answers /health/live and /health/ready before host checks, the HTTPS redirect and the
    # request log: load balancers probe by IP over plain HTTP every few seconds (mipcms/health.py).
    "mipcms.health.HealthCheckMiddleware",
    # Then this: it times the whole request, and tags every log line with the request id.
    "mipcms.request_log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response (django-csp; the policy: mipcms/csp.py).
    "mipcms.csp.ContentSecurityPolicyMiddleware",
    # Anonymous GETs of public pages answered from the cache (after CSP: each answer gets a
    # fresh nonce; before sessions: a visitor with a session cookie is never served from it).
    "mipcms.page_cache.PageCacheMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Before the session middleware: the API reads no cookies.
    "mipcms.api.middleware.APIMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Wagtail's redirects, except to pages visitors may not see (mipcms/redirects.py).
    "mipcms.redirects.VisibleRedirectMiddleware",
    # Rich text links loaded once per request (and absolute in the API): home/richtext.py.
    "home.richtext.RichTextLinksMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "mipcms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "mipcms.wsgi.application"

# SQLite is the embedded default; DATABASE_URL (postgres://...) switches to PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable database fails a request in seconds (a 503), not after minutes.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in lockout (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords in a row for one
# user name from one address, that pair is refused for LOGIN_LOCKOUT_MINUTES (each further try
# starts the wait again). Unlock early with `manage.py axes_reset_username <name>` (or
# axes_reset_ip, axes_reset): docs/deployment.md. Failures are counted in the database, so
# every app server shares them.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
LOGIN_LOCKOUT_MINUTES = float(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15"))
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
# The pair, not either alone: a stranger guessing a colleague's password from elsewhere does
# not lock that colleague out of their own desk.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_COOLOFF_MESSAGE = (
    f"Too many failed sign-ins. Try again in {LOGIN_LOCKOUT_MINUTES:g} minutes, "
    "or ask an administrator to unlock your account."
)
# Behind reverse proxies the connecting address is the proxy's: how many proxies append to
# X-Forwarded-For in front of the site (0: the header is not trusted). mipcms/login_lockout.py.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "mipcms.login_lockout.client_ip"

LANGUAGE_CODE = "en-us"
# The site's own time zone: schedules and event times are shown in it unless an event
# names its own zone.
TIME_ZONE = os.environ.get("SITE_TIME_ZONE", "America/Chicago")
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Content-Security-Policy (django-csp, chosen per address by mipcms/csp.py). Videos play in
# privacy-friendly players from these two hosts (home/blocks/media.py).
VIDEO_FRAME_SOURCES = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
# The public site: scripts only from this site or with the request's nonce, no inline styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF, *VIDEO_FRAME_SOURCES],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# The admin (and the previews it serves): what Wagtail 8's templates need, which is inline
# <script> elements and style attributes, blob: image previews while uploading, and the
# front-end preview's frame (PREVIEW_CLIENT_URL, below). Still nothing from other sites.
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
    }
}

# Security headers and cookies: on by default, relaxed only by dev.py/test.py.
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Wagtail's preview panel frames the site from the admin on the same origin.
X_FRAME_OPTIONS = "SAMEORIGIN"

# Logs: one console handler; one line per request (mipcms/request_log.py). "json" writes
# JSON lines (production's default), "text" plain lines.
LOGGING = logging_settings(
    log_format=os.environ.get("LOG_FORMAT", "text").strip().lower(),
    level=os.environ.get("LOG_LEVEL", "INFO"),
    wagtail_level=os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING"),
)
# Sign-in lockout: failures and lockouts are warnings; its start-up banner is noise.
LOGGING["loggers"]["axes"] = {"level": "WARNING"}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Wagtail
WAGTAIL_SITE_NAME = "Mayors Innovation Project"
# The public address of the site: used for absolute links in the admin, emails and APIs.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = PUBLIC_BASE_URL
WAGTAILIMAGES_IMAGE_MODEL = "home.CustomImage"
WAGTAILDOCS_DOCUMENT_MODEL = "home.CustomDocument"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
# The most pixels (width x height x frames) an uploaded image may have. A small file can hold
# a huge image, and making its first rendition takes about 4 bytes a pixel of memory: larger
# uploads are refused, and Pillow refuses to open larger files anywhere (home/apps.py).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(float(os.environ.get("IMAGE_MAX_MEGAPIXELS", "40")) * 10**6)

# The largest WordPress export `manage.py import_wordpress` reads (in MB); larger ones are
# refused before parsing (split the export by date in WordPress).
WORDPRESS_IMPORT_MAX_BYTES = int(float(os.environ.get("WORDPRESS_IMPORT_MAX_MB", "200")) * 10**6)
# Uploads decode every pixel, so a broken file gets a form error (home/image_uploads.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.image_uploads.ImageForm"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Documents are served through Django so collection privacy is always enforced.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# The database backend: full-text search with English stemming on PostgreSQL ("housing"
# finds "houses"); SQLite's FTS5 matches whole words only. Changing search_fields or the
# config needs `manage.py update_index` (docs/deployment.md).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"}
}
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Staff avatars are uploaded or Wagtail's default: no Gravatar, which would send a hash of each
# editor's email address to another site (and need an exception in the admin's CSP).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# Review emails go to the Moderators group (and the submitter), not to every superuser.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

# Caches. "default" is each process's memory unless production.py points it at Redis.
# "search_hits" keeps the count of visitors' searches until the task worker writes them to
# the admin's search terms report (search/hits.py): a folder on disk, which the web server
# and the worker on one machine share (a memory cache would keep each process's counts where
# the worker never sees them). With Redis, production.py counts in Redis instead.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "search_hits": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": os.environ.get("SEARCH_HITS_DIR", str(BASE_DIR / "var" / "search-hits")),
    },
}
SEARCH_HITS_CACHE = "search_hits"

# The content API (docs/api.md): v2 is the public read API, v3 the token-authenticated one.
# Absolute URLs in API responses use the public address.
WAGTAILAPI_BASE_URL = PUBLIC_BASE_URL
# Rich text (also inside StreamField) goes out as display HTML with real links.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_LIMIT_MAX = 100
WAGTAILAPI_SEARCH_ENABLED = True
# The v3 API's interactive docs and OpenAPI schema: off unless turned on (dev.py does).
WAGTAILAPI_DOCS_ENABLED = env_bool("API_DOCS_ENABLED", False)
# Seconds browsers and CDNs may reuse a public API response before asking again.
API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "30"))
# Cross-origin reads of the public API: "*" (the default) or a comma-separated origin list.
API_CORS_ALLOWED_ORIGINS = env_list("API_CORS_ALLOWED_ORIGINS", "*")
# The form submission endpoint answers cross-origin requests itself (mipcms/api/forms.py).
CORS_URLS_REGEX = r"^/api/v2/(?!forms/)"
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_ALL_ORIGINS = API_CORS_ALLOWED_ORIGINS == ["*"]
CORS_ALLOWED_ORIGINS = [] if CORS_ALLOW_ALL_ORIGINS else API_CORS_ALLOWED_ORIGINS
CORS_EXPOSE_HEADERS = ("ETag",)
# Forms (home/models/forms.py, docs/api.md): how many submissions one client address may send
# a minute, HTML and JSON together (0: no limit); and the origins of other sites whose pages
# may POST submissions as JSON from a browser (comma-separated; none by default).
FORM_SUBMISSIONS_PER_MINUTE = int(os.environ.get("FORM_SUBMISSIONS_PER_MINUTE", "5"))
FORMS_CORS_ALLOWED_ORIGINS = env_list("FORMS_CORS_ALLOWED_ORIGINS")
# Front-end preview (docs/api.md): the consuming site's preview route, which the admin's
# "Front end (API)" preview mode frames with `?content_type=...&token=...`. Empty (the
# default) leaves only the site's own preview. Used exactly as given, query string and all.
preview_client_url = os.environ.get("PREVIEW_CLIENT_URL", "").strip()
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": preview_client_url} if preview_client_url else {},
    "ENFORCE_TRAILING_SLASH": False,
}
if preview_client_url:
    # The admin frames the front end's preview route.
    ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"] = [
        *ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]["frame-src"],
        "{0.scheme}://{0.netloc}".format(urlsplit(preview_client_url)),
    ]
# Seconds a preview token shows its draft. Tokens travel in URLs (browser history, server
# logs), and the admin's preview panel issues a fresh one on every refresh, so half an hour
# is enough to read a preview in a new tab. At most a day: stored drafts are deleted then.
PREVIEW_TOKEN_MAX_AGE = int(os.environ.get("PREVIEW_TOKEN_MAX_AGE", "1800"))
# The v2 API is anonymous: no session or basic authentication (and so no `Vary: Cookie`).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
}

# Background tasks (django-tasks): cache purges, search index updates and webhook deliveries
# wait in a durable queue in the database until `manage.py run_worker` runs them
# (mipcms/task_worker.py), so a publish never waits for a CDN or a partner. "inline" runs a
# task at once in the process that asks for it: only the reference index uses it, because the
# embargo on files reads it (mipcms/apps.py).
TASKS = {
    "default": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    "inline": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
}
# The longest any network call of a task may wait for an answer (a hung CDN or partner):
# past it the task fails and the worker goes on with the next.
TASK_NETWORK_TIMEOUT_SECONDS = float(os.environ.get("TASK_NETWORK_TIMEOUT_SECONDS", "30"))

# The scheduler (manage.py run_scheduler) wakes at each go-live or expiry moment and when
# PostgreSQL tells it a schedule changed; this is the longest it sleeps without either.
SCHEDULER_RECHECK_SECONDS = float(os.environ.get("SCHEDULER_RECHECK_SECONDS", "60"))
# A copy of the site that is not production (a restored backup, a staging server): while
# true it delivers no webhooks, purges no front-end cache and publishes nothing on
# schedule, so it never acts on production's partners, CDN or timetable.
# The scheduler and webhook queueing check it; the front-end cache is switched off below.
STAGING = env_bool("STAGING", False)

# Front-end cache purging (mipcms/cache_purge.py): off unless FRONTEND_CACHE names a backend.
# Always off on a STAGING copy.
# "http" purges a Varnish or Squid at FRONTEND_CACHE_LOCATION with PURGE requests;
# "cloudflare" and "cloudfront" use those CDNs' APIs.
FRONTEND_CACHE = os.environ.get("FRONTEND_CACHE", "").strip().lower()
FRONTEND_CACHE_BACKENDS = {
    # name: (Wagtail backend, {its setting: the environment variable that holds it})
    "http": (
        "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        {"LOCATION": "FRONTEND_CACHE_LOCATION"},
    ),
    "cloudflare": (
        "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        {"BEARER_TOKEN": "CLOUDFLARE_BEARER_TOKEN", "ZONEID": "CLOUDFLARE_ZONE_ID"},
    ),
    "cloudfront": (
        "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        {"DISTRIBUTION_ID": "CLOUDFRONT_DISTRIBUTION_ID"},
    ),
}
WAGTAILFRONTENDCACHE = {}
if FRONTEND_CACHE and not STAGING:
    if FRONTEND_CACHE not in FRONTEND_CACHE_BACKENDS:
        raise ImproperlyConfigured(
            f"FRONTEND_CACHE must be one of {', '.join(FRONTEND_CACHE_BACKENDS)}"
        )
    backend, variables = FRONTEND_CACHE_BACKENDS[FRONTEND_CACHE]
    missing = [name for name in variables.values() if not os.environ.get(name)]
    if missing:
        raise ImproperlyConfigured(f"FRONTEND_CACHE={FRONTEND_CACHE} needs {', '.join(missing)}")
    WAGTAILFRONTENDCACHE = {
        "default": {
            "BACKEND": backend,
            **{key: os.environ[name] for key, name in variables.items()},
        }
    }


# How long a webhook delivery waits for a partner's receiver to answer.
WEBHOOK_TIMEOUT_SECONDS = float(os.environ.get("WEBHOOK_TIMEOUT_SECONDS", "10"))

# Webhooks go only to public internet addresses: loopback, private, link-local, multicast and
# reserved ones (the cloud metadata service, Redis, PostgreSQL on this network) are refused
# when a subscription is saved and on every delivery. Only development and tests, whose
# receivers run on 127.0.0.1, switch this on; never in production.
WEBHOOKS_ALLOW_PRIVATE_TARGETS = False

# The site version (home/site_version.py): what is computed once per change of content
# (the page chrome, listing counts) and the anonymous page cache are keyed on it.
# Kept in the cache when every process shares it (Redis), else in the database; None picks.
SITE_VERSION_IN_CACHE = None
# Rows whose changes never change what visitors see: they leave the version alone.
SITE_VERSION_IGNORED_MODELS = [
    "admin",
    "auth",
    "axes",
    "django_tasks_database",
    "mipcms",
    "sessions",
    "webhooks",
    "wagtailadmin",
    "wagtailembeds",
    "wagtailsearch",
    "wagtail_headless_preview",
    "wagtailusers",
    "home.customrendition",
    "home.siteversion",
    "wagtailcore.revision",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.referenceindex",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
    "wagtailcore.comment",
    "wagtailcore.commentreply",
    "wagtailcore.pagesubscription",
    "wagtailcore.uploadedfile",
    "wagtailsearchpromotions.query",
    "wagtailsearchpromotions.querydailyhits",
    # A form submission changes nothing visitors see, except places left at an event, which
    # events/registration.py moves the version on for itself.
    "wagtailforms.formsubmission",
]
# Date fields whose passing changes what the site shows without any save.
SITE_VERSION_MOMENTS = [
    "wagtailcore.Page.go_live_at",
    "wagtailcore.Page.expire_at",
    "events.EventPage.end",
    "events.EventPage.registration_deadline",
    "home.CohortPage.application_deadline",
]

# The anonymous page cache (mipcms/page_cache.py): published, public pages as anonymous
# visitors get them, kept in the cache (Redis in production) until the site version changes.
# 0 switches it off. Also the s-maxage a CDN may keep them (purged on publish when
# FRONTEND_CACHE is set), and how long past that it may serve a stale copy while it asks again.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
PAGE_CACHE_STALE_WHILE_REVALIDATE_SECONDS = int(
    os.environ.get("PAGE_CACHE_STALE_WHILE_REVALIDATE_SECONDS", "60")
)
# Query parameters a page reads (pagination, filters); any other parameter (a tracking tag, a
# cache-buster) is served without the cache, so it cannot fill the cache with copies.
PAGE_CACHE_QUERY_PARAMETERS = {"page", "topic", "when", "p"}  # p: a sitemap's page
# Address prefixes the page cache never looks at (not even to read the site version).
PAGE_CACHE_EXCLUDED_PATHS = ()
# How long the public API keeps a serialized item unused (mipcms/api/item_cache.py); 0: off.
API_ITEM_CACHE_SECONDS = int(os.environ.get("API_ITEM_CACHE_SECONDS", "3600"))
