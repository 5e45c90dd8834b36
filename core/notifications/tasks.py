from celery import shared_task


@shared_task(name="core.notifications.tasks.outbox_deliver")
def outbox_deliver(message_id: int) -> bool:
    from core.notifications.services import outbox_deliver_message

    return outbox_deliver_message(message_id=message_id)


@shared_task(name="core.notifications.tasks.outbox_flush")
def outbox_flush() -> int:
    from core.notifications.services import outbox_flush as flush

    return flush()
