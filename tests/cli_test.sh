#!/usr/bin/env bash
# End-to-end checks of the chorus binary: exit codes (0 ok, 1 failure,
# 2 bad usage or input), the exact --json keys, clear errors on hostile input,
# and that no IP address, user name or user agent from the real fixtures
# reaches any output. Usage: cli_test.sh PATH/TO/chorus PATH/TO/fixtures
set -uo pipefail
chorus=$1
fixtures=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0

check() {  # check NAME EXPECTED_EXIT COMMAND...
  local name=$1 want=$2
  shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL $name: exit $got, wanted $want"
    head -5 "$tmp/out" "$tmp/err"
  fi
}
expect_in() {  # expect_in NAME FILE TEXT
  if grep -qF -- "$3" "$2"; then passed=$((passed + 1)); else
    failed=$((failed + 1))
    echo "FAIL $1: '$3' not in $2:"
    head -c 600 "$2"
  fi
}

check version 0 "$chorus" --version
expect_in version "$tmp/out" "chorus "
check no-command 2 "$chorus"
check unknown-flag 2 "$chorus" import --bogus x
check import-help 0 "$chorus" import --help
check synth-help 0 "$chorus" synth --help
check missing-path 2 "$chorus" import "$tmp/nope.zip"
check bad-zone 2 "$chorus" import --tz Mars/Olympus "$tmp"

# Not a history at all.
echo '%PDF-1.4' >"$tmp/readme.pdf"
check not-history 2 "$chorus" import "$tmp/readme.pdf"
expect_in not-history "$tmp/err" "no listening history found"

# A record with a wrong type: reported with file, record and field; exit 2.
cat >"$tmp/bad.json" <<'JSON'
[{"endTime":"2024-01-01 10:00","artistName":"A","trackName":"T","msPlayed":1000},
 {"endTime":"2024-01-01 10:05","artistName":"A","trackName":"T","msPlayed":"long"}]
JSON
check bad-record 2 "$chorus" import "$tmp/bad.json"
expect_in bad-record "$tmp/err" "bad.json: record 1, field msPlayed: expected a whole number"

# Truncated JSON: the file is named, nothing is counted, exit 2.
head -c 70 "$tmp/bad.json" >"$tmp/cut.json"
check truncated 2 "$chorus" import --json "$tmp/cut.json"
expect_in truncated "$tmp/err" "cut.json"

# Hostile ZIPs: a bomb, a path escaping the archive, an empty archive.
python3 - "$tmp" <<'PY'
import sys, zipfile
d = sys.argv[1]
with zipfile.ZipFile(f"{d}/bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("Spotify Extended Streaming History/Streaming_History_Audio_2024.json",
               b"[" + b" " * (64 << 20) + b"]")
with zipfile.ZipFile(f"{d}/escape.zip", "w") as z:
    z.writestr("../../etc/evil.json", b"[]")
zipfile.ZipFile(f"{d}/empty.zip", "w").close()
with zipfile.ZipFile(f"{d}/with-pdf.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("Spotify Extended Streaming History/ReadMeFirst_ExtendedStreamingHistory.pdf",
               b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 40)
    z.writestr("Spotify Extended Streaming History/Streaming_History_Audio_2024.json",
               b'[{"ts":"2024-01-01T10:00:00Z","ms_played":40000,'
               b'"master_metadata_track_name":"T","master_metadata_album_artist_name":"A",'
               b'"spotify_track_uri":"spotify:track:1"}]')
PY
check zip-bomb 2 "$chorus" import "$tmp/bomb.zip"
expect_in zip-bomb "$tmp/err" "ZIP bomb"
check zip-escape 2 "$chorus" import "$tmp/escape.zip"
expect_in zip-escape "$tmp/err" "points outside the archive"
check zip-empty 2 "$chorus" import "$tmp/empty.zip"
# Regression: the ReadMe PDF inside Spotify's ZIPs failed the whole import.
check zip-with-readme-pdf 0 "$chorus" import --json "$tmp/with-pdf.zip"
expect_in zip-with-readme-pdf "$tmp/out" '"streams": 1'

