"""The P2B library's full-text index on PostgreSQL: a GIN index over to_tsvector('simple', search_text),
the exact expression `tanggap.innovation.search` queries. Other databases (SQLite for the demo) get
nothing: the search ranks candidate rows in Python there."""

from django.db import migrations

INDEX = "innovation_article_search_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON innovation_article "
            "USING gin (to_tsvector('simple'::regconfig, search_text))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("innovation", "0002_seed_iid_2023")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
