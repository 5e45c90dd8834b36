"""D-01: every office starts with the default posts and shifts (editable afterwards)."""

from datetime import time

from django.db import migrations

from modules.duty.defaults import DEFAULT_POSTS, DEFAULT_SHIFTS


def _time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def seed(apps, schema_editor):
    Post = apps.get_model("duty", "Post")
    ShiftTemplate = apps.get_model("duty", "ShiftTemplate")
    posts = {}
    for spec in DEFAULT_POSTS:
        posts[spec["name"]], _ = Post.objects.get_or_create(name=spec["name"],
                                                            defaults={"checklist": spec["checklist"]})
    for spec in DEFAULT_SHIFTS:
        ShiftTemplate.objects.get_or_create(code=spec["code"], defaults={
            "name": spec["name"], "start": _time(spec["start"]), "end": _time(spec["end"]),
            "post": posts[spec["post"]], "keeps_log": spec["keeps_log"], "order": spec["order"]})


class Migration(migrations.Migration):
    dependencies = [("duty", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
