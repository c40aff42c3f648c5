"""React to editors publishing an activity: tell everyone when it is cancelled,
fill places when there is room for more."""

from wagtail.signals import page_published


def activity_published(sender, instance, **kwargs):
    from activities.registration import notify_activity_cancelled, promote_after_change

    if instance.cancelled:
        notify_activity_cancelled(instance)
    else:
        promote_after_change(instance)


def connect():
    from activities.models import ActivityPage

    page_published.connect(
        activity_published, sender=ActivityPage, dispatch_uid="activities.activity_published"
    )
