from celery import shared_task


@shared_task(name="core.notifications.tasks.outbox_deliver")
def outbox_deliver(message_id: int) -> bool:
    from core.notifications.services import outbox_deliver_message

    return outbox_deliver_message(message_id=message_id)


@shared_task(name="core.notifications.tasks.outbox_flush")
def outbox_flush() -> int:
    from core.notifications.services import outbox_flush as flush

    return flush()


@shared_task(name="core.notifications.tasks.outbox_deliver_many")
def outbox_deliver_many(message_ids: list[int]) -> int:
    """Deliver a chunk of a clock run's e-mails (core.notifications.bulk); each row on its own."""
    from core.notifications.services import outbox_deliver_each

    return outbox_deliver_each(message_ids=message_ids)
