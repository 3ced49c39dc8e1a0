"""Project middleware."""

from django.utils.cache import patch_vary_headers


def vary_on_htmx(get_response):
    """Every page URL may also answer htmx with a partial of itself (a poll, an inline edit,
    a search), so every answer varies on HX-Request: a browser must never revalidate or reuse
    one representation for the other (it would swap a whole cached page into the target)."""

    def middleware(request):
        response = get_response(request)
        patch_vary_headers(response, ("HX-Request",))
        return response

    return middleware
