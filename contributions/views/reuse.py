""" "We tried this" (a reuse record, one per agency and case) and changing
the contact person of one of the agency's published cases."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cases.models import CaseStudyPage
from contributions.models import Reuse
from contributions.permissions import case_for_contributor, contributor_required, profile_for
from contributions.reuse_forms import ContactChangeForm, ReuseForm
from contributions.reuses import (
    agency_reuse,
    change_contact,
    notify_contact,
    own_cases,
    purge_case_pages,
)
from core.links import absolute

T = "contributions/reuse/"


def _published_case(page_id):
    try:
        return CaseStudyPage.objects.published().get(pk=page_id)
    except CaseStudyPage.DoesNotExist:
        raise Http404 from None


@contributor_required
def reuse_form(request, page_id):
    """Create or change the agency's record for a published case."""
    case = _published_case(page_id)
    profile = profile_for(request.user)
    if case.agency.translation_key == profile.agency.translation_key:
        messages.info(request, _("This is your own agency's case."))
        return redirect(case.url)
    record = agency_reuse(case, profile.agency)
    form = ReuseForm(
        request.POST if request.method == "POST" else None,
        instance=record,
        own_cases=own_cases(profile, case),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            created = record is None
            reuse = form.save(commit=False)
            if created:
                reuse.case, reuse.agency, reuse.created_by = case, profile.agency, request.user
            reuse.updated_by = request.user
            reuse.save()
            purge_case_pages(case)
            if created and case.contact_email:
                notify_contact(reuse, absolute(case.url))
            messages.success(
                request,
                _("Thank you. What your agency did is now shown on the case.")
                if created
                else _("Your agency's record has been changed."),
            )
            return redirect(case.url + "#h-reuse")
        status = 400
    return render(
        request,
        T + "form.html",
        {"form": form, "case": case, "record": record, "agency": profile.agency},
        status=status,
    )


@require_POST
@contributor_required
def reuse_remove(request, page_id):
    case = _published_case(page_id)
    record = agency_reuse(case, profile_for(request.user).agency)
    if record is not None:
        Reuse.objects.filter(pk=record.pk).delete()
        purge_case_pages(case)
        messages.success(request, _("Your agency's record has been removed."))
    return redirect(case.url)


@contributor_required
def contact_form(request, page_id):
    """The contact person of one of the agency's published cases."""
    page = case_for_contributor(request.user, page_id)
    if not page.live:
        raise Http404
    initial = {
        "contact_name": page.contact_name,
        "contact_role": page.contact_role,
        "contact_email": page.contact_email,
    }
    form = ContactChangeForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            if change_contact(page, request.user, form.cleaned_data):
                messages.success(request, _("The new contact person is now shown on the case."))
            else:
                messages.success(
                    request,
                    _(
                        "The new contact person is saved in the case under review "
                        "and is published with it."
                    ),
                )
            return redirect("contributions:my_contributions")
        status = 400
    return render(request, T + "contact.html", {"form": form, "case": page}, status=status)
