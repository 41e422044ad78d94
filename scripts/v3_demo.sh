#!/usr/bin/env bash
# A walk through the v3 API with the real client, `wt` (wagtail-cli), on a throwaway site.
#
#   scripts/v3_demo.sh [PORT]        (default port 8765)
#
# Builds a fresh SQLite database in a temporary directory (db.sqlite3 is never touched),
# the site skeleton, a superuser and an API token; starts runserver; then, with `wt`:
# whoami, list pages, create a draft news article with a body of blocks, update it, publish
# it, and schedule a second article ten seconds ahead. curl shows what an anonymous visitor
# gets before and after; `manage.py publish_scheduled` (what the scheduler runs every minute)
# makes the scheduled post live once its time has come. Everything is removed on exit.
# tests/api/v3/test_cli.py runs the same steps as tests.
set -euo pipefail

cd "$(dirname "$0")/.."
PORT="${1:-8765}"
PY="$PWD/.venv/bin/python"
WT="$PWD/.venv/bin/wt"
WORK="$(mktemp -d)"
SERVER_PID=""

cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

export DJANGO_SETTINGS_MODULE=mipcms.settings.dev
export DATABASE_URL="sqlite:///$WORK/db.sqlite3"
export PUBLIC_BASE_URL="http://127.0.0.1:$PORT"
BASE="http://127.0.0.1:$PORT"

# Commands go to stderr, so that $(wt ...) captures only the JSON answer.
step() { printf '\n\033[1m$ %s\033[0m\n' "$*" >&2; }

# `wt` sees only its address and token: HOME and the working directory are empty, so no
# ~/.wagtail-cli.toml or ./.wagtail-cli.toml is read.
wt() {
    step "wt$(printf " %q" "$@")"
    (cd "$WORK" && env -i PATH="$PATH" HOME="$WORK" LC_ALL=C.UTF-8 \
        WAGTAIL_CLI_BASE_URL="$BASE/api/v3/" WAGTAIL_CLI_TOKEN="$TOKEN" "$WT" --json "$@")
}

anonymous() {
    step "curl (anonymous) $1 $2"
    curl -s -o /dev/null -w "HTML %{http_code}  " "$BASE$1"
    curl -s -o /dev/null -w "v2 %{http_code}  " "$BASE/api/v2/pages/$2/"
    curl -s -o /dev/null -w "v3 %{http_code}\n" "$BASE/api/v3/pages/$2/"
}

json_field() { "$PY" -c "import json, sys; print(json.load(sys.stdin)$1)"; }

echo "Setting up a throwaway site in $WORK ..."
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py setup_site
"$PY" manage.py ensure_admin --username demo --password demo-password-not-secret >/dev/null
TOKEN="$("$PY" manage.py api_tokens create --user demo --name "v3 demo")"
"$PY" manage.py runserver --noreload "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 50); do
    curl -s -o /dev/null "$BASE/api/v3/pages/" && break
    sleep 0.2
done

cat >"$WORK/body.json" <<'JSON'
[
  {"type": "heading", "value": {"text": "What the cities did", "level": "h2"}},
  {"type": "paragraph", "value": "<p>Three member cities <b>replaced</b> their lead lines.</p>"}
]
JSON
cat >"$WORK/new-body.json" <<'JSON'
[{"type": "paragraph", "value": "<p>Now with the cost per household.</p>"}]
JSON

wt api whoami
wt api pages list --child-of root

CREATED="$(wt api pages create news.NewsArticlePage --parent /news/ \
    --title "Cities replace lead lines" --field "summary:Three cities, one plan." \
    --field "body:@$WORK/body.json")"
echo "$CREATED"
ID="$(echo "$CREATED" | json_field '["id"]')"
anonymous /news/cities-replace-lead-lines/ "$ID"

wt api pages update "$ID" --title "Cities replace lead lines faster" \
    --field "body:@$WORK/new-body.json" --yes
anonymous /news/cities-replace-lead-lines/ "$ID"

wt api pages publish "$ID"
anonymous /news/cities-replace-lead-lines/ "$ID"

GO_LIVE="$("$PY" -c 'import datetime as d; print((d.datetime.now(d.UTC) + d.timedelta(seconds=10)).isoformat(timespec="seconds"))')"
SCHEDULED="$(wt api pages create news.NewsArticlePage --parent /news/ \
    --title "Budget vote tonight" --field "body:@$WORK/body.json" \
    --field "go_live_at:$GO_LIVE" --publish)"
echo "$SCHEDULED"
SID="$(echo "$SCHEDULED" | json_field '["id"]')"
anonymous /news/budget-vote-tonight/ "$SID"

step "manage.py publish_scheduled   (before $GO_LIVE)"
"$PY" manage.py publish_scheduled
anonymous /news/budget-vote-tonight/ "$SID"

echo; echo "Waiting for $GO_LIVE ..."
sleep 11
step "manage.py publish_scheduled   (after $GO_LIVE)"
"$PY" manage.py publish_scheduled
anonymous /news/budget-vote-tonight/ "$SID"
