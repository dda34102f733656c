"""Work areas: competitions for the innovation office and unit heads/admins, the P2B library for all
staff; the public home page links the showcase and the library."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_dashboard_cards_by_role(client, office, head_a, evaluator):
    rounds, library = reverse("innovation:rounds"), reverse("innovation:library")
    for user, sees_rounds in ((office, True), (head_a, True), (evaluator, False)):
        client.force_login(user)
        body = client.get(reverse("core:dashboard")).content.decode()
        assert (f'href="{rounds}"' in body) is sees_rounds
        assert f'href="{library}"' in body


def test_home_links_the_showcase_and_the_library(client):
    body = client.get(reverse("core:home")).content.decode()
    assert reverse("innovation:showcase") in body and reverse("innovation:library") in body
