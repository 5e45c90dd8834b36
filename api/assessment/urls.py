from django.urls import path

from api.assessment import views

urlpatterns = [
    path("rules/", views.RulesApi.as_view(), name="api-assessment-rules"),
    path("findings/", views.FindingsApi.as_view(), name="api-assessment-findings"),
    path("findings/<int:pk>/", views.FindingApi.as_view(), name="api-assessment-finding"),
    path("proposals/", views.ProposalsApi.as_view(), name="api-assessment-proposals"),
    path("proposals/<int:pk>/confirm/", views.ProposalConfirmApi.as_view(), name="api-assessment-proposal-confirm"),
    path("proposals/<int:pk>/reject/", views.ProposalRejectApi.as_view(), name="api-assessment-proposal-reject"),
    path("praises/", views.PraisesApi.as_view(), name="api-assessment-praises"),
    path("sheets/<int:person_id>/<str:month>/", views.SheetApi.as_view(), name="api-assessment-sheet"),
    path("sheets/<int:person_id>/<str:month>/compile/", views.SheetCompileApi.as_view(),
         name="api-assessment-sheet-compile"),
    path("sheets/<int:person_id>/<str:month>/sign/", views.SheetSignApi.as_view(), name="api-assessment-sheet-sign"),
]
