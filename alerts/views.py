"""The alert pages: follow a view (/bevakning/, /en/alerts/), confirm it, manage
one's alerts and unsubscribe, the last three from signed links in the e-mails.

None of them is cached. Only the unsubscribe link works without a CSRF
token: it is signed, and mail programs post to it (RFC 8058)."""

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale, Page

from alerts import links
from alerts.followed import ParameterError, describe, followed_view, stored_view
from alerts.forms import FrequencyForm, SubscribeForm
from alerts.models import Alert, Frequency
from alerts.subscriptions import confirm as confirm_alert
from alerts.subscriptions import subscribe as start_alert
from cases.models import CaseIndexPage
from core.languages import current_language
from core.ratelimit import over_limit

PRIVACY_SLUGS = ("personuppgifter", "privacy")


def _locale():
    return Locale.objects.filter(language_code=current_language()).first()


def _privacy_url(request):
    page = Page.objects.live().filter(locale=_locale(), slug__in=PRIVACY_SLUGS).first()
    return page.get_url(request) if page else None


def _back_url(request, view):
    """Where the followed view is shown: the search page with words, else the listing."""
    if view.query:
        url = reverse("search")
    else:
        index = CaseIndexPage.objects.live().filter(locale=_locale()).first()
        url = index.get_url(request) if index else "/"
    query = view.query_string()
    return f"{url}?{query}" if query else url


def _problem(request, title, text, status, link=None):
    context = {"title": title, "text": text, "link": link}
    return render(request, "alerts/problem.html", context, status=status)


def _link_problem(request, exc):
    if isinstance(exc, links.LinkExpired):
        return _problem(
            request,
            _("The link has expired"),
            _(
                "A confirmation link works for 7 days. Start the alert again and "
                "confirm it with the new link."
            ),
            410,
            link=(reverse("alerts:subscribe"), _("Follow new cases by e-mail")),
        )
    return _problem(
        request,
        _("The link does not work"),
        _("Check that you copied the whole link from the e-mail."),
        400,
    )


def _gone(request):
    return _problem(
        request,
        _("The alert no longer exists"),
        _("It has ended, or it was not confirmed within 7 days."),
        410,
        link=(reverse("alerts:subscribe"), _("Follow new cases by e-mail")),
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    source = request.POST if request.method == "POST" else request.GET
    try:
        view = followed_view(source)
    except ParameterError as exc:
        return render(request, "alerts/subscribe.html", {"view_error": exc.message}, status=400)
    language = current_language()
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    error, status = None, 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if over_limit(
            "alert-subscribe",
            request,
            email,
            limit=settings.ALERTS_SUBSCRIBE_RATE_LIMIT,
            window=settings.ALERTS_SUBSCRIBE_RATE_WINDOW,
        ):
            error = _(
                "Many alerts have been asked for from your network or for this "
                "address in a short time. Try again in an hour."
            )
            status = 429
        else:
            start_alert(view, email, form.cleaned_data["frequency"], language)
            return render(
                request,
                "alerts/check_email.html",
                {"email": email, "back_url": _back_url(request, view)},
            )
    context = {
        "form": form,
        "error": error,
        "followed": describe(view, language),
        "hidden": [
            (name, value) for name, values in view.as_query_dict().lists() for value in values
        ],
        "back_url": _back_url(request, view),
        "privacy_url": _privacy_url(request),
    }
    return render(request, "alerts/subscribe.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    try:
        alert = links.alert_from_token(token, links.CONFIRM)
    except links.LinkInvalid as exc:
        return _link_problem(request, exc)
    if alert is None:
        return _gone(request)
    context = {
        "alert": alert,
        "followed": describe(stored_view(alert), alert.language),
        "manage_url": links.manage_path(alert),
    }
    if alert.confirmed or request.method == "POST":
        confirm_alert(alert)
        return render(request, "alerts/confirmed.html", context)
    return render(request, "alerts/confirm.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    try:
        alert = links.alert_from_token(token, links.MANAGE)
    except links.LinkInvalid as exc:
        return _link_problem(request, exc)
    if alert is None:
        return _gone(request)
    alerts = Alert.objects.filter(email=alert.email, confirmed_at__isnull=False).order_by("pk")
    done, status = None, 200
    if request.method == "POST":
        target = alerts.filter(pk=request.POST.get("alert") or 0).first()
        if target is None:
            done, status = _("That alert no longer exists."), 400
        elif request.POST.get("action") == "delete":
            own_link_ends = target.pk == alert.pk
            target.delete()
            remaining = alerts.first()
            if remaining is None:
                return render(
                    request, "alerts/ended.html", {"subscribe_url": reverse("alerts:subscribe")}
                )
            if own_link_ends:
                # This page's link named the alert just ended: go on with another's.
                return redirect(links.manage_path(remaining))
            done = _("The alert has ended.")
        else:
            form = FrequencyForm(request.POST)
            if form.is_valid():
                target.frequency = form.cleaned_data["frequency"]
                target.save(update_fields=["frequency"])
                done = _("Saved: %(frequency)s.") % {"frequency": target.get_frequency_display()}
            else:
                done, status = _("Choose how often."), 400
    rows = [{"alert": a, "followed": describe(stored_view(a), current_language())} for a in alerts]
    return render(
        request,
        "alerts/manage.html",
        {"rows": rows, "email": alert.email, "done": done, "frequencies": Frequency.choices},
        status=status,
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    try:
        alert = links.alert_from_token(token, links.UNSUBSCRIBE)
    except links.LinkInvalid as exc:
        return _link_problem(request, exc)
    ended = {"subscribe_url": reverse("alerts:subscribe")}
    if alert is None:
        return render(request, "alerts/ended.html", ended)
    if request.method == "POST":
        alert.delete()
        return render(request, "alerts/ended.html", ended)
    context = {"alert": alert, "followed": describe(stored_view(alert), alert.language)}
    return render(request, "alerts/unsubscribe.html", context)
