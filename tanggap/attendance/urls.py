"""Routes of attendance and leave: none yet (the app is not mounted until its pages exist)."""

app_name = "attendance"
urlpatterns: list = []
