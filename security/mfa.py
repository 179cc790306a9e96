"""Two-factor sign-in for staff: a TOTP device (django-otp) is required for every admin account.

wagtail-2fa, the usual add-on, does not support Wagtail 8, so this is a small integration of
django-otp: ``OTPMiddleware`` marks a verified session, ``StaffSessionMiddleware`` (security.middleware)
sends a signed-in user without one to ``verify`` (has a device) or ``enrol`` (has none).
"""

import base64

from django.conf import settings

from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice


def required():
    return getattr(settings, "MFA_REQUIRED", True)


def confirmed_devices(user):
    return list(devices_for_user(user, confirmed=True))


def pending_totp_device(user):
    """The unconfirmed TOTP device being enrolled (made on first call, reused after)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def manual_secret(device):
    """The secret as authenticator apps expect it when typed in: base32, in groups of four."""
    raw = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def qr_svg(device):
    """The provisioning URI as an inline SVG QR code."""
    # qrcode is loaded only when a set-up QR code is drawn
    import qrcode

    # qrcode is loaded only when a set-up QR code is drawn
    import qrcode.image.svg

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    return svg[svg.index("<svg") :]


def verify(user, token, devices=None):
    """The device that accepts this token, or None."""
    token = "".join((token or "").split())
    if not token.isdigit():
        return None
    for device in devices if devices is not None else confirmed_devices(user):
        if device.verify_token(token):
            return device
    return None
