"""What every front-desk page does with a POSTed form: call the service, flash, redirect; or show the
service's error on the form (400) or as a page message (409, 403)."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect

from core.errors import ApplicationError
from core.web import apply_error, error_message


def submit(request, form, call: Callable[[dict], object], *, success: str, to: Callable[[object], str] | str):
    """Returns a redirect when the POST succeeded, else None (render the page with `form`'s errors)."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        result = call(form.cleaned_data)
    except ApplicationError as exc:
        if exc.status == 404:
            raise Http404(exc.message) from exc
        apply_error(form, exc)
        return None
    messages.success(request, success)
    return redirect(to(result) if callable(to) else to)


def act(request, form, call: Callable[[dict], object], *, success: str, back: str):
    """A button on a detail page: on any refusal, the message is shown on that page."""
    if request.method != "POST":
        raise Http404("POST only")
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        _keep_typed(request, form, back)
        return redirect(back)
    try:
        call(form.cleaned_data)
    except ApplicationError as exc:
        if exc.status == 404:
            raise Http404(exc.message) from exc
        messages.error(request, error_message(exc))
        _keep_typed(request, form, back)
    else:
        messages.success(request, success)
    return redirect(back)


_TYPED = "frontdesk_typed"


def _keep_typed(request, form, back: str) -> None:
    """A refused button's form: what was typed is kept for the page it goes back to (issue 9 §3.1)."""
    data = {key: values if len(values) > 1 else values[0] for key, values in request.POST.lists()
            if key != "csrfmiddlewaretoken"}
    request.session[_TYPED] = {"path": back.split("?", 1)[0], "form": type(form).__name__, "data": data}


def typed(request, form_class) -> dict:
    """What was typed into a refused `form_class` on this page (once), else {}."""
    kept = request.session.get(_TYPED)
    if not kept or kept["path"] != request.path or kept["form"] != form_class.__name__:
        return {}
    del request.session[_TYPED]
    return kept["data"]


def kept_form(request, form_class, **kwargs):
    """`form_class` unbound, showing what was typed when it was last refused on this page."""
    return form_class(initial=typed(request, form_class), **kwargs)


def page_of(request, queryset, per_page: int = 50):
    """A page of `queryset`; `page.query` keeps the other GET parameters for the pager links."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    page.query = f"{params.urlencode()}&" if params else ""
    return page


def role_of(request) -> str:
    return request.membership.role


def get_or_404(selector: Callable, **kwargs):
    try:
        return selector(**kwargs)
    except ApplicationError as exc:
        if exc.status == 404:
            raise Http404(exc.message) from exc
        raise
