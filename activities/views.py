"""The registrant's own page, reached from the signed link in the e-mails.

GET shows what is stored about the registration (the people, their needs, the
organisation) and a form to delete it; only POST deletes, so that mail scanners
that follow links change nothing. Deleting gives up the place, which goes to the
waiting list as with a cancellation, and deletes the personal data."""

from django import forms
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, npgettext_lazy

from activities.emails import activity_in_language
from activities.links import LinkExpired, LinkInvalid, registration_from_token
from activities.registration import (
    RegistrationError,
    delete_registration,
    holds_place,
    past_deadline,
)
from core.languages import current_language
from core.ratelimit import over_limit


class DeleteForm(forms.Form):
    """The confirmation: nothing is deleted unless the box is ticked."""

    confirm = forms.BooleanField(
        error_messages={
            "required": gettext_lazy("Tick the box to confirm that you want to delete it.")
        },
    )

    def __init__(self, *args, people=1, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["confirm"].label = npgettext_lazy(
            "registrants",
            "Yes, delete the registration and the data about me",
            "Yes, delete the registration and the data about us both",
            people,
        )


def registration_page(request, token):
    try:
        registration = registration_from_token(token)
    except LinkExpired:
        return _problem(
            request,
            _("The link has expired"),
            _(
                "The link to your registration is too old. Contact the organiser to see "
                "or delete your registration."
            ),
            410,
        )
    except LinkInvalid:
        return _problem(
            request,
            _("The link does not work"),
            _("Check that you copied the whole link from the e-mail."),
            400,
        )
    activity = activity_in_language(registration.activity, current_language())
    source = registration.activity
    participants = list(registration.participants.all())
    context = {
        "registration": registration,
        "activity": activity,
        "participants": participants,
        "retention_days": getattr(settings, "ACTIVITIES_PURGE_AFTER_DAYS", 90),
    }
    if registration.anonymised_at is not None or not participants:
        return _page(request, {**context, "deleted": True})
    now = timezone.now()
    too_late = past_deadline(registration, source, now)
    form = DeleteForm(
        request.POST if request.method == "POST" else None, people=registration.people
    )
    error = None
    status = 200
    if request.method == "POST":
        if over_limit(
            "activity-registration-link",
            request,
            limit=settings.ACTIVITIES_REGISTRATION_RATE_LIMIT,
            window=settings.ACTIVITIES_REGISTRATION_RATE_WINDOW,
        ):
            error = _("Many requests have come from your network in a short time. Try again later.")
            status = 429
        elif too_late:
            error = _("The last day to cancel has passed. Contact the organiser.")
            status = 403
        elif form.is_valid():
            try:
                delete_registration(registration)
            except RegistrationError as exc:
                error = exc.message
                status = 403
            else:
                return _page(request, {**context, "participants": [], "deleted": True})
        else:
            status = 400
    return _page(
        request,
        {
            **context,
            "form": None if too_late else form,
            "error": error,
            "too_late": too_late,
            "holds_place": holds_place(registration, source, now),
        },
        status,
    )


def _page(request, context, status=200):
    """Personal data: never stored by a cache on the way."""
    response = render(request, "activities/my_registration.html", context, status=status)
    add_never_cache_headers(response)
    return response


def _problem(request, title, text, status):
    return render(request, "activities/problem.html", {"title": title, "text": text}, status=status)
