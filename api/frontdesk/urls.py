"""/api/v1/frontdesk/ — every front-desk operation (F-01..F-06, M-01)."""

from django.urls import path

from api.frontdesk import contacts, custody, desk, inspections, notices, workorders

urlpatterns = [
    path("contacts/", contacts.ContactListApi.as_view(), name="api-fd-contacts"),
    path("contacts/<int:pk>/", contacts.ContactDetailApi.as_view(), name="api-fd-contact"),
    path("workorders/", workorders.WorkOrderListApi.as_view(), name="api-fd-workorders"),
    path("workorders/<int:pk>/", workorders.WorkOrderDetailApi.as_view(), name="api-fd-workorder"),
    *[path(f"workorders/<int:pk>/{step}/", workorders.WorkOrderActionApi.as_view(step=step),
           name=f"api-fd-workorder-{step}") for step in ("accept", "done", "verify", "reject", "cancel")],
    path("missed-calls/", desk.MissedCallListApi.as_view(), name="api-fd-missed-calls"),
    path("missed-calls/<int:pk>/callback/", desk.MissedCallCallbackApi.as_view(), name="api-fd-missed-call-callback"),
    path("visitors/", desk.VisitorListApi.as_view(), name="api-fd-visitors"),
    path("visitors/<int:pk>/checkout/", desk.VisitorCheckOutApi.as_view(), name="api-fd-visitor-checkout"),
    path("inspections/", inspections.InspectionListApi.as_view(), name="api-fd-inspections"),
    path("inspections/to-review/", inspections.InspectionReviewQueueApi.as_view(), name="api-fd-inspections-review"),
    path("inspections/<int:pk>/", inspections.InspectionDetailApi.as_view(), name="api-fd-inspection"),
    path("inspections/<int:pk>/findings/", inspections.InspectionFindingApi.as_view(), name="api-fd-finding"),
    path("inspections/<int:pk>/submit/", inspections.InspectionSubmitApi.as_view(), name="api-fd-inspection-submit"),
    path("inspections/<int:pk>/review/", inspections.InspectionReviewApi.as_view(), name="api-fd-inspection-review"),
    path("custody/", custody.CustodyListApi.as_view(), name="api-fd-custody"),
    path("custody/<int:pk>/", custody.CustodyDetailApi.as_view(), name="api-fd-custody-item"),
    path("custody/<int:pk>/return/", custody.CustodyReturnApi.as_view(), name="api-fd-custody-return"),
    path("custody/<int:pk>/incidents/", custody.CustodyIncidentCreateApi.as_view(), name="api-fd-custody-incident"),
    path("custody-incidents/", custody.CustodyIncidentListApi.as_view(), name="api-fd-custody-incidents"),
    path("custody-incidents/<int:pk>/report/", custody.CustodyIncidentReportApi.as_view(),
         name="api-fd-custody-incident-report"),
    path("custody-incidents/<int:pk>/resolve/", custody.CustodyIncidentResolveApi.as_view(),
         name="api-fd-custody-incident-resolve"),
    path("notices/", notices.NoticeListApi.as_view(), name="api-fd-notices"),
    path("notices/<int:pk>/", notices.NoticeDetailApi.as_view(), name="api-fd-notice"),
    path("notices/<int:pk>/publish/", notices.NoticePublishApi.as_view(), name="api-fd-notice-publish"),
    path("notices/<int:pk>/withdraw/", notices.NoticeWithdrawApi.as_view(), name="api-fd-notice-withdraw"),
]
