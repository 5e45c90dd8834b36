"""The error pages of every host type (400, 403, 404, 500 and the CSRF failure), in the product's style and
the reader's language, with DEBUG off (issue 9 §3.13). Under /api/ the API's one error shape instead.

The pages are rendered without the request's context processors: an error page never queries the database
(the 500 may be the database failing) and never needs a logged-in user."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PAGES = {
    400: (gettext_lazy("请求无效"), gettext_lazy("页面收到的请求无法处理。请返回上一页，检查填写的内容后重试。")),
    403: (gettext_lazy("没有权限"), gettext_lazy("您没有权限进行这项操作。如需权限，请联系管理处主任。")),
    404: (gettext_lazy("页面不存在"), gettext_lazy("您要找的页面不存在，或您没有权限查看。请检查网址，或从首页重新进入。")),
    500: (gettext_lazy("系统出错了"), gettext_lazy("服务器处理请求时出错，我们已记录。请稍后重试；如仍出错，请联系系统管理员。")),
}
CSRF_TEXT = gettext_lazy("页面已过期或来源无法验证，表单没有提交。请刷新页面后重新填写提交。")
API_CODES = {400: "invalid", 403: "permission_denied", 404: "not_found", 500: "server_error"}
API_MESSAGES = {400: "请求无效。", 403: "没有权限。", 404: "未找到。", 500: "服务器出错，请稍后重试。"}


def error_response(request, status: int, *, message: str | None = None, title: str | None = None) -> HttpResponse:
    """The styled page (or, under /api/, the JSON error shape) for `status`, in the request's language."""
    default_title, default_text = PAGES[status]
    if request is not None and request.path.startswith("/api/"):
        body = {"error": {"code": API_CODES[status], "message": str(message or API_MESSAGES[status]), "fields": {}}}
        return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    # before LocaleMiddleware ran (a guard at the door) the language comes from the request itself
    language = translation.get_language_from_request(request) if request is not None else None
    with translation.override(language or translation.get_language()):
        html = render_to_string("errors/error.html", {
            "status": status, "title": str(title or default_title), "text": str(default_text),
            "detail": str(message) if message else "", "LANGUAGE_CODE": translation.get_language()})
    return HttpResponse(html, status=status, content_type="text/html; charset=utf-8")


def bad_request(request, exception=None):
    return error_response(request, 400)


def permission_denied(request, exception=None):
    return error_response(request, 403)


def page_not_found(request, exception=None):
    """Routes that do not exist and the membership gate's 404 (tenants/middleware.py)."""
    return error_response(request, 404)


def server_error(request):
    return error_response(request, 500)


def csrf_failure(request, reason: str = ""):
    """CSRF_FAILURE_VIEW: a form sent from an expired page (or another site) is refused with a page that
    says what to do, not Django's English debug text."""
    return error_response(request, 403, title=_("表单已过期"), message=str(CSRF_TEXT))
