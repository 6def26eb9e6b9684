"""Settings of the second, independent CAS server of sdetcheck's tests: django-cas-server
(Debian 12 package python3-django-cas-server, Django 3.2), CSRF-protected, behind nginx over
HTTPS (scripts/cas2.sh writes the state directory and starts both).

Everything that differs per run comes from the state directory $SDETCHECK_CAS2_DIR: the
secret key, the SQLite database, the public host:port.
"""
import os
from pathlib import Path

STATE = Path(os.environ["SDETCHECK_CAS2_DIR"])

SECRET_KEY = (STATE / "secrets" / "django-secret-key").read_text().strip()
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "cas_server",
]

# CsrfViewMiddleware: the login form carries a CSRF token (cookie + hidden field) and, over
# HTTPS, a post without a Referer of the same origin is refused with HTTP 403.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "DIRS": [],
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

ROOT_URLCONF = "sdetcheck_cas2.urls"

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(STATE / "db" / "cas2.sqlite3"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

# nginx terminates TLS and passes the original Host (with its port) and scheme.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "fr"
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_L10N = True
USE_TZ = True
STATIC_URL = "/static/"

# The test users are Django users (scripts/cas2.sh creates them).
CAS_AUTH_CLASS = "cas_server.auth.DjangoAuthUser"
CAS_NEW_VERSION_HTML_WARNING = False
CAS_NEW_VERSION_EMAIL_WARNING = False
CAS_SHOW_POWERED = False
CAS_INFO_MESSAGES_ORDER = []
# No external CSS or JavaScript: the test machine may be offline.
CAS_COMPONENT_URLS = {
    "bootstrap3_css": "",
    "bootstrap3_js": "",
    "html5shiv": "",
    "respond": "",
    "bootstrap4_css": "",
    "bootstrap4_js": "",
    "jquery": "",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {
        "cas_server": {"handlers": ["stderr"], "level": "INFO"},
        "django.security": {"handlers": ["stderr"], "level": "INFO"},
    },
}
