"""Follow-ups of published cases ("What happened next?"): adding one, when
its owners are reminded to write one, and which cases have gone without.

A case's anchor is the later of its publication date and its newest
follow-up's date. Its owners are reminded REMINDER_MONTHS after the anchor;
a new follow-up moves the anchor, and the reminders start over."""

import calendar

from django.db.models import DateField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest, TruncDate
from django.utils import timezone
from wagtail.models import Locale

from cases.choices import CaseStatus
from cases.models import CaseFollowUp, CaseStudyPage, FollowUpReminder

REMINDER_MONTHS = (6, 12, 24)
# The editors' report lists the cases without a follow-up for this long.
STALE_MONTHS = 12


def add_months(day, months):
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def with_anchor(queryset):
    """The cases annotated with `last_follow_up` (the newest follow-up's date)
    and `anchor`: the later of that and the publication date. Subqueries, not
    an aggregate, so that counting and filtering need no GROUP BY."""
    published = TruncDate("first_published_at")
    newest = CaseFollowUp.objects.filter(page=OuterRef("pk")).order_by("-date").values("date")[:1]
    return queryset.annotate(
        last_follow_up=Subquery(newest, output_field=DateField()),
        anchor=Greatest(
            published,
            Coalesce(Subquery(newest, output_field=DateField()), published),
            output_field=DateField(),
        ),
    )


def stale_cases(today=None, months=STALE_MONTHS):
    """Published cases without a follow-up for `months` or more since their
    publication or their last follow-up, the longest silent first."""
    today = today or timezone.localdate()
    cutoff = add_months(today, -months)
    return (
        with_anchor(CaseStudyPage.objects.published())
        .filter(anchor__lte=cutoff)
        .select_related("agency", "locale")
        .order_by("anchor", "pk")
    )


def reminder_candidates():
    """Published cases that may still change (not stopped), each once: a
    translation is left out when the case it translates is published."""
    default = Locale.get_default()
    published = CaseStudyPage.objects.published()
    originals = published.filter(locale=default).values("translation_key")
    return (
        published.exclude(status=CaseStatus.STOPPED)
        .exclude(Q(translation_key__in=originals) & ~Q(locale=default))
        .order_by("pk")
    )


def due_reminder(anchor, today):
    """The step (months) whose reminder is due: the latest one reached, or None."""
    reached = [m for m in REMINDER_MONTHS if add_months(anchor, m) <= today]
    return reached[-1] if reached else None


def due_reminders(today=None):
    """(case, anchor, months) for each reminder that is due and not yet sent."""
    today = today or timezone.localdate()
    for page in with_anchor(reminder_candidates()).select_related("locale"):
        if page.anchor is None:
            continue
        months = due_reminder(page.anchor, today)
        if months is None:
            continue
        sent = FollowUpReminder.objects.filter(page=page, anchor=page.anchor, months=months)
        if not sent.exists():
            yield page, page.anchor, months


def record_reminder(page, anchor, months):
    """Note that the reminder was sent; False when it already had been."""
    _reminder, created = FollowUpReminder.objects.get_or_create(
        page=page, anchor=anchor, months=months
    )
    return created


def _with_follow_up(page, follow_up, reason_kind, reason_text):
    page.follow_ups = [*page.follow_ups.all(), follow_up]
    if follow_up.status:
        page.apply_follow_up_status(follow_up.status, follow_up.date)
        if follow_up.status == CaseStatus.STOPPED:
            page.stopped_reason_kind, page.stopped_reason_text = reason_kind, reason_text
    return page


def add_follow_up(page, text, status="", reason_kind="", reason_text="", on=None, user=None):
    """Publish a follow-up on the case (and its new status, with the reason
    when stopped). A draft waiting to be published gets it too, so that
    publishing the draft later keeps the follow-up."""
    on = on or timezone.localdate()

    def follow_up():
        return CaseFollowUp(date=on, text=text, status=status or "")

    live = CaseStudyPage.objects.get(pk=page.pk)  # the row holds the published version
    draft = live.get_latest_revision_as_object() if live.has_unpublished_changes else None
    revision = _with_follow_up(live, follow_up(), reason_kind, reason_text).save_revision(
        user=user, clean=False
    )
    revision.publish(user=user)
    if draft is not None:
        _with_follow_up(draft, follow_up(), reason_kind, reason_text).save_revision(
            user=user, clean=False
        )
    return live
