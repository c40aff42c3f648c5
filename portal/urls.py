from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core.password_reset import AdminPasswordResetView
from portal import open_data, sitemaps, views
from portal.api import api_router
from portal.feeds import AtomCaseFeed, CaseFeed
from portal.liveness import livez
from search.urls import api_urlpatterns as search_api_urls

urlpatterns = [
    path(
        "admin/password_reset/",
        AdminPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", views.healthz, name="healthz"),
    path("livez", livez, name="livez"),
    path("favicon.ico", views.favicon),
    path("robots.txt", sitemaps.robots_txt, name="robots-txt"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("api/v2/", api_router.urls),
    path("api/dcat.rdf", open_data.dcat, name="dcat"),
    *search_api_urls,
]

if settings.DEBUG or settings.SERVE_MEDIA:
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += i18n_patterns(
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("feeds/cases.rss", CaseFeed(), name="case-feed-rss"),
    path("feeds/cases.atom", AtomCaseFeed(), name="case-feed-atom"),
    path("feeds/themes/<slug:theme>.rss", CaseFeed(), name="theme-feed-rss"),
    path("feeds/themes/<slug:theme>.atom", AtomCaseFeed(), name="theme-feed-atom"),
    path("", include("search.urls")),
    path("", include("contributions.urls")),
    path("", include("activities.urls")),
    path("", include("alerts.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

handler404 = "core.errors.page_not_found"
handler500 = "core.errors.server_error"
