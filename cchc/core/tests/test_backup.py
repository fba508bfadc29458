"""Backup and restore of the demo city (loaded once per test database): into a new SQLite file, or into a new
PostgreSQL database when the tests run on PostgreSQL."""

import hashlib
import io
import json
import sqlite3
import tarfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection

from cchc.core import backup
from cchc.core.errors import DomainError


@pytest.fixture
def upload(db):
    """One uploaded file of our own besides what the demo and other tests left in the media folder."""
    name = default_storage.save("sao-luu/bien-ban-hop.txt", ContentFile("Biên bản họp".encode()))
    yield name
    default_storage.delete(name)


@pytest.fixture
def target(tmp_path):
    """An empty database elsewhere, of the same engine as the test database."""
    if connection.vendor == "sqlite":
        yield {"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "restored.sqlite3")}
        return
    import psycopg

    source = connection.settings_dict
    name = f"{source['NAME']}_restore"
    admin = {**source, "NAME": "postgres"}
    with psycopg.connect(backup.postgres_conninfo(admin), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield {**source, "NAME": name}
    with psycopg.connect(backup.postgres_conninfo(admin), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def source_counts() -> dict[str, int]:
    """Row counts of the test database read through Django, independently of the backup code."""
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def target_counts(database: dict) -> dict[str, int]:
    if database["ENGINE"].endswith("sqlite3"):
        conn = sqlite3.connect(database["NAME"])
        try:
            names = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name != 'sqlite_sequence'"
                )
            ]
            return {n: conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}
        finally:
            conn.close()
    import psycopg

    with psycopg.connect(backup.postgres_conninfo(database)) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
        ]
        return {n: conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] for n in names}


def checksums(storage) -> dict[str, str]:
    result = {}
    for name in backup.storage_files(storage):
        with storage.open(name, "rb") as f:
            result[name] = hashlib.sha256(f.read()).hexdigest()
    return result


def test_the_demo_city_restored_elsewhere_has_every_tables_rows_and_every_files_checksum(
    upload, target, tmp_path
):
    archive = tmp_path / "cchc-backup.tar.gz"
    manifest = backup.backup(to=archive, connection=connection, storage=default_storage)
    assert archive.stat().st_mode & 0o777 == 0o600
    expected_counts = source_counts()
    expected_files = checksums(default_storage)
    assert expected_counts["orgs_unit"] > 900 and upload in expected_files
    assert manifest["tables"] == expected_counts
    assert {
        k[len("media/") :]: v for k, v in manifest["files"].items() if k.startswith("media/")
    } == (expected_files)

    media = FileSystemStorage(location=tmp_path / "media")
    restored = backup.restore(archive=archive, database=target, storage=media)

    assert target_counts(target) == expected_counts
    assert checksums(media) == expected_files
    assert restored.rows == sum(expected_counts.values())


def test_the_archive_holds_the_database_the_files_and_a_manifest(upload, tmp_path):
    archive = tmp_path / "b.tar.gz"
    backup.backup(to=archive, connection=connection, storage=default_storage)
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
        database = tar.extractfile(manifest["database"]["file"]).read()
    assert f"media/{upload}" in names and manifest["database"]["file"] in names
    assert manifest["django_version"].startswith("5.2")
    assert manifest["created_at"][:4].isdigit() and "T" in manifest["created_at"]
    assert manifest["files"][manifest["database"]["file"]] == hashlib.sha256(database).hexdigest()
    assert (
        manifest["files"][f"media/{upload}"] == hashlib.sha256("Biên bản họp".encode()).hexdigest()
    )


def test_a_restore_refuses_a_database_or_folder_that_is_not_empty_unless_forced(
    upload, target, tmp_path
):
    archive = tmp_path / "b.tar.gz"
    backup.backup(to=archive, connection=connection, storage=default_storage)
    media = FileSystemStorage(location=tmp_path / "media")
    backup.restore(archive=archive, database=target, storage=media)
    media.save("la.txt", ContentFile(b"x"))
    with pytest.raises(DomainError, match="Nơi khôi phục không trống: cơ sở dữ liệu có"):
        backup.restore(archive=archive, database=target, storage=media)
    backup.restore(archive=archive, database=target, storage=media, force=True)
    assert "la.txt" not in backup.storage_files(media)
    assert target_counts(target) == source_counts()


def test_only_the_media_folder_being_full_is_enough_to_refuse(upload, target, tmp_path):
    archive = tmp_path / "b.tar.gz"
    backup.backup(to=archive, connection=connection, storage=default_storage)
    media = FileSystemStorage(location=tmp_path / "media")
    media.save("cu.txt", ContentFile(b"x"))
    with pytest.raises(DomainError, match="thư mục tệp đính kèm có 1 tệp"):
        backup.restore(archive=archive, database=target, storage=media)


def _rewrite(archive: Path, out: Path, change) -> None:
    """Copy an archive, letting `change(name, data) -> data` alter its members."""
    with tarfile.open(archive) as src, tarfile.open(out, "w:gz") as dst:
        for member in src.getmembers():
            data = change(member.name, src.extractfile(member).read())
            member.size = len(data)
            dst.addfile(member, io.BytesIO(data))


def test_a_damaged_archive_is_refused_before_anything_is_written(upload, target, tmp_path):
    archive = tmp_path / "b.tar.gz"
    backup.backup(to=archive, connection=connection, storage=default_storage)
    damaged = tmp_path / "hong.tar.gz"
    _rewrite(archive, damaged, lambda n, d: b"sua" if n == f"media/{upload}" else d)
    media = FileSystemStorage(location=tmp_path / "media")
    with pytest.raises(DomainError, match=f"mã SHA-256 của “media/{upload}” khác manifest"):
        backup.restore(archive=damaged, database=target, storage=media)
    assert target_counts(target) == {} and backup.storage_files(media) == []


def test_a_restore_that_does_not_match_the_manifest_says_which_table(upload, target, tmp_path):
    archive = tmp_path / "b.tar.gz"
    backup.backup(to=archive, connection=connection, storage=default_storage)

    def more_units(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        manifest["tables"]["orgs_unit"] += 1
        return json.dumps(manifest).encode()

    lying = tmp_path / "sai.tar.gz"
    _rewrite(archive, lying, more_units)
    media = FileSystemStorage(location=tmp_path / "media")
    with pytest.raises(DomainError, match=r"Bảng orgs_unit: \d+ dòng, manifest ghi \d+"):
        backup.restore(archive=lying, database=target, storage=media)


def test_a_file_that_is_not_a_backup_gets_a_vietnamese_message(db, tmp_path):
    bogus = tmp_path / "khong-phai.tar.gz"
    bogus.write_bytes(b"not a tar")
    with pytest.raises(DomainError, match="Không đọc được tệp sao lưu"):
        backup.restore(
            archive=bogus,
            database={"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "x")},
            storage=FileSystemStorage(location=tmp_path / "m"),
        )
    with pytest.raises(DomainError, match="Không tìm thấy tệp sao lưu"):
        backup.restore(
            archive=tmp_path / "khong-co.tar.gz",
            database={"ENGINE": "django.db.backends.sqlite3", "NAME": str(tmp_path / "x")},
            storage=FileSystemStorage(location=tmp_path / "m"),
        )
