app_name = "notices_public"
urlpatterns: list = []
