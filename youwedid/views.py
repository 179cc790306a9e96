"""Public views of the outcomes app: stopping outcome emails from the link in one."""

from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt

from security.ratelimit import limit_posts
from youwedid.notifications import response_for_token, unsubscribe


@never_cache
@csrf_exempt  # the signed token is the authority; mail clients' one-click unsubscribe posts with no CSRF token
@limit_posts("youwedid:unsubscribe")
def unsubscribe_view(request, token):
    response = response_for_token(token)
    if response is None:
        return render(request, "youwedid/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        unsubscribe(response)
        return render(request, "youwedid/unsubscribe.html", {"done": True})
    return render(request, "youwedid/unsubscribe.html", {"token": token})
