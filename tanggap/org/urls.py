"""Pages of the org app: a region's profile, areas, units, officials and rotation decrees."""

from django.urls import path

from tanggap.org.views import decrees, officials, structure

app_name = "org"
urlpatterns = [
    path("", structure.index, name="index"),
    path("<slug:region>/", structure.region_detail, name="region_detail"),
    path("<slug:region>/ubah/", structure.region_edit, name="region_edit"),
    path("<slug:region>/hari-libur/tambah/", structure.day_off_add, name="day_off_add"),
    path(
        "<slug:region>/hari-libur/<int:pk>/hapus/", structure.day_off_remove, name="day_off_remove"
    ),
    path("<slug:region>/wilayah/", structure.area_list, name="area_list"),
    path("<slug:region>/wilayah/tambah/", structure.area_create, name="area_create"),
    path("<slug:region>/wilayah/<int:pk>/ubah/", structure.area_edit, name="area_edit"),
    path("<slug:region>/unit/", structure.unit_list, name="unit_list"),
    path("<slug:region>/unit/tambah/", structure.unit_create, name="unit_create"),
    path("<slug:region>/unit/<slug:unit>/", structure.unit_detail, name="unit_detail"),
    path("<slug:region>/unit/<slug:unit>/ubah/", structure.unit_edit, name="unit_edit"),
    path("<slug:region>/unit/<slug:unit>/arsipkan/", structure.unit_archive, name="unit_archive"),
    path("<slug:region>/pegawai/", officials.official_list, name="official_list"),
    path("<slug:region>/pegawai/tambah/", officials.official_create, name="official_create"),
    path("<slug:region>/pegawai/<int:pk>/", officials.official_detail, name="official_detail"),
    path("<slug:region>/pegawai/<int:pk>/ubah/", officials.official_edit, name="official_edit"),
    path(
        "<slug:region>/pegawai/<int:pk>/nonaktifkan/",
        officials.official_archive,
        name="official_archive",
    ),
    path("<slug:region>/mutasi/", decrees.decree_list, name="decree_list"),
    path("<slug:region>/mutasi/tambah/", decrees.decree_create, name="decree_create"),
    path("<slug:region>/mutasi/<int:pk>/", decrees.decree_detail, name="decree_detail"),
    path("<slug:region>/mutasi/<int:pk>/ubah/", decrees.decree_edit, name="decree_edit"),
    path(
        "<slug:region>/mutasi/<int:pk>/entri/",
        decrees.decree_entries_add,
        name="decree_entries_add",
    ),
    path(
        "<slug:region>/mutasi/<int:pk>/entri/<int:entry>/hapus/",
        decrees.decree_entry_remove,
        name="decree_entry_remove",
    ),
    path("<slug:region>/mutasi/<int:pk>/tetapkan/", decrees.decree_enact, name="decree_enact"),
    path("<slug:region>/mutasi/<int:pk>/cetak/", decrees.decree_print, name="decree_print"),
]
