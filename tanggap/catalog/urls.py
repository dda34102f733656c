"""Pages of the catalog app, under /layanan/: the public catalogue and the staff area (kelola/)."""

from django.urls import path

from tanggap.catalog import manage_views, views

app_name = "catalog"
urlpatterns = [
    path("", views.index, name="index"),
    path("kategori/", views.categories, name="categories"),
    path("instansi/", views.agencies, name="agencies"),
    path("lokasi/", views.locations, name="locations"),
    path("mpp/", views.mpp_list, name="mpp_list"),
    # Staff area.
    path("kelola/", manage_views.manage, name="manage"),
    path("kelola/baru/", manage_views.service_create, name="service_create"),
    path("kelola/impor/", manage_views.import_standards, name="import"),
    path("kelola/ekspor/", manage_views.export_standards, name="export"),
    path("kelola/<int:pk>/", manage_views.service_manage, name="service_manage"),
    path("kelola/<int:pk>/ubah/", manage_views.service_edit, name="service_edit"),
    path("kelola/<int:pk>/arsipkan/", manage_views.service_archive, name="service_archive"),
    path("kelola/<int:pk>/pulihkan/", manage_views.service_restore, name="service_restore"),
    path("kelola/<int:pk>/standar/", manage_views.standard_edit, name="standard_edit"),
    path(
        "kelola/<int:pk>/standar/versi-baru/",
        manage_views.standard_new_version,
        name="standard_new_version",
    ),
    path("kelola/<int:pk>/standar/tetapkan/", manage_views.standard_enact, name="standard_enact"),
    path(
        "kelola/<int:pk>/versi/<int:version>/",
        manage_views.standard_version,
        name="standard_version",
    ),
    # Public pages of one region (after the fixed paths above, so a slug never hides them).
    path("<slug:region_slug>/", views.region_home, name="region"),
    path("<slug:region_slug>/mpp/<slug:unit_slug>/", views.mpp_detail, name="mpp"),
    path("<slug:region_slug>/<slug:service_slug>/", views.service_detail, name="service"),
    path(
        "<slug:region_slug>/<slug:service_slug>/versi/<int:version>/",
        views.service_version,
        name="service_version",
    ),
    path(
        "<slug:region_slug>/<slug:service_slug>/maklumat.pdf",
        views.maklumat_pdf,
        name="maklumat_pdf",
    ),
]
