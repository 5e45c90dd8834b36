from django.urls import path

from api.hq import views

urlpatterns = [
    path("cases/", views.CaseListApi.as_view(), name="api-hq-cases"),
    path("cases/<int:pk>/", views.CaseDetailApi.as_view(), name="api-hq-case"),
    path("cases/<int:pk>/instructions/", views.CaseInstructionApi.as_view(), name="api-hq-case-instruct"),
    path("cases/<int:pk>/assign/", views.CaseAssignApi.as_view(), name="api-hq-case-assign"),
    path("complaints/", views.HqComplaintListApi.as_view(), name="api-hq-complaints"),
    path("complaints/<int:pk>/", views.HqComplaintDetailApi.as_view(), name="api-hq-complaint"),
    path("complaints/<int:pk>/forward/", views.HqComplaintForwardApi.as_view(), name="api-hq-forward"),
    path("complaints/<int:pk>/follow-up/", views.HqComplaintFollowUpApi.as_view(), name="api-hq-follow-up"),
]
