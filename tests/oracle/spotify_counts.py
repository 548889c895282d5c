#!/usr/bin/env python3
"""Independent oracle for Spotify listening-history import counts.

Usage: python3 tests/oracle/spotify_counts.py FOLDER_OR_FILE... [--verbose]

All given paths form ONE import. Prints one JSON object (sorted keys).
Standard library only; does not depend on the C++ importer.

File paths in "files" are relative to the argument they were found under
(a file argument is named by its basename); ZIP members are "zip_path!member".
With --verbose, notes about unusual rows go to stderr.

Dedupe rules (all counts are numbers of plays removed):

Rule 1, extended rows ("same_item"): rows with equal (end, kind, item) are
  one play; the one with the largest ms_played is kept. item is the URI, or
  (artist, title, album) when the row has no URI.

Rule 1, account rows ("overlap"): multiset union across exports. The export
  of a row is the ZIP file for a ZIP member, or the directory holding the
  file for a loose file. Rows are keyed by (end, kind, artist, title, ms).
  Within one export, rows with equal keys are distinct plays (a skip and a
  replay in the same minute). Across exports, a key keeps as many plays as
  the export holding it most often; the rest are removed as "overlap".

Rule 2 ("account_merged"): one-to-one matching of account plays (after
  rule 1) to extended plays (after rule 1), in two passes; each match
  removes the account play. An extended end is compared as
  floor(end / 60000) * 60000 with the account end (minute precision).
  Pass A: key (minute, artist, title, ms); per key, min(account count,
    extended count) account plays are removed.
  Pass B: over what pass A left unmatched on both sides (extended plays not
    used by a pass-A match, account plays not removed), key (minute, ms)
    only; again per key min(account count, extended count) are removed.
  "account_merged" = A + B; "account_merged_by_minute_ms" = B.

duplicates = same_item + overlap + account_merged, and
records == plays + duplicates + rejected is asserted.
"""
import collections
import datetime
import json
import os
import sys
import zipfile

EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
PLACEHOLDERS = {"Unknown Artist", "Unknown Track", "Unknown Book", "Unknown Chapter"}
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")

NOTES = collections.Counter()


def note(msg):
    NOTES[msg] += 1


def epoch_ms(text, fmt):
    dt = datetime.datetime.strptime(text, fmt).replace(tzinfo=datetime.timezone.utc)
    return (dt - EPOCH) // datetime.timedelta(milliseconds=1)


def fmt_ms(ms):
    dt = EPOCH + datetime.timedelta(milliseconds=ms)
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


def strip_lead(data):
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return data.lstrip(b" \t\r\n")


def classify(arr):
    """Return format string, None for "not a history", "" for empty array."""
    if len(arr) == 0:
        return ""
    first = next((e for e in arr if isinstance(e, dict)), None)
    if first is None:
        return None
    if "ts" in first:
        return "spotify-extended"
    if "endTime" in first and "msPlayed" in first:
        if "artistName" in first or "trackName" in first:
            return "spotify-account-music"
        if "podcastName" in first or "episodeName" in first:
            return "spotify-account-podcast"
        if "audiobookName" in first or "chapterName" in first:
            return "spotify-account-audiobook"
        note("account-like object with no subtype keys: ignored")
        return None
    return None


def nonempty_str(v):
    return isinstance(v, str) and v != ""


def extended_row(row):
    """Return a play dict or None (no item)."""
    if not isinstance(row, dict):
        note("extended: non-object element (rejected)")
        return None
    g = row.get
    if any(nonempty_str(g(k)) for k in ("audiobook_uri", "audiobook_chapter_uri", "audiobook_title")):
        kind = "audiobook"
        artist, title, album = g("audiobook_title"), g("audiobook_chapter_title"), None
        uri = g("audiobook_chapter_uri") if g("audiobook_chapter_uri") is not None else g("audiobook_uri")
    elif g("spotify_episode_uri") is not None or g("episode_name") is not None:
        kind = "podcast"
        artist, title, album = g("episode_show_name"), g("episode_name"), None
        uri = g("spotify_episode_uri")
    elif g("spotify_track_uri") is not None or g("master_metadata_track_name") is not None:
        kind = "music"
        artist = g("master_metadata_album_artist_name")
        title = g("master_metadata_track_name")
        album = g("master_metadata_album_album_name")
        uri = g("spotify_track_uri")
    else:
        if g("ms_played"):
            note("extended: no-item row with ms_played > 0")
        return None
    ms = g("ms_played")
    if not isinstance(ms, int):
        note("extended: ms_played not an int: %r" % (ms,))
        ms = int(ms or 0)
    end = epoch_ms(g("ts"), "%Y-%m-%dT%H:%M:%SZ")
    if uri is None:
        note("extended %s: no URI (item = names)" % kind)
    elif isinstance(uri, str) and uri.startswith("spotify:local:"):
        note("extended %s: spotify:local URI" % kind)
    elif uri == "":
        note("extended %s: empty-string URI" % kind)
    item = uri if uri is not None else (artist, title, album)
    return {"src": "extended", "kind": kind, "end": end, "ms": ms,
            "artist": artist, "title": title, "item": item}


