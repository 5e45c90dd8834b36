from django.urls import path

from api.services import views

ACTIONS = [("deposit", views.DepositApi), ("record-work", views.RecordWorkApi), ("confirm", views.ConfirmApi),
           ("check", views.CheckApi), ("settle", views.SettleApi), ("cancel", views.CancelApi),
           ("dispatch", views.DispatchApi), ("evaluate", views.EvaluateApi)]

urlpatterns = [
    path("offers/", views.OfferApi.as_view(), name="api-service-offers"),
    path("proposals/", views.ProposalApi.as_view(), name="api-service-proposals"),
    path("bookings/", views.BookingListApi.as_view(), name="api-service-bookings"),
    path("bookings/<int:pk>/", views.BookingDetailApi.as_view(), name="api-service-booking"),
    *[path(f"bookings/<int:pk>/{name}/", api.as_view(), name=f"api-service-booking-{name}") for name, api in ACTIONS],
    path("money/<int:pk>/reverse/", views.ReverseApi.as_view(), name="api-service-money-reverse"),
    path("day-sheet/", views.DaySheetApi.as_view(), name="api-service-day-sheet"),
    path("subcontractors/", views.SubcontractorListApi.as_view(), name="api-service-subcontractors"),
    path("subcontractors/<int:pk>/status/", views.SubcontractorStatusApi.as_view(),
         name="api-service-subcontractor-status"),
    path("figures/", views.FiguresApi.as_view(), name="api-service-figures"),
]
