from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_cache_tables(sender, using="default", **kwargs) -> None:
    """After `migrate`, create the table of any database cache (`createcachetable` is idempotent), so a
    deployment without Redis never meets a missing cache table."""
    from django.conf import settings
    from django.core.management import call_command

    if any(c["BACKEND"].endswith("DatabaseCache") for c in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    """Shared foundations: audit trail, working calendar, errors, base pages."""

    name = "tanggap.core"
    label = "core"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from tanggap.core.registry import WorkArea, work_areas
        from tanggap.core.selectors import can_watch_outbox

        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="tanggap-cache-tables")
        work_areas.register(
            WorkArea(
                key="core.outbox",
                title=_("Kotak keluar pemberitahuan"),
                description=_("Pemberitahuan yang belum terkirim dan galatnya"),
                url_name="core:outbox",
                allow=can_watch_outbox,
                order=900,
            )
        )
        # The API's documentation is a large page for developers: linked from the staff dashboard, not
        # from every public page's footer (its address, /api/docs/, stays public).
        work_areas.register(
            WorkArea(
                key="core.api_docs",
                title=_("Dokumentasi API (pengembang)"),
                description=_("Skema OpenAPI untuk menghubungkan sistem lain"),
                url_name="api-docs",
                allow=lambda user: True,
                order=950,
            )
        )
