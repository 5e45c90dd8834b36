"""Settings shared by every environment. Environment variables are listed in README.md."""

from __future__ import annotations

import os
from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONE, SELF, UNSAFE_INLINE
from kombu import Exchange, Queue

from core import embedded
from core.settings.env import database_from_url, embedded_database, env_bool, kombu_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
PRODUCTION = False  # True only in core.settings.production (seed_demo refuses to run there)
BASE_DOMAIN = os.environ.get("BASE_DOMAIN", "localhost")
# how absolute links in e-mails are built: <SITE_SCHEME>://<tenant primary domain>[:SITE_PORT]/...
SITE_SCHEME = os.environ.get("SITE_SCHEME", "http")
SITE_PORT = os.environ.get("SITE_PORT", "")
ALLOWED_HOSTS = [BASE_DOMAIN, f".{BASE_DOMAIN}", "testserver"]

# --- tenancy (DESIGN.md "Tenancy"): multi-type tenants, one URLconf and app list per type ---------
PUBLIC_APPS = [
    "tenants",  # before django_tenants: its `migrate` also migrates the template schemas
    "django_tenants",
    "modules.catalog",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",  # OpClass in expression indexes (residents lookup, P-02)
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "core",
    "core.notifications",
    "modules.people",
    "modules.services.catalog",  # S-01, S-08: the group's special-service items and rates
    "modules.surveys.group",  # V-03: questionnaires and survey waves, read by the offices
]
OFFICE_APPS = [
    "django.contrib.contenttypes",
    "core.files",
    "modules.residents",
    "modules.complaints",
    "modules.duty",
    "modules.frontdesk",
    "modules.visits",
    "modules.services",
    "modules.assessment",
    "modules.training",
    "modules.surveys",  # V-03: residents' answers, pushed to head office as counts
    "modules.dashboards",  # no models: the director's dashboard (issue 10 §5)
    "modules.reports",  # C-18: the monthly complaint report, drafted and submitted by the office
]
HQ_APPS = [
    "django.contrib.contenttypes",
    "core.files",
    "modules.hq",
    "modules.surveys.hq",  # V-03, V-04: the counts the offices pushed
    "modules.dashboards",  # no models: head office's dashboard (issue 10 §5)
    "modules.reports.hq",  # C-18: submitted monthly reports (frozen versions) and who is late
]
OFFICE_TEMPLATE_SCHEMA = "_template_office"
HQ_TEMPLATE_SCHEMA = "_template_hq"
HAS_MULTI_TYPE_TENANTS = True
MULTI_TYPE_DATABASE_FIELD = "type"
# schemas `manage.py migrate` migrates at once, when some are behind (tenants/migrate_behind.py)
TENANT_MIGRATE_PROCESSES = int(os.environ.get("TENANT_MIGRATE_PROCESSES", "2"))
TENANT_TYPES = {
    "public": {"APPS": PUBLIC_APPS, "URLCONF": "core.urls.public"},
    "office": {"APPS": OFFICE_APPS, "URLCONF": "core.urls.office", "BASE_SCHEMA": OFFICE_TEMPLATE_SCHEMA},
    "hq": {"APPS": HQ_APPS, "URLCONF": "core.urls.hq", "BASE_SCHEMA": HQ_TEMPLATE_SCHEMA},
}
INSTALLED_APPS = list(dict.fromkeys(PUBLIC_APPS + OFFICE_APPS + HQ_APPS))
TENANT_MODEL = "tenants.Tenant"
TENANT_DOMAIN_MODEL = "tenants.Domain"
TENANT_CREATION_FAKES_MIGRATIONS = True
TENANT_LIMIT_SET_CALLS = True
PUBLIC_SCHEMA_NAME = "public"
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
AUTH_USER_MODEL = "tenants.User"

MIDDLEWARE = [
    "core.middleware.ApiErrorShape",  # outermost: any 4xx under /api/ in the API's one error shape
    "tenants.middleware.CachedTenantMiddleware",
    "core.middleware.BoundRequestBodies",  # too many fields, too big, JSON too deep: 400 before any parser
    "core.middleware.RejectNullBytes",  # NUL in the path or a parameter: 400 before any view or query
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "tenants.middleware.MembershipMiddleware",
    "tenants.middleware.PasswordChangeGate",  # a one-time password leads to the change-password page
    "axes.middleware.AxesMiddleware",
]
# Content-Security-Policy on every response (django-csp): scripts only from our own static files — no
# inline script or handler anywhere (templates use core/static/core/app.js and data attributes);
# inline styles stay allowed (style attributes in templates), images also as data: URLs (signatures,
# Swagger UI's icons).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
ROOT_URLCONF = "core.urls.public"
WSGI_APPLICATION = "core.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "core" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.shell",
            ],
        },
    }
]

