"""Who may email the people who took part about an outcome."""


def can_send_emails(user, outcome) -> bool:
    """Only someone who may publish this outcome may confirm (or schedule) its emails."""
    return outcome.permissions_for_user(user).can_publish()
