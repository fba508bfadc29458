from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "cchc.documents"
    label = "documents"
    verbose_name = "Tạo văn bản Word/PDF"
