"""Background work of the partners app: webhook deliveries."""

from django_tasks import task

from partners.webhooks import attempt


@task()
def deliver_webhook(delivery_id):
    delivery = attempt(delivery_id)
    return delivery.status if delivery is not None else None
