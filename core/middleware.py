"""Request guards that run before any view.

RejectNullBytes: PostgreSQL refuses NUL ("\\x00") in text, so a parameter carrying one would turn a
search or a form into a 500 deep inside a view. Refused here, at the door, with a 400: on /api/ in the
one error shape (DESIGN.md convention 7), elsewhere as a plain page."""

from __future__ import annotations

import json
from http import HTTPStatus

from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.html import escape

NUL = "\x00"
NUL_MESSAGE = "请求中含有不允许的空字符（\\x00）。"
FIELD_MESSAGE = "不能包含空字符"


def _nul_in_querydict(data) -> str | None:
    for key, values in data.lists():
        if NUL in key or any(NUL in value for value in values if isinstance(value, str)):
            return key.replace(NUL, "") or "query"
    return None


def _nul_in_json(value, name: str = "body") -> str | None:
    """The name of the first member of a JSON body that holds a NUL (as `\\u0000`), else None."""
    if isinstance(value, str):
        return name if NUL in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            found = (str(key).replace(NUL, "") or name) if NUL in str(key) else _nul_in_json(item, str(key))
            if found:
                return found
    if isinstance(value, list):
        for item in value:
            found = _nul_in_json(item, name)
            if found:
                return found
    return None


def _json_body(request):
    if request.content_type != "application/json" or b"\\u0000" not in request.body:
        return None
    try:
        return json.loads(request.body)
    except ValueError:
        return None  # malformed JSON: the API's parser answers that itself


def offending_field(request) -> str | None:
    """Which parameter (or "path") of `request` carries a NUL, if any."""
    if NUL in request.path:
        return "path"
    found = _nul_in_querydict(request.GET)
    if found is not None:
        return found
    if request.method == "POST":
        try:
            found = _nul_in_querydict(request.POST)
        except (OSError, MultiPartParserError):  # unreadable body: the view's own handling applies
            return None
        if found is not None:
            return found
    return _nul_in_json(_json_body(request))


class RejectNullBytes:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        field = offending_field(request)
        if field is None:
            return self.get_response(request)
        if request.path.startswith("/api/"):
            body = {"error": {"code": "invalid", "message": NUL_MESSAGE, "fields": {field: [FIELD_MESSAGE]}}}
            return JsonResponse(body, status=HTTPStatus.BAD_REQUEST, json_dumps_params={"ensure_ascii": False})
        page = (f'<!doctype html><html lang="zh-hans"><meta charset="utf-8"><title>请求无效</title>'
                f"<h1>请求无效（400）</h1><p>{escape(NUL_MESSAGE)}</p><p>请返回上一页，修改后重试。</p></html>")
        return HttpResponse(page, status=HTTPStatus.BAD_REQUEST, content_type="text/html; charset=utf-8")