# Synthetic export: deterministic, imports cleanly, --json has exactly the keys.
check synth 0 "$chorus" synth --listeners 1 --years 1 --seed 3 --out "$tmp/synth"
check synth-import 0 "$chorus" import --json "$tmp/synth"
cp "$tmp/out" "$tmp/synth1.json"
# Rows carry an invented username; the importer skips it unread.
expect_in synth-username "$(find "$tmp/synth" -name 'Streaming_History_Audio_*_0.json')" \
  '"username": "synth-3-1"'
if grep -q 'synth-3-1' "$tmp/out"; then failed=$((failed + 1)); echo "FAIL synth-username leaked"
else passed=$((passed + 1)); fi
check synth-again 0 "$chorus" synth --listeners 1 --years 1 --seed 3 --out "$tmp/synth2"
check synth-import-again 0 "$chorus" import --json --threads 1 "$tmp/synth2"
if python3 - "$tmp/synth1.json" "$tmp/out" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
keys = {"files", "records", "plays", "music", "podcast", "audiobook", "streams", "duplicates",
        "rejected", "first_end", "last_end", "ms_played", "tracks", "artists"}
assert set(a) == keys, set(a) ^ keys
assert all(set(f) == {"path", "format", "records", "rejected"} for f in a["files"])
assert a["plays"] > 1000 and a["records"] == a["plays"] + a["duplicates"] + a["rejected"]
for k in keys - {"files"}:
    assert a[k] == b[k], (k, a[k], b[k])
PY
then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL synth-json"; fi
# The same export zipped imports to the same totals.
check synth-zip 0 "$chorus" synth --listeners 1 --years 1 --seed 3 --out "$tmp/synthzip" --zip
check synth-zip-import 0 "$chorus" import --json "$tmp/synthzip"
if python3 - "$tmp/synth1.json" "$tmp/out" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for k in a:
    if k != "files":
        assert a[k] == b[k], (k, a[k], b[k])
assert all("my_spotify_data.zip!" in f["path"] for f in b["files"])
PY
then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL synth-zip-json"; fi

# Fabricated exports for the co-op's fraud checks: junk is still JSON the
# importer reads, rejecting records with reasons; an unknown kind is bad usage.
check synth-fake-junk 0 "$chorus" synth --listeners 1 --years 1 --seed 3 --out "$tmp/junk" \
  --fake junk
expect_in synth-fake-junk "$tmp/out" "Fabricated (junk)"
check synth-fake-junk-import 2 "$chorus" import --json "$tmp/junk"
expect_in synth-fake-junk-import "$tmp/err" "record(s) rejected as invalid"
check synth-fake-bad-kind 2 "$chorus" synth --out "$tmp/fake" --fake shifted
expect_in synth-fake-bad-kind "$tmp/err" "uniform, time-shift, drop-rows, overlapping or junk"

# report: the terminal summary, the HTML page and the JSON, and bad options.
check report-help 0 "$chorus" report --help
expect_in report-help "$tmp/out" "--enrich"
check report-summary 0 "$chorus" report --tz UTC "$tmp/synth"
expect_in report-summary "$tmp/out" "Top artists (by minutes)"
check report-files 0 "$chorus" report --tz Europe/Berlin "$tmp/synth" -o "$tmp/r.html" \
  --json "$tmp/r.json"
