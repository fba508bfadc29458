"""Login and logout, and the user's own account page: password, open sessions, API tokens."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from cchc.accounts import login_services, selectors, token_services
from cchc.accounts.client import client_address, client_program
from cchc.accounts.forms import LoginForm, PasswordChangeForm
from cchc.core.errors import DomainError
from cchc.core.selectors import grant_summary


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        login_services.session_open(
            user=form.get_user(),
            session_key=self.request.session.session_key,
            address=client_address(self.request),
            user_agent=client_program(self.request),
        )
        return response


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            login_services.session_close(user=request.user, session_key=request.session.session_key)
        return super().post(request, *args, **kwargs)


@login_required
@require_safe
def profile(request):
    user = request.user
    return render(
        request,
        "accounts/profile.html",
        {
            "account": user,
            "office": getattr(getattr(user, "profile", None), "office", None),
            "grants": grant_summary(user=user),
            "tokens": selectors.token_list(actor=user),
            "sessions": selectors.session_list(actor=user),
            "current_session": request.session.session_key,
            "token_days": settings.API_TOKEN_DAYS,
            "token_cap": settings.API_TOKENS_PER_USER,
        },
    )


@login_required
def password_change(request):
    form = PasswordChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        old_key = request.session.session_key
        try:
            done = login_services.password_change(
                actor=request.user,
                user=request.user,
                old_password=form.cleaned_data["old_password"],
                new_password=form.cleaned_data["new_password1"],
                keep_session_key=old_key,
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            update_session_auth_hash(request, request.user)
            login_services.session_moved(
                user=request.user, old_key=old_key, new_key=request.session.session_key
            )
            messages.success(
                request,
                "Đã đổi mật khẩu. Đã kết thúc "
                f"{done['sessions']} phiên đăng nhập khác và thu hồi {done['tokens']} mã truy cập API.",
            )
            return redirect("accounts:profile")
    return render(request, "accounts/password_change.html", {"form": form})


@login_required
@require_POST
def token_revoke(request, pk):
    token = selectors.token_get(actor=request.user, pk=pk)
    token_services.token_revoke(actor=request.user, token=token)
    messages.success(request, f"Đã thu hồi mã truy cập API {token.prefix}….")
    return redirect("accounts:profile")


@login_required
@require_POST
def logout_everywhere(request):
    done = login_services.logout_everywhere(
        actor=request.user, user=request.user, keep_session_key=request.session.session_key
    )
    messages.success(
        request,
        f"Đã kết thúc {done['sessions']} phiên đăng nhập khác và thu hồi "
        f"{done['tokens']} mã truy cập API.",
    )
    return redirect("accounts:profile")
