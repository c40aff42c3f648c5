"""Allocating places: register, cancel and promote from the waiting list.

Every change to the places of an activity happens inside one transaction that
first locks the activity row (`SELECT ... FOR UPDATE`), so concurrent
registrations are served one at a time and can never exceed the capacity.
(SQLite has no row locks: there every transaction holds the database's write
lock from its start, see the settings, which serialises them the same way.)
The waiting list is strictly first come, first served: nobody overtakes.
E-mails are sent after the transaction has committed.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from activities.models import ActivityPage, Participant, Registration, Role

Status = Registration.Status


class RegistrationError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


class AlreadyRegistered(RegistrationError):
    """Someone in the registration already holds a place. Nothing was saved; each
    person was told by e-mail, so the page can say the same as for a new one."""

    def __init__(self):
        super().__init__(
            "duplicate", _("This e-mail address is already registered for the activity.")
        )


@dataclass
class Person:
    name: str
    email: str
    role: str = Role.OTHER
    dietary_needs: str = ""
    accessibility_needs: str = ""


def _lock(activity_pk):
    return ActivityPage.objects.select_for_update(of=("self",)).get(pk=activity_pk)


def _window_error(activity, now):
    state = activity.registration_state(now)
    if state == "cancelled":
        return RegistrationError("cancelled", _("The activity is cancelled."))
    if state == "not_open_yet":
        return RegistrationError("not_open_yet", _("Registration has not opened yet."))
    if state == "closed":
        return RegistrationError("closed", _("Registration is closed."))
    return None


def _check_people(activity, people, agency, organisation):
    emails = [p.email for p in people]
    if len(set(emails)) != len(emails):
        raise RegistrationError("same_email", _("Each person needs their own e-mail address."))
    if activity.joint_registration:
        roles = sorted(p.role for p in people)
        if len(people) != 2 or roles != sorted([Role.EMPLOYER, Role.EMPLOYEE]):
            raise RegistrationError(
                "pair_required",
                _(
                    "This activity needs a joint registration: one employer representative "
                    "and one employee representative."
                ),
            )
        if agency is None and not organisation.strip():
            raise RegistrationError("agency_required", _("Choose the agency you both come from."))
    elif len(people) != 1:
        raise RegistrationError("one_person", _("Register one person at a time."))


def _confirmed_people(activity):
    return (
        activity.registrations.filter(status=Status.CONFIRMED).aggregate(n=Sum("people"))["n"] or 0
    )


def register(activity, people, *, agency=None, organisation="", language="sv"):
    """Register `people` (a list of Person) for `activity`; return the Registration,
    confirmed or on the waiting list. Raises RegistrationError with a message for
    the reader when the registration is refused, and AlreadyRegistered (after
    e-mailing each person about it) when an address already holds a place."""
    activity = activity.registration_activity
    people = [
        Person(
            p.name.strip(),
            p.email.strip().lower(),
            p.role,
            p.dietary_needs.strip(),
            p.accessibility_needs.strip(),
        )
        for p in people
    ]
    _check_people(activity, people, agency, organisation)
    organisation = (agency.name if agency else organisation).strip()
    if not organisation:
        raise RegistrationError("organisation_required", _("Give your agency or organisation."))
    emails_given = [p.email for p in people]
    try:
        with transaction.atomic():
            locked = _lock(activity.pk)
            now = timezone.now()
            error = _window_error(locked, now)
            if error:
                raise error
            holders = _holders(locked, emails_given)
            if not holders:
                return _create(locked, people, now, agency, organisation, language)
    except IntegrityError:  # the unique constraint, should the check above be bypassed
        holders = _holders(activity, emails_given)
        if not holders:
            raise
    _tell_already_registered(activity, holders, emails_given, language)
    raise AlreadyRegistered()


def _holders(activity, emails_given):
    """The participants that already hold a place (confirmed or waiting) under these addresses."""
    return list(
        Participant.objects.filter(
            activity=activity, holds_place=True, email__in=emails_given
        ).select_related("registration")
    )


def _create(locked, people, now, agency, organisation, language):
    anyone_waiting = locked.registrations.filter(status=Status.WAITING).exists()
    fits = _confirmed_people(locked) + len(people) <= locked.capacity
    status = Status.CONFIRMED if fits and not anyone_waiting else Status.WAITING
    registration = Registration.objects.create(
        activity=locked,
        status=status,
        people=len(people),
        agency=agency,
        organisation=organisation,
        language=language,
        created_at=now,
        confirmed_at=now if status == Status.CONFIRMED else None,
    )
    Participant.objects.bulk_create(
        Participant(
            registration=registration,
            activity=locked,
            name=p.name,
            email=p.email,
            role=p.role,
            dietary_needs=p.dietary_needs,
            accessibility_needs=p.accessibility_needs,
        )
        for p in people
    )
    # Queued in the same transaction (portal/mail.py): the registration
    # and its confirmation are saved together, even if this process dies.
    from activities import emails

    emails.send_registration_received(registration)
    return registration


def _tell_already_registered(activity, holders, emails_given, language):
    """Each address that holds a place hears that it already does (with its own
    cancellation link); the rest of a pair hear that the pair was not registered."""
    from activities import emails

    for participant in holders:
        emails.send_already_registered(participant, language)
    held = {participant.email for participant in holders}
    for email in emails_given:
        if email not in held:
            emails.send_pair_not_registered(activity, email, language)


def fill_places(activity, now=None):
    """Promote from the waiting list, in order, while the next one fits.
    Call inside a transaction that holds the activity lock. Returns the promoted."""
    now = now or timezone.now()
    if activity.cancelled or now >= activity.starts_at:
        return []
    free = activity.capacity - _confirmed_people(activity)
    promoted = []
    for registration in activity.registrations.filter(status=Status.WAITING).order_by(
        "created_at", "pk"
    ):
        if registration.people > free:
            break
        registration.status = Status.CONFIRMED
        registration.confirmed_at = now
        registration.save(update_fields=["status", "confirmed_at"])
        free -= registration.people
        promoted.append(registration)
    return promoted


def holds_place(registration, activity, now):
    """Whether the registration still keeps a place (or a waiting-list spot)
    at an activity yet to happen."""
    return registration.is_active and not activity.cancelled and not activity.has_ended(now)


def past_deadline(registration, activity, now):
    """A confirmed place that can no longer be given up: the cancellation
    deadline has passed and the activity has not yet ended."""
    return (
        holds_place(registration, activity, now)
        and registration.status == Status.CONFIRMED
        and now >= activity.cancel_until
    )


def delete_registration(registration):
    """The registrant's own deletion through their link: cancel the registration
    if it still holds a place (freeing it for the waiting list, as `cancel` does),
    then delete the names, e-mail addresses and needs. What stays is an anonymous
    row (status, number of people, agency) that counts like the purged ones.
    A confirmed place cannot be given up after the cancellation deadline while the
    activity is still to come; once the activity has ended, the data can always go.
    Returns the promoted registrations."""
    from activities import emails

    with transaction.atomic():
        activity = _lock(registration.activity_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        now = timezone.now()
        if registration.anonymised_at is not None:
            raise RegistrationError("already_deleted", _("The registration is already deleted."))
        promoted = []
        if past_deadline(registration, activity, now):
            raise RegistrationError(
                "deadline", _("The last day to cancel has passed. Contact the organiser.")
            )
        had_place = holds_place(registration, activity, now)
        if had_place:
            registration.status = Status.CANCELLED
            registration.cancelled_at = now
        # The receipt is written while the addresses still exist.
        emails.send_deleted_by_you(registration)
        registration.participants.all().delete()
        registration.anonymised_at = now
        registration.organisation = registration.agency.name if registration.agency else ""
        registration.save(update_fields=["status", "cancelled_at", "anonymised_at", "organisation"])
        if had_place:
            promoted = fill_places(activity, now)
    for other in promoted:
        emails.send_promoted(other)
    return promoted


def cancel(registration, *, enforce_deadline=True):
    """Cancel a registration (all its people) and promote whoever now fits.
    Returns the promoted registrations."""
    with transaction.atomic():
        activity = _lock(registration.activity_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        now = timezone.now()
        if registration.status == Status.CANCELLED:
            raise RegistrationError(
                "already_cancelled", _("The registration is already cancelled.")
            )
        if enforce_deadline and now >= activity.cancel_until:
            raise RegistrationError(
                "deadline", _("The last day to cancel has passed. Contact the organiser.")
            )
        registration.status = Status.CANCELLED
        registration.cancelled_at = now
        registration.save(update_fields=["status", "cancelled_at"])
        registration.participants.update(holds_place=False)
        promoted = fill_places(activity, now)
    from activities import emails

    emails.send_cancelled_by_you(registration)
    for other in promoted:
        emails.send_promoted(other)
    return promoted


def promote_after_change(activity):
    """After editors publish (maybe more places): fill the freed places."""
    activity = activity.registration_activity
    with transaction.atomic():
        promoted = fill_places(_lock(activity.pk))
    from activities import emails

    for registration in promoted:
        emails.send_promoted(registration)
    return promoted


def counts(activity):
    """{'confirmed': (registrations, people), 'waiting': ..., 'cancelled': ...}."""
    activity = activity.registration_activity
    result = {status: (0, 0) for status in Status.values}
    rows = activity.registrations.values("status").annotate(n=Count("pk"), people=Sum("people"))
    for row in rows:
        result[row["status"]] = (row["n"], row["people"])
    return result


def notify_activity_cancelled(activity):
    """E-mail everyone still registered (once each) that the activity is cancelled."""
    from activities import emails

    activity = activity.registration_activity
    now = timezone.now()
    pending = activity.registrations.exclude(status=Status.CANCELLED).filter(
        activity_cancelled_notice_at__isnull=True
    )
    sent = 0
    for registration in pending:
        emails.send_activity_cancelled(registration)
        Registration.objects.filter(pk=registration.pk).update(activity_cancelled_notice_at=now)
        sent += 1
    return sent
