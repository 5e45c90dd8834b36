from django.urls import path

from api.reports import views

urlpatterns = [
    path("", views.ReportListApi.as_view(), name="api-reports"),
    path("<int:pk>/", views.ReportDetailApi.as_view(), name="api-report"),
    path("<int:pk>/notable/", views.ReportNotableApi.as_view(), name="api-report-notable"),
    path("<int:pk>/refresh/", views.ReportRefreshApi.as_view(), name="api-report-refresh"),
    path("<int:pk>/submit/", views.ReportSubmitApi.as_view(), name="api-report-submit"),
    path("<int:pk>/correct/", views.ReportCorrectApi.as_view(), name="api-report-correct"),
]
