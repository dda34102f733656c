"""The demo's performance agreement indicators per unit and the superiors' review texts."""

from __future__ import annotations

from tanggap.performance.achievement import Direction
from tanggap.performance.models import AutoSource

H, L = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER
# name, measure, direction, baseline, yearly target, RPJMD code, RPJMD goal, source for the SKPs
IND = tuple[str, str, str, str, str, str, str, str]
INDICATORS: dict[str, list[IND]] = {
    "dukcapil": [
        ("Persentase dokumen kependudukan terbit tepat waktu", "%", H, "91", "95", "3.2.1",
         "Meningkatnya kualitas pelayanan administrasi kependudukan", ""),
        ("Jumlah warga yang dilayani di loket Dukcapil", "tiket", H, "21000", "23000", "3.2.1",
         "Meningkatnya kualitas pelayanan administrasi kependudukan", AutoSource.TICKETS_SERVED),
        ("Rata-rata waktu tunggu layanan", "menit", L, "38", "30", "3.2.1",
         "Meningkatnya kualitas pelayanan administrasi kependudukan", ""),
        ("Indeks Kepuasan Masyarakat unit", "indeks", H, "82.5", "85", "3.1.4",
         "Meningkatnya kepuasan masyarakat atas pelayanan publik", AutoSource.UNIT_IKM),
        ("Persentase pengaduan dijawab tepat waktu", "%", H, "85", "92", "3.1.5",
         "Meningkatnya responsivitas pengelolaan pengaduan", AutoSource.COMPLAINTS_ON_TIME_SHARE),
    ],
    "mpp": [
        ("Jumlah layanan yang diselenggarakan di MPP", "layanan", H, "96", "110", "3.1.2",
         "Terintegrasinya pelayanan publik di Mal Pelayanan Publik", ""),
        ("Jumlah pengunjung MPP yang dilayani", "orang", H, "41000", "45000", "3.1.2",
         "Terintegrasinya pelayanan publik di Mal Pelayanan Publik", ""),
        ("Indeks Kepuasan Masyarakat unit", "indeks", H, "84", "86", "3.1.4",
         "Meningkatnya kepuasan masyarakat atas pelayanan publik", AutoSource.UNIT_IKM),
    ],
    "dpmptsp": [
        ("Persentase izin terbit sesuai standar waktu", "%", H, "88", "93", "2.4.1",
         "Meningkatnya kemudahan berusaha", ""),
        ("Nilai realisasi investasi", "miliar rupiah", H, "1250", "1400", "2.4.2",
         "Meningkatnya investasi daerah", ""),
        ("Rata-rata lama proses perizinan", "hari kerja", L, "7", "5", "2.4.1",
         "Meningkatnya kemudahan berusaha", ""),
        ("Indeks Kepuasan Masyarakat unit", "indeks", H, "81", "84", "3.1.4",
         "Meningkatnya kepuasan masyarakat atas pelayanan publik", AutoSource.UNIT_IKM),
    ],
    "kecamatan-kanigoro": [
        ("Persentase layanan administrasi kecamatan selesai tepat waktu", "%", H, "87", "92",
         "3.3.1", "Meningkatnya kualitas pelayanan kecamatan", ""),
        ("Jumlah warga yang dilayani di loket kecamatan", "tiket", H, "5200", "6000", "3.3.1",
         "Meningkatnya kualitas pelayanan kecamatan", AutoSource.TICKETS_SERVED),
        ("Persentase desa dengan laporan keuangan desa tepat waktu", "%", H, "80", "90", "3.3.2",
         "Meningkatnya tata kelola pemerintahan desa", ""),
    ],
}  # fmt: skip
FEEDBACK = (
    "Capaian triwulan ini sesuai rencana; pertahankan ketepatan waktu layanan.",
    "Realisasi sedikit di bawah target; perkuat koordinasi dengan loket dan tim teknis.",
    "Kinerja baik; dokumentasikan bukti dukung lebih rapi untuk triwulan berikutnya.",
    "Sudah ada kemajuan; tindak lanjuti keluhan warga lebih cepat.",
)
BEHAVIOUR = {
    "berorientasi_pelayanan": "Ramah dan sigap membantu warga di loket.",
    "kolaboratif": "Aktif berbagi informasi dengan rekan kerja.",
}

# Each demo unit's own performance rating of the year (DOMAIN.md §5), with a basis that is clearly
# fictional. DPMPTSP's "Butuh Perbaikan" asks for at least 60% Butuh Perbaikan among its officials, so
# year-end ratings as generous as most units give (mostly Baik) break its distribution rules.
UNIT_RATINGS: dict[str, str] = {
    "dukcapil": "baik",
    "mpp": "istimewa",
    "dpmptsp": "butuh_perbaikan",
    "kecamatan-kanigoro": "baik",
}
UNIT_RATING_BASIS = (
    "CONTOH FIKTIF (data demo): Keputusan Bupati Blitar No. 800/DEMO-{n}/{year} tentang hasil "
    "evaluasi kinerja perangkat daerah tahun {year}"
)
