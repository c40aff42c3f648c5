"""An Elasticsearch backend the portal cannot use stops it at start-up with a
message that says what to do, not with a stack trace at the first search."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.settings.base import search_backends_from_url
from search.engine_version import check_elasticsearch


def config(url):
    return search_backends_from_url(url)["default"]


@pytest.mark.parametrize("major", [8, 9])
def test_a_major_without_its_client_is_refused_with_what_to_do(major):
    with pytest.raises(ImproperlyConfigured) as refused:
        check_elasticsearch(config(f"elasticsearch{major}://127.0.0.1:1"))
    message = str(refused.value)
    assert f"Elasticsearch {major}.x" in message and "client is 7.x" in message
    assert f"elasticsearch~={major}.0" in message


def test_a_node_that_does_not_answer_is_no_reason_to_refuse():
    check_elasticsearch(config("elasticsearch://127.0.0.1:1"), timeout=0.5)


def test_the_url_selects_the_elasticsearch_7_backend_with_its_credentials():
    plain = config("elasticsearch://127.0.0.1:9201")
    assert plain["BACKEND"] == "search.backends.elasticsearch7"
    assert plain["URLS"] == ["http://127.0.0.1:9201"]
    secure = config("elasticsearch+https://reader:s%40cret@search.example:9243?api_key=a2V5")
    assert secure["URLS"] == ["https://search.example:9243"]
    assert secure["OPTIONS"]["http_auth"] == ("reader", "s@cret")
    assert secure["OPTIONS"]["api_key"] == "a2V5"


def test_the_api_key_can_stay_out_of_the_url(monkeypatch):
    monkeypatch.setenv("SEARCH_API_KEY", "a2V5")
    assert config("elasticsearch://127.0.0.1:9201")["OPTIONS"]["api_key"] == "a2V5"
    assert "api_key" not in config("opensearch://127.0.0.1:9200")["OPTIONS"]


@pytest.mark.opensearch
def test_the_running_node_is_accepted_or_refused_for_what_it_is(settings):
    """Against the suite's own node: an Elasticsearch 7 node is accepted; an
    OpenSearch node named as Elasticsearch is refused, naming opensearch://."""
    engine = settings.WAGTAILSEARCH_BACKENDS["default"]
    url = engine["URLS"][0].replace("http://", "elasticsearch://")
    if "elasticsearch" in engine["BACKEND"]:
        check_elasticsearch(config(url))
    else:
        with pytest.raises(ImproperlyConfigured, match="opensearch://"):
            check_elasticsearch(config(url))
