"""Messages users meet first: Vietnamese without stray spaces, one message for an empty file, a favicon."""

import pytest
from django import forms
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

pytestmark = pytest.mark.django_db


def test_djangos_limit_messages_read_without_a_stray_space():
    with translation.override("vi"):
        with pytest.raises(forms.ValidationError) as exc:
            forms.IntegerField(max_value=100).clean("150")
        assert exc.value.messages == ["Giá trị phải nhỏ hơn hoặc bằng 100."]
        with pytest.raises(forms.ValidationError) as exc:
            forms.CharField(max_length=3).clean("abcdef")
        assert exc.value.messages == ["Tối đa 3 ký tự (đang có 6)."]


@pytest.mark.parametrize(
    "username, url, name",
    [
        ("lechan", "/nhiem-vu/nhap-ke-hoach/", "ke-hoach.txt"),
        ("lechan", "/van-ban/dang-ky/doc-tu-van-ban/", "quyet-dinh.docx"),
        ("snv", "/to-chuc/nhap/ca-nhan/", "danh-sach.csv"),
    ],
)
def test_an_empty_file_gets_one_message_naming_it(client, username, url, name):
    client.force_login(get_user_model().objects.get(username=username))
    body = client.post(url, {"file": SimpleUploadedFile(name, b"")}).content.decode()
    assert body.count(f"Tệp “{name}” rỗng (0 byte)") == 1
    assert "Hãy chọn tệp" not in body and "Hãy dán nội dung" not in body
    assert "Tập tin được gửi là rỗng" not in body


def test_every_page_names_its_favicon(client):
    client.force_login(get_user_model().objects.get(username="lechan"))
    assert 'rel="icon"' in client.get("/").content.decode()
