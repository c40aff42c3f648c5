"""Security headers that Django does not set by itself: a Content-Security-Policy
(no inline scripts or styles on the public site) and a Permissions-Policy.

The Wagtail admin relies on inline scripts and styles, so paths under
CSP_RELAXED_PATHS get CSP_RELAXED_POLICY instead of the strict one."""

from django.conf import settings

STRICT_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

RELAXED_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def serialize(policy):
    return "; ".join(f"{name} {' '.join(values)}" for name, values in policy.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.strict = serialize(getattr(settings, "CSP_POLICY", STRICT_POLICY))
        self.relaxed = serialize(getattr(settings, "CSP_RELAXED_POLICY", RELAXED_POLICY))
        self.relaxed_paths = tuple(getattr(settings, "CSP_RELAXED_PATHS", ("/admin/",)))

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            relaxed = request.path.startswith(self.relaxed_paths)
            response["Content-Security-Policy"] = self.relaxed if relaxed else self.strict
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
