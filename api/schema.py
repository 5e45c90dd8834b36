"""OpenAPI generation (drf-spectacular) for the house style of nested serializers.

Views declare `class Input(serializers.Serializer)` / `class Output(...)` inside the view class
(DESIGN.md convention 1). drf-spectacular names a component after the class alone, so every view's
`Input` would collide (and a nested `Serializer` would become the empty name). Nested classes are named
after their qualified name instead: `SettingApi.Input` → `SettingApiInput`."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema


class AutoSchema(SpectacularAutoSchema):
    def get_serializer_name(self, serializer, direction) -> str:
        qualname = serializer.__class__.__qualname__
        if "." in qualname and "<locals>" not in qualname:
            return qualname.replace(".", "")
        return super().get_serializer_name(serializer, direction)
