"""D-02: patrol lines with an action are the abnormal ones.
D-06: the existing automatic lines of the duty log get the number staff read for their record
(a complaint's TS-…, a work order's GD-…, a contact's LD-…), so no page or export shows a database id."""

from django.db import migrations


def _register_number(prefix, created_at, pk):
    # the front desk's register numbers (modules.frontdesk.models.common.number_of), frozen here
    return f"{prefix}-{created_at.year}-{pk:06d}"


def fill_numbers(apps, schema_editor):
    LogEntry = apps.get_model("duty", "LogEntry")
    Complaint = apps.get_model("complaints", "Complaint")
    WorkOrder = apps.get_model("frontdesk", "WorkOrder")
    Contact = apps.get_model("frontdesk", "Contact")
    sources = {
        "complaint": lambda ids: dict(Complaint.objects.filter(pk__in=ids).values_list("pk", "number")),
        "workorder": lambda ids: {pk: _register_number("GD", at, pk) for pk, at in
                                  WorkOrder.objects.filter(pk__in=ids).values_list("pk", "created_at")},
        "contact": lambda ids: {pk: _register_number("LD", at, pk) for pk, at in
                                Contact.objects.filter(pk__in=ids).values_list("pk", "created_at")},
    }
    for source_type, numbers_of in sources.items():
        pending = LogEntry.objects.filter(source_type=source_type, source_number="", source_id__isnull=False)
        ids = set(pending.values_list("source_id", flat=True))
        for pk, number in numbers_of(ids).items():
            pending.filter(source_id=pk).update(source_number=number[:32])


def mark_abnormal_patrols(apps, schema_editor):
    """D-02: an existing patrol line that records an action found something: it is an abnormal one."""
    LogEntry = apps.get_model("duty", "LogEntry")
    LogEntry.objects.filter(kind="patrol").exclude(action="").update(abnormal=True)


class Migration(migrations.Migration):

    dependencies = [
        ("duty", "0007_log_entry_numbers_links_abnormal"),
        ("complaints", "0004_text_length_limits"),
        ("frontdesk", "0004_text_length_limits"),
    ]

    operations = [migrations.RunPython(fill_numbers, migrations.RunPython.noop),
                  migrations.RunPython(mark_abnormal_patrols, migrations.RunPython.noop)]
