from django.urls import path

from api.complaints import views

ACTIONS = [
    ("classify", views.ClassifyApi), ("assign", views.AssignApi), ("handle-on-spot", views.OnSpotApi),
    ("referral", views.ReferralApi), ("progress", views.ProgressApi), ("escalate", views.EscalateApi),
    ("reply", views.ReplyApi), ("close", views.CloseApi), ("reopen-dissatisfied", views.ReopenApi),
    ("report-result", views.ReportResultApi), ("note", views.NoteApi), ("spot-check", views.SpotCheckApi),
    ("link-incident", views.LinkIncidentApi), ("category", views.CategoryCorrectApi),
]

urlpatterns = [
    path("", views.ComplaintListApi.as_view(), name="api-complaints"),
    path("<int:pk>/", views.ComplaintDetailApi.as_view(), name="api-complaint"),
    *[path(f"<int:pk>/{name}/", api.as_view(), name=f"api-complaint-{name}") for name, api in ACTIONS],
    path("spot-checks/", views.SpotCheckListApi.as_view(), name="api-complaint-spot-checks"),
    path("incidents/", views.IncidentListApi.as_view(), name="api-complaint-incidents"),
    path("incidents/<int:pk>/report-director/", views.IncidentReportDirectorApi.as_view(),
         name="api-complaint-incident-report-director"),
    path("incidents/<int:pk>/classify/", views.IncidentClassifyApi.as_view(), name="api-complaint-incident-classify"),
    path("incidents/<int:pk>/reply/", views.IncidentReplyApi.as_view(), name="api-complaint-incident-reply"),
    path("incidents/<int:pk>/notify-hq/", views.IncidentNotifyHqApi.as_view(),
         name="api-complaint-incident-notify-hq"),
]