expect_in report-html "$tmp/r.html" '<script id="chorus-report" type="application/json">'
if python3 - "$tmp/r.json" "$tmp/r.html" <<'PY'
import json, re, sys
report = json.load(open(sys.argv[1]))
assert report["schema"] == "chorus-report" and report["version"] == 1
assert report["zone"] == "Europe/Berlin" and report["window"] is None
assert report["totals"]["plays"] > 10000, report["totals"]
html = open(sys.argv[2], encoding="utf-8").read()
inline = re.search(r'<script id="chorus-report" type="application/json">(.*?)</script>', html, re.S)
assert json.loads(inline.group(1)) == report, "the page carries the same JSON"
PY
then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL report-json"; fi
check report-year 0 "$chorus" report --tz UTC --year 2025 "$tmp/synth" --json "$tmp/y.json"
expect_in report-year "$tmp/y.json" '"window":{"from":"2025-01-01","to":"2025-12-31"}'
check report-year-and-from 2 "$chorus" report --year 2025 --from 2025-01-01 "$tmp/synth"
check report-bad-from 2 "$chorus" report --from 2025-13-01 "$tmp/synth"
expect_in report-bad-from "$tmp/err" "--from 2025-13-01: expected a date YYYY-MM-DD"
check report-from-after-to 2 "$chorus" report --from 2025-02-01 --to 2025-01-01 "$tmp/synth"
check report-bad-zone 2 "$chorus" report --tz Mars/Olympus "$tmp/synth"
printf 'spotify_uri,valence\nspotify:track:x,7\n' >"$tmp/features.csv"
check report-bad-enrich 2 "$chorus" report --enrich "$tmp/features.csv" "$tmp/synth"
expect_in report-bad-enrich "$tmp/err" "features.csv: line 2, column valence"
# An output that cannot be written fails with exit 1 and leaves no file.
check report-unwritable 1 "$chorus" report "$tmp/synth" -o "$tmp/no-such-dir/r.html"
if [ -e "$tmp/no-such-dir" ]; then failed=$((failed + 1)); echo "FAIL report-unwritable: wrote"
else passed=$((passed + 1)); fi

# One listener on Spotify, Last.fm and Apple Music (derived from the synthetic
# export by tests/make_cross_platform.py): every scrobble merges into its
# Spotify play, whatever its spelling, and Apple's plays stand beside them.
counts=$(python3 "$(dirname "$0")/make_cross_platform.py" "$tmp/synth" "$tmp/xp")
check report-cross-platform 0 "$chorus" report --tz UTC "$tmp/synth" "$tmp/xp" --json "$tmp/xp.json"
if python3 - "$tmp/xp.json" $counts <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
scrobbles, apple = int(sys.argv[3]), int(sys.argv[5])
x = report["cross_platform"]
assert x["sources"] == ["spotify-extended", "apple-music", "lastfm"], x["sources"]
assert x["shared_plays"] == scrobbles, (x["shared_plays"], scrobbles)
by_source = {s["source"]: s["plays"] for s in report["sources"]}
assert by_source["apple-music"] == apple, (by_source, apple)
matches = {m["source"]: m for m in x["track_matches"]}
assert matches["lastfm"]["matched"] == matches["lastfm"]["tracks"] > 0, matches["lastfm"]
assert matches["apple-music"]["matched"] == matches["apple-music"]["tracks"] > 0
PY
then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL report-cross-platform-json"; fi

# chorus member add: the only way to make a steward; password from the
# environment or stdin.
db="sqlite:$tmp/coop/coop.db"
CHORUS_PASSWORD='a long steward passphrase' check member-add 0 \
  "$chorus" member add --db "$db" --email ' Steward@Example.org ' --role steward --join
expect_in member-add "$tmp/out" "Added steward steward@example.org (pseudonym m-"
if [ "$(stat -c %a "$tmp/coop")" = 700 ]; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "FAIL member-add: database folder is not mode 700"; fi
check member-add-duplicate 2 env CHORUS_PASSWORD='another passphrase' \
  "$chorus" member add --db "$db" --email steward@example.org --role member
expect_in member-add-duplicate "$tmp/err" "already exists"
printf 'short\n' >"$tmp/pw"
check member-add-weak 2 "$chorus" member add --db "$db" --email b@example.org --role buyer <"$tmp/pw"
expect_in member-add-weak "$tmp/err" "at least 10"
check member-add-bad-role 2 "$chorus" member add --db "$db" --email c@example.org --role king

# The URL a `chorus serve` printed to FILE, waiting up to 5 s for it.
served_url() {
  local found=""
  for _ in $(seq 50); do
    found=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$1" 2>/dev/null | head -1)
    [ -n "$found" ] && break
    sleep 0.1
  done
  printf '%s' "$found"
}

