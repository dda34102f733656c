"""The organisation of a region: its areas, units, officials and their positions."""

from __future__ import annotations

import datetime
import re

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeZoneChoice(models.TextChoices):
    """Indonesia's three time zones."""

    WIB = "Asia/Jakarta", _("WIB (Asia/Jakarta, UTC+7)")
    WITA = "Asia/Makassar", _("WITA (Asia/Makassar, UTC+8)")
    WIT = "Asia/Jayapura", _("WIT (Asia/Jayapura, UTC+9)")


class Region(models.Model):
    """A kabupaten, kota or provinsi hosted on this deployment; every record belongs to one."""

    class Kind(models.TextChoices):
        KABUPATEN = "kabupaten", _("Kabupaten")
        KOTA = "kota", _("Kota")
        PROVINSI = "provinsi", _("Provinsi")

    slug = models.SlugField(_("slug"), max_length=64, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices, default=Kind.KABUPATEN)
    code = models.CharField(
        _("kode wilayah"), max_length=16, blank=True, help_text=_("Kode Kemendagri, mis. 35.05")
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("provinsi"), null=True, blank=True, on_delete=models.PROTECT
    )
    timezone = models.CharField(
        _("zona waktu"), max_length=32, choices=TimeZoneChoice.choices, default=TimeZoneChoice.WIB
    )
    head_title = models.CharField(
        _("jabatan kepala daerah"), max_length=100, blank=True, default="Bupati"
    )
    head_name = models.CharField(_("nama kepala daerah"), max_length=200, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    website = models.URLField(_("situs web"), blank=True)
    # Working calendar defaults for the region; units may override.
    work_days = models.CharField(
        _("hari kerja"),
        max_length=20,
        default="0,1,2,3,4",
        help_text=_("Hari kerja: 0=Senin … 6=Minggu, dipisah koma"),
    )
    work_start = models.TimeField(_("jam mulai kerja"), default=datetime.time(8, 0))
    work_end = models.TimeField(_("jam selesai kerja"), default=datetime.time(16, 0))
    is_active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def place_name(self) -> str:
        """The place written above a signature: the name without "Kabupaten"/"Kota"/"Provinsi"."""
        return re.sub(r"^(Kabupaten|Kota|Provinsi) ", "", self.name)


class DayOff(models.Model):
    """A day a region adds to the national holidays (local holiday, regional leave)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="days_off")
    date = models.DateField(_("tanggal"))
    name = models.CharField(_("keterangan"), max_length=200)

    class Meta:
        verbose_name = _("hari libur daerah")
        verbose_name_plural = _("hari libur daerah")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["region", "date"], name="uniq_region_day_off")
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class Area(models.Model):
    """An administrative area inside a region: a kecamatan, or a desa/kelurahan inside a kecamatan."""

    class Kind(models.TextChoices):
        KECAMATAN = "kecamatan", _("Kecamatan")
        DESA = "desa", _("Desa")
        KELURAHAN = "kelurahan", _("Kelurahan")

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="areas")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("kecamatan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    code = models.CharField(_("kode wilayah"), max_length=20)
    name = models.CharField(_("nama"), max_length=200)
    latitude = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("bujur"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    is_remote = models.BooleanField(_("terpencil"), default=False)

    class Meta:
        verbose_name = _("wilayah administratif")
        verbose_name_plural = _("wilayah administratif")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "code"], name="uniq_area_code_per_region")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class Unit(models.Model):
    """An organisational unit that serves the public: OPD, UPT, kecamatan office, MPP or an MPP booth."""

    class Kind(models.TextChoices):
        OPD = "opd", _("Perangkat Daerah (OPD)")
        UPT = "upt", _("Unit Pelaksana Teknis (UPT)")
        KECAMATAN = "kecamatan", _("Kantor Kecamatan")
        KELURAHAN = "kelurahan", _("Kantor Desa/Kelurahan")
        MPP = "mpp", _("Mal Pelayanan Publik (MPP)")
        MPP_BOOTH = "mpp_booth", _("Gerai MPP")
        MOBILE = "mobile", _("Unit Layanan Keliling")

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="units")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("unit induk"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    kind = models.CharField(_("jenis"), max_length=16, choices=Kind.choices)
    slug = models.SlugField(_("slug"), max_length=100)
    name = models.CharField(_("nama"), max_length=200)
    short_name = models.CharField(_("singkatan"), max_length=60, blank=True)
    area = models.ForeignKey(
        Area,
        verbose_name=_("lokasi (kecamatan/desa)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units",
    )
    address = models.TextField(_("alamat"), blank=True)
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    email = models.EmailField(_("surel"), blank=True)
    latitude = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("bujur"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    head = models.ForeignKey(
        "Official",
        verbose_name=_("kepala unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    work_days = models.CharField(
        _("hari kerja"),
        max_length=20,
        blank=True,
        help_text=_("Kosongkan untuk mengikuti wilayah. 0=Senin … 6=Minggu"),
    )
    work_start = models.TimeField(_("jam buka"), null=True, blank=True)
    work_end = models.TimeField(_("jam tutup"), null=True, blank=True)
    is_service_location = models.BooleanField(
        _("lokasi layanan"), default=False, help_text=_("Warga datang dilayani di sini")
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    archived_reason = models.CharField(_("alasan arsip"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("unit")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "slug"], name="uniq_unit_slug_per_region")
        ]

    def __str__(self) -> str:
        return self.name


class Official(models.Model):
    """An ASN (civil servant) of the region, identified by an 18-digit NIP."""

    class Sex(models.TextChoices):
        MALE = "L", _("Laki-laki")
        FEMALE = "P", _("Perempuan")

    class Rank(models.TextChoices):
        I_A = "I/a", "I/a - Juru Muda"
        I_B = "I/b", "I/b - Juru Muda Tingkat I"
        I_C = "I/c", "I/c - Juru"
        I_D = "I/d", "I/d - Juru Tingkat I"
        II_A = "II/a", "II/a - Pengatur Muda"
        II_B = "II/b", "II/b - Pengatur Muda Tingkat I"
        II_C = "II/c", "II/c - Pengatur"
        II_D = "II/d", "II/d - Pengatur Tingkat I"
        III_A = "III/a", "III/a - Penata Muda"
        III_B = "III/b", "III/b - Penata Muda Tingkat I"
        III_C = "III/c", "III/c - Penata"
        III_D = "III/d", "III/d - Penata Tingkat I"
        IV_A = "IV/a", "IV/a - Pembina"
        IV_B = "IV/b", "IV/b - Pembina Tingkat I"
        IV_C = "IV/c", "IV/c - Pembina Utama Muda"
        IV_D = "IV/d", "IV/d - Pembina Utama Madya"
        IV_E = "IV/e", "IV/e - Pembina Utama"

    class Status(models.TextChoices):
        ACTIVE = "active", _("Aktif")
        RETIRED = "retired", _("Pensiun")
        ARCHIVED = "archived", _("Diarsipkan")

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="officials")
    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    front_title = models.CharField(_("gelar depan"), max_length=40, blank=True)
    back_title = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_date = models.DateField(_("tanggal lahir"))
    appointed_on = models.DateField(
        _("TMT CPNS"), help_text=_("Tahun dan bulan pengangkatan dari NIP")
    )
    rank = models.CharField(_("pangkat/golongan"), max_length=8, choices=Rank.choices)
    position_title = models.CharField(_("jabatan"), max_length=200)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="officials"
    )
    position_started_on = models.DateField(_("TMT jabatan"))
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="official",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    archived_reason = models.CharField(_("alasan arsip"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("pegawai (ASN)")
        verbose_name_plural = _("pegawai (ASN)")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """Name with academic titles, as printed on documents."""
        front = f"{self.front_title} " if self.front_title else ""
        back = f", {self.back_title}" if self.back_title else ""
        return f"{front}{self.name}{back}"


class RotationDecree(models.Model):
    """An SK mutasi: one decree that moves many officials to new positions at once."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Konsep")
        ENACTED = "enacted", _("Ditetapkan")

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="rotation_decrees")
    number = models.CharField(_("nomor SK"), max_length=120)
    title = models.CharField(_("perihal"), max_length=300, blank=True)
    decree_date = models.DateField(_("tanggal SK"))
    effective_date = models.DateField(_("TMT (berlaku mulai)"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    enacted_at = models.DateTimeField(_("ditetapkan pada"), null=True, blank=True)
    enacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("SK mutasi")
        verbose_name_plural = _("SK mutasi")
        ordering = ["-decree_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "number"], name="uniq_decree_number_per_region"
            )
        ]

    def __str__(self) -> str:
        return self.number


class RotationEntry(models.Model):
    """One official's move in a rotation decree: the new unit and position."""

    decree = models.ForeignKey(RotationDecree, on_delete=models.CASCADE, related_name="entries")
    official = models.ForeignKey(
        Official, on_delete=models.PROTECT, related_name="rotation_entries"
    )
    to_unit = models.ForeignKey(
        Unit, verbose_name=_("unit baru"), on_delete=models.PROTECT, related_name="+"
    )
    to_position_title = models.CharField(_("jabatan baru"), max_length=200)
    to_rank = models.CharField(
        _("golongan baru"), max_length=8, choices=Official.Rank.choices, blank=True
    )
    # Filled at enactment, so the decree stays readable after later moves.
    from_unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit lama"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    from_position_title = models.CharField(_("jabatan lama"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("entri mutasi")
        verbose_name_plural = _("entri mutasi")
        constraints = [
            models.UniqueConstraint(fields=["decree", "official"], name="uniq_official_per_decree")
        ]

    def __str__(self) -> str:
        return f"{self.official} → {self.to_position_title}"


class PositionAssignment(models.Model):
    """One period an official held a position in a unit: the position history."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="positions")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    position_title = models.CharField(_("jabatan"), max_length=200)
    rank = models.CharField(_("golongan"), max_length=8, choices=Official.Rank.choices, blank=True)
    start_date = models.DateField(_("mulai"))
    end_date = models.DateField(_("selesai"), null=True, blank=True)
    decree = models.ForeignKey(
        RotationDecree,
        verbose_name=_("SK"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.CharField(_("catatan"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("riwayat jabatan")
        verbose_name_plural = _("riwayat jabatan")
        ordering = ["official", "-start_date"]
        constraints = [
            # An official holds one position at a time: at most one open period.
            models.UniqueConstraint(
                fields=["official"],
                condition=models.Q(end_date__isnull=True),
                name="one_open_position_per_official",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="position_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.official} · {self.position_title} ({self.start_date})"
