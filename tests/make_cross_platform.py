#!/usr/bin/env python3
"""One listener on three platforms, derived from a synthetic Spotify export.

Usage: python3 tests/make_cross_platform.py SYNTH_DIR OUT_DIR
Reads the extended-history JSON that `chorus synth` wrote into SYNTH_DIR and
writes, for the same listener:
  OUT_DIR/lastfm/scrobbles.csv - a Last.fm scrobble (ghan.nl CSV) of every
      music stream (>= 30 s) of January-March 2025, started up to 40 s off
      the Spotify start, with the spellings scrobblers produce: every 5th
      artist without accents, every 7th title with " - Remastered 2011";
  OUT_DIR/apple/Apple Music Play Activity.csv - the listener's move to Apple
      Music: January-June 2025's music plays again, a year later (2026), as
      Play Activity PLAY_END rows.
Prints "scrobbles N apple M": the merged report must show N plays seen by
two sources (Spotify + its scrobble) and M Apple plays.
"""
import csv
import datetime as dt
import glob
import json
import os
import sys
import unicodedata

synth, out = sys.argv[1], sys.argv[2]
rows = []
for path in sorted(glob.glob(os.path.join(synth, "**", "Streaming_History_Audio*.json"),
                             recursive=True)):
    with open(path, encoding="utf-8") as f:
        rows += [r for r in json.load(f) if r.get("spotify_track_uri")]
# Spotify repeats a play with other ms_played values: one play, the longest
# (DESIGN.md's counting rule), so a scrobble starts where that play started.
longest = {}
for r in rows:
    key = (r["ts"], r["spotify_track_uri"])
    if key not in longest or r["ms_played"] > longest[key]["ms_played"]:
        longest[key] = r
rows = sorted(longest.values(), key=lambda r: (r["ts"], r["spotify_track_uri"]))


def end_of(r):
    return dt.datetime.strptime(r["ts"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.timezone.utc)


def plain(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


os.makedirs(os.path.join(out, "lastfm"), exist_ok=True)
os.makedirs(os.path.join(out, "apple"), exist_ok=True)
scrobbles = 0
stamped = set()
with open(os.path.join(out, "lastfm", "scrobbles.csv"), "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    w.writerow(["uts", "utc_time", "artist", "artist_mbid", "album", "album_mbid", "track",
                "track_mbid"])
    for r in rows:
        end = end_of(r)
        if not (dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc) <= end
                < dt.datetime(2025, 4, 1, tzinfo=dt.timezone.utc)) or r["ms_played"] < 30000:
            continue
        start = end - dt.timedelta(milliseconds=r["ms_played"])
        uts = int(start.timestamp()) + (scrobbles * 37 % 81) - 40
        while (uts, r["spotify_track_uri"]) in stamped:  # Last.fm refuses a second
            uts += 1                                     # scrobble of a track at one second
        stamped.add((uts, r["spotify_track_uri"]))
        artist = r["master_metadata_album_artist_name"]
        title = r["master_metadata_track_name"]
        if scrobbles % 5 == 0:
            artist = plain(artist)
        if scrobbles % 7 == 0:
            title += " - Remastered 2011"
        when = dt.datetime.fromtimestamp(uts, dt.timezone.utc)
        w.writerow([uts, when.strftime("%d %b %Y, %H:%M"), artist, "",
                    r["master_metadata_album_album_name"], "", title, ""])
        scrobbles += 1

apple = 0
with open(os.path.join(out, "apple", "Apple Music Play Activity.csv"), "w", newline="",
          encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["Artist Name", "Content Name", "Event End Timestamp", "Event Start Timestamp",
                "Event Type", "Item Type", "Play Duration Milliseconds", "End Reason Type"])
    for r in rows:
        end = end_of(r)
        if not (dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc) <= end
                < dt.datetime(2025, 7, 1, tzinfo=dt.timezone.utc)) or r["ms_played"] <= 0:
            continue
        end = end.replace(year=2026)
        start = end - dt.timedelta(milliseconds=r["ms_played"])
        iso = "%Y-%m-%dT%H:%M:%S.000Z"
        w.writerow([r["master_metadata_album_artist_name"], r["master_metadata_track_name"],
                    end.strftime(iso), start.strftime(iso), "PLAY_END", "ITUNES_STORE_CONTENT",
                    r["ms_played"], "NATURAL_END_OF_TRACK"])
        apple += 1
print(f"scrobbles {scrobbles} apple {apple}")
