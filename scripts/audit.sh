#!/usr/bin/env bash
# Lighthouse scores for the home, listing, case and search pages, measured on
# the production-like server (gunicorn, DEBUG off, WhiteNoise) with the demo
# content, in Debian's Chromium. Writes bench/results/lighthouse-*.json.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK="$PWD/.audit"
PORT="${AUDIT_PORT:-8010}"
LIGHTHOUSE_VERSION=12.8.2   # 13.x needs Node 22; the machine has Node 20
mkdir -p "$WORK" bench/results

if [ ! -x "$WORK/node_modules/.bin/lighthouse" ]; then
  (cd "$WORK" && npm install --no-package-lock --no-save --no-audit --no-fund \
    "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null)
fi

export DJANGO_SETTINGS_MODULE=portal.settings.base HTTPS=false SERVE_MEDIA=true \
  DATABASE_URL="sqlite:///$WORK/db.sqlite3" MEDIA_ROOT="$WORK/media" STATIC_ROOT="$WORK/static" \
  CACHE_URL="file://$WORK/cache" SEARCH_URL= ALLOWED_HOSTS=127.0.0.1,localhost \
  BASE_URL="http://127.0.0.1:$PORT"
export SECRET_KEY="${SECRET_KEY:-$(head -c 48 /dev/urandom | base64)}"
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py seed_demo >/dev/null
.venv/bin/python manage.py collectstatic --noinput -v0
CASE=$(.venv/bin/python manage.py shell -v0 -c \
  "from cases.models import CaseStudyPage as C; print(C.objects.live().filter(locale__language_code='sv').order_by('-first_published_at').first().url)")

.venv/bin/gunicorn portal.wsgi --bind "127.0.0.1:$PORT" --workers 2 --log-level warning &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 1; done

# One request per page first: image renditions are made on the first view,
# and Lighthouse should measure what a reader gets after that.
for path in / /erfarenheter/ "$CASE" "/sok/?q=medarbetare"; do
  curl -sf -o /dev/null "http://127.0.0.1:$PORT$path"
done

export CHROME_PATH=/usr/bin/chromium TMPDIR="$WORK"
FLAGS="--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking"
FLAGS="$FLAGS --host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"
OUT="bench/results/lighthouse-$(date -u +%Y%m%dT%H%M%SZ).json"
echo "{" > "$OUT.tmp"
first=1
for name_path in "home:/" "listing:/erfarenheter/" "case:$CASE" "search:/sok/?q=medarbetare"; do
  name="${name_path%%:*}"; path="${name_path#*:}"
  # Chrome's trace recording fails now and then (NO_NAVSTART): try up to three times.
  for attempt in 1 2 3; do
    "$WORK/node_modules/.bin/lighthouse" "http://127.0.0.1:$PORT$path" --quiet \
      --chrome-flags="$FLAGS" --no-enable-error-reporting --output=json \
      --output-path="$WORK/$name.json" --only-categories=performance,accessibility,best-practices,seo \
      && break
    [ "$attempt" = 3 ] && exit 1
  done
  scores=$(node -e "const r=require('$WORK/$name.json');const c=r.categories;
    console.log(JSON.stringify({url:'$path',performance:Math.round(c.performance.score*100),
    accessibility:Math.round(c.accessibility.score*100),'best-practices':Math.round(c['best-practices'].score*100),
    seo:Math.round(c.seo.score*100)}))")
  [ $first = 1 ] || echo "," >> "$OUT.tmp"; first=0
  printf '"%s": %s' "$name" "$scores" >> "$OUT.tmp"
done
printf '\n, "commit": "%s", "lighthouse": "%s"}\n' "$(git rev-parse --short HEAD)" "$LIGHTHOUSE_VERSION" >> "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
