"""The P2B library's full-text index on PostgreSQL: a stored generated column
`search_vector = to_tsvector('simple', search_text)` and a GIN index on it, which
`tanggap.innovation.search` queries and ranks with (ts_rank_cd reads the stored vector instead of parsing
every matching row's text again). The column is not a model field: Django never writes it, PostgreSQL
keeps it up to date. Other databases (SQLite for the demo) get nothing: the search ranks candidate rows
in Python there.

Note for later migrations: PostgreSQL refuses to change the type of `search_text` while the generated
column depends on it (drop the column first, then add it back as here)."""

from django.db import migrations

COLUMN = "search_vector"
INDEX = "innovation_article_search_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"ALTER TABLE innovation_article ADD COLUMN IF NOT EXISTS {COLUMN} tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, search_text)) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON innovation_article USING gin ({COLUMN})"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
        schema_editor.execute(f"ALTER TABLE innovation_article DROP COLUMN IF EXISTS {COLUMN}")


class Migration(migrations.Migration):
    dependencies = [("innovation", "0002_seed_iid_2023")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
