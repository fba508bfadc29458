"""The banner of a demo installation: "Dữ liệu mẫu — hôm nay là 15/04/2027" on every page.

`./scripts/run` sets `CCHC_DEMO=1` and `CCHC_TODAY` to the day the loaded demo was built for (`manage.py demo_day`),
so the banner costs no query."""

from django.conf import settings

from cchc.core import dates


def banner(request):
    if not getattr(settings, "CCHC_DEMO", False):
        return {"demo_banner": ""}
    return {"demo_banner": f"Dữ liệu mẫu — hôm nay là {dates.today():%d/%m/%Y}"}
