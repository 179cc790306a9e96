"""General feedback: "Share your views" (not tied to a consultation) and "Is this page useful?".

Split by role as Wagtail's contrib apps are: `forms`, `services` (what stores what people send,
called by the views and by tests), `views` and `demo`. Every form here is protected by
`security.public_forms.protect` (per-client rate limit, honeypot, refusal page). None uses
reCAPTCHA: what they store carries no weight in a consultation's figures, and a refused
submission is told so plainly.
"""
