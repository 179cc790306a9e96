import django.db.models.deletion
import django.utils.timezone
import home.references
from django.db import migrations, models


# FormatRequest moved from feedback to consultations (issue 16). Only Django's state moves: the
# table keeps its name (feedback_formatrequest) and its rows. The content type is renamed, so staff
# groups keep their format-request permissions and the admin history stays with the rows.
def content_type_to(app_label, other):
    def move(apps, schema_editor):
        content_type = apps.get_model("contenttypes", "ContentType")
        if not content_type.objects.filter(app_label=app_label, model="formatrequest").exists():
            content_type.objects.filter(app_label=other, model="formatrequest").update(
                app_label=app_label
            )

    return move


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0002_documentpagecount_materialpage_consultationpage_body_and_more"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("feedback", "0004_condition_fields_picked_from_lists"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="FormatRequest",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "reference",
                            models.CharField(
                                default=home.references.new_reference,
                                editable=False,
                                max_length=16,
                                unique=True,
                            ),
                        ),
                        ("material_title", models.CharField(blank=True, max_length=255)),
                        (
                            "format",
                            models.CharField(
                                choices=[
                                    ("large_print", "Large print"),
                                    ("braille", "Braille"),
                                    ("audio", "Audio"),
                                    ("easy_read", "Easy Read"),
                                    ("bsl", "British Sign Language video"),
                                    ("language", "Another language"),
                                    ("paper", "Paper copy by post"),
                                    ("other", "Something else"),
                                ],
                                max_length=20,
                            ),
                        ),
                        (
                            "language",
                            models.CharField(
                                blank=True,
                                help_text="When the format is another language.",
                                max_length=100,
                            ),
                        ),
                        ("details", models.TextField(blank=True, max_length=2000)),
                        ("name", models.CharField(max_length=150)),
                        ("email", models.EmailField(blank=True, max_length=254)),
                        ("phone", models.CharField(blank=True, max_length=40)),
                        ("postal_address", models.TextField(blank=True, max_length=500)),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("new", "New"),
                                    ("in_progress", "In progress"),
                                    ("sent", "Sent"),
                                    ("closed", "Closed"),
                                ],
                                db_index=True,
                                default="new",
                                max_length=12,
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(db_index=True, default=django.utils.timezone.now),
                        ),
                        ("reply_due", models.DateField(blank=True, null=True)),
                        ("staff_notes", models.TextField(blank=True)),
                        (
                            "consultation",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="format_requests",
                                to="consultations.consultationpage",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "feedback_formatrequest",
                        "ordering": ["-created_at"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            content_type_to("consultations", "feedback"),
            content_type_to("feedback", "consultations"),
        ),
    ]
