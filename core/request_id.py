"""A request id for every request: taken from the proxy's X-Request-ID when it
is a sane token, made here otherwise; returned in the response and written
into every log line made while the request is served, with one access line
per request on the "portal.request" logger."""

import contextvars
import logging
import re
import time
import uuid

from django.core.signals import request_finished

current_request_id = contextvars.ContextVar("request_id", default=None)
access_log = logging.getLogger("portal.request")
_TOKEN = re.compile(r"[A-Za-z0-9._-]{1,64}")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.id = given if _TOKEN.fullmatch(given) else uuid.uuid4().hex
        # Kept until the response is closed (see below), not reset on return:
        # Django writes its "Not Found" and "Service Unavailable" lines after
        # the middleware has returned, and they need the id too.
        current_request_id.set(request.id)
        started = time.monotonic()
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        # The path only: query strings may carry e-mail addresses or tokens.
        access_log.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
            },
        )
        return response


def _forget_request_id(**kwargs):
    current_request_id.set(None)


# The server closes the response in the request's own thread when it is sent.
request_finished.connect(_forget_request_id, dispatch_uid="core.request_id")


class RequestIdFilter(logging.Filter):
    """Puts the current request id on every record."""

    def filter(self, record):
        record.request_id = current_request_id.get()
        return True
