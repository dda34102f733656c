"""Flash messages and field errors: the live region wraps the list, so each <li> stays in a list (a role on
the <ul> itself takes its list semantics away, axe's serious `listitem` rule)."""

import re

from django import forms
from django.contrib.messages.storage.base import Message
from django.template.loader import render_to_string


class _Form(forms.Form):
    name = forms.CharField(label="Nama")


def _no_role_on_lists(html: str) -> None:
    assert not re.search(r"<(ul|ol)\b[^>]*\brole=", html), html


def test_flash_messages_are_a_list_inside_a_status_region():
    html = render_to_string("core/_messages.html", {"messages": [Message(25, "Disimpan.")]})

    _no_role_on_lists(html)
    assert re.search(
        r'<div class="messages" role="status"><ul><li class="msg msg-success">Disimpan\.</li>', html
    )


def test_field_errors_are_a_list_inside_an_alert_the_field_points_to():
    form = _Form(data={})
    form.is_valid()

    html = render_to_string("core/_field.html", {"field": form["name"]})

    _no_role_on_lists(html)
    assert re.search(r'<div class="errorlist" id="id_name_error" role="alert"><ul><li>', html)


def test_no_template_puts_a_role_on_a_list():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root))
        for path in root.glob("*/templates/**/*.html")
        if re.search(r"<(ul|ol)\b[^>]*\brole=\"(status|alert)\"", path.read_text())
    ]
    assert offenders == []
