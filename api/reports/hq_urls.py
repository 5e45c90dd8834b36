from django.urls import path

from api.reports import views

urlpatterns = [
    path("", views.HqMonthOfficesApi.as_view(), name="api-hq-reports"),
    path("consolidated/", views.HqConsolidatedApi.as_view(), name="api-hq-reports-consolidated"),
    path("submitted/<int:pk>/", views.HqSubmittedApi.as_view(), name="api-hq-report-submitted"),
]
