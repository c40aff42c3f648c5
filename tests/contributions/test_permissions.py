"""Contributors reach only their own agency's cases; everything else is a 404."""

from django.test import Client

from cases.models import CaseStudyPage

from .conftest import case_post, logged_in, url


def _draft_of(user, **fields):
    logged_in(user).post(url("new"), case_post(**fields))
    return CaseStudyPage.objects.get(title=fields.get("title", "Digital post till alla företag"))


def test_other_agencys_draft_is_404_by_guessed_url(contributor, outsider):
    page = _draft_of(contributor)
    client = logged_in(outsider)
    assert client.get(url("edit", page.pk)).status_code == 404
    assert client.get(url("preview", page.pk)).status_code == 404
    assert client.get(url("withdraw", page.pk)).status_code == 404


def test_post_to_other_agencys_edit_url_is_404_and_changes_nothing(contributor, outsider):
    page = _draft_of(contributor)
    revision = page.latest_revision_id
    response = logged_in(outsider).post(
        url("edit", page.pk), case_post(action="submit", title="Kapad")
    )
    assert response.status_code == 404
    page.refresh_from_db()
    assert page.latest_revision_id == revision
    assert not page.workflow_in_progress


def test_colleague_at_same_agency_sees_and_edits_the_draft(contributor, colleague):
    page = _draft_of(contributor)
    client = logged_in(colleague)
    html = client.get(url("my_contributions")).content.decode()
    assert "Digital post till alla företag" in html
    assert client.get(url("edit", page.pk)).status_code == 200


def test_my_contributions_lists_own_and_agency_cases_with_state(
    contributor, colleague, outsider, case_factory
):
    _draft_of(contributor, title="Mitt utkast")
    _draft_of(colleague, title="Kollegans utkast")
    _draft_of(outsider, title="Annan myndighets utkast")
    case_factory(title="Publicerat fall")
    html = logged_in(contributor).get(url("my_contributions")).content.decode()
    assert "Mitt utkast" in html and "Kollegans utkast" in html
    assert "Publicerat fall" in html
    assert "Annan myndighets utkast" not in html
    assert html.index("Mitt utkast") < html.index("Kollegans utkast")


def test_anonymous_sees_no_drafts_and_is_sent_to_login(contributor):
    page = _draft_of(contributor)
    client = Client()
    for path in (url("edit", page.pk), url("preview", page.pk), url("my_contributions")):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith(url("login"))
    assert client.get("/erfarenheter/digital-post-till-alla-foretag/").status_code == 404


def test_user_without_contributor_profile_gets_404(editor, contributor):
    page = _draft_of(contributor)
    assert logged_in(editor).get(url("edit", page.pk)).status_code == 404


def test_contributor_cannot_publish(contributor):
    page = _draft_of(contributor)
    assert not page.permissions_for_user(contributor).can_publish()
    assert not page.permissions_for_user(contributor).can_edit()


def _admin_without_publishing(django_user_model):
    """A user who may use the Wagtail admin but publishes nothing."""
    from django.contrib.auth.models import Group, Permission

    group = Group.objects.create(name="Statistik")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user(
        "lasare@example.org", "lasare@example.org", "lasarens-losenord-1"
    )
    user.groups.add(group)
    return user


def test_waiting_list_is_for_editors_only(contributor, editor, django_user_model):
    from django.urls import reverse

    logged_in(contributor).post(url("new"), case_post(action="submit", title="Hemligt utkast"))
    waiting = reverse("contributions_waiting")
    reader = logged_in(_admin_without_publishing(django_user_model))
    response = reader.get(waiting)
    assert response.status_code == 403
    assert "Hemligt utkast" not in response.content.decode()
    assert waiting not in reader.get("/admin/").content.decode()
    editors = logged_in(editor)
    assert "Hemligt utkast" in editors.get(waiting).content.decode()
    assert waiting in editors.get("/admin/").content.decode()