# chorus serve: a free port, a temporary database; answers, then exits 0 on
# SIGTERM within 5 s.
"$chorus" serve --db "$db" --listen 127.0.0.1:0 >"$tmp/serve.out" 2>"$tmp/serve.err" &
serve_pid=$!
url=$(served_url "$tmp/serve.out")
if [ -n "$url" ] && python3 - "$url" <<'PY'
import http.cookiejar, json, sys, urllib.request
url = sys.argv[1]
health = json.load(urllib.request.urlopen(url + "/healthz", timeout=5))
assert health["status"] == "ok", health
doc = json.load(urllib.request.urlopen(url + "/api/v1/openapi.json", timeout=5))
assert doc["openapi"].startswith("3.") and "/api/v1/me" in doc["paths"], list(doc)
# The steward made by `chorus member add` logs in and sees the member list.
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
body = json.dumps({"email": "steward@example.org", "password": "a long steward passphrase"})
req = urllib.request.Request(url + "/api/v1/auth/login", body.encode(),
                             {"Content-Type": "application/json"})
me = json.load(opener.open(req, timeout=10))
assert me["role"] == "steward" and me["joined"] is True, me
members = json.load(opener.open(url + "/api/v1/members", timeout=5))
assert [m["role"] for m in members["members"]] == ["steward"], members
PY
then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL serve: $url"; cat "$tmp/serve.err"; fi
kill -TERM "$serve_pid" 2>/dev/null
serve_exit=timeout
for _ in $(seq 50); do
  if ! kill -0 "$serve_pid" 2>/dev/null; then wait "$serve_pid"; serve_exit=$?; break; fi
  sleep 0.1
done
if [ "$serve_exit" = 0 ]; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "FAIL serve-sigterm: exit $serve_exit"; kill -KILL "$serve_pid" 2>/dev/null
fi
check serve-bad-listen 2 "$chorus" serve --db "$db" --listen nowhere
expect_in serve-bad-listen "$tmp/err" "expected HOST:PORT"

# contribute --coop: the contribution built here is uploaded with a bearer
# token, and what the co-op stores is exactly the bytes --out wrote.
"$chorus" serve --db "sqlite:$tmp/coop2/coop.db" --listen 127.0.0.1:0 >"$tmp/serve2.out" 2>&1 &
serve2_pid=$!
url2=$(served_url "$tmp/serve2.out")
# The member signs up through the API, as the web page does; `chorus login`
# then makes the API token the CLI uploads with.
python3 - "$url2" <<'PY'
import json, sys, urllib.request
req = urllib.request.Request(sys.argv[1] + "/api/v1/auth/signup", json.dumps(
    {"email": "cli@example.org", "password": "a long cli passphrase", "accept_charter": True}
).encode(), {"Content-Type": "application/json"})
assert json.load(urllib.request.urlopen(req))["joined"] is True
PY
check login 0 env CHORUS_PASSWORD="a long cli passphrase" "$chorus" login --coop "$url2" \
  --email cli@example.org
