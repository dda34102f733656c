"""Tanggap settings: one module, configured only through environment variables (see .env.example)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from tanggap.core.env import env_bool, env_int, env_list, env_str
from tanggap.core.rates import RATES as SCOPED_RATES

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(env_str("TANGGAP_VAR_DIR", str(PROJECT_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DJANGO_DEBUG", False)
# A development key is used only when DEBUG is on or under tests; production must set DJANGO_SECRET_KEY.
SECRET_KEY = env_str(
    "DJANGO_SECRET_KEY",
    "dev-insecure-key-do-not-use-in-production" if DEBUG or env_bool("TANGGAP_TESTING") else None,
)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("TANGGAP_SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "huey.contrib.djhuey",
    "axes",
    "csp",
    "tanggap.core",
    "tanggap.accounts",
    "tanggap.org",
    "tanggap.catalog",
    "tanggap.queueing",
    "tanggap.complaints",
    "tanggap.surveys",
    "tanggap.attendance",
    "tanggap.innovation",
    "tanggap.performance",
    "tanggap.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tanggap.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Compresses what the middleware below produced; decides on the session, so after SessionMiddleware.
    "tanggap.config.compression.CompressPublicPagesMiddleware",
    "tanggap.core.middleware.LanguageMiddleware",
    "tanggap.core.badinput.BadInputMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tanggap.config.urls"
CSRF_FAILURE_VIEW = "tanggap.core.views.csrf_failure"
WSGI_APPLICATION = "tanggap.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tanggap.core.context_processors.tanggap",
                "tanggap.accounts.context_processors.staff_menu",
            ]
        },
    }
]

# --- Data -------------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'tanggap.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL", "")
# How long a request waits for Redis before it gives up (connecting, and each command of the cache): an
# unreachable Redis must not hang requests. In milliseconds.
REDIS_TIMEOUT = env_int("REDIS_TIMEOUT_MS", 500) / 1000
if REDIS_URL:
    # FailSoftRedisCache: while Redis is unreachable, each process counts its rate limits and keeps its
    # cached pages in its own memory instead of answering 500 (tanggap/core/cache.py).
    CACHES = {
        "default": {
            "BACKEND": "tanggap.core.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
elif DEBUG or env_bool("TANGGAP_TESTING"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    # Production without Redis: a per-process memory cache would give each worker its own rate-limit
    # counters (two workers, twice the limit), so the counters live in the database. `migrate` creates the
    # table (tanggap.core.apps).
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "tanggap_cache",
        }
    }


def _with_connect_timeout(url: str, seconds: float) -> str:
    """`url` with redis-py's `socket_connect_timeout` query parameter (unless the URL sets one)."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.setdefault("socket_connect_timeout", str(seconds))
    return parts._replace(query=urlencode(query)).geturl()


# Background tasks: Huey with a SQLite file queue by default, Redis when REDIS_URL is set.
HUEY_IMMEDIATE = env_bool("HUEY_IMMEDIATE", False)
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": env_str("HUEY_NAME", "tanggap"),
        # Only the connection is bounded: the consumer's blocking reads wait longer by design.
        "url": _with_connect_timeout(REDIS_URL, REDIS_TIMEOUT),
        "immediate": HUEY_IMMEDIATE,
        "consumer": {"workers": env_int("HUEY_WORKERS", 2), "worker_type": "thread"},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "tanggap",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": HUEY_IMMEDIATE,
        "consumer": {"workers": env_int("HUEY_WORKERS", 2), "worker_type": "thread"},
    }

# --- Accounts and security --------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Failed sign-ins from one address across all usernames before it is refused (password spraying).
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 30)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_SSL_REDIRECT = env_bool(
    "DJANGO_SECURE_SSL_REDIRECT", not DEBUG and not env_bool("TANGGAP_TESTING")
)
SESSION_COOKIE_SECURE = env_bool(
    "DJANGO_SECURE_COOKIES", not DEBUG and not env_bool("TANGGAP_TESTING")
)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY") else None
)

# Everything the pages need is served from this host: no CDN.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Language and time --------------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
# Dates and times per language: 09.34 in Indonesian, 09:34 in English (tanggap/core/formats).
FORMAT_MODULE_PATH = ["tanggap.core.formats"]

# --- Static and media --------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "tanggap.config.staticbundle.BundleFinder",
]
# One stylesheet for the public pages (tanggap/config/staticbundle.py): one request, cached for every page.
STATIC_BUNDLES = {
    "css/site.css": [
        "css/tanggap.css",
        "queueing/queueing.css",
        "complaints/complaints.css",
        "surveys/surveys.css",
    ]
}
STATIC_BUNDLE_DIR = VAR_DIR / "bundles"
# What `make run` serves is what production serves: collected files with hashed names, cached for a year
# (immutable) and sent brotli- or gzip-compressed by WhiteNoise. The tests, and a developer who sets
# TANGGAP_STATIC_FROM_SOURCE=1 while editing styles, get the files where they are, unhashed and unpacked.
STATIC_FROM_SOURCE = env_bool("TANGGAP_TESTING") or env_bool("TANGGAP_STATIC_FROM_SOURCE", False)
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if STATIC_FROM_SOURCE
            else "tanggap.config.staticstorage.HashedStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = STATIC_FROM_SOURCE
WHITENOISE_AUTOREFRESH = STATIC_FROM_SOURCE and DEBUG

