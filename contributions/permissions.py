"""Who may do what: a contributor works only on their own agency's cases."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import reverse
from wagtail.permission_policies.pages import PagePermissionPolicy

from cases.models import CaseStudyPage

EDITOR_GROUPS = ("Editors", "Moderators")


def profile_for(user):
    if not user.is_authenticated:
        return None
    return getattr(user, "contributor", None)


def is_editor(user):
    """Editors and moderators: whoever may publish pages (active superusers too)."""
    return PagePermissionPolicy().user_has_permission(user, "publish")


def agency_cases(profile):
    """Every case of the contributor's agency, in any language and state."""
    return CaseStudyPage.objects.filter(agency__translation_key=profile.agency.translation_key)


def case_for_contributor(user, page_id):
    """The case if it belongs to the user's agency; 404 otherwise, so that a
    guessed address tells nothing about other agencies' drafts."""
    profile = profile_for(user)
    if profile is None:
        raise Http404
    try:
        return agency_cases(profile).get(pk=page_id)
    except CaseStudyPage.DoesNotExist:
        raise Http404 from None


def contributor_required(view):
    """Logged in with a contributor profile; otherwise to our log-in page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("contributions:login"))
        if profile_for(request.user) is None:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper
