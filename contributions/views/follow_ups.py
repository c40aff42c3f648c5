"""The follow-up form a reminder links to: the signed link is the key, no
login needed. A valid form publishes the follow-up on the case at once."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cases.follow_ups import add_follow_up
from contributions.follow_ups import LINK_DAYS, LinkBroken, LinkExpired, case_for_token
from contributions.forms.follow_up import FollowUpForm
from core.ratelimit import over_limit

T = "contributions/follow_ups/"


@never_cache
def follow_up(request, token):
    try:
        page = case_for_token(token)
    except LinkExpired:
        return render(
            request, T + "link_failed.html", {"expired": True, "days": LINK_DAYS}, status=410
        )
    except LinkBroken:
        return render(request, T + "link_failed.html", {"expired": False}, status=400)
    context = {"case": page, "added": "added" in request.GET}
    status = 200
    if request.method == "POST":
        form = FollowUpForm(request.POST)
        if over_limit(
            "follow-up",
            request,
            window=3600,
            limit=getattr(settings, "CONTRIBUTIONS_FOLLOW_UPS_PER_HOUR", 10),
        ):
            context["error"], status = _("Too many follow-ups. Wait an hour and try again."), 429
        elif form.is_valid():
            data = form.cleaned_data
            add_follow_up(
                page,
                data["text"],
                status=data["status"],
                reason_kind=data["stopped_reason_kind"],
                reason_text=data["stopped_reason_text"],
            )
            return redirect(request.path + "?added=1")
        else:
            status = 400
    else:
        form = FollowUpForm()
    context["form"] = form
    return render(request, T + "form.html", context, status=status)