def account_row(row, kind):
    if not isinstance(row, dict):
        raise ValueError("account: non-object element")
    keys = {"music": ("artistName", "trackName"),
            "podcast": ("podcastName", "episodeName"),
            "audiobook": ("audiobookName", "chapterName")}[kind]
    artist, title = row.get(keys[0]), row.get(keys[1])
    if artist in PLACEHOLDERS:
        note("account %s: placeholder artist %r" % (kind, artist))
        artist = None
    if title in PLACEHOLDERS:
        note("account %s: placeholder title %r" % (kind, title))
        title = None
    ms = row.get("msPlayed")
    if not isinstance(ms, int):
        note("account: msPlayed not an int: %r" % (ms,))
        ms = int(ms or 0)
    end = epoch_ms(row["endTime"], "%Y-%m-%d %H:%M")
    return {"src": "account", "kind": kind, "end": end, "ms": ms,
            "artist": artist, "title": title, "item": (artist, title)}


def iter_blobs(args):
    """Yield (display_path, export, bytes) for every file and ZIP member.

    export names the export a blob belongs to: the ZIP file's path for a ZIP
    member, the directory holding the file for a loose file."""
    for arg in args:
        if os.path.isdir(arg):
            files = []
            for dirpath, dirnames, filenames in os.walk(arg):
                dirnames.sort()
                for fn in filenames:
                    full = os.path.join(dirpath, fn)
                    files.append((os.path.relpath(full, arg), full))
            files.sort()
        else:
            files = [(os.path.basename(arg), arg)]
        for rel, full in files:
            real = os.path.realpath(full)
            with open(full, "rb") as f:
                data = f.read()
            if data[:4] in ZIP_MAGICS:
                with zipfile.ZipFile(full) as zf:
                    for info in zf.infolist():
                        if info.is_dir():
                            continue
                        yield rel + "!" + info.filename, real, zf.read(info)
            else:
                yield rel, os.path.dirname(real), data


def dedupe_extended(plays):
    """Rule 1 for extended rows: same (end, kind, item) is one play; keep largest ms."""
    best = {}
    for p in plays:
        k = (p["end"], p["kind"], p["item"])
        if k not in best or p["ms"] > best[k]["ms"]:
            best[k] = p
    return list(best.values()), len(plays) - len(best)


def dedupe_account(plays):
    """Rule 1 for account rows: multiset union across exports.

    Per key (end, kind, artist, title, ms) keep the plays of the export that
    holds the key most often (ties: the export whose name sorts first)."""
    groups = collections.OrderedDict()
    for p in plays:
        k = (p["end"], p["kind"], p["artist"], p["title"], p["ms"])
        groups.setdefault(k, collections.OrderedDict()).setdefault(p["export"], []).append(p)
    kept = []
    for per_export in groups.values():
        best = None
        for export in sorted(per_export):
            if best is None or len(per_export[export]) > len(best):
                best = per_export[export]
        kept.extend(best)
    return kept, len(plays) - len(kept)


def match_one_to_one(acc, ext, acc_key, ext_key):
    """Match account plays to extended plays with equal keys, one to one.

    Returns (pairs, acc_left, ext_left); per key min(#acc, #ext) pairs."""
    acc_by, ext_by = collections.OrderedDict(), collections.OrderedDict()
    for p in acc:
        acc_by.setdefault(acc_key(p), []).append(p)
    for p in ext:
        ext_by.setdefault(ext_key(p), []).append(p)
    pairs, acc_left, ext_left = [], [], []
    for k, a in acc_by.items():
        n = min(len(a), len(ext_by.get(k, ())))
        pairs.extend(zip(a[:n], ext_by[k][:n]) if n else ())
        acc_left.extend(a[n:])
    for k, e in ext_by.items():
        n = min(len(e), len(acc_by.get(k, ())))
        ext_left.extend(e[n:])
    return pairs, acc_left, ext_left


