"""Forms of the account and role pages: they type the input; the services decide what is allowed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from tanggap.accounts.models import Role
from tanggap.accounts.permissions import is_sysadmin
from tanggap.org.models import Region, Unit


class UserCreateForm(forms.Form):
    username = forms.CharField(
        label=gettext_lazy("Nama pengguna"),
        max_length=150,
        required=False,
        help_text=gettext_lazy("Kosongkan untuk memakai NIP sebagai nama pengguna."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.region.name})"


class RoleAssignForm(forms.Form):
    """A role and its scope: a unit for unit roles, a region for region roles, none for sysadmin."""

    role = forms.ChoiceField(label=gettext_lazy("Peran"))
    region = forms.ModelChoiceField(
        label=gettext_lazy("Wilayah"),
        queryset=Region.objects.none(),
        required=False,
        help_text=gettext_lazy("Untuk admin daerah, evaluator, dan pimpinan."),
    )
    unit = UnitChoiceField(
        label=gettext_lazy("Unit"),
        queryset=Unit.objects.none(),
        required=False,
        help_text=gettext_lazy(
            "Untuk petugas loket, petugas pengaduan, kepala unit, dan admin unit."
        ),
    )

    def __init__(self, *args, regions, actor, **kwargs):
        super().__init__(*args, **kwargs)
        roles = [
            (value, label)
            for value, label in Role.choices
            if value != Role.SYSADMIN or is_sysadmin(actor)
        ]
        self.fields["role"].choices = [("", "---------"), *roles]
        self.fields["region"].queryset = regions
        self.fields["unit"].queryset = (
            Unit.objects.filter(region__in=regions, is_active=True)
            .select_related("region")
            .order_by("region__name", "name")
        )


class DeactivateForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Alasan"), max_length=300)