# --- services: embedded when no URL is given (core/embedded/) -------------------------------------
# Nothing starts here: the embedded services start on first use (a bare `manage.py --help` starts none).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
DATABASES = {"default": database_from_url(DATABASE_URL) if DATABASE_URL else embedded_database()}
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("DB_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
REDIS_URL = os.environ.get("REDIS_URL", "")
EMBEDDED_REDIS = not REDIS_URL  # core/celery.py starts it for the worker and beat
REDIS_URL = REDIS_URL or embedded.redis_url()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "wuye"),
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    },
    # the domain → tenant map lives in process memory (tenants/middleware.py), invalidated by version
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "wuye-local"},
}
# after a Redis failure, a process skips Redis for this long (core/outage.py): a paused Redis costs a
# request at most one socket timeout per period instead of one per call
REDIS_OUTAGE_BACKOFF_SECONDS = float(os.environ.get("REDIS_OUTAGE_BACKOFF_SECONDS", "10"))
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_DOMAIN = None  # host-only cookies: an office's session never reaches another office
CSRF_COOKIE_DOMAIN = None
CSRF_FAILURE_VIEW = "core.errorpages.csrf_failure"  # the product's page, in the reader's language
SESSION_COOKIE_HTTPONLY = True

# --- auth ------------------------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_MINUTES", "15")) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked.html"

# --- i18n: Chinese first, English available --------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / ".data" / "media"))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- bounds on what a request may make the server do (issue 7 §2: a clear 4xx, never a 500) ------------
# an uploaded roster (.xlsx, modules/residents/workbook.py): checked before and while reading
ROSTER_MAX_ROWS = 20_000
ROSTER_MAX_COLUMNS = 64
ROSTER_MAX_CELLS = 500_000
ROSTER_MAX_UNZIPPED_BYTES = 64 * 1024 * 1024
# a JSON body (or a JSON value typed into a form) nests at most this deep (core/jsondepth.py)
JSON_MAX_DEPTH = 32
# any date a request names (a day, week or month to show, a moment typed in) lies in these years (core/moments.py)
INPUT_DATE_MIN_YEAR = 2000
INPUT_DATE_MAX_YEAR = 2100

# --- API -------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes "not logged in" a 401 (Session alone gives 403)
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["api.permissions.IsTenantMember"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "api.schema.AutoSchema",  # nested Input/Output names (api/schema.py)
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wuye 物业 API",
    "DESCRIPTION": "One API per tenant type: office hosts, the head-office host and the group apex host.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # the error shape and 400/401/403/404 (409 on writes) on every operation (api/schema.py)
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.error_responses"],
    # choice sets that share a field name across modules get a name of their own
    "ENUM_NAME_OVERRIDES": {
        "HouseholdKindEnum": "modules.residents.models.Household.KINDS",
        "DutyRequestKindEnum": "modules.duty.models.DutyRequest.KINDS",
        "DutyLogKindEnum": "modules.duty.models.LogEntry.KINDS",
        "ComplaintChannelEnum": "modules.complaints.models.CHANNELS",
        "ComplaintStatusEnum": "modules.complaints.models.STATUSES",
        "ContactChannelEnum": "modules.frontdesk.models.desk.CHANNELS",
        "ReturnVisitStatusEnum": "modules.visits.models.STATUSES",
        "VisitMethodEnum": "modules.visits.models.METHODS",
        "HqComplaintStatusEnum": "modules.hq.models.HqComplaint.STATUSES",
        "ServiceBookingStatusEnum": "modules.services.models.STATUSES",
        "ServiceBookingChannelEnum": "modules.services.models.CHANNELS",
        "ServiceStaffChannelEnum": "modules.services.models.STAFF_CHANNELS",
        "ServiceMoneyKindEnum": "modules.services.models.MONEY_KINDS",
        "ServicePaymentKindEnum": "modules.services.models.PAYMENT_KINDS",
        "SubcontractorStatusEnum": "modules.services.models.SUBCONTRACTOR_STATUSES",
        "ServiceAgreementStatusEnum": "modules.services.models.AGREEMENT_STATUSES",
        "ServiceAgreementFrequencyEnum": "modules.services.models.FREQUENCIES",
        "ServiceProposalKindEnum": "modules.services.catalog.models.PROPOSAL_KINDS",
        "ServiceProposalStatusEnum": "modules.services.catalog.models.PROPOSAL_STATUSES",
        "TrainingPlanKindEnum": "modules.training.models.PLAN_KINDS",
        "TrainingPlanStatusEnum": "modules.training.models.PLAN_STATUSES",
        "TrainingCategoryEnum": "modules.training.models.CATEGORIES",
        "TrainingSessionStatusEnum": "modules.training.models.SESSION_STATUSES",
        "TrainingAttendanceStatusEnum": "modules.training.models.ATTENDANCE",
        "TrainingExamKindEnum": "modules.training.models.EXAM_KINDS",
        "TrainingExamOpenKindEnum": "modules.training.models.EXAM_OPEN_KINDS",
        "TrainingExamStatusEnum": "modules.training.models.ROUND_STATUSES",
        "TrainingLadderStepEnum": "modules.training.models.LADDER_STEPS",
        "MonthlyReportStatusEnum": "modules.reports.models.STATUSES",
        "MonthlyReportOfficeStatusEnum": "modules.reports.hq.models.STATUSES",
    },
}