# --- API ------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "tanggap.core.authentication.BasicAuthentication",  # refuses NUL in credentials
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_ANON_RATE", "120/minute"),
        "user": env_str("API_USER_RATE", "600/minute"),
        **SCOPED_RATES,  # tanggap/core/rates.py: queue, complaint, Open311 and survey limits
    },
    # Behind the reverse proxy the client address is the last X-Forwarded-For hop it added.
    "NUM_PROXIES": 1 if env_bool("DJANGO_BEHIND_PROXY") else 0,
    "DEFAULT_PAGINATION_CLASS": "tanggap.core.api.CappedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "tanggap.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Tanggap API",
    "DESCRIPTION": "Public services, queues, complaints and performance for Indonesian regional governments.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Local wall-clock times ("08:00:00") are documented as such, not as RFC 3339 times with an offset.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "tanggap.core.openapi.local_times",
    ],
    # Choice sets that share a field name across apps get explicit, stable names in the schema.
    "ENUM_NAME_OVERRIDES": {
        "RegionKindEnum": "tanggap.org.models.Region.Kind",
        "AreaKindEnum": "tanggap.org.models.Area.Kind",
        "UnitKindEnum": "tanggap.org.models.Unit.Kind",
        "OfficialStatusEnum": "tanggap.org.models.Official.Status",
        "OfficialRankEnum": "tanggap.org.models.Official.Rank",
        "DecreeStatusEnum": "tanggap.org.models.RotationDecree.Status",
        "StandardStatusEnum": "tanggap.catalog.models.StandardVersion.Status",
        "TicketStatusEnum": "tanggap.queueing.models.Ticket.Status",
        "TicketPriorityEnum": "tanggap.queueing.models.Ticket.Priority",
        "TicketSourceEnum": "tanggap.queueing.models.Ticket.Source",
        "ComplaintStatusEnum": "tanggap.complaints.models.Complaint.Status",
        "ComplaintChannelEnum": "tanggap.complaints.models.Channel",
        "ComplaintFilingChannelEnum": "tanggap.complaints.api.serializers.API_CHANNELS",
        "ComplaintReportTypeEnum": "tanggap.complaints.models.ComplaintType",
        "ComplaintEventVisibilityEnum": "tanggap.complaints.models.ComplaintEvent.Visibility",
        "ComplaintNoteVisibilityEnum": "tanggap.complaints.api.serializers.NOTE_VISIBILITIES",
        "ComplaintDeadlineTargetEnum": "tanggap.complaints.api.serializers.DEADLINE_TARGETS",
        "ComplaintDeadlineStateEnum": "tanggap.complaints.api.serializers.DEADLINE_STATES",
        "MaladministrationEnum": "tanggap.complaints.models.Maladministration",
        "LeaveRequestStatusEnum": "tanggap.attendance.models.LeaveRequest.Status",
        "AgreementStatusEnum": "tanggap.performance.models.PerformanceAgreement.Status",
        "SkpStatusEnum": "tanggap.performance.models.Skp.Status",
        "SkpRatingEnum": "tanggap.performance.skp.Rating",
        "SkpPredikatEnum": "tanggap.performance.skp.Predikat",
        "UnitRatingEnum": "tanggap.performance.skp.UnitRating",
        "SkpResultSourceEnum": "tanggap.performance.models.AutoSource",
        "InnovationStageEnum": "tanggap.innovation.models.choices.Stage",
        "InnovationFormEnum": "tanggap.innovation.models.choices.Form",
        "InnovationKindEnum": "tanggap.innovation.models.choices.Kind",
        "InnovationInitiatorEnum": "tanggap.innovation.models.choices.Initiator",
        "InnovationAffairEnum": "tanggap.innovation.models.choices.Affair",
        "IdeaStatusEnum": "tanggap.innovation.models.Idea.Status",
        "EvidenceStatusEnum": "tanggap.innovation.criteria.EvidenceStatus",
        "EvidenceMediumEnum": "tanggap.innovation.models.Evidence.Medium",
        "AssessmentStatusEnum": "tanggap.innovation.models.Assessment.Status",
        "AssessmentResultEnum": "tanggap.innovation.criteria.AssessmentStatus",
        "IndicatorAspectEnum": "tanggap.innovation.models.Indicator.Aspect",
        "RoundStatusEnum": "tanggap.innovation.models.Round.Status",
        "RoundStyleEnum": "tanggap.innovation.models.Round.Style",
        "RoundTieRuleEnum": "tanggap.innovation.models.Round.TieRule",
        "RoundStageKindEnum": "tanggap.innovation.models.RoundStage.Kind",
        "ProposalStatusEnum": "tanggap.innovation.models.Proposal.Status",
        "ReviewStatusEnum": "tanggap.innovation.models.Review.Status",
        "ArticleStatusEnum": "tanggap.innovation.models.Article.Status",
        "ReplicationRequestStatusEnum": "tanggap.innovation.models.ReplicationRequest.Status",
    },
}

# --- E-mail and logging -------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "tanggap@localhost")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
# --- Complaints -------------------------------------------------------------------------------
COMPLAINT_ATTACHMENT_MAX_BYTES = env_int("COMPLAINT_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024)
COMPLAINT_ATTACHMENTS_PER_STEP = env_int("COMPLAINT_ATTACHMENTS_PER_STEP", 5)
COMPLAINT_INSPECTORATE_SLUG = env_str("COMPLAINT_INSPECTORATE_SLUG", "inspektorat")
# --- Surveys ------------------------------------------------------------------------------------
# Survey reports show no figure from fewer respondents than this (tanggap/surveys/disclosure.py).
SURVEY_MIN_GROUP_SIZE = env_int("SURVEY_MIN_GROUP_SIZE", 5)
if SURVEY_MIN_GROUP_SIZE < 2:
    raise ImproperlyConfigured(
        "SURVEY_MIN_GROUP_SIZE must be 2 or more: one response is one person."
    )

NOTIFY_BACKEND = env_str("NOTIFY_BACKEND", "tanggap.core.notify.LogBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