def minute(end):
    return end // 60000 * 60000


def merge_account(acc_kept, ext_kept):
    """Rule 2: pass A on (minute, artist, title, ms), pass B on (minute, ms)."""
    pairs_a, acc_a, ext_a = match_one_to_one(
        acc_kept, ext_kept,
        lambda p: (p["end"], p["artist"], p["title"], p["ms"]),
        lambda p: (minute(p["end"]), p["artist"], p["title"], p["ms"]))
    pairs_b, acc_b, ext_b = match_one_to_one(
        acc_a, ext_a,
        lambda p: (p["end"], p["ms"]),
        lambda p: (minute(p["end"]), p["ms"]))
    return {"pairs_a": pairs_a, "pairs_b": pairs_b,
            "acc_left": acc_b, "ext_unmatched": ext_b}


def run(args):
    files = []
    ext_plays, acc_plays = [], []
    records = rejected = 0
    for path, export, data in iter_blobs(args):
        body = strip_lead(data)
        if not body.startswith(b"["):
            continue
        text = data.decode("utf-8")
        if text.startswith("\ufeff"):
            text = text[1:]
        arr = json.loads(text)
        if not isinstance(arr, list):
            continue
        fmt = classify(arr)
        if fmt is None:
            note("ignored non-history array: " + path)
            continue
        f_rej = 0
        if fmt == "spotify-extended":
            for row in arr:
                p = extended_row(row)
                if p is None:
                    f_rej += 1
                else:
                    ext_plays.append(p)
        elif fmt:
            kind = fmt.rsplit("-", 1)[1]
            for row in arr:
                p = account_row(row, kind)
                p["export"] = export
                acc_plays.append(p)
        files.append({"path": path, "format": fmt or None,
                      "records": len(arr), "rejected": f_rej})
        records += len(arr)
        rejected += f_rej

    # Rule 1: extended by (end, kind, item); account as a multiset union across exports.
    ext_kept, same_item = dedupe_extended(ext_plays)
    acc_kept, overlap = dedupe_account(acc_plays)

    # Rule 2: one-to-one account/extended matching, pass A then pass B.
    merged = merge_account(acc_kept, ext_kept)
    acc_left = merged["acc_left"]
    merged_b = len(merged["pairs_b"])
    account_merged = len(merged["pairs_a"]) + merged_b
    assert account_merged == len(acc_kept) - len(acc_left)

    plays = ext_kept + acc_left
    music = [p for p in plays if p["kind"] == "music"]
    duplicates = same_item + overlap + account_merged
    out = {
        "records": records,
        "rejected": rejected,
        "plays": len(plays),
        "music": len(music),
        "podcast": sum(1 for p in plays if p["kind"] == "podcast"),
        "audiobook": sum(1 for p in plays if p["kind"] == "audiobook"),
        "streams": sum(1 for p in music if p["ms"] >= 30000),
        "duplicates": duplicates,
        "same_item": same_item,
        "overlap": overlap,
        "account_merged": account_merged,
        "account_merged_by_minute_ms": merged_b,
        "ms_played": sum(p["ms"] for p in plays),
        "tracks": len(set((p["artist"], p["title"]) for p in music if p["title"] is not None)),
        "artists": len(set(p["artist"] for p in music if p["artist"] is not None)),
        "first_end": fmt_ms(min(p["end"] for p in plays)) if plays else None,
        "last_end": fmt_ms(max(p["end"] for p in plays)) if plays else None,
        "files": sorted(files, key=lambda f: f["path"]),
    }
    assert records == len(plays) + duplicates + rejected, out
    return out


def main(argv):
    verbose = "--verbose" in argv
    args = [a for a in argv if a != "--verbose"]
    if not args:
        sys.stderr.write(__doc__)
        return 2
    out = run(args)
    print(json.dumps(out, sort_keys=True, ensure_ascii=False))
    if verbose:
        for msg, n in sorted(NOTES.items()):
            sys.stderr.write("%6d  %s\n" % (n, msg))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
