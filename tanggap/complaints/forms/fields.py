"""Fields and checks the complaint forms share: a typed tracking code, several files from one input, the
honeypot that refuses scripts, a place or unit chosen by name. They check the shape of input; the rules live in the
services."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.choices import BaseChoiceIterator
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from tanggap.complaints.services.attachments import max_bytes, max_per_step
from tanggap.org.models import Unit

CODE_RE = re.compile(r"LPR-?([A-Z0-9]{8})")
FILE_ACCEPT = "image/jpeg,image/png,image/webp,application/pdf"


def clean_tracking_code(value: str) -> str:
    """A tracking code as typed: spaces dropped, upper case, the LPR- prefix added when left out."""
    value = re.sub(r"\s", "", value or "").upper()
    found = CODE_RE.search(value)
    if found:
        return f"LPR-{found.group(1)}"
    if re.fullmatch(r"[A-Z0-9]{8}", value):
        return f"LPR-{value}"
    return ""


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (photos and documents); the attachment checks judge each file."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": FILE_ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        items = [d for d in data if d] if isinstance(data, list | tuple) else [data] if data else []
        limit = max_per_step()
        if len(items) > limit:
            raise ValidationError(_("Paling banyak %(n)s berkas sekali kirim.") % {"n": limit})
        return [single(item, initial) for item in items]


def _files_help() -> str:
    return gettext(
        "JPG, PNG, WEBP atau PDF; paling banyak %(n)s berkas, masing-masing sampai %(mb)s MB. "
        "Data lokasi di dalam foto dihapus sebelum disimpan."
    ) % {"n": max_per_step(), "mb": max_bytes() // (1024 * 1024)}


def files_field(label=None) -> MultipleFileField:
    return MultipleFileField(
        label=label or _("Foto atau dokumen (opsional)"), help_text=lazy(_files_help, str)()
    )


class HoneypotMixin(forms.Form):
    """A field people never see or fill; scripts that fill every field are refused."""

    website = forms.CharField(
        label=_("Jangan isi kolom ini"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_spam(self) -> bool:
        return bool((self.data.get("website") or "").strip())


class NamedChoiceField(forms.ModelChoiceField):
    """A choice of records (a place, a unit) shown by their name."""

    def label_from_instance(self, obj) -> str:
        return obj.name


class _UnitGroups(BaseChoiceIterator):
    """The choices of a UnitChoiceField: the empty choice, then one <optgroup> per kind of unit, in the
    order of Unit.Kind. Lazy like ModelChoiceIterator: read again each time the form renders."""

    def __init__(self, field: UnitChoiceField):
        self.field = field

    def __iter__(self):
        groups: dict[str, list] = {}
        for value, label in self.field.iterator(self.field):
            if value == "":
                yield value, label
                continue
            groups.setdefault(value.instance.kind, []).append((value, label))
        for kind, title in Unit.Kind.choices:
            if kind in groups:
                yield title, groups.pop(kind)
        for kind, options in groups.items():  # a kind no longer in Unit.Kind
            yield kind, options

    def __len__(self) -> int:
        return self.field.queryset.count() + (1 if self.field.empty_label is not None else 0)

    def __bool__(self) -> bool:
        return self.field.empty_label is not None or self.field.queryset.exists()


class UnitChoiceField(NamedChoiceField):
    """A unit of the region, chosen from options grouped by kind (a region has about a hundred units).

    The select carries `data-filter`: complaints/unit-filter.js puts a search box before it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("data-filter", _("Cari unit"))
        self.widget.attrs.setdefault("data-filter-count", _("Unit yang cocok: %(n)s"))

    def _get_choices(self):
        if hasattr(self, "_choices"):
            return self._choices
        return _UnitGroups(self)

    choices = property(_get_choices, forms.ChoiceField.choices.fset)
