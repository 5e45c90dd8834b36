"""The shape the residents API's detail endpoints share: GET one record, PATCH corrects some of its
fields and answers with the record read again (P-01: correct or deactivate, never delete)."""

from __future__ import annotations

from rest_framework.response import Response

from api.base import TenantAPIView, found


class RecordDetailApi(TenantAPIView):
    required_perm = {"GET": "residents.view", "PATCH": "residents.edit"}
    output: type

    def load(self, pk: int):
        """The record through its selector, or None."""
        raise TypeError("subclasses set load")

    def save(self, pk: int, values: dict, user) -> None:
        """Write the validated changes through the module's service."""
        raise TypeError("subclasses set save")

    def read(self, pk: int) -> Response:
        return Response(self.output(found(self.load(pk))).data)

    def correct(self, request, pk: int) -> Response:
        found(self.load(pk))
        self.save(pk, self.validated(self.Input, partial=True), request.user)
        return self.read(pk)
