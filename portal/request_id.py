"""A request id for every request: taken from the proxy's X-Request-ID when it
is a sane token, made here otherwise; returned in the response and written
into every log line made while the request is served, with one access line
per request on the "portal.request" logger."""

import contextvars
import logging
import re
import time
import uuid

current_request_id = contextvars.ContextVar("request_id", default=None)
access_log = logging.getLogger("portal.request")
_TOKEN = re.compile(r"[A-Za-z0-9._-]{1,64}")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request.id = given if _TOKEN.fullmatch(given) else uuid.uuid4().hex
        token = current_request_id.set(request.id)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request.id
            # The path only: query strings may carry e-mail addresses or tokens.
            access_log.info("%s %s %s", request.method, request.path, response.status_code,
                            extra={"method": request.method, "path": request.path,
                                   "status": response.status_code,
                                   "duration_ms": round((time.monotonic() - started) * 1000, 1)})
            return response
        finally:
            current_request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Puts the current request id on every record."""

    def filter(self, record):
        record.request_id = current_request_id.get()
        return True
