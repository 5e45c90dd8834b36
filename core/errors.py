"""One error for the whole product (DESIGN.md convention 7).

Services raise ApplicationError (or a subclass); the API turns it into
`{"error": {"code", "message", "fields"}}` with the status below, and web views show it as a form or
page message. Codes are stable strings clients can switch on."""

from __future__ import annotations


class ApplicationError(Exception):
    status = 400
    code = "invalid"

    def __init__(self, message: str, *, code: str | None = None, fields: dict | None = None,
                 status: int | None = None):
        super().__init__(message)
        self.message = message
        self.code = code or self.code
        self.fields = fields or {}
        if status is not None:
            self.status = status


class ValidationFailed(ApplicationError):
    status = 400
    code = "invalid"


class NotAllowedNow(ApplicationError):
    """The action is not allowed in the object's current state (a transition table said no)."""

    status = 409
    code = "not_allowed_now"


class NotFound(ApplicationError):
    status = 404
    code = "not_found"


class Forbidden(ApplicationError):
    status = 403
    code = "forbidden"
