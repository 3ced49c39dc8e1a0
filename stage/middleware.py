"""Project middleware."""

from django.conf import settings
from django.shortcuts import resolve_url
from django.utils.cache import patch_vary_headers
from django_htmx.http import HttpResponseClientRedirect


def vary_on_htmx(get_response):
    """Every page URL may also answer htmx with a partial of itself (a poll, an inline edit,
    a search), so every answer varies on HX-Request: a browser must never revalidate or reuse
    one representation for the other (it would swap a whole cached page into the target)."""

    def middleware(request):
        response = get_response(request)
        patch_vary_headers(response, ("HX-Request",))
        return response

    return middleware


def htmx_to_login(get_response):
    """An htmx request of someone logged out (a poll after the session ended) is sent to the
    login page as a whole page: followed inside the request, the login form would be swapped
    into the target (#live) and the poll would stop."""

    def middleware(request):
        response = get_response(request)
        if request.htmx and response.status_code == 302:
            location = response["Location"]
            if location.startswith(resolve_url(settings.LOGIN_URL)):
                return HttpResponseClientRedirect(location)
        return response

    return middleware
