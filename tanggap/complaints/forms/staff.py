"""Forms of the staff pages: the officer's entry of reports from other channels, each action on a report,
the team roster, the list filters. They check the shape of input; the rules live in the services."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from tanggap.complaints.forms.citizen import ComplaintFileForm
from tanggap.complaints.forms.fields import UnitChoiceField, clean_tracking_code, files_field
from tanggap.complaints.models import (
    Channel,
    Complaint,
    ComplaintCategory,
    ComplaintEvent,
    TeamMember,
)
from tanggap.complaints.selectors import shown_on_public_page
from tanggap.complaints.services.public_text import archive_message, transfer_message
from tanggap.complaints.services.workflow import (
    ANSWER,
    ARCHIVE,
    ASK_REPORTER,
    ASSIGN,
    CLOSE,
    MERGE,
    NOTE,
    REDISPATCH,
    TAKE,
    TRANSFER,
    VERIFY,
)
from tanggap.org.models import Unit

OFFICER_CHANNELS = [
    (value, label)
    for value, label in Channel.choices
    if value not in (Channel.WEB, Channel.OPEN311, Channel.API)
]


class ComplaintRecordForm(ComplaintFileForm):
    """An officer records a report received by phone, WhatsApp, SMS, letter, at the counter, or found
    by media monitoring (with the link)."""

    channel = forms.ChoiceField(
        label=_("Diterima melalui"), choices=OFFICER_CHANNELS, initial=Channel.PHONE
    )
    source_url = forms.URLField(
        label=_("Tautan sumber (berita/media sosial)"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Wajib untuk pemantauan media."),
    )

    field_order = ["channel", "source_url"]

    def __init__(self, *args, region, **kwargs):
        super().__init__(*args, region=region, **kwargs)
        del self.fields["website"]  # signed-in officers get no honeypot
        self.fields["reporter_name"].label = _("Nama pelapor (opsional)")
        self.fields["reporter_phone"].help_text = _(
            "Kode lacak dan kode rahasia disampaikan ke nomor ini bila diisi."
        )

    def is_spam(self) -> bool:
        return False

    def clean(self):
        data = super().clean()
        if data.get("channel") == Channel.MEDIA and not data.get("source_url"):
            self.add_error("source_url", _("Laporan dari pemantauan media perlu tautan sumbernya."))
        return data

    def filing_kwargs(self) -> dict:
        kwargs = super().filing_kwargs()
        kwargs["channel"] = self.cleaned_data["channel"]
        kwargs["source_url"] = self.cleaned_data.get("source_url") or ""
        return kwargs


# --- actions on a report ------------------------------------------------------------------------


def _units(region):
    return Unit.objects.filter(region=region, is_active=True).order_by("name")


def _note(label=None) -> forms.CharField:
    return forms.CharField(
        label=label or _("Catatan untuk unit (opsional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ActionForm(forms.Form):
    """A staff action on one report; field ids carry the action's name so several forms share a page.

    `action` is the page's name for it (in the URL), `move` the action of COMPLAINT_MACHINE it takes.
    A form whose text may go on the report's public page names that field (`public_field`), the step it
    writes (`step`, for the preview's label) and has the officer's confirmation (`confirm_public`), which
    the page shows only once the screen found personal data."""

    action = ""
    move = ""
    public_field = ""
    step = ""

    def __init__(self, *args, complaint, **kwargs):
        kwargs.setdefault("auto_id", f"{self.action}-%s")
        super().__init__(*args, **kwargs)
        self.complaint = complaint

    def service_kwargs(self) -> dict:
        return dict(self.cleaned_data)

    def step_visibility(self) -> str:
        """Who will read the step this form writes (its choice, or public for steps that have none)."""
        return ComplaintEvent.Visibility.PUBLIC

    def clean(self):
        # Kept apart from the errors: a send the service refused (personal data found) still shows
        # what it would have put on the public page.
        data = super().clean()
        written = data.get(self.public_field, "") if self.public_field else ""
        public = written and shown_on_public_page(self.complaint, self.step_visibility())
        self.public_preview = (bool(written), self.public_message(written) if public else None)
        return data

    def public_text(self) -> tuple[bool, str | None]:
        """Whether the officer wrote the text that may go public, and the text the step will show on
        the public page exactly as the service writes it (None when it will not be there: no such
        field, a rahasia report, a choice that is not public)."""
        if not self.is_bound or not self.public_field:
            return False, None
        self.is_valid()  # cleans once (clean() keeps the preview whatever errors follow)
        return getattr(self, "public_preview", (False, None))

    def public_message(self, text: str) -> str:
        return text


def _confirm_public() -> forms.BooleanField:
    return forms.BooleanField(
        label=_("Saya sudah memeriksa; kirim tetap publik"),
        required=False,
        help_text=_("Centang hanya bila data di atas memang boleh dibaca siapa pun."),
    )


class VerifyForm(ActionForm):
    action = "verifikasi"
    move = VERIFY
    unit = UnitChoiceField(label=_("Teruskan ke unit"), queryset=Unit.objects.none())
    category = forms.ModelChoiceField(
        label=_("Topik"),
        queryset=ComplaintCategory.objects.none(),
        required=False,
        empty_label=_("— biarkan —"),
    )
    note = _note()

    def __init__(self, *args, complaint, suggested_unit=None, **kwargs):
        super().__init__(*args, complaint=complaint, **kwargs)
        self.fields["unit"].queryset = _units(complaint.region_id)
        self.fields["category"].queryset = ComplaintCategory.objects.filter(
            region_id=complaint.region_id, is_active=True
        )
        self.fields["category"].initial = complaint.category_id
        if suggested_unit is not None:
            self.fields["unit"].initial = suggested_unit.pk


class QuestionForm(ActionForm):
    action = "minta-keterangan"
    move = ASK_REPORTER
    question = forms.CharField(
        label=_("Pertanyaan untuk pelapor"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tenggat berhenti sementara sampai pelapor menjawab."),
    )


class TransferForm(ActionForm):
    action = "alihkan"
    move = TRANSFER
    public_field = "destination"
    step = "transferred"
    destination = forms.CharField(
        label=_("Instansi yang berwenang"),
        max_length=200,
        help_text=_("Mis. Kantor Pertanahan Kabupaten Blitar, PLN UP3 Blitar"),
    )
    note = _note()
    confirm_public = _confirm_public()

    def public_message(self, text: str) -> str:
        return transfer_message(text)


class MergeForm(ActionForm):
    action = "gabungkan"
    move = MERGE
    into = forms.CharField(
        label=_("Kode laporan induk"),
        max_length=40,
        help_text=_("Laporan ini digabung ke laporan lain tentang hal yang sama."),
    )

    def clean_into(self) -> str:
        code = clean_tracking_code(self.cleaned_data["into"])
        if not code:
            raise ValidationError(_("Kode lacak berbentuk LPR- diikuti 8 huruf/angka."))
        if code == self.complaint.tracking_code:
            raise ValidationError(_("Laporan tidak dapat digabung ke dirinya sendiri."))
        return code


class ArchiveForm(ActionForm):
    action = "arsipkan"
    move = ARCHIVE
    public_field = "reason"
    step = "archived"
    reason = forms.CharField(
        label=_("Alasan"),
        max_length=300,
        min_length=5,
        widget=forms.TextInput(attrs={"list": "archive-reasons"}),
        help_text=_("Pilih salah satu atau tulis sendiri."),
    )
    confirm_public = _confirm_public()

    def public_message(self, text: str) -> str:
        return archive_message(text)


class RedispatchForm(ActionForm):
    action = "teruskan-ulang"
    move = REDISPATCH
    unit = UnitChoiceField(label=_("Unit yang tepat"), queryset=Unit.objects.none())
    note = _note(_("Alasan (opsional)"))

    def __init__(self, *args, complaint, **kwargs):
        super().__init__(*args, complaint=complaint, **kwargs)
        self.fields["unit"].queryset = _units(complaint.region_id).exclude(pk=complaint.unit_id)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.get_username()


class AssignForm(ActionForm):
    action = "tugaskan"
    move = ASSIGN
    assignee = MemberChoiceField(
        label=_("Petugas"),
        queryset=None,
        help_text=_("Anggota tim responsif atau petugas pengaduan unit ini."),
    )

    def __init__(self, *args, complaint, candidates, **kwargs):
        super().__init__(*args, complaint=complaint, **kwargs)
        self.fields["assignee"].queryset = candidates
        self.fields["assignee"].initial = complaint.assignee_id


class TakeForm(ActionForm):  # a handler of the unit takes the report nobody holds: no fields
    action = "ambil"
    move = TAKE


V = ComplaintEvent.Visibility


class NoteForm(ActionForm):
    action = "catatan"
    move = NOTE
    public_field = "message"
    step = "note"
    message = forms.CharField(
        label=_("Catatan tindak lanjut"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    visibility = forms.ChoiceField(
        label=_("Siapa yang melihat"),
        choices=[
            (V.INTERNAL, _("Internal — hanya petugas")),
            (V.PUBLIC, _("Publik — tampil di halaman publik laporan")),
        ],
        initial=V.INTERNAL,
        widget=forms.RadioSelect,
    )
    confirm_public = _confirm_public()

    def __init__(self, *args, complaint, **kwargs):
        super().__init__(*args, complaint=complaint, **kwargs)
        if complaint.is_confidential:  # no public page: a "public" note is the reporter's only
            self.fields["visibility"].choices = [
                (V.INTERNAL, _("Internal — hanya petugas")),
                (V.PUBLIC, _("Pelapor dan petugas — laporan rahasia, tanpa halaman publik")),
            ]

    def step_visibility(self) -> str:
        return self.cleaned_data.get("visibility") or V.INTERNAL


class AnswerForm(ActionForm):
    action = "jawab"
    move = ANSWER
    public_field = "message"
    step = "answered"
    message = forms.CharField(
        label=_("Jawaban untuk pelapor"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Jelaskan apa yang sudah dilakukan dan hasilnya."),
    )
    visibility = forms.ChoiceField(
        label=_("Siapa yang dapat membaca jawaban"),
        choices=[
            (V.PUBLIC, _("Publik — tampil di halaman publik laporan")),
            (V.REPORTER, _("Hanya pelapor dan petugas — tidak tampil di halaman publik")),
        ],
        initial=V.PUBLIC,
        required=False,  # public unless the officer chose otherwise
        widget=forms.RadioSelect,
    )
    files = files_field(_("Lampiran (opsional)"))
    confirm_public = _confirm_public()

    def __init__(self, *args, complaint, **kwargs):
        super().__init__(*args, complaint=complaint, **kwargs)
        if complaint.is_confidential:  # no public page: the answer is the reporter's only
            del self.fields["visibility"]

    def step_visibility(self) -> str:
        return self.cleaned_data.get("visibility") or V.PUBLIC


class CloseForm(ActionForm):
    action = "tutup"
    move = CLOSE


ACTION_FORMS = {
    form.action: form
    for form in (
        VerifyForm,
        QuestionForm,
        TransferForm,
        MergeForm,
        ArchiveForm,
        RedispatchForm,
        AssignForm,
        TakeForm,
        NoteForm,
        AnswerForm,
        CloseForm,
    )
}


class TeamMemberForm(forms.Form):
    """Add a person to the unit's responsive team."""

    user = MemberChoiceField(label=_("Pegawai"), queryset=None)
    role = forms.ChoiceField(
        label=_("Peran"), choices=TeamMember.Role.choices, initial=TeamMember.Role.MEMBER
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates
        self.fields["user"].empty_label = _("— pilih pegawai —")


class ComplaintFilterForm(forms.Form):
    """Filters of the staff lists."""

    q = forms.CharField(label=_("Cari"), max_length=100, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, *args, statuses=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Semua status"))] + [
            (value, label)
            for value, label in Complaint.Status.choices
            if statuses is None or value in statuses
        ]

    def filters(self) -> dict:
        if not self.is_valid():
            return {"q": "", "status": ""}
        return {"q": self.cleaned_data["q"].strip(), "status": self.cleaned_data["status"]}
