"""OpenAPI generation (drf-spectacular) for the house style of the API.

- Nested serializers: views declare `class Input(serializers.Serializer)` / `class Output(...)` inside
  the view class (DESIGN.md convention 1). drf-spectacular names a component after the class alone, so
  every view's `Input` would collide (and a nested `Serializer` would become the empty name). Nested
  classes are named after their qualified name instead: `SettingApi.Input` → `SettingApiInput`.
- Paginated lists: a view that pages its GET list names `pagination_class` (api/base.py `paginate`);
  its GET response is documented in the pagination envelope, never a plain array.
- Errors: every operation documents 400/401/403/404 (and 409 on writes) with the one error shape of
  api/errors.py, `{"error": {"code", "message", "fields"}}` (`error_responses`, a postprocessing hook).
- Row actions (api/base.py `RowActionAPIView`): the POST's request is the view's `Input`, its response
  the view's `Output`.
- Times of day (`09:00:00`): a string with a pattern; JSON Schema's `time` format wants a zone offset."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema

ERROR_COMPONENT = "Error"
ERROR_SCHEMA = {
    "type": "object",
    "description": "The one error shape of the API.",
    "properties": {"error": {
        "type": "object",
        "properties": {
            "code": {"type": "string", "description": "stable code a client can switch on"},
            "message": {"type": "string"},
            "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}},
                       "description": "field name → messages (empty unless input was refused)"},
        },
        "required": ["code", "message", "fields"],
    }},
    "required": ["error"],
}
ERROR_STATUSES = {
    "400": "Bad input: `fields` names each field refused.",
    "401": "Not authenticated.",
    "403": "The role may not do this.",
    "404": "No such object or route on this host, or not a member of this host's tenant.",
}
WRITE_ERROR_STATUSES = {"409": "Not allowed in the object's current state."}
TIME_OF_DAY = {"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?$",
               "example": "09:00:00", "description": "time of day, HH:MM[:SS]"}


class AutoSchema(SpectacularAutoSchema):
    def get_serializer_name(self, serializer, direction) -> str:
        qualname = serializer.__class__.__qualname__
        if "." in qualname and "<locals>" not in qualname:
            return qualname.replace(".", "")
        return super().get_serializer_name(serializer, direction)

    def _row_action(self) -> bool:
        from api.base import RowActionAPIView

        return self.method == "POST" and isinstance(self.view, RowActionAPIView)

    def get_request_serializer(self):
        # a row action documents its own Input (None: no body) and Output (api/base.py RowActionAPIView)
        return self.view.Input if self._row_action() else super().get_request_serializer()

    def get_response_serializers(self):
        return self.view.Output if self._row_action() else super().get_response_serializers()

    def _get_paginator(self):
        # only GET lists are paged (a POST answering a list, e.g. a roster fill, is a plain array)
        return super()._get_paginator() if self.method == "GET" else None


class TimeOfDayExtension(OpenApiSerializerFieldExtension):
    target_class = "rest_framework.fields.TimeField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        return dict(TIME_OF_DAY)


def error_responses(result, generator, request, public):
    """Postprocessing hook: the error component, and the error statuses on every operation."""
    result.setdefault("components", {}).setdefault("schemas", {})[ERROR_COMPONENT] = ERROR_SCHEMA
    body = {"application/json": {"schema": {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}}}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            statuses = dict(ERROR_STATUSES)
            if method in ("post", "put", "patch", "delete"):
                statuses.update(WRITE_ERROR_STATUSES)
            responses = operation.setdefault("responses", {})
            for code, description in statuses.items():
                responses.setdefault(code, {"description": description, "content": body})
    return result
