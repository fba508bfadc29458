from django.db import models


class DemoState(models.Model):
    """The demo city loaded in this database and the one day it was built for (nothing in it happens later)."""

    day = models.DateField("Ngày của dữ liệu mẫu")
    loaded_at = models.DateTimeField("Nạp lúc", auto_now_add=True)

    class Meta:
        verbose_name = "Dữ liệu mẫu"
        verbose_name_plural = "Dữ liệu mẫu"

    def __str__(self) -> str:
        return f"Dữ liệu mẫu ngày {self.day:%d/%m/%Y}"
