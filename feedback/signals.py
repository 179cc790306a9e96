"""Signals feedback sends for higher apps to hook (they never get imported here)."""

from django.dispatch import Signal

# Sent by the public form after submit_response, with request=, response=, created=: an app above
# feedback (the involvement register) reads what it added to the form from request.POST.
response_submitted = Signal()
