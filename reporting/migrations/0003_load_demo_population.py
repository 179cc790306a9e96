from django.db import migrations


def load(apps, schema_editor):
    from reporting.population import (
        load_shipped,
    )  # the loader's own rules, with this migration's models

    load_shipped(
        area_model=apps.get_model("reporting", "PopulationArea"),
        figure_model=apps.get_model("reporting", "PopulationFigure"),
    )


def unload(apps, schema_editor):
    apps.get_model("reporting", "PopulationArea").objects.filter(
        slug="northfield-and-eastbrook"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("reporting", "0002_population_figures")]

    operations = [migrations.RunPython(load, unload)]
