from django.urls import path
from django.views.generic import RedirectView

from modules.frontdesk.views import contacts, custody, desk, inspections, notices, work

app_name = "frontdesk"
urlpatterns = [
    path("", RedirectView.as_view(pattern_name="frontdesk:contacts"), name="home"),
    path("contacts/", contacts.contacts, name="contacts"),
    path("contacts/<int:pk>/", contacts.contact_detail, name="contact"),
    path("workorders/", work.workorders, name="workorders"),
    path("workorders/<int:pk>/", work.workorder_detail, name="workorder"),
    path("workorders/<int:pk>/<slug:step>/", work.workorder_step, name="workorder-step"),
    path("calls/", desk.calls, name="calls"),
    path("calls/<int:pk>/callback/", desk.call_callback, name="call-callback"),
    path("visitors/", desk.visitors, name="visitors"),
    path("visitors/<int:pk>/checkout/", desk.visitor_checkout, name="visitor-checkout"),
    path("custody/", custody.custody, name="custody"),
    path("custody/<int:pk>/", custody.custody_item, name="custody-item"),
    path("custody/<int:pk>/return/", custody.custody_return_view, name="custody-return"),
    path("custody/<int:pk>/incidents/", custody.custody_incident_view, name="custody-incident"),
    path("custody/incidents/<int:pk>/report/", custody.custody_report_view, name="custody-incident-report"),
    path("custody/incidents/<int:pk>/resolve/", custody.custody_resolve_view, name="custody-incident-resolve"),
    path("inspections/", inspections.inspections, name="inspections"),
    path("inspections/review/", inspections.inspection_review_queue, name="inspection-review"),
    path("inspections/<int:pk>/", inspections.inspection_detail, name="inspection"),
    path("inspections/<int:pk>/findings/", inspections.inspection_finding, name="inspection-finding"),
    path("inspections/<int:pk>/submit/", inspections.inspection_submit_view, name="inspection-submit"),
    path("inspections/<int:pk>/review/", inspections.inspection_review_view, name="inspection-review-one"),
    path("notices/", notices.notices, name="notices"),
    path("notices/<int:pk>/", notices.notice_detail, name="notice"),
    path("notices/<int:pk>/publish/", notices.notice_publish_view, name="notice-publish"),
    path("notices/<int:pk>/withdraw/", notices.notice_withdraw_view, name="notice-withdraw"),
]
