"""A request that may write is one transaction; a read is none (portal/transactions.py)."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import path


def write_then_fail(request):
    Group.objects.create(name=f"half-saved {request.method}")
    raise RuntimeError("the view fails after its first write")


def in_transaction(request):
    return HttpResponse("yes" if connection.in_atomic_block else "no")


urlpatterns = [
    path("fail/", write_then_fail),
    path("transaction/", in_transaction),
    path("own/", transaction.non_atomic_requests(lambda request: in_transaction(request))),
]
pytestmark = [pytest.mark.urls(__name__), pytest.mark.django_db(transaction=True)]


def test_a_failed_post_keeps_nothing_it_wrote():
    response = Client(raise_request_exception=False).post("/fail/")
    assert response.status_code == 500
    assert not Group.objects.filter(name="half-saved POST").exists()


def test_only_requests_that_may_write_run_in_a_transaction():
    client = Client()
    answers = {
        method: getattr(client, method)("/transaction/").content.decode()
        for method in ("get", "head", "options", "post", "put", "patch", "delete")
    }
    assert answers == {
        "get": "no",
        "head": "",
        "options": "no",
        "post": "yes",
        "put": "yes",
        "patch": "yes",
        "delete": "yes",
    }


def test_a_view_that_opens_its_own_transactions_is_left_to_do_so():
    """Sign-up hashes the password before it takes SQLite's write lock."""
    assert Client().post("/own/").content.decode() == "no"
