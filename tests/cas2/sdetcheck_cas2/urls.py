"""The CAS server under /cas/ (login, logout, validate, serviceValidate, p3/serviceValidate)."""
from django.urls import include, path

urlpatterns = [
    path("cas/", include("cas_server.urls", namespace="cas_server")),
]
