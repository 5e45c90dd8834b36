from django.urls import path

from api.services import agreements, views

ACTIONS = [("quote", views.QuoteApi), ("deposit", views.DepositApi), ("record-work", views.RecordWorkApi), ("confirm", views.ConfirmApi),
           ("check", views.CheckApi), ("settle", views.SettleApi), ("cancel", views.CancelApi),
           ("dispatch", views.DispatchApi), ("evaluate", views.EvaluateApi)]

AGREEMENT_STEPS = [("deposit", agreements.AgreementDepositApi), ("sign", agreements.AgreementSignApi),
                   ("jobs", agreements.AgreementJobApi), ("close", agreements.AgreementCloseApi),
                   ("refund", agreements.AgreementRefundApi), ("keep", agreements.AgreementKeepApi)]

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
    path("announce/", views.AnnounceApi.as_view(), name="api-service-announce"),
    path("agreements/", agreements.AgreementListApi.as_view(), name="api-service-agreements"),
    path("agreements/<int:pk>/", agreements.AgreementDetailApi.as_view(), name="api-service-agreement"),
    *[path(f"agreements/<int:pk>/{name}/", api.as_view(), name=f"api-service-agreement-{name}")
      for name, api in AGREEMENT_STEPS],
]
