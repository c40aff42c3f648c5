import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from core.links import base_url

LOGIN_FILE = settings.BASE_DIR / ".admin-login"


class Command(BaseCommand):
    help = "Create the admin user with a random password on the first run; print the login."

    def handle(self, **options):
        User = get_user_model()
        user = User.objects.filter(username="admin").first()
        if user is None or not LOGIN_FILE.exists():
            password = secrets.token_urlsafe(12)
            if user is None:
                user = User.objects.create_superuser("admin", "admin@127.0.0.1", password)
            else:
                user.set_password(password)
                user.save()
            LOGIN_FILE.write_text(f"admin {password}\n", encoding="utf-8")
            LOGIN_FILE.chmod(0o600)
        username, password = LOGIN_FILE.read_text(encoding="utf-8").split()
        self.stdout.write(f"Admin: {base_url()}/admin/  user: {username}  password: {password}")
        if settings.TWO_FACTOR_REQUIRED_FOR_SUPERUSERS:
            self.stdout.write(
                "The first sign-in asks you to set up an authenticator app (two-factor "
                "sign-in, required for superusers in these settings)."
            )
