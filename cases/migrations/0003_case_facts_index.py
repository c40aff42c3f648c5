from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0002_taxonomy"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="casestudypage",
            index=models.Index(
                fields=["page_ptr", "stage", "agency", "status", "started"], name="case_facts"
            ),
        ),
    ]
