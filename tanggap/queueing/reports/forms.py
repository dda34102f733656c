"""Forms of the queue reports and the planner: they validate GET parameters, so bad input is a message."""

from __future__ import annotations

import math
import re
from typing import cast

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tanggap.queueing.reports.analytics import MAX_PERIOD_DAYS

DATE_INPUT = forms.DateInput(
    format="%Y-%m-%d", attrs={"type": "date"}
)  # the browser's picker wants ISO
EXPORT_TABLES = ("day", "hour", "service", "counter")
MAX_ARRIVALS_PER_HOUR = 1000
MAX_COUNTERS_PER_HOUR = 100


def _service_choices(queue_services, *, all_label) -> list[tuple[str, str]]:
    return [("", all_label)] + [
        (str(qs.pk), f"{qs.prefix} · {qs.service.name}") for qs in queue_services
    ]


class PeriodForm(forms.Form):
    """The dashboard's period and optional service."""

    start = forms.DateField(label=gettext_lazy("Dari tanggal"), widget=DATE_INPUT)
    end = forms.DateField(label=gettext_lazy("Sampai tanggal"), widget=DATE_INPUT)
    service = forms.ChoiceField(label=gettext_lazy("Layanan"), required=False)

    def __init__(self, *args, queue_services=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.queue_services = {str(qs.pk): qs for qs in queue_services}
        cast(forms.ChoiceField, self.fields["service"]).choices = _service_choices(
            queue_services, all_label=_("Semua layanan")
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(
                    _("Tanggal akhir harus sama atau sesudah tanggal awal.")
                )
            if (end - start).days + 1 > MAX_PERIOD_DAYS:
                raise forms.ValidationError(
                    _("Periode paling panjang %(n)s hari.") % {"n": MAX_PERIOD_DAYS}
                )
        data["queue_service"] = self.queue_services.get(data.get("service") or "")
        return data


def parse_numbers(
    text: str, *, count: int, integer: bool, maximum: float, what: str
) -> list[float]:
    """'12, 30 25.5' → one number per opening hour; ValidationError with a message otherwise.

    Commas and spaces separate numbers and a point marks decimals; with semicolons as separators a
    decimal comma works too ('12,5; 30').
    """
    if ";" in text:
        parts = [p.strip().replace(",", ".") for p in text.split(";")]
    else:
        parts = re.split(r"[,\s]+", text.strip())
    try:
        values = [float(p) for p in parts if p]
    except ValueError:
        raise forms.ValidationError(
            _("%(what)s: tulis angka dipisah koma atau spasi, misalnya 12, 30, 25.")
            % {"what": what}
        ) from None
    if len(values) != count:
        raise forms.ValidationError(
            _("%(what)s: perlu %(n)s angka, satu untuk tiap jam buka (tertulis %(m)s).")
            % {"what": what, "n": count, "m": len(values)}
        )
    for value in values:
        bad = not math.isfinite(value) or value < 0 or value > maximum
        if bad or (integer and value != int(value)):
            kind = _("bilangan bulat") if integer else _("angka")
            raise forms.ValidationError(
                _("%(what)s: setiap nilai harus %(kind)s antara 0 dan %(max)s.")
                % {"what": what, "kind": kind, "max": int(maximum)}
            )
    return [int(v) for v in values] if integer else values


class PlannerForm(forms.Form):
    """The planner's figures: observed by default, any of them overridable."""

    DISTRIBUTIONS = (
        ("lognormal", gettext_lazy("Lognormal (sebaran terukur)")),
        ("exponential", gettext_lazy("Eksponensial (asumsi Erlang C)")),
    )
    WEEKS = (
        (1, gettext_lazy("1 minggu")),
        (2, gettext_lazy("2 minggu")),
        (4, gettext_lazy("4 minggu")),
        (8, gettext_lazy("8 minggu")),
    )

    service = forms.ChoiceField(label=gettext_lazy("Layanan"), required=False)
    weeks = forms.TypedChoiceField(
        label=gettext_lazy("Data terukur dari"),
        choices=WEEKS,
        coerce=int,
        initial=4,
        required=False,
    )
    target_wait = forms.IntegerField(
        label=gettext_lazy("Target tunggu (menit)"), min_value=1, max_value=240, initial=15
    )
    target_share = forms.IntegerField(
        label=gettext_lazy("Porsi warga dalam target (%)"), min_value=50, max_value=99, initial=80
    )
    arrivals = forms.CharField(
        label=gettext_lazy("Kedatangan per jam"),
        required=False,
        help_text=gettext_lazy("Kosongkan untuk memakai data terukur."),
    )
    service_minutes = forms.FloatField(
        label=gettext_lazy("Rata-rata lama layanan (menit)"),
        min_value=0.5,
        max_value=240,
        required=False,
        help_text=gettext_lazy("Kosongkan untuk memakai data terukur."),
    )
    booked_share = forms.IntegerField(
        label=gettext_lazy("Porsi pesan daring (%)"),
        min_value=0,
        max_value=100,
        required=False,
        help_text=gettext_lazy("Kosongkan untuk memakai data terukur."),
    )
    current_counters = forms.CharField(
        label=gettext_lazy("Loket saat ini per jam"),
        required=False,
        help_text=gettext_lazy("Kosongkan untuk memakai loket yang buka sekarang."),
    )
    proposed_counters = forms.CharField(
        label=gettext_lazy("Loket usulan per jam"),
        required=False,
        help_text=gettext_lazy("Kosongkan untuk memakai hitungan Erlang C."),
    )
    distribution = forms.ChoiceField(
        label=gettext_lazy("Sebaran lama layanan"),
        choices=DISTRIBUTIONS,
        initial="lognormal",  # what the measured service times look like; Erlang C stays exponential
        required=False,
    )

    def __init__(self, *args, queue_services=(), periods: int = 7, **kwargs):
        super().__init__(*args, **kwargs)
        self.periods = periods
        self.queue_services = {str(qs.pk): qs for qs in queue_services}
        cast(forms.ChoiceField, self.fields["service"]).choices = _service_choices(
            queue_services, all_label=_("Semua layanan (loket dipakai bersama)")
        )

    def _numbers(self, name: str, *, integer: bool, maximum: float) -> list[float] | None:
        text = (self.cleaned_data.get(name) or "").strip()
        if not text:
            return None
        return parse_numbers(
            text,
            count=self.periods,
            integer=integer,
            maximum=maximum,
            what=str(self.fields[name].label),
        )

    def clean_arrivals(self):
        return self._numbers("arrivals", integer=False, maximum=MAX_ARRIVALS_PER_HOUR)

    def clean_current_counters(self):
        return self._numbers("current_counters", integer=True, maximum=MAX_COUNTERS_PER_HOUR)

    def clean_proposed_counters(self):
        return self._numbers("proposed_counters", integer=True, maximum=MAX_COUNTERS_PER_HOUR)

    def clean(self):
        data = super().clean()
        data["queue_service"] = self.queue_services.get(data.get("service") or "")
        data["weeks"] = data.get("weeks") or 4
        data["distribution"] = data.get("distribution") or "lognormal"
        return data
