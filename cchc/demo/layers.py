"""The demo layers, in dependency order."""

from cchc.demo import accounts, documents, orgs
from cchc.orgs.models import Person, Unit

# Extra layers of later modules: (module path, function name). Each is called with the context.
EXTRA_LAYERS: list[str] = [
    "cchc.demo.plans",
    "cchc.demo.par",
    "cchc.demo.movements",
    # The award cycle, in its order: rule files and facts, dossiers, councils, decisions and the registry.
    "cchc.demo.award_rules",
    "cchc.demo.award_dossiers",
    "cchc.demo.award_councils",
    "cchc.demo.award_decisions",
    "cchc.demo.award_registry",
]


def run(*, day, log=print) -> dict:
    """Build the whole demo city; returns the context with the created objects."""
    import importlib
    import importlib.util

    ctx: dict = {"day": day}
    log("Đang tạo cơ cấu tổ chức…")
    ctx["units"] = orgs.load()
    log("Đang tạo tài khoản…")
    ctx["accounts"] = accounts.load(ctx["units"])
    log("Đang đăng ký văn bản…")
    ctx["documents"] = documents.load(ctx["units"])
    for path in EXTRA_LAYERS:
        if importlib.util.find_spec(path) is None:
            continue
        log(f"Đang nạp {path}…")
        importlib.import_module(path).load(ctx)
    ctx["summary"] = (
        f"{Unit.objects.count()} đơn vị, {Person.objects.count()} cá nhân, {len(ctx['accounts'])} tài khoản"
    )
    return ctx
