"""Pages of the catalog app, under /layanan/: the public catalogue and the staff area (kelola/)."""

from django.urls import path

from tanggap.catalog.views import manage, public

app_name = "catalog"
urlpatterns = [
    path("", public.index, name="index"),
    path("kategori/", public.categories, name="categories"),
    path("instansi/", public.agencies, name="agencies"),
    path("lokasi/", public.locations, name="locations"),
    path("mpp/", public.mpp_list, name="mpp_list"),
    # Staff area.
    path("kelola/", manage.manage, name="manage"),
    path("kelola/baru/", manage.service_create, name="service_create"),
    path("kelola/impor/", manage.import_standards, name="import"),
    path("kelola/ekspor/", manage.export_standards, name="export"),
    path("kelola/<int:pk>/", manage.service_manage, name="service_manage"),
    path("kelola/<int:pk>/ubah/", manage.service_edit, name="service_edit"),
    path("kelola/<int:pk>/arsipkan/", manage.service_archive, name="service_archive"),
    path("kelola/<int:pk>/pulihkan/", manage.service_restore, name="service_restore"),
    path("kelola/<int:pk>/standar/", manage.standard_edit, name="standard_edit"),
    path(
        "kelola/<int:pk>/standar/versi-baru/",
        manage.standard_new_version,
        name="standard_new_version",
    ),
    path("kelola/<int:pk>/standar/tetapkan/", manage.standard_enact, name="standard_enact"),
    path(
        "kelola/<int:pk>/versi/<int:version>/",
        manage.standard_version,
        name="standard_version",
    ),
    # Public pages of one region (after the fixed paths above, so a slug never hides them).
    path("<slug:region_slug>/", public.region_home, name="region"),
    path("<slug:region_slug>/mpp/<slug:unit_slug>/", public.mpp_detail, name="mpp"),
    path("<slug:region_slug>/<slug:service_slug>/", public.service_detail, name="service"),
    path(
        "<slug:region_slug>/<slug:service_slug>/versi/<int:version>/",
        public.service_version,
        name="service_version",
    ),
    path(
        "<slug:region_slug>/<slug:service_slug>/maklumat.pdf",
        public.maklumat_pdf,
        name="maklumat_pdf",
    ),
]
