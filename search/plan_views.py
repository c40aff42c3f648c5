"""The plan page (/planera/, /en/plan/) and POST /api/plan/ (search.plan).

Neither stores nor logs the description: it is read from the request body,
searched and dropped. The responses are private and never cached."""

import json

from django import forms
from django.conf import settings
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from core.languages import current_language, language_codes
from core.ratelimit import over_limit
from search.plan import FIRST_KINDS, MAX_TEXT_LENGTH, find_plan, has_words, plan_as_json


def _too_many():
    return _(
        "Many descriptions have come from your network in a short time. "
        "Wait a minute and try again."
    )


def _limited(request):
    return over_limit(
        "plan",
        request,
        limit=settings.SEARCH_PLAN_RATE_LIMIT,
        window=settings.SEARCH_PLAN_RATE_WINDOW,
    )


def _languages(lang):
    return list(language_codes()) if lang == "all" else [lang]


def _error(parameter, message, status=400):
    return JsonResponse(
        {"error": {"parameter": parameter, "message": message}},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def _text_error(text):
    if len(text) > MAX_TEXT_LENGTH:
        return _("The description can be at most %(max)s characters.") % {"max": MAX_TEXT_LENGTH}
    if not has_words(text):
        return _("Describe your project in at least one word.")
    return ""


@csrf_exempt  # it changes nothing: no session, no token
@never_cache
@transaction.non_atomic_requests
@require_POST
def api_plan(request):
    if _limited(request):
        return JsonResponse({"error": {"message": _too_many()}}, status=429)
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        data = None
    if not isinstance(data, dict):
        return _error("body", _("Send a JSON object with the fields text and lang."))
    text = data.get("text", "")
    if not isinstance(text, str):
        return _error("text", _("Describe your project in at least one word."))
    message = _text_error(text)
    if message:
        return _error("text", message)
    lang = data.get("lang") or current_language()
    if lang not in (*language_codes(), "all"):
        return _error("lang", _("The language must be sv, en or all."))
    plan = find_plan(text, lang, _languages(lang))
    return JsonResponse(plan_as_json(plan, request), json_dumps_params={"ensure_ascii": False})


class PlanForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Describe the project you are planning"),
        help_text=gettext_lazy(
            "What you want to do, for whom, and how. At most 5,000 characters. "
            "Nothing you write here is stored or logged."
        ),
        widget=forms.Textarea(attrs={"rows": 10, "maxlength": MAX_TEXT_LENGTH}),
        strip=False,
        error_messages={"required": gettext_lazy("Describe your project in at least one word.")},
    )
    lang = forms.ChoiceField(label=gettext_lazy("Cases in"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each language by its own name, as the search page's filter has them.
        self.fields["lang"].choices = [
            *(
                (code, get_language_info(code)["name_local"].capitalize())
                for code in language_codes()
            ),
            ("all", _("Both languages")),
        ]

    def clean_text(self):
        text = self.cleaned_data["text"]
        message = _text_error(text)
        if message:
            raise forms.ValidationError(message)
        return text


@never_cache
@transaction.non_atomic_requests
@require_http_methods(["GET", "POST"])
def plan_page(request):
    language = current_language()
    form = PlanForm(request.POST or None, initial={"lang": language})
    plan, error, status = None, "", 200
    if request.method == "POST":
        if _limited(request):
            error, status = _too_many(), 429
        elif form.is_valid():
            lang = form.cleaned_data["lang"] or language
            plan = find_plan(form.cleaned_data["text"], lang, _languages(lang))
        else:
            status = 400
    checklist = (
        [lesson for lesson, _case in plan.lessons if lesson.kind in FIRST_KINDS] if plan else []
    )
    return render(
        request,
        "search/plan.html",
        {"form": form, "plan": plan, "error": error, "checklist": checklist},
        status=status,
    )
