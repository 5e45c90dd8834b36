from django.urls import path

from modules.catalog import views

app_name = "catalog"
urlpatterns = [
    path("offices/", views.offices, name="offices"),
    path("offices/jobs/<int:job_id>/", views.office_job, name="office_job"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/<str:key>/", views.setting_page, name="setting"),
    path("calendar/", views.calendar, name="calendar"),
    path("scoring-rules/", views.scoring_rules, name="scoring_rules"),
]
