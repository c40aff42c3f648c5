"""URL patterns of the search app (included, language-prefixed, by portal.urls)."""

urlpatterns = []
