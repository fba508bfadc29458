"""Backup and restore of an installation: one tar.gz archive holding the database, the uploaded files and a
manifest.json (date, Django version, every table's row count, every file's SHA-256) that the restore checks.

SQLite is copied with its online backup API (consistent while the server writes); PostgreSQL with `pg_dump
--format=custom` inside a REPEATABLE READ snapshot in which the row counts are taken too. Uploaded files are read
and written through Django's storage, so the same code serves a folder on disk and S3-compatible storage.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import django
from django.core.files import File
from django.utils import timezone

from cchc.core.errors import DomainError

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media/"
DATABASE_FILES = {"sqlite": "database/cchc.sqlite3", "postgresql": "database/cchc.dump"}
ENGINE_LABELS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
CHUNK = 1024 * 1024


def engine_of(database: dict) -> str:
    """ "sqlite" or "postgresql" for a Django database settings dict; anything else is refused."""
    engine = database.get("ENGINE", "")
    if engine.endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in engine:
        return "postgresql"
    raise DomainError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại “{engine}”.")


# --- Reading tables and files ---------------------------------------------------------------------


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Every table's row count in a SQLite database (SQLite's own tables left out)."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
            "ESCAPE '\\' ORDER BY name"
        )
    ]
    return {n: conn.execute(f"SELECT COUNT(*) FROM {_quote(n)}").fetchone()[0] for n in names}


POSTGRES_TABLES = """
    SELECT c.relname FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND pg_catalog.pg_table_is_visible(c.oid)
      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
    ORDER BY c.relname
"""


def postgres_counts(cursor) -> dict[str, int]:
    """Every visible table's row count in a PostgreSQL database, read through a psycopg cursor."""
    cursor.execute(POSTGRES_TABLES)
    names = [row[0] for row in cursor.fetchall()]
    counts = {}
    for name in names:
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(name)}")
        counts[name] = cursor.fetchone()[0]
    return counts


def postgres_conninfo(database: dict) -> str:
    """A libpq connection string from a Django database settings dict (the password goes by PGPASSWORD)."""
    from psycopg.conninfo import make_conninfo

    parts = {
        "dbname": database.get("NAME"),
        "user": database.get("USER"),
        "host": database.get("HOST"),
        "port": str(database.get("PORT") or ""),
    }
    return make_conninfo(**{k: v for k, v in parts.items() if v})


def _pg_env(database: dict) -> dict:
    env = dict(os.environ)
    if database.get("PASSWORD"):
        env["PGPASSWORD"] = database["PASSWORD"]
    return env


def _pg_connect(database: dict, **kwargs):
    import psycopg

    return psycopg.connect(
        postgres_conninfo(database), password=database.get("PASSWORD") or None, **kwargs
    )


def storage_files(storage, folder: str = "") -> list[str]:
    """Every file name in a Django storage, recursively, sorted."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return []
    names = [f"{folder}{name}" for name in files]
    for sub in folders:
        names += storage_files(storage, f"{folder}{sub}/")
    return sorted(names)


class _Hashing:
    """A file wrapper computing the SHA-256 of what is read through it."""

    def __init__(self, f):
        self.f = f
        self.sha = hashlib.sha256()

    def read(self, size=-1):
        data = self.f.read(size)
        self.sha.update(data)
        return data


def file_sha256(f) -> str:
    sha = hashlib.sha256()
    for chunk in iter(lambda: f.read(CHUNK), b""):
        sha.update(chunk)
    return sha.hexdigest()


# --- Backup -------------------------------------------------------------------------------------------


def _copy_sqlite(connection, target: Path) -> dict[str, int]:
    """Copy the SQLite database through its online backup API; the copy's row counts."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        return sqlite_counts(copy)
    finally:
        copy.close()


def _dump_postgres(database: dict, target: Path) -> dict[str, int]:
    """pg_dump in the snapshot where the row counts are read, so that both describe the same moment."""
    import psycopg

    if shutil.which("pg_dump") is None:
        raise DomainError("Không tìm thấy chương trình pg_dump (gói postgresql-client) để sao lưu.")
    with _pg_connect(database) as conn:
        conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        conn.read_only = True
        with conn.cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = postgres_counts(cursor)
            done = subprocess.run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--snapshot={snapshot}",
                    f"--file={target}",
                    f"--dbname={postgres_conninfo(database)}",
                ],
                env=_pg_env(database),
                capture_output=True,
                text=True,
            )
        conn.rollback()
    if done.returncode != 0:
        raise DomainError(f"pg_dump báo lỗi: {done.stderr.strip()[:500]}")
    return counts


