"""Vietnamese names are written family name first: "Nông Thị Lan", not "Lan Nông Thị".

Django's `User.get_full_name` puts the given name first and has no setting for the
order; the desk theme, the change history and the workflow timeline all call it. The
project keeps Django's user model (a custom one would be a migration of every table
that points at users), so the one method is replaced when the app starts.
"""


def vietnamese_full_name(user) -> str:
    return f"{user.last_name} {user.first_name}".strip()


def use_vietnamese_name_order() -> None:
    from django.contrib.auth.models import User

    User.get_full_name = vietnamese_full_name
