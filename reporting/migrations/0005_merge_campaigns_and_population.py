from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0002_campaigns_and_suggestions"),
        ("reporting", "0004_report_crosstab"),
    ]

    operations = []
