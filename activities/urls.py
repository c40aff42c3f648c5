"""URL patterns of the activities app (included, language-prefixed, by portal.urls)."""

urlpatterns = []