# --- Celery (core/celery.py) -----------------------------------------------------------------------
CELERY_BROKER_URL = kombu_url(os.environ.get("CELERY_BROKER_URL", REDIS_URL))
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Workers and beat reconnect by themselves, at start and whenever Redis restarts, without limit: only
# the worker's consumer and beat read these three; sending a task does not.
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
# Sending a task (from a web request) never waits on the broker: one connection attempt (kombu reads
# `max_retries` here for a producer's connection), 2-second socket timeouts, no publish retries; what
# could not be sent stays in the outbox for `outbox_flush` (core/tasks.py, core/notifications).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 2,
    "socket_connect_timeout": 2,
    "max_retries": 0,
    "visibility_timeout": 3600,
}
CELERY_TASK_PUBLISH_RETRY = False
# Every deadline of every module is a clock (core/clocks): ONE beat entry fans out one task per office
# and one for head office. The daily duty job makes rows (D-01); it is not a deadline.
CELERY_BEAT_SCHEDULE = {
    "outbox-flush": {"task": "core.notifications.tasks.outbox_flush", "schedule": 30.0},
    "clocks-tick": {"task": "core.clocks.tasks.clocks_tick", "schedule": 300.0},  # C-17, F-02, C-16
    "duty-shift-instances-daily": {"task": "modules.duty.tasks.shift_instances_daily",
                                   "schedule": crontab(hour=0, minute=5)},  # D-01, every office
    "visits-summaries-monthly": {"task": "modules.visits.tasks.visit_summaries_monthly",
                                 "schedule": crontab(day_of_month=1, hour=1, minute=30)},  # V-02, every office
    "training-plans-daily": {"task": "modules.training.tasks.training_plans_daily",
                             "schedule": crontab(hour=0, minute=15)},  # A-05: next periods' plans, every office
    "office-jobs-resume": {"task": "tenants.tasks.office_jobs_resume", "schedule": 30.0},  # lost messages, dead workers
    "roster-jobs-resume": {"task": "modules.residents.tasks.roster_jobs_resume", "schedule": 60.0},  # same, offices
    "figures-push-nightly": {"task": "core.figures.tasks.figures_push_all",
                             "schedule": crontab(hour=1, minute=0)},  # every office's figures to head office
    "surveys-push-open": {"task": "modules.surveys.tasks.survey_push_open_waves",
                          "schedule": 600.0},  # V-03: open waves' counts re-sent from every office
    "reports-draft-monthly": {"task": "modules.reports.tasks.reports_draft_monthly",
                              "schedule": crontab(day_of_month=1, hour=2, minute=0)},  # C-18, every office
}
# One queue per kind of work (deploy/SCALING.md): a burst of e-mail never delays the next sweep. Every
# worker is started with `-Q` and all of WORKER_QUEUES unless it is meant to serve only some of them.
CELERY_TASK_DEFAULT_QUEUE = "celery"
WORKER_QUEUES = ("celery", "clocks", "email", "bridge")
CELERY_TASK_QUEUES = [Queue(name, Exchange(name), routing_key=name) for name in WORKER_QUEUES]  # a worker without -Q consumes them all
CELERY_TASK_ROUTES = {
    "core.clocks.tasks.*": {"queue": "clocks"},
    "modules.duty.tasks.shift_instances_daily": {"queue": "clocks"},
    "modules.visits.tasks.visit_summaries_monthly": {"queue": "clocks"},
    "modules.training.tasks.training_plans_daily": {"queue": "clocks"},
    "modules.reports.tasks.reports_draft_monthly": {"queue": "clocks"},
    "core.notifications.tasks.outbox_deliver": {"queue": "email"},
    "core.notifications.tasks.outbox_deliver_many": {"queue": "email"},
    "modules.complaints.tasks.complaint_sync_hq": {"queue": "bridge"},
    "core.figures.tasks.*": {"queue": "bridge"},
    "modules.surveys.tasks.*": {"queue": "bridge"},  # V-03: counts pushed to head office
}
ROSTER_JOB_RESUME_AFTER = 120  # seconds an office's roster import job may wait for its message before beat re-sends it
ROSTER_JOB_DEAD_AFTER = 60  # seconds a roster import job runs before beat may check that its worker is alive
OFFICE_JOB_RESUME_AFTER = 60  # seconds a console's office job may wait for its message before beat runs it
# seconds a running office job may go without progress (a step done) before the same beat marks it failed:
# its worker died. One step is an office's schema, under 1 s here (issue 8 goal 1); the bound is generous.
OFFICE_JOB_STALL_AFTER = 600
CELERY_BEAT_SCHEDULE_FILENAME = str(BASE_DIR / ".data" / "celerybeat-schedule")

# --- e-mail, Sentry, logging -----------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@wuye.invalid")
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
