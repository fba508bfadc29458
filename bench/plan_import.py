"""Benchmark: importing a CCHC plan of 2,000 tasks (preview, then confirm) for a ward with its offices.

Run: .venv/bin/python bench/plan_import.py [--tasks 2000] [--database-url postgres://...]

It builds a throw-away database (a temporary SQLite file unless --database-url is given) with a city and two
wards with the offices of the demo city, and generates a plan text from seed 004: its header and targets as
written, then an appendix of N tasks in 7 areas whose rows cycle through the 32 rows of the seed (contents
numbered so each task differs, offices and deadline wordings as in the seed), the header row repeated every 25
rows as after a page break. It times `plan_import_preview` (table, header, office matching, deadlines, targets)
and `plan_import_confirm` (the same preview, then document, plan, areas, tasks, office roles and targets in one
transaction), counts the queries of the confirmation, and measures the peak Python memory of a second import
(for the other ward) under tracemalloc. It prints wall times and peak memory.
"""

import argparse
import resource
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import configure  # noqa: E402

from cchc.core.scope import SYSTEM  # noqa: E402

SEED = ROOT / "data" / "seeds" / "004_b78bd4a0b75bbdc4.txt"
HEADER_ROW = "TT\tNội dung công việc\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện/ hoàn thành\tSản phẩm"
AREAS = [
    "I. Chỉ đạo điều hành, kiểm tra và tuyên truyền",
    "II. Cải cách thể chế",
    "III. Cải cách thủ tục hành chính",
    "IV. Cải cách tổ chức bộ máy",
    "V. Cải cách chế độ công vụ",
    "VI. Cải cách tài chính công",
    "VII. Xây dựng Chính quyền điện tử, Chính quyền số",
]


def plan_text(n_tasks: int) -> str:
    """Seed 004's text with its appendix replaced by `n_tasks` generated rows."""
    text = SEED.read_text(encoding="utf-8")
    head, _, _ = text.partition(HEADER_ROW)
    seed_rows = [
        line.split("\t")
        for line in text.split("\n")
        if "\t" in line and line.split("\t")[0].isdigit()
    ]
    rows, per_area = [HEADER_ROW], -(-n_tasks // len(AREAS))
    for no in range(1, n_tasks + 1):
        if (no - 1) % per_area == 0:
            rows.append(AREAS[(no - 1) // per_area] + "\t" * 5)
        cells = list(seed_rows[(no - 1) % len(seed_rows)])
        cells[0] = str(no)
        cells[1] = f"{cells[1]} (nội dung {no})"
        rows.append("\t".join(cells))
        if no % 25 == 0:
            rows.append("")
            rows.append(HEADER_ROW)
    return head + "\n".join(rows) + "\n"


def build():
    from cchc.accounts import services as account_services
    from cchc.demo.orgs import Builder
    from cchc.orgs.choices import UnitKind

    b = Builder()
    city = b.unit(
        parent=None, kind=UnitKind.CITY, name="Thành phố Thử Tải", short_name="Thử Tải", code="TT"
    )
    wards = [
        b.level_with_offices(
            parent=city,
            kind=UnitKind.WARD,
            name=f"Phường {name}",
            short_name=name,
            code=f"TT-{i}",
            detailed=True,
        )[0]
        for i, name in enumerate(["Lê Thanh Nghị", "Thử Tải Hai"], start=1)
    ]
    admin = account_services.user_create(
        actor=SYSTEM,
        username="bench",
        password="bench-only",
        full_name="Bench",
        is_superuser=True,
        audit_it=False,
    )
    return admin, wards


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    url = configure(args.database_url)
    engine = url.split(":", 1)[0]
    admin, wards = build()
    data = plan_text(args.tasks).encode("utf-8")

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from cchc.plans.import_preview import plan_import_preview
    from cchc.plans.models import Task, TaskOffice
    from cchc.plans.plan_services import plan_import_confirm

    t0 = time.perf_counter()
    preview = plan_import_preview(actor=admin, unit=wards[0], filename="ke-hoach.txt", data=data)
    preview_time = time.perf_counter() - t0
    assert len(preview.tasks) == args.tasks and not preview.errors, preview.errors[:3]

    t0 = time.perf_counter()
    with CaptureQueriesContext(connection) as ctx:
        plan = plan_import_confirm(actor=admin, unit=wards[0], filename="ke-hoach.txt", data=data)
    confirm_time = time.perf_counter() - t0
    n_tasks = Task.objects.filter(plan=plan).count()
    n_offices = TaskOffice.objects.filter(task__plan=plan).count()

    tracemalloc.start()
    plan_import_confirm(actor=admin, unit=wards[1], filename="ke-hoach.txt", data=data)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    counts = preview.counts()
    print(f"engine: {engine}")
    print(
        f"plan: {args.tasks} tasks in {counts['areas']} areas, {len(data) / 1024:.0f} KiB of text"
    )
    print(
        f"plan_import_preview (table, header, {counts['offices_matched']} offices matched, "
        f"{counts['offices_groups']} groups, deadlines, targets): {preview_time:.2f} s"
    )
    print(
        f"plan_import_confirm (preview again, then document, plan, {n_tasks} tasks, {n_offices} office roles, "
        f"targets, audit): {confirm_time:.2f} s, {len(ctx.captured_queries)} queries"
    )
    print(f"peak Python memory during an import (tracemalloc): {peak / 1024 / 1024:.1f} MiB")
    print(f"peak process memory (max RSS, whole run): {rss:.0f} MiB")


if __name__ == "__main__":
    main()
