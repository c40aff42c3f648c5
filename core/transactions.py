"""One database transaction for each request that may write.

A POST (any method but GET, HEAD, OPTIONS and TRACE) runs in one transaction,
so a server killed in the middle leaves nothing half-saved, and nothing it
wrote is kept when it fails. Reads run without one: on SQLite every
transaction takes the write lock as it begins (transaction_mode IMMEDIATE in
the settings) and waits its turn for it, while reads outside a transaction
never wait for a writer. The few writes of a read (the search log, a session)
each commit on their own, or in their own `transaction.atomic()` block.

A view marked with Django's `transaction.non_atomic_requests` is left to
open its own transactions, as with ATOMIC_REQUESTS: sign-up hashes the
password (slow on purpose) before it takes the write lock.

This replaces ATOMIC_REQUESTS, which wraps every request alike: on SQLite
either each read would queue for the write lock, or a transaction that read
first could not wait for it and failed at once with "database is locked"."""

from django.db import DEFAULT_DB_ALIAS, transaction
from django.urls import Resolver404, resolve

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class WriteRequestTransactionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not wraps(request):
            return self.get_response(request)
        with transaction.atomic():
            return self.get_response(request)

    def process_exception(self, request, exception):
        # Django turns the view's exception into an error page before it
        # reaches __call__: roll back here, as ATOMIC_REQUESTS does.
        if wraps(request):
            transaction.set_rollback(True)


def wraps(request):
    """Whether the request runs in the middleware's transaction."""
    if request.method in SAFE_METHODS:
        return False
    try:
        view = resolve(request.path_info).func
    except Resolver404:
        return True
    return DEFAULT_DB_ALIAS not in getattr(view, "_non_atomic_requests", ())