def _private_open(path: Path):
    return os.fdopen(os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600), "wb")


def backup(*, to: Path, connection, storage, now: datetime | None = None) -> dict:
    """Write one archive at `to` (readable by its owner only) with the database of `connection`, every file of
    `storage` and the manifest; the manifest is returned."""
    to = Path(to)
    database = connection.settings_dict
    engine = engine_of(database)
    to.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = to.with_name(f".{to.name}.partial")
    with tempfile.TemporaryDirectory(prefix="cchc-backup-") as work:
        db_copy = Path(work) / "database"
        if engine == "sqlite":
            counts = _copy_sqlite(connection, db_copy)
        else:
            counts = _dump_postgres(database, db_copy)
        files: dict[str, str] = {}
        with _private_open(partial) as out, tarfile.open(fileobj=out, mode="w:gz") as tar:
            with open(db_copy, "rb") as f:
                files[DATABASE_FILES[engine]] = file_sha256(f)
            tar.add(db_copy, arcname=DATABASE_FILES[engine])
            for name in storage_files(storage):
                info = tarfile.TarInfo(MEDIA + name)
                info.size = storage.size(name)
                info.mode = 0o600
                info.mtime = int(timezone.now().timestamp())
                with storage.open(name, "rb") as f:
                    reader = _Hashing(f)
                    tar.addfile(info, reader)
                files[MEDIA + name] = reader.sha.hexdigest()
            manifest = {
                "format": FORMAT,
                "created_at": (now or timezone.now()).isoformat(),
                "django_version": django.get_version(),
                "database": {"engine": engine, "file": DATABASE_FILES[engine]},
                "tables": counts,
                "files": files,
            }
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode, info.mtime = len(data), 0o600, int(timezone.now().timestamp())
            tar.addfile(info, _BytesReader(data))
    os.replace(partial, to)
    return manifest


class _BytesReader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0

    def read(self, size=-1):
        end = len(self.data) if size is None or size < 0 else self.pos + size
        chunk, self.pos = self.data[self.pos : end], min(end, len(self.data))
        return chunk


# --- Restore ------------------------------------------------------------------------------------------


@dataclass
class Restored:
    """What a restore put back and how it was checked."""

    manifest: dict
    engine: str
    tables: dict[str, int] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    @property
    def created_at(self) -> datetime:
        return datetime.fromisoformat(self.manifest["created_at"])


def _read_archive(archive: Path, work: Path) -> dict:
    """Unpack the archive into `work` and check it against its own manifest before anything is restored."""
    if not archive.is_file():
        raise DomainError(f"Không tìm thấy tệp sao lưu “{archive}”.")
    try:
        with tarfile.open(archive, "r:*") as tar:
            tar.extractall(work, filter="data")
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise DomainError(f"Không đọc được tệp sao lưu “{archive}”: {exc}.")
    try:
        manifest = json.loads((work / MANIFEST).read_text())
        tables, files = manifest["tables"], manifest["files"]
        engine = manifest["database"]["engine"]
    except (OSError, ValueError, KeyError, TypeError):
        raise DomainError(
            f"Tệp “{archive}” không phải bản sao lưu của hệ thống (thiếu manifest.json)."
        )
    if manifest.get("format") != FORMAT or engine not in DATABASE_FILES:
        raise DomainError("Bản sao lưu có định dạng không được hỗ trợ.")
    if not isinstance(tables, dict) or not isinstance(files, dict):
        raise DomainError("manifest.json của bản sao lưu không hợp lệ.")
    for name, digest in files.items():
        path = work / name
        if not path.is_file():
            raise DomainError(f"Bản sao lưu thiếu tệp “{name}” có trong manifest.json.")
        with open(path, "rb") as f:
            if file_sha256(f) != digest:
                raise DomainError(
                    f"Bản sao lưu bị hỏng: mã SHA-256 của “{name}” khác manifest.json."
                )
    return manifest


def _existing_tables(engine: str, database: dict) -> dict[str, int]:
    if engine == "sqlite":
        path = Path(database["NAME"])
        if not path.exists() or path.stat().st_size == 0:
            return {}
        conn = sqlite3.connect(path)
        try:
            return sqlite_counts(conn)
        finally:
            conn.close()
    with _pg_connect(database) as conn, conn.cursor() as cursor:
        return postgres_counts(cursor)


