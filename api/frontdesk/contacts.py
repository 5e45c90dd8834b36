"""F-01 / F-02: the visit/call register."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from api.base import TenantAPIView
from api.fields import BoundedDateField, BoundedDateTimeField
from api.frontdesk.common import OutSerializer, enum_field
from api.pagination import Pagination
from core import limits
from modules.frontdesk.models import Contact
from modules.frontdesk.models import desk as d
from modules.frontdesk.models import work as wo
from modules.frontdesk.selectors import contact_get, contact_list
from modules.frontdesk.services import ContactInput, contact_register


class ContactOut(OutSerializer):
    number = serializers.CharField(read_only=True)

    class Meta:
        model = Contact
        fields = ["id", "number", "channel", "unit", "household", "name", "phone", "request", "expectation",
                  "requested_reply_at", "request_type", "received_at", "outcome", "answer", "result_type",
                  "result_id", "result_number", "received_by_name"]


class ContactListApi(TenantAPIView):
    """F-01: the register (GET, newest first; `q` searches name, phone, unit, number) and one-step
    registration (POST) that turns the contact into a complaint, work order, service inquiry or answer."""

    required_perm = {"GET": "frontdesk.view", "POST": "frontdesk.register"}
    pagination_class = Pagination
    pagination_class = Pagination

    class Input(serializers.Serializer):
        channel = enum_field(d.CHANNELS, default=d.PHONE)
        unit = serializers.CharField(required=False, allow_blank=True, default="", max_length=128)
        household_id = serializers.IntegerField(required=False, allow_null=True, default=None)
        name = serializers.CharField(max_length=64)
        phone = serializers.CharField(required=False, allow_blank=True, default="", max_length=32)
        request = serializers.CharField(max_length=limits.TEXT)
        expectation = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")
        requested_reply_at = BoundedDateTimeField(required=False, allow_null=True, default=None)
        request_type = enum_field(d.REQUEST_TYPES)
        received_at = BoundedDateTimeField(required=False, allow_null=True, default=None)
        outcome = enum_field(d.OUTCOMES)
        answer = serializers.CharField(max_length=limits.NOTE, required=False, allow_blank=True, default="")
        department = enum_field(wo.DEPARTMENTS, required=False, allow_blank=True, default="")
        # S-03: with a service inquiry, the offered item it books (the contact keeps the booking's number)
        service_item_id = serializers.IntegerField(required=False, allow_null=True, default=None)

    class Filter(serializers.Serializer):
        q = serializers.CharField(required=False, allow_blank=True, default="", max_length=64)
        day = BoundedDateField(required=False, allow_null=True, default=None)

    @extend_schema(parameters=[Filter], responses=ContactOut(many=True))
    def get(self, request):
        f = self.query(self.Filter)
        return self.paginate(contact_list(q=f["q"], day=f["day"]), ContactOut)

    @extend_schema(request=Input, responses={201: ContactOut})
    def post(self, request):
        contact = contact_register(user=request.user, data=ContactInput(**self.validated(self.Input)))
        return Response(ContactOut(contact).data, status=status.HTTP_201_CREATED)


class ContactDetailApi(TenantAPIView):
    required_perm = "frontdesk.view"

    @extend_schema(responses=ContactOut)
    def get(self, request, pk: int):
        return Response(ContactOut(contact_get(pk=pk)).data)
