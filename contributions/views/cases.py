"""Writing a case, previewing it, "My contributions" and withdrawal requests."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from cases.writing import send_for_review
from contributions import kept_forms, mail
from contributions.forms.case import (
    CaseForm,
    LessonFormSet,
    LinkFormSet,
    initial_from_page,
    lessons_initial,
    links_initial,
)
from contributions.images import forget_upload, keep_upload, kept_upload
from contributions.models import WithdrawalRequest
from contributions.notifications import editor_addresses
from contributions.permissions import (
    agency_cases,
    case_for_contributor,
    contributor_required,
    profile_for,
)
from contributions.states import case_state
from contributions.views.accounts import LoginView
from core.ratelimit import over_limit

T = "contributions/cases/"
REASON_MAX_LENGTH = 2000


def _log_in_and_carry_on(request, page_id):
    """A POST without a signed-in user (the session ended while they wrote).
    Nothing is saved and nothing is kept on the server: the answer carries
    what they sent back to their own browser, with a log-in form; once they
    log in there, the form comes back filled in from their new session."""
    fields = kept_forms.form_fields(request.POST)
    login_form = LoginView.authentication_form(
        request, data=request.POST if request.POST.get("resume") else None
    )
    if login_form.is_bound and login_form.is_valid():
        user = login_form.get_user()
        if user.is_staff or profile_for(user) is None:
            # Staff log in through their own page (and its second factor).
            login_form.add_error(None, _("Log in on the log-in page with this account."))
        else:
            auth_login(request, user)
            try:
                token = kept_forms.keep(request, fields)
            except kept_forms.TooLarge:
                messages.error(
                    request,
                    _(
                        "What you wrote is too large to keep until you save it "
                        "(at most %(size)d kB). It is in the form below: save it now."
                    )
                    % {"size": kept_forms.max_bytes() // 1024},
                )
                return _case_form(request, page_id, restored=fields)
            return redirect(f"{request.path}?kept={token}")
    return render(
        request,
        T + "log_in_to_continue.html",
        {
            "login_form": login_form,
            "fields": list(fields.lists()),
        },
    )


def case_form(request, page_id=None):
    if not request.user.is_authenticated:
        if request.method == "POST":
            return _log_in_and_carry_on(request, page_id)
        return redirect_to_login(request.get_full_path(), reverse("contributions:login"))
    restored = None
    if request.method == "GET":
        restored = kept_forms.take(request, request.GET.get("kept"))
    if restored is not None:
        messages.info(
            request,
            _("You are logged in. What you wrote is back in the form: it is not saved yet."),
        )
    return _case_form(request, page_id, restored)


def _case_form(request, page_id, restored=None):
    """The form; `restored` is what the contributor sent before logging in."""
    profile = profile_for(request.user)
    if profile is None:
        raise Http404
    page = case_for_contributor(request.user, page_id) if page_id else None
    state = case_state(page) if page else None
    if state is not None and not state.can_edit:
        messages.info(
            request,
            _("The case is %(state)s and cannot be changed now.") % {"state": state.label.lower()},
        )
        return redirect("contributions:my_contributions")
    draft = page.get_latest_revision_as_object() if page else None
    has_image = bool(draft and draft.hero_image_id)
    common = {"fixed_language": page is not None, "has_image": has_image}

    kept_image = None
    if request.method == "POST" and restored is None:
        action = request.POST.get("action", "save")
        strict = action == "submit"
        files, kept_token = _files_with_kept_image(request)
        form = CaseForm(request.POST, files, strict=strict, **common)
        lessons = LessonFormSet(request.POST, prefix="lessons")
        lessons.strict = strict
        links = LinkFormSet(request.POST, prefix="links")
        if form.is_valid() and lessons.is_valid() and links.is_valid():
            with transaction.atomic():
                saved = form.save(lessons, links, request.user, profile.agency, page)
                if strict and send_for_review(saved, request.user) is None:
                    raise ImproperlyConfigured("No moderation workflow is assigned to case pages.")
            forget_upload(kept_token, request.user)
            if strict:
                messages.success(
                    request, _("Thank you. Your case has been sent to the editors for review.")
                )
                return redirect("contributions:my_contributions")
            messages.success(request, _("The draft has been saved."))
            return redirect("contributions:edit", page_id=saved.pk)
        upload = None if "hero_image" in form.errors else form.cleaned_data.get("hero_image")
        if upload:
            if request.FILES.get("hero_image"):  # a new file: kept instead of any before it
                forget_upload(kept_token, request.user)
                kept_token = keep_upload(upload, request.user)
            kept_image = {"token": kept_token, "name": upload.name}
        status = 200
    else:
        if restored is not None:
            form = CaseForm(restored, **common)
            lessons = LessonFormSet(restored, prefix="lessons")
            links = LinkFormSet(restored, prefix="links")
        elif draft is not None:
            form = CaseForm(initial=initial_from_page(draft), **common)
            lessons = LessonFormSet(initial=lessons_initial(draft), prefix="lessons")
            links = LinkFormSet(initial=links_initial(draft), prefix="links")
        else:
            form = CaseForm(
                initial={
                    "language": translation.get_language(),
                    "contact_email": request.user.email,
                },
                **common,
            )
            lessons = LessonFormSet(prefix="lessons")
            links = LinkFormSet(prefix="links")
        status = 200
    return render(
        request,
        T + "form.html",
        {
            "form": form,
            "lessons": lessons,
            "link_formset": links,
            "case": page,
            "draft": draft,
            "state": state,
            "agency": profile.agency,
            "kept_image": kept_image,
        },
        status=status,
    )


def _files_with_kept_image(request):
    """The uploads, with the image kept from the form's last round when no
    new file was chosen and the contributor did not let it go."""
    token = request.POST.get("kept_image", "")
    if request.POST.get("forget_kept_image"):
        forget_upload(token, request.user)
        return request.FILES, ""
    if request.FILES.get("hero_image"):
        return request.FILES, token
    kept = kept_upload(token, request.user)
    if kept is None:
        return request.FILES, ""
    files = request.FILES.copy()
    files["hero_image"] = kept
    return files, token


@contributor_required
def preview(request, page_id):
    """The latest revision rendered by the case page's own template."""
    page = case_for_contributor(request.user, page_id)
    draft = page.get_latest_revision_as_object()
    with translation.override(draft.locale.language_code):
        request.LANGUAGE_CODE = draft.locale.language_code
        response = draft.serve_preview(request, draft.default_preview_mode)
        if hasattr(response, "render"):
            response.render()
    response["X-Robots-Tag"] = "noindex"
    return response


