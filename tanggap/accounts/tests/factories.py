"""Test data for accounts: users and their role assignments."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from tanggap.accounts.models import Role, RoleAssignment, User


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"Pengguna Uji {n}")
    password = factory.django.Password("kata-sandi-uji-123")


class RoleAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.FRONT_DESK
    region = factory.LazyAttribute(lambda o: o.unit.region if o.unit else None)
    unit = None
