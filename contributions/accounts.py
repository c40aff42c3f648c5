"""Creating contributor accounts: sign-up by work address and invitation."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.db import transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.http import base36_to_int
from wagtail.users.models import UserProfile

from contributions.models import ContributorProfile


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    """Activation links valid for PASSWORD_RESET_TIMEOUT (three days) and
    only while the account is as it was when the link was made: activating
    (is_active, last_login) or changing the password makes them invalid."""

    key_salt = "contributions.accounts.ActivationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"

    def is_expired(self, token):
        """Whether the token's own time stamp is past its validity."""
        try:
            made = base36_to_int(token.partition("-")[0])
        except ValueError:
            return False
        return self._num_seconds(self._now()) - made > settings.PASSWORD_RESET_TIMEOUT


activation_tokens = ActivationTokenGenerator()


def is_deactivated(user):
    """An account that has been in use and was switched off by an editor. Only
    an editor restores it: neither an activation link nor a new sign-up does.
    Every way into an account (activation, invitation) logs the person in, so
    an account that never was in use has no last_login."""
    return not user.is_active and user.last_login is not None


@transaction.atomic
def create_contributor(
    email, agency, password=None, first_name="", last_name="", invited_by=None, password_hash=None
):
    """An inactive user with a contributor profile. Contributors get Wagtail's
    own moderation e-mails switched off: ours speak their language.
    password_hash: an already hashed password (make_password), instead of password."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(username=email, email=email)
    user.first_name = first_name or user.first_name
    user.last_name = last_name or user.last_name
    user.is_active = False
    if password_hash:
        user.password = password_hash
    elif password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    ContributorProfile.objects.update_or_create(
        user=user, defaults={"agency": agency, "invited_by": invited_by}
    )
    profile = UserProfile.get_for_user(user)
    profile.approved_notifications = False
    profile.rejected_notifications = False
    profile.submitted_notifications = False
    profile.save()
    return user


# A contributor account unused for two years is deleted (the privacy notice).
UNUSED_ACCOUNT_DAYS = 730


def unused_accounts(days, now=None):
    """Contributor accounts with no log-in for `days`, counted from the last
    log-in or, for one never used, from the sign-up. Staff and members of a
    group (editors) are not contributors only, and are left alone."""
    cutoff = (now or timezone.now()) - timedelta(days=days)
    return (
        get_user_model()
        .objects.filter(contributor__isnull=False, is_staff=False, is_superuser=False)
        .filter(groups__isnull=True)
        .annotate(last_used=Coalesce("last_login", "date_joined"))
        .filter(last_used__lt=cutoff)
    )


def delete_unused_accounts(days, dry_run=False, now=None):
    """Delete unused_accounts: the cases and "We tried this" records they
    wrote stay, without the link to the account. Returns how many."""
    accounts = unused_accounts(days, now)
    if dry_run:
        return accounts.count()
    count = 0
    for user in accounts:
        user.delete()
        count += 1
    return count
