app_name = "hq"
urlpatterns: list = []
