#!/usr/bin/env python3
"""The pandas baseline for `chorus report`: only three of the report's many
sections (top artists by minutes, the listening clock, sessions), computed
the way a data scientist would, on the same synthetic exports.

Usage: python3 bench/report_pandas.py EXPORT_DIR [ZONE]
Prints the three results' sizes so the work cannot be skipped. bench/run.sh
times this script and `chorus report` on the same folder.
"""
import glob
import json
import os
import sys

import pandas as pd

folder = sys.argv[1]
zone = sys.argv[2] if len(sys.argv) > 2 else "Europe/Berlin"
frames = []
for path in sorted(glob.glob(os.path.join(folder, "**", "Streaming_History_Audio*.json"),
                             recursive=True)):
    with open(path, encoding="utf-8") as f:
        rows = json.load(f)
    frames.append(pd.DataFrame.from_records(
        rows, columns=["ts", "ms_played", "master_metadata_album_artist_name",
                       "spotify_track_uri"]))
df = pd.concat(frames, ignore_index=True)
df = df.drop_duplicates(subset=["ts", "spotify_track_uri"])
end = pd.to_datetime(df["ts"], utc=True)
start = end - pd.to_timedelta(df["ms_played"], unit="ms")
local = start.dt.tz_convert(zone)

top = (df.groupby("master_metadata_album_artist_name")["ms_played"].sum()
       .sort_values(ascending=False).head(50) / 60000)
clock = (df.assign(weekday=local.dt.weekday, hour=local.dt.hour, minutes=df["ms_played"] / 60000)
         .pivot_table(index="weekday", columns="hour", values="minutes", aggfunc="sum",
                      fill_value=0))
order = end.sort_values().index
s, e = start.loc[order], end.loc[order]
gap = s > e.cummax().shift(1) + pd.Timedelta(minutes=30)
session_id = gap.cumsum()
sessions = pd.DataFrame({"start": s, "end": e, "id": session_id}).groupby("id").agg(
    start=("start", "min"), end=("end", "max"), plays=("start", "size"))
print(f"plays {len(df)}, top {len(top)}, clock {clock.shape}, sessions {len(sessions)}")
