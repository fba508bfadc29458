"""Who may act on an account's own sessions, password and API tokens."""


def can_manage_account(user, account) -> bool:
    """A user changes their own password and ends their own sessions; nobody else does it for them here."""
    return bool(getattr(user, "is_authenticated", False)) and user.pk == account.pk


def can_revoke_token(user, token) -> bool:
    """A user revokes their own API tokens."""
    return bool(getattr(user, "is_authenticated", False)) and token.user_id == user.pk
