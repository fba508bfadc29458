"""The base salary rows known when the table was made; users add later values on the catalogue page."""

import datetime

from django.db import migrations

ROWS = [
    (datetime.date(2019, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP"),
    (datetime.date(2023, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    (datetime.date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP, Điều 3.2"),
]


def add_rows(apps, schema_editor):
    BaseSalary = apps.get_model("awards", "BaseSalary")
    for from_date, amount, source in ROWS:
        BaseSalary.objects.get_or_create(
            from_date=from_date, defaults={"amount": amount, "source": source}
        )


def remove_rows(apps, schema_editor):
    BaseSalary = apps.get_model("awards", "BaseSalary")
    BaseSalary.objects.filter(from_date__in=[r[0] for r in ROWS], created_by__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("awards", "0003_decisions_money_and_nominations")]

    operations = [migrations.RunPython(add_rows, remove_rows)]
