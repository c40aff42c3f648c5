"""Reminding a case's owners to tell what happened next: who gets the
reminder, the signed link in it (no login: it works for LINK_DAYS days) and
the sending, once per case and step (cases.follow_ups keeps the schedule)."""

import logging

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation

from cases.follow_ups import due_reminders, record_reminder
from cases.models import CaseStudyPage
from contributions import mail

logger = logging.getLogger(__name__)

LINK_DAYS = 60
SALT = "contributions.follow-up"


def follow_up_token(page):
    return signing.dumps({"case": page.pk}, salt=SALT)


class LinkExpired(Exception):
    pass


class LinkBroken(Exception):
    pass


def case_for_token(token):
    """The published case a follow-up link names; LinkExpired after LINK_DAYS,
    LinkBroken when the link is altered or the case is no longer published."""
    try:
        data = signing.loads(token, salt=SALT, max_age=LINK_DAYS * 24 * 3600)
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkBroken from None
    page = CaseStudyPage.objects.published().filter(pk=data.get("case")).first()
    if page is None:
        raise LinkBroken
    return page


def follow_up_url(page):
    """The link in the case's language."""
    with translation.override(page.locale.language_code):
        return mail.absolute(reverse("contributions:follow_up", args=[follow_up_token(page)]))


def owner_addresses(page):
    """The case's contact person and its contributors: active contributors of
    the case's agency who created the case or saved a version of it."""
    writers = Q(pk=page.owner_id) | Q(pk__in=page.revisions.exclude(user=None).values("user_id"))
    users = get_user_model().objects.filter(
        writers,
        is_active=True,
        contributor__agency__translation_key=page.agency.translation_key,
    )
    addresses = [page.contact_email] if page.contact_email else []
    for email in users.exclude(email="").values_list("email", flat=True):
        if email.lower() not in {a.lower() for a in addresses}:
            addresses.append(email)
    return addresses


def send_reminders(today=None):
    """Send each reminder that is due and not sent before; the number sent."""
    today = today or timezone.localdate()
    sent = 0
    for page, anchor, months in due_reminders(today):
        with transaction.atomic():
            if not record_reminder(page, anchor, months):
                continue  # another run sent it meanwhile
            addresses = owner_addresses(page)
            if not addresses:
                logger.info("no one to remind about case %s", page.pk)
                continue
            mail.send(
                "follow_up_reminder",
                addresses,
                {
                    "title": page.title,
                    "months": months,
                    "since_follow_up": anchor != timezone.localtime(page.first_published_at).date(),
                    "page_url": page.full_url,
                    "follow_up_url": follow_up_url(page),
                    "link_days": LINK_DAYS,
                },
                page.locale.language_code,
            )
            sent += 1
    return sent
