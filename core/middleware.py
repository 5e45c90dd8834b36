"""Request guards that run before any view, and the API's error shape on every 4xx under /api/.

ApiErrorShape (outermost): a 4xx under /api/ that is not JSON (Django's 400 page for an oversized body or
too many fields, the DEBUG 404 page of an unknown route) is answered in the API's one error shape instead.

BoundRequestBodies: the query string, the form fields and the body are read here once, so the framework's
own limits (DATA_UPLOAD_MAX_MEMORY_SIZE, DATA_UPLOAD_MAX_NUMBER_FIELDS) answer a 400 naming the part, and a
JSON body nested deeper than JSON_MAX_DEPTH is refused before any parser recurses through it (core/jsondepth.py).

RejectNullBytes: PostgreSQL refuses NUL ("\\x00") in text, so a parameter carrying one would turn a
search or a form into a 500 deep inside a view. Refused here, at the door, with a 400: on /api/ in the
one error shape (DESIGN.md convention 7), elsewhere as a plain page."""

from __future__ import annotations

import json
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.jsondepth import json_too_deep

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


def bad_request(request, message: str, field: str) -> HttpResponse:
    """400: on /api/ in the one error shape (DESIGN.md convention 7), elsewhere as a plain page."""
    if request.path.startswith("/api/"):
        body = {"error": {"code": "invalid", "message": message, "fields": {field: [message]}}}
        return JsonResponse(body, status=HTTPStatus.BAD_REQUEST, json_dumps_params={"ensure_ascii": False})
    from core.errorpages import error_response

    return error_response(request, HTTPStatus.BAD_REQUEST, message=message)


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
        return bad_request(request, NUL_MESSAGE, field)


def _body_problem(request) -> tuple[str, str] | None:
    """(part, message) when the query string, the form or the body goes past a limit, else None."""
    try:
        request.GET  # noqa: B018 — parsing counts the fields (DATA_UPLOAD_MAX_NUMBER_FIELDS)
    except TooManyFieldsSent:
        return "query", _("查询参数过多。")
    try:
        if request.method == "POST":
            request.POST  # noqa: B018
        body = request.body if request.content_type.endswith("json") else b""
    except TooManyFieldsSent:
        return "body", _("表单字段过多。")
    except TooManyFilesSent:
        return "body", _("上传的文件过多。")
    except RequestDataTooBig:
        return "body", _("请求内容过大（上限 %(mb)s MB）。") % {"mb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE >> 20}
    except (OSError, MultiPartParserError):  # unreadable body: the view's own handling applies
        return None
    if body and json_too_deep(body):
        return "body", _("JSON 嵌套层数过多（最多 %(depth)s 层）。") % {"depth": settings.JSON_MAX_DEPTH}
    return None


class BoundRequestBodies:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = _body_problem(request)
        if problem is None:
            return self.get_response(request)
        part, message = problem
        return bad_request(request, message, part)


_STATUS_MESSAGES = {400: gettext_noop("请求无效。"), 401: gettext_noop("请先登录。"), 403: gettext_noop("没有权限。"),
                    404: gettext_noop("未找到。"), 405: gettext_noop("不支持该请求方法。"),
                    413: gettext_noop("请求内容过大。")}
_STATUS_CODES = {400: "invalid", 401: "not_authenticated", 403: "permission_denied", 404: "not_found",
                 405: "method_not_allowed", 413: "too_large"}


class ApiErrorShape:
    """Outermost: whatever answered a 4xx under /api/ in HTML (Django's handler400, the DEBUG pages), the
    client gets `{"error": {"code", "message", "fields"}}` with the same status."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (not request.path.startswith("/api/") or not 400 <= response.status_code < 500
                or response.streaming or response.get("Content-Type", "").startswith("application/json")):
            return response
        status = response.status_code
        body = {"error": {"code": _STATUS_CODES.get(status, "error"),
                          "message": _(_STATUS_MESSAGES.get(status, "请求无效。")), "fields": {}}}
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
