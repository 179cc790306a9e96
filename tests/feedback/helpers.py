"""Drive the real response form through the Django test client."""

import re

STEP1 = {"support": "agree", "use_service": "yes", "visits": "3", "travel": ["bus", "walk"], "reasons": "Closer to the bus station."}
STEP2 = {"priorities__parking": "very", "priorities__hours": "quite", "rating": "4", "last_visit-day": "27", "last_visit-month": "3", "last_visit-year": "2025", "postcode": "nf1 2ab"}
STEP3 = {"about_age_band": "35_44", "about_ethnicity": "prefer_not_to_say"}
STEP4 = {"publication_consent": "anonymous"}


def step_url(page, number):
    return f"{page.url}step/{number}/"


def post(client, url, data, **extra):
    return client.post(url, {"action": "continue", **data}, **extra)


def complete_steps(client, page, steps=(STEP1, STEP2, STEP3, STEP4)):
    for number, data in enumerate(steps, start=1):
        response = post(client, step_url(page, number), data)
        assert response.status_code == 302, (number, response.content.decode()[:3000])
    return response


def idempotency_key(html):
    match = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', html)
    return match.group(1) if match else None


def send(client, page):
    check = client.get(f"{page.url}check/")
    assert check.status_code == 200, check.content.decode()[:2000]
    key = idempotency_key(check.content.decode())
    return client.post(f"{page.url}check/", {"idempotency_key": key}), key
