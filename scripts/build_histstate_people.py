"""Build newsevents/data/actors/people_histstate.tsv from the Office of the Historian records.

Sources, US government work, public domain, in ``../shared/corpus/histstate/``:
``visits.jsonl.gz`` (visits of foreign leaders to the United States
1874-2024, ``{"visitor": "President Nikos Christodoulides", "from": "Cyprus",
"start-date", "end-date"}``) and ``travels.jsonl.gz`` (trips abroad of US
presidents and secretaries of state 1866-2025, whose ``remarks`` say "Met with
Prime Minister Boris Johnson and Queen Elizabeth II."). Each record says that
a person held a title of a country on given dates; this script turns them
into actor rows so that a leader the other actor files lack is placed in
their country when an article names them (issue #16: sides found but without
a country).

Trips (``travel_mentions``): a "<Title> <First Last>" of the remarks is of the
country the remark names ("Soviet Foreign Minister ...", "... of Jordan"),
else of the country visited — but not when the remark speaks of a summit,
conference, funeral or other gathering, and not when the name is cut short
("Abdel Fattah el-Sisi") or starts with a particle or title ("Le Drian",
"Prince Saud"). Checked against the visits: of the trip mentions whose
person also visited, all 375 give the visit's country. A trip gives no
surname alias (the remark may name two surnames: "Rios Montt") and a
monarch only with the title ("King Juan Carlos", not "Juan Carlos").

    .venv/bin/python scripts/build_histstate_people.py            # write the file, print the counts
    .venv/bin/python scripts/build_histstate_people.py --check    # exit 1 if the file is not what the script makes

What each person gets (one id, several rows; docs/actors.md, "Data files"):

- one dated row per run of records under the same title (GOV, role = the
  title: monarchs and ceremonial heads are GOV as in people.tsv.gz, where
  Akihito is JPNGOV and Queen Elizabeth II GBRGOV) from the first to the last
  day a record shows the title. A run breaks at another title or at a gap of
  more than ``MAX_GAP_DAYS`` between two records, so a second term after years
  out of office (Netanyahu 1996-99 and 2009-) is not claimed as one office;
- one undated row: the country, no sector, no role. The resolver
  (``match.pick_entry``) takes a row covering the publication date first,
  then an undated row, so outside the attested days the person is placed in
  their country without a claim about their office — the records do not say
  when a term began or ended, so neither "president" nor "former president"
  (ELI) would be honest there.

Aliases: the full name as written in every record, without middle initials
("Jacques R. Chirac" -> "Jacques Chirac") and without accents; "King Juan
Carlos I" as well as "Juan Carlos I" for monarchs. A surname alone only when
every guard passes (``surname_guard``), each counted in the printed report.

Not added: a person already in the actor data under the same name with the
same country (people_current.tsv, curated.tsv and people.tsv.gz keep theirs;
the hand-written files also win alias by alias, being read later), one with
the same name in another country (ambiguous), records with a single name
("President Quirino": a surname alone) and records whose country is not
found in the project's own country data (printed).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsevents.actors.data import (  # noqa: E402
    COLUMNS,
    CURATED_FILES,
    DATA_DIR,
    GENERATED_FILES,
    read_actor_file,
    token_keys,
)

DEFAULT_SOURCE = ROOT.parent / "shared" / "corpus" / "histstate"
OUT = DATA_DIR / "people_histstate.tsv"
GAZETTEER = ROOT / "newsevents" / "data" / "places" / "gazetteer-v1.tsv.gz"
SOURCE_NOTE = {"visit": "Office of the Historian, visits of foreign leaders (public domain)",
               "trip": "Office of the Historian, travels of the president and secretary of state "
                       "(public domain)"}
# A term rarely runs past four years without a visit being recorded; a longer
# silence may hide a spell out of office, so the dated row stops there.
MAX_GAP_DAYS = 4 * 366

# Title as written -> role. "-elect" and acting/military titles give no dated
# row (not, or not clearly, the office): only the undated country row.
TITLES = {
    "president": "president", "prime minister": "prime minister",
    "chancellor": "chancellor", "federal chancellor": "chancellor",
    "premier": "premier", "taoiseach": "taoiseach", "vice president": "vice president",
    "vice premier": "vice premier", "king": "king", "queen": "queen", "emperor": "emperor",
    "empress": "empress", "amir": "emir", "emir": "emir", "shah": "shah", "sultan": "sultan",
    "grand duke": "grand duke", "grand duchess": "grand duchess", "prince": "prince",
    "crown prince": "crown prince", "regent": "regent", "regent prince": "regent",
    "pope": "pope", "governor general": "governor general", "chairman": "chairman",
    "general secretary": "general secretary", "first secretary": "first secretary",
    "interim president": "interim president", "acting president": "acting president",
    "provisional president": "provisional president",
    "interim prime minister": "interim prime minister",
    "acting prime minister": "acting prime minister",
}
NO_OFFICE_TITLES = {"president-elect", "president elect", "chancellor-elect",
                    "president-designate", "general", "brigadier general",
                    "lieutenant general", "junta member"}
# Titles that go with the name itself ("King Juan Carlos I", "Pope Francis").
REGNAL = {"king", "queen", "emperor", "empress", "emir", "shah", "sultan", "grand duke",
          "grand duchess", "prince", "crown prince", "pope", "regent"}
HONORIFICS = {"dr", "archbishop", "sheikh", "sheik", "haji", "sir", "dom"}
# Naming cultures where the family name comes first or there is none: the last
# word of the name is not what an article calls the person alone.
SURNAME_FIRST = {"CHN", "TWN", "KOR", "PRK", "VNM", "MMR", "KHM", "MNG", "LAO", "HKG", "SGP"}
ROMAN = re.compile(r"^(?:[IVX]+)$")
# Country names of the records that the project's country data lacks (former
# names, spellings), from general knowledge. "Korea" is the Republic of Korea:
# the United States has received only its leaders (Rhee, Park, Roh, Yoon ...).
COUNTRY_NAMES = {
    "Korea": "KOR", "Bosnian Federation": "BIH", "Muscat & Oman": "OMN", "Somali Republic": "SOM",
    "Somoa": "WSM", "Western Samoa": "WSM", "The Gambia": "GMB", "Upper Volta": "BFA",
    "Vatican City": "VAT", "Yemen Arab Republic": "YEM", "Zimbabwe Rhodesia": "ZWE",
}


def fold(text: str) -> str:
    """Without accents: "Nausėda" -> "Nauseda".

    >>> fold("Gitanas Nausėda")
    'Gitanas Nauseda'
    """
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def split_title(visitor: str) -> tuple[str | None, str]:
    """(title in lower case, name) of a visitor line; title None when not recognised.

    >>> split_title("Prime Minister Eisaku Sato")
    ('prime minister', 'Eisaku Sato')
    >>> split_title("Amir Sheikh Tamim bin Hamad Al Thani")
    ('amir', 'Sheikh Tamim bin Hamad Al Thani')
    """
    words = visitor.replace("\u2019", "'").split()
    for n in (3, 2, 1):
        head = " ".join(words[:n]).lower()
        if head in TITLES or head in NO_OFFICE_TITLES:
            return head, " ".join(words[n:])
    return None, visitor


def name_words(name: str) -> list[str]:
    """The words of a name without honorifics and middle initials.

    >>> name_words("Joseph R. Biden")
    ['Joseph', 'Biden']
    >>> name_words("Dr. Mohamed Muizzu")
    ['Mohamed', 'Muizzu']
    """
    words = [w.rstrip(",") for w in name.split() if w.lower().rstrip(".,") not in HONORIFICS]
    words = [w for w in words if w]  # "Benigno S. Aquino, 3rd"
    if len(words) > 2:
        words = [words[0]] + [w for w in words[1:-1] if not re.fullmatch(r"[A-Z]\.?", w)] + [words[-1]]
    return words


def short_form(name: str) -> str:
    """First and last word of a name, keeping a Jr./Sr. (a probe for duplicates, not an alias).

    >>> short_form("Ferdinand Romualdez Marcos Jr.")
    'Ferdinand Marcos Jr.'
    """
    words = name_words(name)
    tail = 2 if len(words) > 2 and words[-1].rstrip(".").lower() in ("jr", "sr") else 1
    return " ".join(words[:1] + words[-tail:]) if len(words) > 2 else " ".join(words)


def person_key(name: str) -> tuple[str, ...]:
    """Identity of a name across records: folded, no initials or honorifics, no case."""
    return tuple(token_keys(fold(" ".join(name_words(name)))))


def country_index(rows_by_file: dict[str, list]) -> dict[tuple[str, ...], str]:
    """Alias keys -> ISO3 for every country row of the actor data (names, adjectives)."""
    out: dict[tuple[str, ...], str] = {}
    for name in ("countries.tsv", "names.tsv"):
        for aliases, e in rows_by_file[name]:
            if e.kind == "state" and e.country and not e.id.startswith("capital:"):
                for a in aliases:
                    out.setdefault(tuple(token_keys(a)), e.country)
    return out


def resolve_country(name: str, index: dict[tuple[str, ...], str]) -> str | None:
    """ISO3 of a record's country through the project's country data.

    "Korea, South" is tried as "South Korea", "Siam (Thailand)" as "Siam" and
    "Thailand", "France (Provisional Government)" as "France".
    """
    name = name.replace("\u2019", "'")
    if name in COUNTRY_NAMES:
        return COUNTRY_NAMES[name]
    forms = [name]
    outer = re.sub(r"\s*\(.*?\)", "", name).strip()
    forms += [outer] + re.findall(r"\((.*?)\)", name)
    for form in list(forms):
        if ", " in form:
            a, b = form.split(", ", 1)
            forms += [f"{b} {a}", a]
    for form in forms:
        code = index.get(tuple(token_keys(fold(form)))) or index.get(tuple(token_keys(form)))
        if code:
            return code
    return None


def english_words() -> set[str]:
    """English words (the WordNet-derived lemma index of the spaCy model's lemmatizer).

    WordNet also lists some famous surnames (Nixon, Kohl): guarding against
    them too is the conservative side.
    """
    from newsevents.nlp import load_nlp

    table = load_nlp().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return {w.lower() for pos in ("noun", "verb", "adj", "adv") for w in table[pos]}


def place_names(rows_by_file: dict[str, list]) -> set[tuple[str, ...]]:
    """Keys of every gazetteer name and alternative name, of each word of a longer
    one ("Guardia" of "La Guardia"), and of every country alias."""
    out: set[tuple[str, ...]] = set()
    with gzip.open(GAZETTEER, "rt", encoding="utf-8") as fh:
        header = fh.readline().rstrip("\n").split("\t")
        iname, ialt = header.index("name"), header.index("alt")
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            for n in [parts[iname]] + (parts[ialt].split("|") if parts[ialt] else []):
                for keys in (tuple(token_keys(n)), tuple(token_keys(fold(n)))):
                    out.add(keys)
                    if len(keys) > 1:
                        out.update((k,) for k in keys)
    for aliases, e in rows_by_file["countries.tsv"]:
        out.update(tuple(token_keys(a)) for a in aliases)
    return out


# Titles in the travels' remarks ("Met with Prime Minister Boris Johnson") -> role.
TRAVEL_TITLES = {
    "President": "president", "Prime Minister": "prime minister", "Premier": "premier",
    "Chancellor": "chancellor", "King": "king", "Queen": "queen", "Emperor": "emperor",
    "Emir": "emir", "Amir": "emir", "Sultan": "sultan", "Crown Prince": "crown prince",
    "Vice President": "vice president", "Deputy Prime Minister": "deputy prime minister",
    "Foreign Minister": "foreign minister", "Minister of Foreign Affairs": "foreign minister",
    "Foreign Secretary": "foreign minister", "Defense Minister": "defense minister",
    "Minister of Defense": "defense minister", "Taoiseach": "taoiseach",
}
_TITLE_RE = "|".join(sorted((re.escape(t) for t in TRAVEL_TITLES), key=len, reverse=True))
_NAME_WORD = r"(?:[A-Z][\w'\u2019-]+|[A-Z]\.)"
# The name must end where the phrase does ("... Ayman Safadi." / ", and" / " in"):
# a name cut short by a lower-case particle ("Abdel Fattah el-Sisi") is no match.
TRAVEL_MENTION = re.compile(
    rf"(?:\b(?P<adj>[A-Z][a-z]+) )?\b(?P<title>{_TITLE_RE}) "
    rf"(?P<name>{_NAME_WORD}(?: {_NAME_WORD}){{1,3}})"
    rf"(?: of (?P<of>[A-Z][\w ]+?))?(?=[,.;:)]| and\b| in\b| on\b| at\b| to\b| about\b|$)")
# First words that show a partial or titled name ("Le Drian", "Prince Saud",
# "Sheikh Tamim"): a surname pair or a title, not a first and last name.
PARTIAL_FIRST = {"le", "la", "de", "du", "van", "von", "al", "el", "da", "dos", "di", "abu",
                 "bin", "ibn", "abdel", "abdul", "abd", "prince", "princess", "sheikh", "sheik",
                 "daw", "dr", "mr", "mrs", "sir", "lord", "u", "general", "king", "queen"}
# A remark that speaks of a gathering: the people met need not be the host's.
MULTILATERAL = re.compile(
    r"\b(?:Summit|Conference|Meeting|Meetings|Council|Forum|Ministerial|Assembly|Group|"
    r"multilateral|G-?7|G-?8|G-?20|NATO|ASEAN|APEC|OAS|OSCE|CSCE|EU|inauguration|funeral|"
    r"memorial|coronation|ceremon\w*|commemoration|anniversary|leaders|heads of)\b", re.I)
NOT_COUNTRY_WORDS = {"Met", "With", "The", "And", "Former", "Then", "Acting", "Interim", "New"}


def travel_mentions(rec: dict, countries: dict[tuple[str, ...], str]) -> list[tuple]:
    """(role, name, country, how) for each "<Title> <First Last>" of a trip's remarks.

    The country is the one the remark names ("Soviet Foreign Minister ...",
    "... of Jordan"), else the country visited — but not when the remark
    speaks of a gathering (summit, conference, funeral, ceremony ...) where
    leaders of many countries meet. A mention left out has country None and
    ``how`` saying why.

    >>> idx = {("jordan",): "JOR", ("soviet",): "RUS"}
    >>> travel_mentions({"country": "Jordan", "remarks": "Met with King Abdullah II and "
    ...     "Soviet Foreign Minister Eduard Shevardnadze."}, idx)
    [('king', 'Abdullah II', 'JOR', 'host'), ('foreign minister', 'Eduard Shevardnadze', 'RUS', 'adjective')]
    """
    out = []
    text = rec.get("remarks") or ""
    gathering = bool(MULTILATERAL.search(text))
    for m in TRAVEL_MENTION.finditer(text):
        name, role, adj = m.group("name"), TRAVEL_TITLES[m.group("title")], m.group("adj")
        if name.split()[0].lower().rstrip(".") in PARTIAL_FIRST:
            out.append((role, name, None, "partial or titled name"))
        elif adj == "Former":
            out.append((role, name, None, "former office"))
        elif m.group("of"):
            country = resolve_country(m.group("of"), countries)
            out.append((role, name, country, "of" if country else "country not found"))
        elif adj and adj not in NOT_COUNTRY_WORDS:
            country = countries.get(tuple(token_keys(adj)))
            out.append((role, name, country, "adjective" if country else "unknown adjective"))
        elif gathering:
            out.append((role, name, None, "gathering, no country named"))
        else:
            country = resolve_country(rec["country"], countries)
            out.append((role, name, country, "host" if country else "country not found"))
    return out


def read_trips(source: Path) -> list[dict]:
    with gzip.open(source / "travels.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_records(source: Path) -> list[dict]:
    with gzip.open(source / "visits.jsonl.gz", "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text).lower()).strip("-")


def surname_guard(surname: str, country: str, *, words: set[str], places: set[tuple[str, ...]],
                  existing: dict[tuple[str, ...], set[str]], name_tokens: Counter,
                  org_words: set[str]) -> str | None:
    """Why a surname may not stand alone as an alias (None when it may).

    In order: ``word`` (an English word: "Brown", "Major"), ``place`` (a
    place or country name, or a word of one: "Jackson", "Georgia", "Guardia"
    of "La Guardia"), ``alias`` (already an alias
    of something in the actor data), ``org-word`` (a word of a longer name of an
    organisation, group or state: "Guardia" of "Guardia Civil"), ``common`` (a word of the names of more
    than one person in all actor data: Kim, Lee, Khan, Singh, Abdullah).
    """
    keys = tuple(token_keys(fold(surname)))
    if len(keys) != 1:
        return "shape"
    if keys[0] in words:
        return "word"
    if keys in places:
        return "place"
    if keys in existing:
        return "alias"
    if keys[0] in org_words:
        return "org-word"
    if name_tokens[keys[0]] > 1:
        return "common"
    return None


def build(source: Path, travels: bool = True) -> tuple[list[list[str]], dict[str, Counter], list[str]]:
    """The rows of people_histstate.tsv, the counts per decision, and unresolved countries."""
    files = [n for n in GENERATED_FILES if n != OUT.name] + list(CURATED_FILES)
    rows_by_file = {n: read_actor_file(DATA_DIR / n) for n in files}
    countries = country_index(rows_by_file)
    existing: dict[tuple[str, ...], set[str]] = defaultdict(set)  # alias -> countries ("" = none)
    people_alias: dict[tuple[str, ...], set[str]] = defaultdict(set)  # person alias -> countries
    name_tokens: Counter = Counter()  # word -> distinct people whose name has it
    org_words: set[str] = set()  # words of the longer aliases of everything but people
    for n, rows in rows_by_file.items():
        seen_ids = set()
        for aliases, e in rows:
            for a in aliases:
                existing[tuple(token_keys(a))].add(e.country or "")
                existing[tuple(token_keys(fold(a)))].add(e.country or "")
                if e.kind == "person":
                    people_alias[tuple(token_keys(fold(a)))].add(e.country or "")
                elif len(token_keys(a)) > 1:
                    org_words.update(token_keys(fold(a)))
            if e.kind == "person" and e.id not in seen_ids:
                seen_ids.add(e.id)
                name_tokens.update(set(token_keys(fold(e.name))))

    stats: dict[str, Counter] = defaultdict(Counter)
    unresolved: Counter = Counter()
    people: dict[tuple[tuple[str, ...], str], dict] = {}
    for rec in read_records(source):
        stats["records"]["visits"] += 1
        title, name = split_title(rec["visitor"].strip())
        if title is None:
            stats["records"]["no title recognised"] += 1
            continue
        words = name_words(name)
        if len(words) < 2:
            stats["records"]["single name"] += 1
            continue
        country = resolve_country(rec["from"], countries)
        if country is None:
            stats["records"]["country not found"] += 1
            unresolved[rec["from"]] += 1
            continue
        p = people.setdefault((person_key(name), country),
                              {"names": [], "trip_names": [], "titled": [], "records": [],
                               "country": country})
        p["names"].append(name)
        p["records"].append((rec["start-date"], rec["end-date"] or rec["start-date"],
                             TITLES.get(title), "visit"))
        stats["records"]["used"] += 1

    if travels:
        for rec in read_trips(source):
            stats["records"]["trips"] += 1
            for role, name, country, how in travel_mentions(rec, countries):
                stats["trip mentions"][how] += 1
                if country is None:
                    continue
                p = people.setdefault((person_key(name), country),
                                      {"names": [], "trip_names": [], "titled": [], "records": [],
                               "country": country})
                # a monarch's bare given name ("Juan Carlos") is no alias: only "King Juan Carlos"
                bare = role not in REGNAL or ROMAN.match(name.split()[-1])
                p["titled" if not bare else "trip_names"].append(name)
                p["records"].append((rec["start-date"], rec["end-date"] or rec["start-date"],
                                     role, "trip"))

    for (key, country), p in people.items():
        name_tokens.update(set(key))

    words = english_words()
    places = place_names(rows_by_file)
    out: list[list[str]] = []
    for (key, country), p in sorted(people.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        # the latest spelling of a visit, else of a trip; a monarch only with the title
        names = list(dict.fromkeys(p["names"] + p["trip_names"]))
        titled = list(dict.fromkeys(p["titled"]))
        roles = {r for _, _, r, _ in p["records"] if r}
        regnal = sorted(roles & REGNAL)
        full = (p["names"] or p["trip_names"] or [None])[-1] \
            or f"{regnal[0].title()} {titled[-1]}"
        forms = []
        for n in names:
            forms += [n, " ".join(name_words(n)), fold(n), fold(" ".join(name_words(n)))]
        for t in regnal:
            forms += [f"{t.title()} {n}" for n in names + titled]
        forms = list(dict.fromkeys(f.strip() for f in forms if f.strip()))
        # "Ferdinand Romualdez Marcos Jr." is "Ferdinand Marcos Jr." of people_current.tsv:
        # the first and last words (with a Jr./Sr.) only find a person already there
        probes = forms + titled + [short_form(n) for n in names + titled]
        same = [f for f in probes if country in people_alias.get(tuple(token_keys(fold(f))), ())]
        other = [f for f in forms if people_alias.get(tuple(token_keys(fold(f))), set()) - {country}]
        if same:
            stats["people"]["already in the actor data (same country)"] += 1
            continue
        if other:
            stats["people"]["same name in another country (left out)"] += 1
            continue
        aliases = []
        for f in forms:
            if tuple(token_keys(f)) in existing:
                stats["aliases"]["full-name form already an alias of something else"] += 1
            elif tuple(token_keys(f)) not in {tuple(token_keys(a)) for a in aliases}:
                aliases.append(f)
        if not aliases:
            stats["people"]["no free alias"] += 1
            continue
        stats["people"]["added"] += 1
        wn = name_words(full)
        # a trip's remark may give two surnames ("Rios Montt", "Cavaco Silva"): a
        # surname alone only from a visit, whose records give the full name
        if not p["names"]:
            why = "trip only"
        elif len(wn) == 2 and country not in SURNAME_FIRST and not ROMAN.match(wn[-1]) \
                and not (roles & REGNAL):
            why = surname_guard(wn[-1], country, words=words, places=places,
                                existing=existing, name_tokens=name_tokens, org_words=org_words)
        else:
            why = "shape"
        stats["surname"][why or "kept"] += 1
        if why is None:
            aliases += list(dict.fromkeys([wn[-1], fold(wn[-1])]))
        pid = f"person:{country}-{slug(' '.join(wn))}"
        base = [pid, full, "|".join(aliases)]
        dated = runs(p["records"])
        src = "; ".join(
            f"{SOURCE_NOTE[kind]}: " + ", ".join(sorted({s for s, _, _, k in p["records"] if k == kind}))
            for kind in ("visit", "trip") if any(k == kind for *_, k in p["records"]))
        for start, end, role in dated:
            out.append(base + [f"{country}GOV", country, "GOV", "person", role, "", start, end, src])
        out.append(base + [country, country, "", "person", "", "", "", "", src])
        stats["rows"]["dated (title held)"] += len(dated)
        stats["rows"]["undated (country only)"] += 1
    return out, stats, sorted(unresolved)


def runs(records: list[tuple]) -> list[tuple[str, str, str]]:
    """(start, end, role) spans of consecutive records (start, end, role, ...) under one role.

    >>> runs([("1996-07-09", "1996-07-10", "prime minister", "visit"),
    ...       ("2009-05-18", "2009-05-18", "prime minister", "trip")])
    [('1996-07-09', '1996-07-10', 'prime minister'), ('2009-05-18', '2009-05-18', 'prime minister')]
    """
    out: list[list[str]] = []
    last_role = None
    for start, end, role, *_ in sorted(records, key=lambda r: (r[0], r[1], r[2] or "")):
        if role is None:  # president-elect, a general: no office claimed
            last_role = None
            continue
        if out and last_role == role and \
                (date.fromisoformat(start) - date.fromisoformat(out[-1][1])).days <= MAX_GAP_DAYS:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end, role])
        last_role = role
    return [tuple(r) for r in out]


def render(rows: list[list[str]]) -> str:
    lines = ["\t".join((*COLUMNS, "source"))]
    lines += ["\t".join(r) for r in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--source", type=Path, default=DEFAULT_SOURCE,
                    help="folder with visits.jsonl.gz (default %(default)s)")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the bundled file differs from the build")
    args = ap.parse_args(argv)
    rows, stats, unresolved = build(args.source)
    text = render(rows)
    if args.check:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print("people_histstate.tsv is " + ("up to date" if same else "NOT what the script builds"))
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    for group, counts in stats.items():
        print(f"{group}: " + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    print("countries not found:", "; ".join(unresolved) or "none")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(rows)} rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
