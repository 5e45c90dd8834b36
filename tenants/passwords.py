"""One-time passwords (R-01..R-04): generated for a new account or a reset, shown once, and the person
must set their own at the next login (User.must_change_password)."""

from __future__ import annotations

import secrets

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from core.errors import ValidationFailed

# no 0/O, 1/l/I: the password is read off a screen and typed in
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789"
ONE_TIME_LENGTH = 12


def one_time_password() -> str:
    while True:
        candidate = "".join(secrets.choice(_ALPHABET) for _ in range(ONE_TIME_LENGTH))
        if any(c.isalpha() for c in candidate) and any(c.isdigit() for c in candidate):
            return candidate


def password_check(password: str, user, *, field: str = "password") -> None:
    """Django's password validators (settings.AUTH_PASSWORD_VALIDATORS), as the one error shape."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ValidationFailed("密码不符合要求。", fields={field: list(exc.messages)}) from exc