def _restore_sqlite(source: Path, database: dict) -> None:
    target = Path(database["NAME"])
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not target.exists():
        os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o600))
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()


def _restore_postgres(source: Path, database: dict, *, drop: list[str]) -> None:
    if shutil.which("pg_restore") is None:
        raise DomainError(
            "Không tìm thấy chương trình pg_restore (gói postgresql-client) để khôi phục."
        )
    if drop:
        with _pg_connect(database, autocommit=True) as conn:
            for name in drop:
                conn.execute(f"DROP TABLE IF EXISTS {_quote(name)} CASCADE")
    done = subprocess.run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={postgres_conninfo(database)}",
            str(source),
        ],
        env=_pg_env(database),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise DomainError(f"pg_restore báo lỗi: {done.stderr.strip()[:500]}")


def restore(
    *, archive: Path, database: dict, storage, force: bool = False, before_write=None
) -> Restored:
    """Restore an archive into the database described by `database` (a Django settings dict) and `storage`.
    Both must be empty unless `force`; afterwards every table's row count and every file's SHA-256 are compared
    with the manifest, and any difference is an error. `before_write` runs just before the database is written
    (the command closes Django's connections there)."""
    engine = engine_of(database)
    with tempfile.TemporaryDirectory(prefix="cchc-restore-") as tmp:
        work = Path(tmp)
        manifest = _read_archive(Path(archive), work)
        source_engine = manifest["database"]["engine"]
        if source_engine != engine:
            raise DomainError(
                f"Bản sao lưu là của {ENGINE_LABELS[source_engine]}, cơ sở dữ liệu đích là "
                f"{ENGINE_LABELS[engine]}: hãy khôi phục vào {ENGINE_LABELS[source_engine]}."
            )
        existing = _existing_tables(engine, database)
        present = storage_files(storage)
        if (existing or present) and not force:
            raise DomainError(
                "Nơi khôi phục không trống: cơ sở dữ liệu có "
                f"{len(existing)} bảng ({sum(existing.values())} dòng), thư mục tệp đính kèm có "
                f"{len(present)} tệp. Hãy khôi phục vào một thư mục dữ liệu hoặc cơ sở dữ liệu trống, "
                "hoặc thêm --force để xóa dữ liệu hiện có và ghi đè."
            )
        if before_write:
            before_write()
        source = work / manifest["database"]["file"]
        if engine == "sqlite":
            _restore_sqlite(source, database)
        else:
            _restore_postgres(source, database, drop=sorted(existing))
        for name in present:
            storage.delete(name)
        media = {n: d for n, d in manifest["files"].items() if n.startswith(MEDIA)}
        for name in sorted(media):
            stored_name = name[len(MEDIA) :]
            with open(work / name, "rb") as f:
                saved = storage.save(stored_name, File(f, name=stored_name))
            if saved != stored_name:
                raise DomainError(f"Không ghi được tệp “{stored_name}” (đã có tệp trùng tên).")
    restored = Restored(manifest=manifest, engine=engine)
    restored.tables = _existing_tables(engine, database)
    restored.files = {}
    for name in storage_files(storage):
        with storage.open(name, "rb") as f:
            restored.files[MEDIA + name] = file_sha256(f)
    problems = check(manifest, restored)
    if problems:
        raise DomainError(
            "Đã khôi phục nhưng kết quả khác manifest.json:\n" + "\n".join(problems[:20])
        )
    return restored


def check(manifest: dict, restored: Restored) -> list[str]:
    """What differs between the manifest and what was restored (tables, row counts, files, checksums)."""
    problems = []
    for table, rows in sorted(manifest["tables"].items()):
        got = restored.tables.get(table)
        if got is None:
            problems.append(f"Thiếu bảng {table}.")
        elif got != rows:
            problems.append(f"Bảng {table}: {got} dòng, manifest ghi {rows}.")
    media = {n: d for n, d in manifest["files"].items() if n.startswith(MEDIA)}
    for name, digest in sorted(media.items()):
        got = restored.files.get(name)
        if got is None:
            problems.append(f"Thiếu tệp {name}.")
        elif got != digest:
            problems.append(f"Tệp {name}: mã SHA-256 khác manifest.")
    return problems
