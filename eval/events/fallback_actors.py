"""A thin stand-in for ``newsevents.actors.resolve_actors``, used by the events
scorer only when the actors stage is not importable (it was being built at the
same time). Countries by name, demonym and capital (countryinfo, offline),
plus a handful of international organisations. Not part of the package.
"""

from __future__ import annotations

import functools

from newsevents.models import Actor, Mention

_EXTRA = {
    "us": "USA", "u.s.": "USA", "america": "USA", "american": "USA", "americans": "USA",
    "united states": "USA", "washington": "USA", "britain": "GBR", "british": "GBR", "uk": "GBR",
    "london": "GBR", "north korea": "PRK", "north korean": "PRK", "pyongyang": "PRK",
    "south korea": "KOR", "south korean": "KOR", "seoul": "KOR", "russia": "RUS",
    "russian": "RUS", "moscow": "RUS", "kremlin": "RUS", "iran": "IRN", "iranian": "IRN",
    "tehran": "IRN", "israel": "ISR", "israeli": "ISR", "israelis": "ISR", "palestinian": "PSE",
    "palestinians": "PSE", "gaza": "PSE", "hamas": "PSE", "china": "CHN", "chinese": "CHN",
    "beijing": "CHN", "syria": "SYR", "syrian": "SYR", "ukraine": "UKR", "ukrainian": "UKR",
    "kyiv": "UKR", "kiev": "UKR", "serb": "SRB", "serbs": "SRB", "serbian": "SRB",
    "yugoslav": "SRB", "yugoslavia": "SRB", "belgrade": "SRB", "bosnian": "BIH", "bosnia": "BIH",
    "croat": "HRV", "croatian": "HRV", "kosovo": "XKX", "albanian": "ALB", "iraqi": "IRQ",
    "baghdad": "IRQ", "lebanese": "LBN", "beirut": "LBN", "hezbollah": "LBN", "turkish": "TUR",
    "ankara": "TUR", "egyptian": "EGY", "cairo": "EGY", "sudanese": "SDN", "khartoum": "SDN",
    "french": "FRA", "paris": "FRA", "german": "DEU", "berlin": "DEU", "japan": "JPN",
    "japanese": "JPN", "tokyo": "JPN", "taiwan": "TWN", "taipei": "TWN", "afghan": "AFG",
    "kabul": "AFG", "taliban": "AFG", "pakistani": "PAK", "islamabad": "PAK", "indian": "IND",
    "new delhi": "IND", "saudi": "SAU", "saudi arabia": "SAU", "riyadh": "SAU", "nigerian": "NGA",
    "ugandan": "UGA", "liberian": "LBR", "ivorian": "CIV", "ivory coast": "CIV",
    "yemen": "YEM", "houthi": "YEM", "houthis": "YEM", "venezuelan": "VEN", "cuban": "CUB",
    "havana": "CUB", "damascus": "SYR", "jerusalem": "ISR", "west bank": "PSE",
    "philippine": "PHL", "filipino": "PHL", "manila": "PHL", "burmese": "MMR", "myanmar": "MMR",
}
_ORGS = {"un": "IGO", "united nations": "IGO", "u.n.": "IGO", "nato": "IGO", "eu": "IGO",
         "european union": "IGO", "security council": "IGO", "african union": "IGO",
         "red cross": "NGO", "amnesty international": "NGO", "human rights watch": "NGO",
         "west": "WST", "the west": "WST", "imf": "IGO", "world bank": "IGO", "iaea": "IGO",
         "kcna": "PRKMED", "nis": "KORGOV", "national intelligence service": "KORGOV"}


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    from countryinfo import all_countries

    table: dict[str, str] = {}
    for c in all_countries():
        try:
            info = c.info()
        except Exception:
            continue
        iso = (info.get("ISO") or {}).get("alpha3")
        if not iso:
            continue
        for name in [info.get("name"), info.get("demonym"), info.get("capital"),
                     *(info.get("altSpellings") or [])]:
            if name and len(name) > 3:
                table.setdefault(name.lower(), iso)
    table.update(_EXTRA)
    return table


def resolve_actors(doc, published=None, settings=None) -> list[Mention]:
    """Country and organisation mentions by exact (case-insensitive) phrase."""
    table = _table()
    out: list[Mention] = []
    i, toks = 0, list(doc)
    while i < len(toks):
        hit = None
        for n in (4, 3, 2, 1):
            if i + n > len(toks):
                continue
            span = doc[i:i + n]
            low = span.text.lower()
            if low.startswith("the "):
                low2 = low[4:]
            else:
                low2 = low
            if (low2 in _ORGS or low in _ORGS) and (n > 1 or span.text.isupper() or
                                                     span.text.lower() == "west"):
                code = _ORGS.get(low2) or _ORGS[low]
                country = code[:3] if code[:3] not in ("IGO", "NGO", "WST") else None
                actor = Actor(name=span.text, code=code, country=country,
                              sector=code[3:] or None, kind="organisation")
                hit = (n, Mention(span.text, span.start_char, span.end_char, actor, "fallback"))
                break
            if low2 in table and (n > 1 or toks[i].pos_ in ("PROPN", "ADJ", "NOUN")):
                iso = table[low2]
                actor = Actor(name=span.text, code=iso, country=iso, kind="state")
                hit = (n, Mention(span.text, span.start_char, span.end_char, actor, "fallback"))
                break
        if hit:
            out.append(hit[1])
            i += hit[0]
        else:
            i += 1
    return out
