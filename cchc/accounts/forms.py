"""The login form (limited failed logins) and the password change form."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from cchc.accounts import login_services
from cchc.accounts.client import client_address
from cchc.core.errors import DomainError


class LoginForm(AuthenticationForm):
    """Django's login form, checking the password through login_check (lockouts, audit)."""

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is not None and password:
            try:
                self.user_cache = login_services.login_check(
                    username=username,
                    password=password,
                    address=client_address(self.request) if self.request else "",
                    channel="web",
                    request=self.request,
                )
            except DomainError as exc:
                raise forms.ValidationError(exc.message, code="invalid_login")
            self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class PasswordChangeForm(forms.Form):
    old_password = forms.CharField(
        label="Mật khẩu hiện tại",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "autofocus": True}),
    )
    new_password1 = forms.CharField(
        label="Mật khẩu mới",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="Ít nhất 8 ký tự, không toàn chữ số, không giống tên đăng nhập hay họ tên.",
    )
    new_password2 = forms.CharField(
        label="Nhập lại mật khẩu mới",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("new_password1")
            and data.get("new_password2")
            and data["new_password1"] != data["new_password2"]
        ):
            self.add_error("new_password2", "Hai lần nhập mật khẩu mới không khớp.")
        return data
