#!/usr/bin/env python3
"""Independent report facts for one Spotify extended-history file.

Usage: python3 tests/oracle/report_facts.py ENDSONG.json
Reads the JSON with Python's json module (not chorus), drops all-null rows,
dedupes by (ts, URI) keeping the longest ms_played, and prints, in UTC with
each play counted at its start (ts - ms_played): plays, listening days, the
top three artists by ms_played, sessions (a gap over 30 min starts one), the
longest run of consecutive listening days, and plays per year. The numbers
are asserted in src/insights/insights_fixtures_test.cpp.
"""
import collections
import datetime as dt
import json
import sys

rows = json.load(open(sys.argv[1], encoding="utf-8"))
best = {}
for r in rows:
    uri = r.get("spotify_track_uri") or r.get("spotify_episode_uri")
    if uri is None and r.get("master_metadata_track_name") is None:
        continue
    key = (r["ts"], uri or (r.get("master_metadata_track_name"),
                            r.get("master_metadata_album_artist_name")))
    if key not in best or r["ms_played"] > best[key]["ms_played"]:
        best[key] = r
plays = []
for r in best.values():
    end = dt.datetime.strptime(r["ts"], "%Y-%m-%dT%H:%M:%SZ")
    plays.append((end - dt.timedelta(milliseconds=r["ms_played"]), end, r))
print("plays", len(plays))
days = sorted({p[0].date() for p in plays})
print("listening days", len(days))
ms = collections.Counter()
for _, _, r in plays:
    if r.get("master_metadata_album_artist_name") and r.get("spotify_track_uri"):
        ms[r["master_metadata_album_artist_name"]] += r["ms_played"]
print("top artists by ms", ms.most_common(3))
plays.sort(key=lambda p: p[1])
sessions, current_end = 0, None
for start, end, _ in plays:
    if current_end is None or start > current_end + dt.timedelta(minutes=30):
        sessions, current_end = sessions + 1, end
    else:
        current_end = max(current_end, end)
print("sessions", sessions)
run = best_run = 1
for a, b in zip(days, days[1:]):
    run = run + 1 if (b - a).days == 1 else 1
    best_run = max(best_run, run)
print("longest day streak", best_run)
print("plays per year", sorted(collections.Counter(p[0].year for p in plays).items()))
