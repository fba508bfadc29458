"""The audit actions of accounts and their Vietnamese labels (cchc.core.audit keeps no label registry)."""

LOGIN = "auth.login"
LOGIN_FAILED = "auth.login_failed"
LOCKOUT = "auth.lockout"
LOGOUT = "auth.logout"
LOGOUT_EVERYWHERE = "auth.logout_everywhere"
PASSWORD_CHANGE = "auth.password_change"
TOKEN_ISSUE = "token.issue"
TOKEN_REVOKE = "token.revoke"

LABELS = {
    LOGIN: "Đăng nhập",
    LOGIN_FAILED: "Đăng nhập sai",
    LOCKOUT: "Tạm khóa đăng nhập",
    LOGOUT: "Đăng xuất",
    LOGOUT_EVERYWHERE: "Đăng xuất khỏi mọi nơi",
    PASSWORD_CHANGE: "Đổi mật khẩu",
    TOKEN_ISSUE: "Cấp mã truy cập API",
    TOKEN_REVOKE: "Thu hồi mã truy cập API",
}

CHANNELS = {"web": "trang đăng nhập", "api": "API"}