token=$(cat "$tmp/out")
expect_in login "$tmp/err" "shown once"
[ "${#token}" -ge 32 ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL login-token: '$token'"; }
check login-stdin 0 sh -c 'echo "a long cli passphrase" | "$0" login --coop "$1" --email cli@example.org' \
  "$chorus" "$url2"
[ "$(cat "$tmp/out")" != "$token" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL login-new-token"; }
check login-wrong-password 2 env CHORUS_PASSWORD=wrong "$chorus" login --coop "$url2" \
  --email cli@example.org
expect_in login-wrong-password "$tmp/err" "wrong e-mail or password"
# Each login ended the session it opened: only the sign-up's session is
# left, beside the two tokens.
if python3 - "$tmp/coop2/coop.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
kinds = dict(db.execute("SELECT kind, COUNT(*) FROM credentials GROUP BY kind").fetchall())
assert kinds == {"session": 1, "api": 2}, kinds
PY
then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL login-session-ended"; fi
check login-unreachable 1 env CHORUS_PASSWORD=x "$chorus" login --coop http://127.0.0.1:1 \
  --email cli@example.org
expect_in login-unreachable "$tmp/err" "cannot reach the co-op"
check contribute-coop 0 "$chorus" contribute "$tmp/synth" --out "$tmp/up.json" --coop "$url2" \
  --token "$token"
expect_in contribute-coop "$tmp/out" "accepted"
if python3 - "$url2" "$token" "$tmp/up.json" <<'PY'
import json, sys, urllib.request
url, token, path = sys.argv[1:4]
req = urllib.request.Request(url + "/api/v1/me/export", headers={"Authorization": "Bearer " + token})
stored = json.load(urllib.request.urlopen(req))["contribution"]["summary"]
local = json.load(open(path))
# Stored without the unkeyed account digests (only their keyed HMACs are kept).
assert local["account_digests"], "the synthetic export names its account"
local["account_digests"] = []
assert stored == local, "the stored contribution differs from what --out wrote"
PY
then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL contribute-coop-identical"; fi
check contribute-coop-bad-token 2 "$chorus" contribute "$tmp/synth" --coop "$url2" --token nope
expect_in contribute-coop-bad-token "$tmp/err" "401"
check contribute-nowhere 2 "$chorus" contribute "$tmp/synth"
kill -TERM "$serve2_pid" 2>/dev/null
wait "$serve2_pid" 2>/dev/null
# contribute: the co-op contribution, built locally; same export, same bytes.
check contribute-help 0 "$chorus" contribute --help
check contribute-no-out 2 "$chorus" contribute "$tmp/synth"
check contribute-synth 0 "$chorus" contribute "$tmp/synth" --out "$tmp/c1.json"
expect_in contribute-synth "$tmp/out" "What would be shared"
expect_in contribute-synth "$tmp/out" "daily-rhythm"
check contribute-synth-again 0 "$chorus" contribute --json --threads 1 "$tmp/synth2" \
  --out "$tmp/c2.json"
expect_in contribute-json "$tmp/out" '"quality":{"score":'
if cmp -s "$tmp/c1.json" "$tmp/c2.json"; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "FAIL contribute-deterministic: c1.json and c2.json differ"; fi
if python3 - "$tmp/c1.json" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
assert c["format"] == "chorus-contribution" and c["version"] == 2
assert len(c["signature"]) == 128 and len(c["artists_monthly"]) <= 200
assert all(len(a["plays"]) == len(a["minutes"]) == len(c["months"]) for a in c["artists_monthly"])
assert len(c["transitions"]) <= 500 and sum(m["plays"] for m in c["months"]) > 1000
PY
then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL contribute-json-shape"; fi
check contribute-bad-record 2 "$chorus" contribute "$tmp/bad.json" --out "$tmp/cb.json"
expect_in contribute-bad-record "$tmp/err" "bad.json: record 1, field msPlayed"
check contribute-unwritable 1 "$chorus" contribute "$tmp/synth" --out "$tmp/no-such-dir/c.json"

# Privacy: nothing personal from the real exports reaches any output.
if [ -d "$fixtures/spotify" ]; then
  check fixtures-report 0 "$chorus" report --tz UTC "$fixtures/spotify" -o "$tmp/f.html" \
    --json "$tmp/f.json"
  cat "$tmp/f.html" "$tmp/f.json" >"$tmp/report-output"
  check fixtures-json 0 "$chorus" import --json "$fixtures/spotify"
  cat "$tmp/out" "$tmp/err" >"$tmp/all-output"
  check fixtures-human 0 "$chorus" import "$fixtures/spotify"
  cat "$tmp/out" "$tmp/err" >>"$tmp/all-output"
  check fixtures-contribute 0 "$chorus" contribute "$fixtures/spotify" --out "$tmp/fc.json"
  cat "$tmp/out" "$tmp/err" "$tmp/fc.json" >>"$tmp/all-output"
  expect_in fixtures-contribute "$tmp/fc.json" '"account_digests":["'
  for secret in listener1 listener2 listener3 192.0.2. 198.51.100. 203.0.113. 2001:db8 \
                Mozilla someone@example.org; do
    if grep -qF "$secret" "$tmp/all-output" "$tmp/report-output"; then
      failed=$((failed + 1))
      echo "FAIL privacy: '$secret' appears in chorus output"
    else
      passed=$((passed + 1))
    fi
  done
else
  echo "SKIP privacy checks: $fixtures/spotify not found"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
