"""The case collection as open data: the DCAT-AP-SE description at
/api/dcat.rdf, and the download links with the licence on the listing."""

import datetime
import html
import re

import pytest
from django.test import Client
from rdflib import Graph, Literal, Namespace, URIRef

from core.models import Organisation

# Plain namespaces: rdflib's own warn when pytest inspects this module.
DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")


@pytest.fixture
def organisation(site):
    organisation = Organisation.load()
    organisation.name = "Partsrådet"
    organisation.name_en = "The Swedish Partnership Council"
    organisation.email = "info@partsradet.se"
    organisation.save()
    return organisation


def dcat_graph():
    response = Client().get("/api/dcat.rdf")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rdf+xml")
    return Graph().parse(data=response.content, format="xml")


def texts(graph, subject, predicate):
    return {(str(value), value.language) for value in graph.objects(subject, predicate)}


def test_dcat_describes_the_dataset_as_dcat_ap_se_requires(organisation, case_factory):
    case_factory(title="Chattbot", published=datetime.date(2023, 5, 2))
    case_factory(language="en", title="Chatbot", published=datetime.date(2024, 2, 1))
    graph = dcat_graph()

    catalog = graph.value(predicate=RDF.type, object=DCAT.Catalog)
    dataset = graph.value(predicate=RDF.type, object=DCAT.Dataset)
    assert catalog is not None and dataset is not None
    assert (catalog, DCAT.dataset, dataset) in graph
    for subject in (catalog, dataset):
        titles = texts(graph, subject, DCTERMS.title)
        assert {language for _text, language in titles} == {"sv", "en"}
        assert ("Erfarenheter från svenska myndigheter", "sv") in titles
        assert ("Cases from Swedish government agencies", "en") in titles
        descriptions = texts(graph, subject, DCTERMS.description)
        assert {language for _text, language in descriptions} == {"sv", "en"}
        assert all(len(text) > 50 for text, _language in descriptions)
        assert graph.value(subject, DCTERMS.license) == URIRef(
            "https://creativecommons.org/licenses/by/4.0/"
        )

    publisher = graph.value(dataset, DCTERMS.publisher)
    assert (publisher, RDF.type, FOAF.Agent) in graph
    assert texts(graph, publisher, FOAF.name) == {
        ("Partsrådet", "sv"),
        ("The Swedish Partnership Council", "en"),
    }
    contact = graph.value(dataset, DCAT.contactPoint)
    assert graph.value(contact, VCARD.hasEmail) == URIRef("mailto:info@partsradet.se")
    assert graph.value(dataset, DCAT.theme) == URIRef(
        "http://publications.europa.eu/resource/authority/data-theme/GOVE"
    )
    assert ("AI och automatisering", "sv") not in texts(graph, dataset, DCAT.keyword)
    assert ("Digitala tjänster", "sv") in texts(graph, dataset, DCAT.keyword)
    assert ("Digital services", "en") in texts(graph, dataset, DCAT.keyword)
    assert str(graph.value(dataset, DCTERMS.issued)) == "2023-05-02"
    assert graph.value(dataset, DCTERMS.modified) is not None
    landing = {str(url) for url in graph.objects(dataset, DCAT.landingPage)}
    assert {re.sub(r"^https?://[^/]+", "", url) for url in landing} == {
        "/erfarenheter/",
        "/en/cases/",
    }

    distributions = list(graph.objects(dataset, DCAT.distribution))
    assert len(distributions) == 2
    formats = {}
    for distribution in distributions:
        assert (distribution, RDF.type, DCAT.Distribution) in graph
        access = str(graph.value(distribution, DCAT.accessURL))
        assert access.startswith("http://testserver/api/cases.")
        formats[access] = str(graph.value(distribution, DCTERMS["format"]))
        assert graph.value(distribution, DCTERMS.license) is not None
        # The access URL answers with the cases.
        response = Client().get(access.removeprefix("http://testserver"), {"lang": "all"})
        assert response.status_code == 200
        assert "Chatbot" in b"".join(response.streaming_content).decode("utf-8")
    file_types = "http://publications.europa.eu/resource/authority/file-type/"
    assert formats == {
        "http://testserver/api/cases.csv": file_types + "CSV",
        "http://testserver/api/cases.jsonl": file_types + "JSON",
    }


def test_dcat_follows_the_licence_an_editor_chooses(organisation):
    organisation.open_data_licence = "cc0-1.0"
    organisation.save()
    graph = dcat_graph()
    dataset = graph.value(predicate=RDF.type, object=DCAT.Dataset)
    licence = URIRef("https://creativecommons.org/publicdomain/zero/1.0/")
    assert graph.value(dataset, DCTERMS.license) == licence
    for distribution in graph.objects(dataset, DCAT.distribution):
        assert graph.value(distribution, DCTERMS.license) == licence


def test_dcat_without_an_organisation_still_names_a_publisher(site):
    graph = dcat_graph()
    dataset = graph.value(predicate=RDF.type, object=DCAT.Dataset)
    publisher = graph.value(dataset, DCTERMS.publisher)
    assert graph.value(publisher, FOAF.name) == Literal("Erfarenhetsbanken")


@pytest.mark.parametrize(
    "path, words",
    [
        ("/erfarenheter/?theme=skills", ("Ladda ner erfarenheterna", "Ladda ner som", "eller")),
        ("/en/cases/?theme=skills", ("Download the cases", "Download as", "or")),
    ],
)
def test_listing_offers_the_filtered_downloads_and_names_the_licence(
    organisation, case_factory, path, words
):
    organisation.open_data_licence = "cc-by-sa-4.0"
    organisation.save()
    case_factory(themes=["skills"])
    page = Client().get(path).content.decode()
    for word in words:
        assert word in page
    language = "en" if path.startswith("/en/") else "sv"
    links = {html.unescape(link) for link in re.findall(r'href="(/api/cases\.[^"]+)"', page)}
    assert links == {
        f"/api/cases.csv?theme=skills&lang={language}",
        f"/api/cases.jsonl?theme=skills&lang={language}",
    }
    assert re.search(
        r'<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="license">CC BY-SA 4.0</a>',
        page,
    )


def test_no_download_links_for_a_bad_filter(site):
    page = Client().get("/erfarenheter/?year=abc").content.decode()
    assert "/api/cases.csv" not in page
