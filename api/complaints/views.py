"""The complaints API (/api/v1/complaints/ on office hosts): thin views over services and selectors.

One POST endpoint per action; an action not allowed in the complaint's state is 409 with a code, bad
input is 400 naming the field (api/errors.py). There are no delete endpoints (C-15)."""

from __future__ import annotations

from collections.abc import Callable

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.response import Response

from api.base import TenantAPIView
from api.complaints import serializers as s
from api.pagination import Pagination
from core.errors import ValidationFailed
from modules.complaints import selectors, services


def _detail(pk: int, *, code: int = status.HTTP_200_OK) -> Response:
    return Response(s.ComplaintDetailOut(selectors.complaint_get(pk=pk)).data, status=code)


class ComplaintListApi(TenantAPIView):
    """List (ordered by next deadline, C-17) and register (C-01/C-02; `Idempotency-Key` header)."""

    required_perm = {"GET": "complaints.view", "POST": "complaints.register"}
    pagination_class = Pagination

    @extend_schema(parameters=[s.ListFilterIn], responses=s.ComplaintOut(many=True))
    def get(self, request):
        data = self.query(s.ListFilterIn)
        qs = selectors.complaint_list(
            status=data.get("status", ""), classification=data.get("classification", ""),
            overdue=data.get("overdue"), due_today=data.get("due_today", False),
            building_id=data.get("building"), assignee_id=data.get("assignee"), collective=data.get("collective"),
            number=data["number"], hq_ref=data["hq_ref"], household_id=data.get("household"))
        if data.get("household"):  # P-02: a unit's history, the most recent first
            qs = qs.order_by("-received_at", "-id")
        return self.paginate(selectors.complaint_rows(qs), s.ComplaintOut)

    @extend_schema(request=s.RegisterIn, responses={201: s.ComplaintDetailOut, 200: s.ComplaintDetailOut},
                   parameters=[OpenApiParameter("Idempotency-Key", str, location=OpenApiParameter.HEADER)])
    def post(self, request):
        data = self.validated(s.RegisterIn)
        try:
            complaint = services.complaint_register(user=request.user, idempotency_key=request.headers.get(
                "Idempotency-Key"), **data)
        except ValidationFailed as exc:  # the key comes from a header: name the header
            if "idempotency_key" in (exc.fields or {}):
                exc.fields["Idempotency-Key"] = exc.fields.pop("idempotency_key")
            raise
        if not complaint.was_created:  # the same Idempotency-Key again: the complaint as it is now
            return _detail(complaint.pk)
        return Response(s.ComplaintDetailOut(selectors.complaint_get_registered(
            complaint=complaint, attachments=bool(data.get("attachments")))).data,
                        status=status.HTTP_201_CREATED)


class ComplaintDetailApi(TenantAPIView):
    """One complaint with its whole history (C-15)."""

    required_perm = "complaints.view"

    @extend_schema(responses=s.ComplaintDetailOut)
    def get(self, request, pk: int):
        return _detail(pk)


class _ActionApi(TenantAPIView):
    input_class: type = s.TextIn
    required_perm = "complaints.handle"

    def act(self, request, pk: int, data: dict):
        raise TypeError("subclasses set act")

    def run(self, request, pk: int) -> Response:
        data = self.validated(self.input_class)
        result_pk = self.act(request, pk, data) or pk
        return _detail(result_pk, code=status.HTTP_201_CREATED if result_pk != pk else status.HTTP_200_OK)


def action(name: str, input_class: type, perm: str, summary: str):
    """Build the POST endpoint of one complaint action around `act(request, pk, data)`."""

    def wrap(act):
        @extend_schema(request=input_class, responses={200: s.ComplaintDetailOut, 201: s.ComplaintDetailOut},
                       operation_id=f"complaints_{name.replace('-', '_')}", summary=summary)
        def post(self, request, pk: int):
            return self.run(request, pk)

        return type(f"Complaint{name.title().replace('-', '')}Api", (_ActionApi,), {
            "input_class": input_class, "required_perm": perm, "post": post, "act": act, "__doc__": summary,
            "__module__": __name__})

    return wrap


def _u(request, pk):
    return {"user": request.user, "complaint_id": pk}


@action("classify", s.ClassifyIn, "complaints.handle", "C-05..C-09: classify; sets the reply deadline")
def ClassifyApi(self, request, pk, data):  # noqa: N802
    services.complaint_classify(**_u(request, pk), **data)


@action("assign", s.AssignIn, "complaints.handle", "C-04: hand to the duty officer or CS staff")
def AssignApi(self, request, pk, data):  # noqa: N802
    services.complaint_assign(**_u(request, pk), **data)


@action("handle-on-spot", s.OnSpotIn, "complaints.handle", "C-03: solved on the spot")
def OnSpotApi(self, request, pk, data):  # noqa: N802
    services.complaint_handle_on_spot(**_u(request, pk), **data)


@action("referral", s.ReferralIn, "complaints.handle", "C-08: written referral to the responsible party")
def ReferralApi(self, request, pk, data):  # noqa: N802
    services.complaint_referral_add(**_u(request, pk), **data)


@action("progress", s.TextIn, "complaints.handle", "C-08: the customer was told of progress")
def ProgressApi(self, request, pk, data):  # noqa: N802
    services.complaint_progress_add(**_u(request, pk), **data)


