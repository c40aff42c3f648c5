"""Creating contributor accounts: sign-up by work address and invitation."""

from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from wagtail.users.models import UserProfile

from contributions.models import ContributorProfile

ACTIVATION_SALT = "contributions.activate"
ACTIVATION_MAX_AGE = 3 * 24 * 3600  # three days


def activation_token(user):
    return signing.dumps({"u": user.pk, "e": user.email}, salt=ACTIVATION_SALT, compress=True)


def user_from_activation_token(token, max_age=ACTIVATION_MAX_AGE):
    """The user the link was made for; raises signing.SignatureExpired or
    signing.BadSignature; None when the account is gone or the address changed."""
    data = signing.loads(token, salt=ACTIVATION_SALT, max_age=max_age)
    user = get_user_model().objects.filter(pk=data.get("u"), email=data.get("e")).first()
    return user


@transaction.atomic
def create_contributor(email, agency, password=None, first_name="", last_name="",
                       invited_by=None):
    """An inactive user with a contributor profile. Contributors get Wagtail's
    own moderation e-mails switched off: ours speak their language."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(username=email, email=email)
    user.first_name = first_name or user.first_name
    user.last_name = last_name or user.last_name
    user.is_active = False
    if password:
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
