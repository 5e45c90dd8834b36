"""`{% unit_history_for complaint as history %}`: the household's other complaints (P-02), read by the
include `complaints/_unit_history.html` so a page shows them with one line and no change to its view."""

from __future__ import annotations

from django import template

from modules.complaints import selectors

register = template.Library()


@register.simple_tag
def unit_history_for(complaint) -> dict:
    if complaint is None or not getattr(complaint, "household_id", None):
        return {"household_id": None, "rows": [], "more": False}
    return unit_history(household_id=complaint.household_id, exclude_id=complaint.pk)


def unit_history(*, household_id: int | None, exclude_id: int | None = None) -> dict:
    """The selector's rows with the group's category names to show them by (C-02)."""
    from modules.complaints.views.common import category_choices

    history = selectors.complaint_unit_history(household_id=household_id, exclude_id=exclude_id)
    return {**history, "categories": category_choices() if history["rows"] else ()}


@register.filter
def category_label(key: str, choices) -> str:
    """A category's name from the group's list (C-02), the key itself when the list no longer has it."""
    return dict(choices or ()).get(key, key)
