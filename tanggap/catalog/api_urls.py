"""API routes of the catalog app."""

from django.urls import path  # noqa: F401

urlpatterns: list = []
