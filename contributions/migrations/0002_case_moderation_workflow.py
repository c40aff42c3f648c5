"""The case moderation workflow: one ModerationTask for the Editors group
(and Wagtail's Moderators, who approve by default), assigned to the root page
so every case, in every language, goes through it. Editors (redaktörer) are
the ones who publish, so their group gets Wagtail's publish permission: an
approved workflow publishes in the approving editor's name."""

from django.db import migrations

NAME = "Case moderation"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    ModerationTask = apps.get_model("contributions.ModerationTask")
    Permission = apps.get_model("auth.Permission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")

    if Workflow.objects.filter(name=NAME).exists():
        return
    content_type, _ = ContentType.objects.get_or_create(
        app_label="contributions", model="moderationtask"
    )
    task = ModerationTask.objects.create(name=NAME, content_type=content_type, active=True)
    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    task.groups.set([editors, moderators])
    workflow = Workflow.objects.create(name=NAME, active=True)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    root = Page.objects.filter(depth=1).first()
    if root is not None:
        WorkflowPage.objects.filter(page=root).delete()
        WorkflowPage.objects.create(workflow=workflow, page=root)
        page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
        publish, _ = Permission.objects.get_or_create(
            content_type=page_type, codename="publish_page",
            defaults={"name": "Can publish any page"},
        )
        GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=publish)


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore.Workflow").objects.filter(name=NAME).delete()
    apps.get_model("contributions.ModerationTask").objects.filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contributions", "0001_initial"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
