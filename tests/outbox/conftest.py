from tests.youwedid.conftest import smtp_server  # noqa: F401 (the loopback SMTP server fixture)
