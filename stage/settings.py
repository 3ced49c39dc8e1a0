"""One settings file, driven by the environment. Defaults are safe for development."""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("Set SECRET_KEY when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "simple_history",
    "axes",
    "django_tasks_db",
    "stage",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages compress to a sixth (a 500-segment run-sheet: 941 KB → ~150 KB); Django's own
    # version pads each response against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "stage.middleware.vary_on_htmx",
    "stage.middleware.htmx_to_login",
    "stage.teams.CurrentTeamMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Login throttling (django-axes): five wrong passwords for one username from one address lock
# that pair out for 15 minutes; a success resets the count. Someone else's wrong passwords, from
# another address, never lock a user out. Behind a load balancer the address is the client's
# only when the balancer is named here (addresses or networks, comma-separated).
TRUSTED_PROXIES = [
    ipaddress.ip_network(p.strip(), strict=False)
    for p in os.environ.get("TRUSTED_PROXIES", "").split(",")
    if p.strip()
]
AXES_CLIENT_IP_CALLABLE = "stage.accounts.client_ip"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "stage.accounts.UsernameOrEmailBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

ROOT_URLCONF = "stage.urls"
WSGI_APPLICATION = "stage.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "stage.comments.unread_notifications",
            ],
        },
    },
]

FORM_RENDERER = "stage.forms.FormRenderer"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Readers do not wait for a writer, and a commit does not wait for the disk twice.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A PDF is typeset in a process of its own (stage/paper), given at most this many seconds.
PAPER_SECONDS = int(os.environ.get("PAPER_SECONDS", "30"))
# Longer shows' PDFs are made by the task worker (manage.py db_worker), off the request.
PAPER_INLINE_SEGMENTS = int(os.environ.get("PAPER_INLINE_SEGMENTS", "300"))
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Kept pages and PDFs (stage/rendered.py), in each app server's memory: the keys carry the
# broadcast's version, so servers need not share them. A 1,000-segment page is up to ~2 MB.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 200},
    },
    # The live views' partials, a new one each minute and change of a show on air: kept apart
    # so they never push the run-sheets and PDFs out of "default".
    "live": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "live",
        "OPTIONS": {"MAX_ENTRIES": 300},
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # a reset link works for a day
# Anyone may create an account and a team from the login page; off (invitation only) unless
# OPEN_SIGNUP is set, except in development.
OPEN_SIGNUP = env_bool("OPEN_SIGNUP", DEBUG)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "broadcast_list"
LOGOUT_REDIRECT_URL = "login"

# Chinese and English are both first-class; the browser's language picks one, the switch overrides.
LANGUAGE_CODE = "en"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "stage" / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Strict CSP: our own files plus per-request nonces; no inline code, no eval.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Invitation and reset tokens travel in URLs: every line is written with them hidden.
    "filters": {"hide_tokens": {"()": "stage.logs.HideTokens"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["hide_tokens"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # The development server's request lines, through the same filter.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}


def smtp_mailer(url: str) -> dict:
    """EMAIL_URL: smtp://user:password@host:587/?tls=1, or smtps://… for SSL."""
    parts = urlsplit(url)
    tls = parse_qs(parts.query).get("tls", ["0"])[0].lower() in {"1", "true", "yes"}
    return smtp(
        host=parts.hostname or "localhost",
        port=parts.port,
        username=unquote(parts.username or ""),
        password=unquote(parts.password or ""),
        use_ssl=parts.scheme == "smtps",
        use_tls=tls,
    )


def smtp(**options) -> dict:
    return {"BACKEND": "django.core.mail.backends.smtp.EmailBackend", "OPTIONS": options}


# Mail (Django's MAILERS): EMAIL_URL, or EMAIL_HOST with EMAIL_PORT, EMAIL_HOST_USER,
# EMAIL_HOST_PASSWORD and EMAIL_USE_TLS / EMAIL_USE_SSL. Without either, development prints
# mails on the console (make run shows them) and production sends through the local SMTP server.
if os.environ.get("EMAIL_URL", "").startswith(("smtp://", "smtps://")):
    MAILERS = {"default": smtp_mailer(os.environ["EMAIL_URL"])}
elif os.environ.get("EMAIL_HOST") or not DEBUG:
    MAILERS = {
        "default": smtp(
            host=os.environ.get("EMAIL_HOST", "localhost"),
            port=int(os.environ.get("EMAIL_PORT", "25")),
            username=os.environ.get("EMAIL_HOST_USER", ""),
            password=os.environ.get("EMAIL_HOST_PASSWORD", ""),
            use_tls=env_bool("EMAIL_USE_TLS", False),
            use_ssl=env_bool("EMAIL_USE_SSL", False),
        )
    }
else:
    MAILERS = {"default": {"BACKEND": "stage.mail.ReadableConsoleBackend"}}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "STAGE <stage@localhost>")