@contributor_required
def my_contributions(request):
    profile = profile_for(request.user)
    rows = []
    pages = (
        agency_cases(profile)
        .select_related("locale")
        .order_by("-latest_revision_created_at", "-pk")
    )
    for page in pages:
        rows.append(
            {
                "page": page,
                "state": case_state(page),
                "own": page.owner_id == request.user.pk,
                "withdrawal_pending": page.withdrawal_requests.filter(
                    decision=WithdrawalRequest.Decision.PENDING
                ).exists(),
            }
        )
    return render(
        request,
        T + "my_contributions.html",
        {
            "own_rows": [r for r in rows if r["own"]],
            "agency_rows": [r for r in rows if not r["own"]],
            "agency": profile.agency,
        },
    )


def _already_requested(request, page):
    messages.info(
        request, _("The withdrawal of this case has already been asked for. An editor decides.")
    )
    return redirect("contributions:my_contributions")


@contributor_required
def withdraw(request, page_id):
    """One open request per case, each mailed to the editors once; a limit per
    contributor keeps the editors' inboxes from being flooded."""
    page = case_for_contributor(request.user, page_id)
    if not page.live:
        raise Http404
    pending = page.withdrawal_requests.filter(decision=WithdrawalRequest.Decision.PENDING)
    if pending.exists():
        return _already_requested(request, page)
    error, status = None, 200
    if request.method == "POST":
        reason = request.POST.get("reason", "").strip()
        if not reason:
            error, status = _("Say why the case should be withdrawn."), 400
        elif len(reason) > REASON_MAX_LENGTH:
            error, status = (
                _("Say it in at most %(limit)d characters.") % {"limit": REASON_MAX_LENGTH},
                400,
            )
        elif over_limit(
            "withdrawal",
            request,
            request.user.email,
            window=3600,
            limit=getattr(settings, "CONTRIBUTIONS_WITHDRAWALS_PER_HOUR", 5),
        ):
            error, status = _("Too many requests. Wait an hour and try again."), 429
        else:
            try:
                with transaction.atomic():
                    WithdrawalRequest.objects.create(
                        page=page, requested_by=request.user, reason=reason
                    )
            except IntegrityError:  # another request for the case came first
                return _already_requested(request, page)
            mail.send(
                "withdrawal_requested",
                editor_addresses(),
                {
                    "page": page,
                    "reason": reason,
                    "requester": request.user,
                },
                "sv",
            )
            messages.success(
                request,
                _("Your request has been sent. An editor decides and you will get an e-mail."),
            )
            return redirect("contributions:my_contributions")
    return render(request, T + "withdraw.html", {"case": page, "error": error}, status=status)