@action("escalate", s.EscalateIn, "complaints.escalate_director", "C-11: up one step of the ladder")
def EscalateApi(self, request, pk, data):  # noqa: N802
    services.complaint_escalate(**_u(request, pk), **data)


@action("reply", s.ReplyIn, "complaints.handle", "C-12: reply to the customer (JSON or multipart)")
def ReplyApi(self, request, pk, data):  # noqa: N802
    services.complaint_reply(**_u(request, pk), **data)


@action("close", s.CloseIn, "complaints.handle", "C-14: close with the customer satisfied")
def CloseApi(self, request, pk, data):  # noqa: N802
    services.complaint_close(**_u(request, pk), **data)


@action("reopen-dissatisfied", s.ReopenIn, "complaints.handle", "C-13: dissatisfied → a new linked complaint")
def ReopenApi(self, request, pk, data):  # noqa: N802
    return services.complaint_reopen_dissatisfied(**_u(request, pk), **data).pk


@action("report-result", s.ReportResultIn, "complaints.handle", "C-16: report the result to head office")
def ReportResultApi(self, request, pk, data):  # noqa: N802
    services.complaint_report_result(**_u(request, pk), **data)


@action("note", s.TextIn, "complaints.handle", "C-15: a note or correction, as a new event")
def NoteApi(self, request, pk, data):  # noqa: N802
    services.complaint_note(**_u(request, pk), **data)


@action("spot-check", s.SpotCheckIn, "complaints.spot_check", "C-19: the director checked this record")
def SpotCheckApi(self, request, pk, data):  # noqa: N802
    services.complaint_spot_check(**_u(request, pk), **data)


@action("link-incident", s.LinkIncidentIn, "complaints.handle", "C-10: same matter as other complaints")
def LinkIncidentApi(self, request, pk, data):  # noqa: N802
    services.complaint_link_incident(**_u(request, pk), **data)


@action("category", s.CategoryCorrectIn, "complaints.handle",
        "C-02/C-15: correct the category (an event with the reason), while not closed")
def CategoryCorrectApi(self, request, pk, data):  # noqa: N802
    services.complaint_category_correct(complaint=pk, by=request.user, **data)


class IncidentListApi(TenantAPIView):
    required_perm = "complaints.view"
    pagination_class = Pagination

    @extend_schema(responses=s.IncidentOut(many=True))
    def get(self, request):
        return self.paginate(selectors.incident_list(), s.IncidentOut)


class _IncidentStepApi(TenantAPIView):
    """One step of a collective complaint's report chain (C-10): `step` is the service that records it."""

    step: Callable[..., object]

    @extend_schema(request=s.IncidentStepIn, responses=s.IncidentOut)
    def post(self, request, pk: int):
        incident = self.step(user=request.user, incident_id=pk, **self.validated(s.IncidentStepIn))
        return Response(s.IncidentOut(incident).data)


class IncidentReportDirectorApi(_IncidentStepApi):
    """C-10 step 1: the duty officer reported the collective complaint to the office director."""

    required_perm = "complaints.handle"
    step = staticmethod(services.incident_report_director)


class IncidentNotifyHqApi(_IncidentStepApi):
    """C-10 step 2: the director notified the deputy GM and the head-office complaint center."""

    required_perm = "complaints.escalate_hq"
    step = staticmethod(services.incident_notify_hq)


class SpotCheckListApi(TenantAPIView):
    """C-19: the director's list of complaints received in a period, with the checks already made."""

    required_perm = "complaints.spot_check"
    pagination_class = Pagination

    @extend_schema(parameters=[OpenApiParameter("start", str, required=True, description="YYYY-MM-DD"),
                               OpenApiParameter("end", str, required=True, description="YYYY-MM-DD"),
                               OpenApiParameter("page", int)],
                   responses=s.SpotCheckListOut(many=True))
    def get(self, request):
        period = self.query(s.PeriodIn)
        return self.paginate(selectors.complaints_for_spot_check(**period), s.SpotCheckListOut)


class _IncidentWholeApi(TenantAPIView):
    """A step taken for every open complaint of the incident at once (C-10, issue 9 §3.6); each complaint
    gets its own event; one that cannot take the step refuses the whole step (409/400 naming it)."""

    required_perm = "complaints.handle"
    input_class: type
    step: Callable[..., object]

    def post(self, request, pk: int):
        self.step(user=request.user, incident_id=pk, **self.validated(self.input_class))
        return Response(s.IncidentDetailOut(selectors.incident_with_complaints(pk=pk)).data)


class IncidentClassifyApi(_IncidentWholeApi):
    """C-05/C-10: classify every open complaint of the incident."""

    input_class = s.IncidentClassifyIn
    step = staticmethod(services.incident_classify)

    @extend_schema(request=s.IncidentClassifyIn, responses=s.IncidentDetailOut, operation_id="complaints_incident_classify")
    def post(self, request, pk: int):
        return super().post(request, pk)


class IncidentReplyApi(_IncidentWholeApi):
    """C-10/C-12: the home-visit reply for every open complaint of the incident (JSON or multipart)."""

    input_class = s.IncidentReplyIn
    step = staticmethod(services.incident_reply)

    @extend_schema(request=s.IncidentReplyIn, responses=s.IncidentDetailOut, operation_id="complaints_incident_reply")
    def post(self, request, pk: int):
        return super().post(request, pk)
