"""Forms of the rotation decree (SK mutasi) pages: the decree, its moves pasted as lines, the confirmation
before enacting."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tanggap.org.forms.inputs import DateInput, ServiceInputForm
from tanggap.org.models import RotationDecree
from tanggap.org.services import EntryRow


class DecreeForm(ServiceInputForm):
    class Meta:
        model = RotationDecree
        fields = ["number", "title", "decree_date", "effective_date"]
        widgets = {"decree_date": DateInput(), "effective_date": DateInput()}


class DecreeEntriesForm(forms.Form):
    """Moves pasted as lines `NIP;slug unit;jabatan baru[;golongan]` (a tab works as well as a semicolon)."""

    lines = forms.CharField(
        label=gettext_lazy("Daftar mutasi"),
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false", "wrap": "off"}),
        help_text=gettext_lazy(
            "Satu pegawai per baris: NIP;slug unit tujuan;jabatan baru;golongan (golongan boleh kosong). "
            "Baris yang diawali # diabaikan."
        ),
    )

    def clean_lines(self) -> list[EntryRow]:
        """Rows to hand to the service; a malformed line becomes a row carrying its error, so the
        service reports it together with every other wrong line."""
        rows = []
        for number, raw in enumerate(self.cleaned_data["lines"].splitlines(), start=1):
            text = raw.strip()
            if not text or text.startswith("#"):
                continue
            parts = [p.strip() for p in text.replace("\t", ";").split(";")]
            if len(parts) == 4 and not parts[3]:
                parts = parts[:3]
            if len(parts) not in (3, 4):
                error = _("Tulis NIP;slug unit;jabatan baru;golongan (golongan boleh kosong).")
                rows.append(EntryRow(nip="", unit="", position_title="", line=number, error=error))
                continue
            nip, unit, title, *rest = parts
            rows.append(
                EntryRow(
                    nip=nip,
                    unit=unit,
                    position_title=title,
                    rank=rest[0] if rest else "",
                    line=number,
                )
            )
        if not rows:
            raise forms.ValidationError(_("Tidak ada baris mutasi."))
        return rows


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Saya sudah memeriksa seluruh daftar dan TMT SK ini."),
        required=True,
    )
