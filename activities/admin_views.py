"""Editors' views in the Wagtail admin: registrations per activity with counts,
CSV export, a message to everyone registered, and cancelling a registration."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.models import Locale

from activities import emails
from activities.export import registrations_csv
from activities.models import ActivityPage, Registration
from activities.registration import RegistrationError, cancel, counts

VIEW = "activities.view_registration"
CHANGE = "activities.change_registration"


def _require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


def _activity(pk):
    return get_object_or_404(ActivityPage, pk=pk).registration_activity


def index(request):
    _require(request, VIEW)
    people = {
        f"{status}_people": Sum("registrations__people", filter=Q(registrations__status=status))
        for status in Registration.Status.values
    }
    activities = (
        ActivityPage.objects.filter(locale=Locale.get_default())
        .annotate(registration_count=Count("registrations"), **people)
        .order_by("-starts_at")
    )
    return TemplateResponse(
        request,
        "activities/admin/index.html",
        {
            "activities": activities,
            "now": timezone.now(),
        },
    )


def registrations(request, pk):
    _require(request, VIEW)
    activity = _activity(pk)
    rows = (
        Registration.objects.filter(activity=activity)
        .prefetch_related("participants")
        .select_related("agency")
        .order_by("created_at", "pk")
    )
    summary = counts(activity)
    return TemplateResponse(
        request,
        "activities/admin/registrations.html",
        {
            "activity": activity,
            "groups": [
                (label, [r for r in rows if r.status == value], summary[value])
                for value, label in Registration.Status.choices
            ],
            "summary": [(label, summary[value]) for value, label in Registration.Status.choices],
            "places_left": activity.places_left(),
            "can_change": request.user.has_perm(CHANGE),
        },
    )


def export_csv(request, pk):
    _require(request, VIEW)
    activity = _activity(pk)
    response = HttpResponse(registrations_csv(activity), content_type="text/csv; charset=utf-8")
    filename = f"{activity.slug}-{timezone.localdate().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class MessageForm(forms.Form):
    RECIPIENTS = (
        ("confirmed", gettext_lazy("Those with a place")),
        ("waiting", gettext_lazy("Those on the waiting list")),
        ("all", gettext_lazy("Everyone registered (place or waiting list)")),
    )
    recipients = forms.ChoiceField(
        label=gettext_lazy("To"), choices=RECIPIENTS, initial="all", widget=forms.RadioSelect
    )
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=150)
    text = forms.CharField(label=gettext_lazy("Message"), widget=forms.Textarea)


def message(request, pk):
    _require(request, CHANGE)
    activity = _activity(pk)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        statuses = {
            "confirmed": ["confirmed"],
            "waiting": ["waiting"],
            "all": ["confirmed", "waiting"],
        }[form.cleaned_data["recipients"]]
        sent = 0
        for registration in activity.registrations.filter(status__in=statuses):
            emails.send_message(
                registration, form.cleaned_data["subject"], form.cleaned_data["text"]
            )
            sent += 1
        messages.success(
            request, _("The message was sent to %(count)s registrations.") % {"count": sent}
        )
        return redirect("activities_admin:registrations", pk=activity.pk)
    return TemplateResponse(
        request, "activities/admin/message.html", {"activity": activity, "form": form}
    )


@require_POST
def cancel_registration(request, pk):
    _require(request, CHANGE)
    registration = get_object_or_404(Registration, pk=pk)
    try:
        promoted = cancel(registration, enforce_deadline=False)
    except RegistrationError as exc:
        messages.error(request, exc.message)
    else:
        text = _("The registration is cancelled.")
        if promoted:
            text += " " + _("%(count)s from the waiting list got a place.") % {
                "count": len(promoted)
            }
        messages.success(request, text)
    return redirect("activities_admin:registrations", pk=registration.activity_id)
