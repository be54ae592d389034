from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ...core.search import SearchableModel


class OneTimePassword(models.Model):
    """A password an administrator issued (or typed when creating the account): it
    signs the user in once, and the desk then asks for a password of their own. It is
    in force while the account's password hash is still the one issued, so any change
    of password by the user ends it without a hook."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="tcd_one_time_password",
        verbose_name=_("user"),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("issued by"),
    )
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    password_hash = models.CharField(max_length=128)

    class Meta:
        verbose_name = _("one-time password")
        verbose_name_plural = _("one-time passwords")

    def __str__(self) -> str:
        return str(self.user)


class UserWords(SearchableModel):
    """The folded words the users list is searched by (core/search.py), beside Django's
    user table, which carries no column of ours: a copy of the name, login name and
    e-mail and the search column made from them. Kept in step by `keep_user_words`
    (access/accounts/search.py): on every save in the desk, and before each search for
    the accounts a command or the shell wrote (the copies tell which are behind)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="tcd_words",
        verbose_name=_("user"),
    )
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    username = models.CharField(max_length=150, blank=True)
    email = models.CharField(max_length=254, blank=True)

    search_title = ("first_name", "last_name")
    search_also = ("username", "email")
    COPIED = ("first_name", "last_name", "username", "email")

    class Meta:
        verbose_name = _("user's search words")
        verbose_name_plural = _("users' search words")

    def __str__(self) -> str:
        return self.username
