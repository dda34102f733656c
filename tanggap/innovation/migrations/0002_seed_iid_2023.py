"""Seed the Indeks Inovasi Daerah 2023 structure (DOMAIN.md §4) as the first index scheme.

The rows are copied here (not imported) so that the migration stays what it was when a later year's
scheme changes the seed module."""

from django.db import migrations

SPD_MAX = "1.575"
SID_MAX = "3.5"
FOUR = ("0.25", "0.5", "0.75", "1")
THREE = ("0.33", "0.67", "1")
TWO = ("0.5", "1")

SPD = [
    ("spd_regulasi", "Regulasi inovasi daerah", FOUR),
    ("spd_sdm", "Ketersediaan SDM terhadap inovasi daerah", FOUR),
    ("spd_anggaran", "Dukungan anggaran", FOUR),
    ("spd_alat_kerja", "Alat kerja", THREE),
    ("spd_bimtek", "Bimtek inovasi", FOUR),
    ("spd_rkpd", "Integrasi program dan kegiatan inovasi dalam RKPD", THREE),
    ("spd_aktor", "Keterlibatan aktor inovasi", FOUR),
    ("spd_pelaksana", "Pelaksana inovasi daerah", THREE),
    ("spd_jejaring", "Jejaring inovasi", FOUR),
    ("spd_sosialisasi", "Sosialisasi inovasi daerah", FOUR),
    ("spd_pedoman", "Pedoman teknis", THREE),
    ("spd_informasi", "Kemudahan informasi layanan", THREE),
    ("spd_pengaduan_selesai", "Penyelesaian layanan pengaduan", FOUR),
    ("spd_pengaduan_puas", "Kepuasan layanan pengaduan", FOUR),
    ("spd_online", "Online sistem", THREE),
    ("spd_replikasi", "Replikasi inovasi daerah", FOUR),
]
SID = [
    ("sid_regulasi", "Regulasi inovasi", FOUR),
    ("sid_sdm", "Ketersediaan SDM", FOUR),
    ("sid_anggaran", "Dukungan anggaran", FOUR),
    ("sid_it", "Penggunaan IT", THREE),
    ("sid_bimtek", "Bimtek inovasi", FOUR),
    ("sid_rkpd", "Program dan kegiatan inovasi di RKPD", THREE),
    ("sid_aktor", "Keterlibatan aktor inovasi", FOUR),
    ("sid_pelaksana", "Pelaksana inovasi", THREE),
    ("sid_jejaring", "Jejaring inovasi", FOUR),
    ("sid_sosialisasi", "Sosialisasi inovasi", FOUR),
    ("sid_pedoman", "Pedoman teknis", THREE),
    ("sid_informasi", "Kemudahan informasi layanan", THREE),
    ("sid_pengaduan", "Penyelesaian layanan pengaduan", FOUR),
    ("sid_terintegrasi", "Layanan terintegrasi", TWO),
    ("sid_replikasi", "Replikasi", FOUR),
    ("sid_kecepatan", "Kecepatan penciptaan inovasi", FOUR),
    ("sid_kemanfaatan", "Kemanfaatan inovasi", FOUR),
    ("sid_monev", "Monitoring dan evaluasi inovasi daerah", FOUR),
    ("sid_kualitas", "Kualitas inovasi daerah", FOUR),
    ("sid_kemudahan_proses", "Kemudahan proses inovasi yang dihasilkan", THREE),
]
COUNT_STEPS = [[1, "1.2"], [5, "2.4"], [10, "3.6"], [20, "4.8"]]
BAND_FLOORS = [
    ["60.01", "sangat_inovatif"],
    ["35.00", "inovatif"],
    ["0.01", "kurang_inovatif"],
    ["0.00", "tidak_dapat_dinilai"],
]
FILE_TYPES = {
    "image/jpeg": ["jpg", "jpeg", "jpe", "jfif"],
    "image/png": ["png"],
    "image/webp": ["webp"],
    "application/pdf": ["pdf"],
}


def _levels(shares):
    n = len(shares)
    return [
        {"label": f"Bukti tingkat {k} dari {n}", "share": share}
        for k, share in enumerate(shares, start=1)
    ]


def seed(apps, schema_editor):
    IndexScheme = apps.get_model("innovation", "IndexScheme")
    Indicator = apps.get_model("innovation", "Indicator")
    if IndexScheme.objects.filter(year=2023).exists():
        return
    scheme = IndexScheme.objects.create(
        year=2023,
        name="Indeks Inovasi Daerah 2023",
        count_steps=COUNT_STEPS,
        band_floors=BAND_FLOORS,
        file_types=FILE_TYPES,
        file_max_bytes=5 * 1024 * 1024,
        source_note=(
            "Struktur IID 2023: 36 indikator, aspek SPD 25,2% dan SID 74,8%. Bobot per indikator dan "
            "tabel pilihan bukti belum ditemukan dalam sumber resmi: bobot dibagi rata per aspek "
            "(SPD 16 × 1,575; SID 20 × 3,5 ditambah skor jumlah inovasi hingga 4,8). Ubah sesuai "
            "pedoman resmi tahun berjalan."
        ),
    )
    order = 0
    for aspect, maximum, rows in (("spd", SPD_MAX, SPD), ("sid", SID_MAX, SID)):
        for code, name, shares in rows:
            order += 1
            Indicator.objects.create(
                scheme=scheme,
                code=code,
                name=name,
                aspect=aspect,
                max_score=maximum,
                levels=_levels(shares),
                order=order,
            )


class Migration(migrations.Migration):
    dependencies = [("innovation", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
