"""Let Wagtail's Editors and Moderators groups see and manage registrations."""

from django.db import migrations

CODENAMES = {"view_registration": "Can view registration",
             "change_registration": "Can change registration"}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    content_type, _ = ContentType.objects.get_or_create(app_label="activities",
                                                        model="registration")
    permissions = [
        Permission.objects.get_or_create(content_type=content_type, codename=codename,
                                         defaults={"name": name})[0]
        for codename, name in CODENAMES.items()
    ]
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    permissions = Permission.objects.filter(content_type__app_label="activities",
                                            codename__in=list(CODENAMES))
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
