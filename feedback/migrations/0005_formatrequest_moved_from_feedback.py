from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('feedback', '0004_condition_fields_picked_from_lists'),
        ('consultations', '0003_formatrequest_moved_from_feedback'),
    ]

    # The model now lives in consultations (its migration 0003); the table stays.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='FormatRequest')],
            database_operations=[],
        ),
    ]
