// A synthetic listener: home country and fixed UTC offset, taste, devices,
// habits, and a per-month rotation of favourite artists.
//
// Contract: BuildListener() is a pure function of (seed, index, first_year,
// years) and the catalogue; listener i is the same whatever the total number
// of listeners. Taste is drawn from 1-3 favourite clusters, so listeners who
// share a cluster share artists (co-listening has signal). IP addresses come
// only from the documentation ranges (192.0.2.x, 198.51.100.x, 203.0.113.x);
// nothing here resembles real personal data; the account name is
// "synth-<seed>-<index>".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "synth/catalog.h"

namespace chorus::synth {

enum class DeviceKind : uint8_t { kPhone, kDesktop, kWeb, kCast };

struct Device {
  std::string json_platform;
  DeviceKind kind = DeviceKind::kPhone;
  uint32_t weight = 1;
};

struct LibraryArtist {
  uint32_t artist = 0;
  uint32_t weight = 1;    // personal heavy-rotation weight
  int64_t first_day = 0;  // active window, local days since history start
  int64_t last_day = 0;
};

struct Trip {
  int64_t first_day = 0, last_day = 0;  // local days since history start
  uint8_t country = 0;
};

struct ListenerProfile {
  int index = 1;
  std::string json_username;  // JSON literal, quotes included
  int first_year = 2025, years = 1;
  int tz_offset_minutes = 0;  // local = UTC + offset
  uint8_t home_country = 0;
  std::vector<uint32_t> cluster_cum;     // prefix sums of cluster weights
  std::vector<int64_t> month_first_day;  // local day offset of each month
  std::vector<LibraryArtist> library;
  std::vector<std::vector<uint32_t>> month_artists;  // library indexes active per month
  std::vector<std::vector<uint64_t>> month_cum;      // their weight prefix sums
  std::vector<Device> devices;
  std::vector<uint32_t> device_cum;
  std::vector<std::string> json_ips;  // [0] home, [1] work, [2, n-1) mobile, [n-1] travel
  std::vector<Trip> trips;
  std::vector<uint32_t> shows, books;
  // Habits, in permille unless named otherwise.
  uint32_t skip_pm = 250, shuffle_pm = 400, offline_pm = 0, incognito_pm = 0;
  uint32_t audiobook_session_pm = 0, idle_day_pm = 50;
  uint32_t sessions_x100 = 250;        // mean music sessions per active day x 100
  uint32_t podcast_sessions_x100 = 0;  // mean podcast sessions per active day x 100
  uint32_t tracks_mean = 14;           // mean tracks per music session
  int chronotype = 0;                  // hours later (+) or earlier (-) than average
};

// Two-letter country code for a country index (home or trip).
const char* CountryCode(uint8_t country);

ListenerProfile BuildListener(const Catalogue& catalogue, uint64_t seed, int index, int first_year,
                              int years);

}  // namespace chorus::synth
