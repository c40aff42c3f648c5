"""The cancellation page reached from the signed link in the e-mails.

GET shows what will be cancelled and a button; only POST cancels, so that
mail scanners that follow links cancel nothing."""

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from activities.emails import activity_in_language
from activities.links import LinkExpired, LinkInvalid, registration_from_token
from activities.registration import RegistrationError, cancel
from core.languages import current_language


def cancel_registration(request, token):
    try:
        registration = registration_from_token(token)
    except LinkExpired:
        return _problem(
            request,
            _("The link has expired"),
            _("The cancellation link is too old. Contact the organiser."),
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
    context = {
        "registration": registration,
        "activity": activity,
        "participants": registration.participants.all(),
    }
    if registration.status == registration.Status.CANCELLED:
        return render(request, "activities/cancel.html", {**context, "done": True})
    if registration.activity.cancelled or not registration.participants.exists():
        return _problem(
            request, _("Nothing to cancel"), _("The activity is cancelled or already over."), 410
        )
    error = None
    if request.method == "POST":
        try:
            cancel(registration)
        except RegistrationError as exc:
            error = exc.message
        else:
            return render(request, "activities/cancel.html", {**context, "done": True})
    elif registration.activity.cancel_until <= timezone.now():
        error = _("The last day to cancel has passed. Contact the organiser.")
    status = 403 if error else 200
    return render(
        request,
        "activities/cancel.html",
        {**context, "error": error, "closed": bool(error)},
        status=status,
    )


def _problem(request, title, text, status):
    return render(request, "activities/problem.html", {"title": title, "text": text}, status=status)
