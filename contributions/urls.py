"""URL patterns of the contributions app (included, language-prefixed, by portal.urls)."""

urlpatterns = []
