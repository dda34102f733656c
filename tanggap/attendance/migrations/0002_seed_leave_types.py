"""The leave and permit types of DOMAIN.md §8, configured: only cuti tahunan draws on the annual balance,
cuti sakit needs a doctor's note. Limits in months (besar, melahirkan, alasan penting) are left for the
region to set in working days."""

from django.db import migrations

TYPES = [
    # code, uses_annual_balance, requires_document
    ("cuti_tahunan", True, False),
    ("sakit", False, True),
    ("alasan_penting", False, False),
    ("besar", False, False),
    ("melahirkan", False, False),
    ("izin", False, False),
    ("dinas_luar", False, False),
    ("tugas_belajar", False, False),
]


def seed(apps, schema_editor):
    LeaveType = apps.get_model("attendance", "LeaveType")
    for code, uses_balance, needs_document in TYPES:
        LeaveType.objects.get_or_create(
            code=code,
            defaults={"uses_annual_balance": uses_balance, "requires_document": needs_document},
        )


class Migration(migrations.Migration):
    dependencies = [("attendance", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
