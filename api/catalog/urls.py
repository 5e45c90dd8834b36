from django.urls import path

from api.catalog import views

urlpatterns = [
    path("offices/", views.OfficeListCreateApi.as_view(), name="api-offices"),
    path("offices/jobs/<int:job_id>/", views.OfficeJobApi.as_view(), name="api-office-job"),
    path("settings/", views.SettingApi.as_view(), name="api-settings"),
    path("settings/<str:key>/", views.SettingHistoryApi.as_view(), name="api-setting"),
    path("scoring-rules/", views.ScoringRuleApi.as_view(), name="api-scoring-rules"),
    path("calendar/", views.CalendarOverrideApi.as_view(), name="api-calendar"),
]
