"""The registry's fixed vocabularies (DOMAIN.md §4; government affairs of UU 23/2014)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Form(models.TextChoices):
    TATA_KELOLA = "tata_kelola", _("Inovasi tata kelola pemerintahan daerah")
    PELAYANAN_PUBLIK = "pelayanan_publik", _("Inovasi pelayanan publik")
    LAINNYA = "lainnya", _("Inovasi daerah lainnya")


class Kind(models.TextChoices):
    DIGITAL = "digital", _("Digital")
    NON_DIGITAL = "non_digital", _("Non digital")


class Initiator(models.TextChoices):
    KEPALA_DAERAH = "kepala_daerah", _("Kepala daerah")
    DPRD = "dprd", _("Anggota DPRD")
    PERANGKAT_DAERAH = "perangkat_daerah", _("Perangkat daerah")
    ASN = "asn", _("ASN")
    MASYARAKAT = "masyarakat", _("Masyarakat")


class Stage(models.TextChoices):
    INISIATIF = "inisiatif", _("Inisiatif")
    UJI_COBA = "uji_coba", _("Uji coba")
    PENERAPAN = "penerapan", _("Penerapan")


class Affair(models.TextChoices):
    """Urusan pemerintahan (UU 23/2014), the ones regional innovations are filed under."""

    PENDIDIKAN = "pendidikan", _("Pendidikan")
    KESEHATAN = "kesehatan", _("Kesehatan")
    PUPR = "pupr", _("Pekerjaan umum dan penataan ruang")
    PERUMAHAN = "perumahan", _("Perumahan rakyat dan kawasan permukiman")
    TRANTIBUM = "trantibum", _("Ketenteraman, ketertiban umum, dan pelindungan masyarakat")
    SOSIAL = "sosial", _("Sosial")
    TENAGA_KERJA = "tenaga_kerja", _("Tenaga kerja")
    PEMBERDAYAAN_PEREMPUAN = "pppa", _("Pemberdayaan perempuan dan pelindungan anak")
    PANGAN = "pangan", _("Pangan")
    LINGKUNGAN_HIDUP = "lingkungan_hidup", _("Lingkungan hidup")
    ADMINDUK = "adminduk", _("Administrasi kependudukan dan pencatatan sipil")
    PEMBERDAYAAN_DESA = "desa", _("Pemberdayaan masyarakat dan desa")
    KB = "kb", _("Pengendalian penduduk dan keluarga berencana")
    PERHUBUNGAN = "perhubungan", _("Perhubungan")
    KOMINFO = "kominfo", _("Komunikasi dan informatika")
    KOPERASI_UKM = "koperasi_ukm", _("Koperasi, usaha kecil, dan menengah")
    PENANAMAN_MODAL = "penanaman_modal", _("Penanaman modal")
    KEPEMUDAAN = "kepemudaan", _("Kepemudaan dan olahraga")
    PERPUSTAKAAN = "perpustakaan", _("Perpustakaan dan kearsipan")
    PERTANIAN = "pertanian", _("Pertanian")
    PARIWISATA = "pariwisata", _("Pariwisata")
    PERDAGANGAN = "perdagangan", _("Perdagangan dan perindustrian")
    PERENCANAAN = "perencanaan", _("Perencanaan dan penelitian-pengembangan")
    KEUANGAN = "keuangan", _("Keuangan")
    KEPEGAWAIAN = "kepegawaian", _("Kepegawaian dan pengembangan SDM")
    PEMERINTAHAN_UMUM = "pemerintahan_umum", _("Pemerintahan umum")
