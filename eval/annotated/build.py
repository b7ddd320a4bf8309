"""Validate and build the annotations of the 2026-12 pass (eval/events/GUIDELINES.md).

Reads one or more markup files typed by the annotators, checks every line
against ``docs.jsonl`` and prints one error per bad line (``file:line: ...``),
continuing after errors; exits 1 if there was any.

    python eval/annotated/build.py --check batches/A1.txt batches/A2.second.txt
    python eval/annotated/build.py batches/*.txt --out annotations.jsonl
    python eval/annotated/build.py --selftest

Markup (fields separated by ' :: ', '#' starts a comment line):

    @ <doc_id>
    E <TYPE>[/<mode>] :: <source> :: <target> :: <status> :: <date> :: <evidence> [:: @k]
    C <cid> :: <claimant|alias...> :: <accused a1|a2 ; b1> :: <cue> :: <content> [:: @k]
    R <responder|alias...> :: denial|confirmation :: <cue> :: <text> :: <cid or doc_id#cid or ?> [:: @k]
    N <free-text note>

The annotator is the file name up to its first dot (``A1.txt`` -> A1,
``A2.second.txt`` -> A2, pass ``second``). Country codes: pycountry's alpha-3
list when importable, else the built-in ISO 3166 set below, plus XKX (Kosovo)
and the group codes in GROUPS. Modes: those of cameo2plover_2021.jsonl (PLOVER
contexts such as ``pro_autocracy`` excluded) plus those the PLOVER manual lists.
Stdlib only (pycountry optional).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from markup import MarkupError, locate, occurrence  # noqa: E402

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs.jsonl"
CAMEO2PLOVER = HERE.parents[2] / "shared" / "eval" / "plover" / "cameo2plover_2021.jsonl"

TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
# modes listed in the PLOVER manual (tables 3.1-3.11)
MANUAL_MODES = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "crowd-control", "unconventional"},
}
CONTEXTS = {"pro_autocracy", "pro_democracy"}   # PLOVER contexts that leaked into the CAMEO table
STATUSES = ("reported", "claimed", "denied", "planned", "hypothetical", "negated")
SECTORS = {"GOV", "MIL", "REB", "SPY", "MED", "IGO", "JUD", "LEG", "PTY", "OPP", "CVL", "BUS",
           "NGO", "COP", "ELI", "EDU", "HLH", "REF", "LAB", "CRM", "IMG", "RAD", "AGR", "MNC"}
# group codes allowed in place of a country (CAMEO region/bloc codes)
GROUPS = {"IGO", "NGO", "EUR", "GLF", "IMG", "WST", "AFR", "ASA", "MEA", "LAM", "NAF", "SAF",
          "WAF", "EAF", "CFR", "SAS", "SEA", "CAS", "EEU", "BLK", "CAU", "SCN", "NMR", "SAM",
          "PGS", "MDT", "MNC"}
ISO3_BUILTIN = set("""
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR
BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG
COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH
FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY
HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM
KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL
MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR
NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU
SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA
TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB
VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE
""".split())
DATE_FORMS = [(re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$"), "day"),
              (re.compile(r"^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$"), "week"),
              (re.compile(r"^\d{4}-(0[1-9]|1[0-2])$"), "month"),
              (re.compile(r"^\d{4}$"), "year")]
CID = re.compile(r"^c\d+$")


def countries() -> tuple[set[str], str]:
    try:
        import pycountry  # type: ignore
        return {c.alpha_3 for c in pycountry.countries} | {"XKX"}, "pycountry"
    except ImportError:
        return ISO3_BUILTIN | {"XKX"}, "built-in"


def modes() -> dict[str, set[str]]:
    out = {t: set(MANUAL_MODES.get(t, ())) for t in TYPES}
    if CAMEO2PLOVER.exists():
        for line in CAMEO2PLOVER.open(encoding="utf-8"):
            row = json.loads(line)
            if row.get("plover") in out and row.get("mode") and row["mode"] not in CONTEXTS:
                out[row["plover"]].add(row["mode"])
    return out


class LineError(Exception):
    pass


def annotator_of(path: Path) -> tuple[str, str]:
    """'A1.txt' -> ('A1', 'first'); 'A2.second.txt' -> ('A2', 'second')."""
    parts = path.name.split(".")
    return parts[0], ("second" if "second" in parts[1:] else "first")


def _locate(text: str, needle: str, k: int | None) -> int:
    try:
        return locate(text, needle, k)
    except MarkupError as e:
        raise LineError(str(e)) from None


class Builder:
    def __init__(self, docs: dict[str, dict]):
        self.docs = docs
        self.iso3, self.iso_source = countries()
        self.modes = modes()
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.records: list[dict] = []
        self.pending_refs: list[tuple[str, dict, dict]] = []   # (where, record, response)

    def _actor(self, field: str) -> dict | None:
        if field.strip() == "-":
            return None
        parts = [p.strip() for p in field.split("|")]
        if len(parts) != 3:
            raise LineError(f"actor needs 'text | code | sector' or '-': {field!r}")
        text, code, sector = (None if p in ("-", "") else p for p in parts)
        if code and code not in self.iso3 and code not in GROUPS:
            raise LineError(f"unknown country/group code {code!r} (ISO3 or one of {' '.join(sorted(GROUPS))})")
        if sector and sector not in SECTORS:
            raise LineError(f"unknown sector {sector!r}")
        return {"text": text, "country": code, "sector": sector}

    @staticmethod
    def _date(field: str) -> tuple[str | None, str]:
        if field == "-":
            return None, "unknown"
        for rx, precision in DATE_FORMS:
            if rx.match(field):
                return field, precision
        raise LineError(f"bad date {field!r} (YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY or -)")

    def _event(self, rest: str, text: str) -> dict:
        fields, k = occurrence([f.strip() for f in rest.split(" :: ")])
        if len(fields) != 6:
            raise LineError(f"E needs 6 fields (+ optional @k), got {len(fields)}")
        tm, src, tgt, status, dt, evidence = fields
        typ, slash, mode = tm.partition("/")
        if typ not in TYPES:
            raise LineError(f"unknown PLOVER type {typ!r}")
        if slash and mode not in self.modes[typ]:
            allowed = " ".join(sorted(self.modes[typ])) or "none"
            raise LineError(f"mode {mode!r} not valid for {typ} (allowed: {allowed})")
        if status not in STATUSES:
            raise LineError(f"unknown status {status!r} ({' '.join(STATUSES)})")
        source, target = self._actor(src), self._actor(tgt)
        date, precision = self._date(dt)
        start = _locate(text, evidence, k)
        return {"type": typ, "mode": mode or None, "source": source, "target": target,
                "status": status, "date": date, "date_precision": precision,
                "evidence": evidence, "start": start, "end": start + len(evidence)}

    @staticmethod
    def _names(field: str) -> list[str]:
        return [x.strip() for x in field.split("|") if x.strip() and x.strip() != "-"]

    def _claim(self, rest: str, text: str, rec: dict, where: str) -> dict:
        fields, k = occurrence([f.strip() for f in rest.split(" :: ")])
        if len(fields) != 5:
            raise LineError(f"C needs 5 fields (+ optional @k), got {len(fields)}")
        cid, claimant, accused, cue, content = fields
        if not CID.match(cid):
            raise LineError(f"claim id must be c<number>: {cid!r}")
        if any(c["cid"] == cid for c in rec["claims"]):
            raise LineError(f"claim id {cid} used twice in {rec['doc_id']}")
        self._cue(cue, text, where)
        start = _locate(text, content, k)
        return {"cid": cid, "claimant": self._names(claimant),
                "accused": [self._names(g) for g in accused.split(";") if self._names(g)],
                "cue": cue, "content": content, "start": start, "end": start + len(content)}

    def _response(self, rest: str, text: str, where: str) -> dict:
        fields, k = occurrence([f.strip() for f in rest.split(" :: ")])
        if len(fields) != 5:
            raise LineError(f"R needs 5 fields (+ optional @k), got {len(fields)}")
        responder, kind, cue, body, ref = fields
        if kind not in ("denial", "confirmation"):
            raise LineError(f"response kind must be denial or confirmation: {kind!r}")
        if ref != "?" and not (CID.match(ref) or re.fullmatch(r"[^#\s]+#c\d+", ref)):
            raise LineError(f"claim reference must be c<n>, <doc_id>#c<n> or ?: {ref!r}")
        if "#" in ref and ref.split("#")[0] not in self.docs:
            raise LineError(f"claim reference to unknown document {ref.split('#')[0]!r}")
        self._cue(cue, text, where)
        start = _locate(text, body, k)
        return {"responder": self._names(responder), "kind": kind, "cue": cue, "text": body,
                "claim": None if ref == "?" else ref, "start": start, "end": start + len(body)}

    def _cue(self, cue: str, text: str, where: str) -> None:
        if cue != "-" and cue.lower() not in text.lower():
            self.warnings.append(f"{where}: warning: cue {cue!r} not in the text")

    def read(self, path: Path, lines: list[str] | None = None) -> None:
        annotator, coding = annotator_of(path)
        lines = lines if lines is not None else path.read_text(encoding="utf-8").splitlines()
        seen: set[str] = set()
        rec: dict | None = None
        for n, raw in enumerate(lines, 1):
            line = raw.strip()
            where = f"{path}:{n}"
            if not line or line.startswith("#"):
                continue
            try:
                tag, rest = line[0], line[1:].strip()
                if line[1:2] not in (" ", ""):
                    raise LineError(f"a line starts with '@ ', 'E ', 'C ', 'R ', 'N ' or '#': {line[:60]!r}")
                if tag == "@":
                    if rest not in self.docs:
                        rec = None
                        raise LineError(f"unknown doc_id {rest!r}")
                    if rest in seen:
                        rec = None
                        raise LineError(f"doc_id {rest} appears twice in this file")
                    seen.add(rest)
                    rec = {"doc_id": rest, "annotator": annotator, "coding": coding,
                           "events": [], "claims": [], "responses": [], "notes": []}
                    self.records.append(rec)
                    continue
                if tag not in "ECRN":
                    raise LineError(f"unknown line type {tag!r}")
                if rec is None:
                    raise LineError("item before any valid '@ <doc_id>' line")
                text = self.docs[rec["doc_id"]]["text"]
                if tag == "E":
                    rec["events"].append(self._event(rest, text))
                elif tag == "C":
                    rec["claims"].append(self._claim(rest, text, rec, where))
                elif tag == "R":
                    resp = self._response(rest, text, where)
                    rec["responses"].append(resp)
                    if resp["claim"]:
                        self.pending_refs.append((where, rec, resp))
                else:
                    rec["notes"].append(rest)
            except LineError as err:
                self.errors.append(f"{where}: {err}")

    def resolve(self) -> None:
        """Every R claim reference names a C of the same document, or of another annotated document."""
        claims: dict[str, dict[str, set[str]]] = {}   # doc_id -> annotator -> cids
        for rec in self.records:
            claims.setdefault(rec["doc_id"], {}).setdefault(rec["annotator"], set()).update(
                c["cid"] for c in rec["claims"])
        for where, rec, resp in self.pending_refs:
            ref = resp["claim"]
            if "#" not in ref:
                if ref not in {c["cid"] for c in rec["claims"]}:
                    self.errors.append(f"{where}: claim {ref} is not a C line of {rec['doc_id']}")
                continue
            doc, cid = ref.split("#", 1)
            by_annotator = claims.get(doc)
            if by_annotator is None:
                self.errors.append(f"{where}: {doc} is not annotated in the files given, cannot resolve {ref}")
            elif not any(cid in cids for cids in by_annotator.values()):
                self.errors.append(f"{where}: {doc} has no claim {cid}")


def load_docs() -> dict[str, dict]:
    return {d["doc_id"]: d for d in map(json.loads, DOCS.open(encoding="utf-8"))}


def records(paths: list[Path], docs: dict[str, dict] | None = None, quiet: bool = False) -> list[dict] | None:
    """The records of the markup files (one per document and file), or None when any
    line has an error (every error and warning printed to stderr)."""
    builder = Builder(docs if docs is not None else load_docs())
    for path in paths:
        if not path.exists():
            builder.errors.append(f"{path}: no such file")
            continue
        builder.read(path)
    builder.resolve()
    for msg in builder.warnings + builder.errors:
        print(msg, file=sys.stderr)
    n_e = sum(len(r["events"]) for r in builder.records)
    n_c = sum(len(r["claims"]) for r in builder.records)
    n_r = sum(len(r["responses"]) for r in builder.records)
    if not quiet:
        print(f"{len(builder.records)} documents, {n_e} events, {n_c} claims, {n_r} responses; "
              f"{len(builder.errors)} error(s), {len(builder.warnings)} warning(s) "
              f"[country codes: {builder.iso_source}]", file=sys.stderr)
    return None if builder.errors else builder.records


def run(paths: list[Path], out: Path | None, docs: dict[str, dict] | None = None,
        quiet: bool = False) -> int:
    recs = records(paths, docs, quiet)
    if recs is None:
        return 1
    if out is not None:
        with out.open("w", encoding="utf-8") as fh:
            for rec in recs:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return 0


SELFTEST_DOCS = {
    "t:1": {"doc_id": "t:1", "published": "2024-03-08",
            "text": "Russia accused Ukraine of shelling Belgorod on Thursday. Kyiv denied the "
                    "accusation. Russia and Ukraine held talks in Istanbul."},
    "t:2": {"doc_id": "t:2", "published": "2024-03-09",
            "text": "Ukraine's foreign minister said Kyiv had not shelled Belgorod."},
}
SELFTEST_GOOD = """\
# two documents
@ t:1
E ACCUSE/allege :: Russia | RUS | - :: Ukraine | UKR | - :: reported :: - :: Russia accused Ukraine of shelling Belgorod
E ASSAULT/heavy-weapons :: Ukraine | UKR | - :: - :: claimed :: 2024-03-07 :: shelling Belgorod on Thursday
E REJECT :: Kyiv | UKR | GOV :: Russia | RUS | - :: reported :: - :: Kyiv denied the accusation
E CONSULT :: Russia | RUS | - :: Ukraine | UKR | - :: reported :: - :: Russia and Ukraine held talks
E CONSULT :: Ukraine | UKR | - :: Russia | RUS | - :: reported :: - :: Russia and Ukraine held talks
C c1 :: Russia :: Ukraine|Kyiv :: accused :: Ukraine of shelling Belgorod on Thursday
R Kyiv|Ukraine :: denial :: denied :: Kyiv denied the accusation :: c1
@ t:2
E ASSAULT :: Kyiv | UKR | GOV :: - :: denied :: - :: Kyiv had not shelled Belgorod
R Ukraine's foreign minister|Ukraine :: denial :: said :: Kyiv had not shelled Belgorod :: t:1#c1
N the denial answers the claim in t:1
"""
SELFTEST_BAD = """\
@ t:9
@ t:1
E ATTACK :: Russia | RUS | - :: - :: reported :: - :: Russia accused
E ACCUSE/shout :: Russia | RUS | - :: - :: reported :: - :: Russia accused
E ACCUSE :: Russia | RUS | - :: - :: rumoured :: - :: Russia accused
E ACCUSE :: Russia | RUX | - :: - :: reported :: - :: Russia accused
E ACCUSE :: Russia | RUS | XXX :: - :: reported :: - :: Russia accused
E ACCUSE :: Russia | RUS | - :: - :: reported :: 2024-3-7 :: Russia accused
E ACCUSE :: Russia | RUS | - :: - :: reported :: - :: Russia blamed
E ACCUSE :: Russia | RUS | - :: - :: reported :: - :: Russia
R Kyiv :: denial :: denied :: Kyiv denied the accusation :: c7
"""


def selftest() -> int:
    docs = SELFTEST_DOCS
    with tempfile.TemporaryDirectory() as tmp:
        good, bad = Path(tmp) / "A1.txt", Path(tmp) / "A2.second.txt"
        out = Path(tmp) / "out.jsonl"
        good.write_text(SELFTEST_GOOD, encoding="utf-8")
        bad.write_text(SELFTEST_BAD, encoding="utf-8")
        assert run([good], out, docs, quiet=True) == 0, "good example failed"
        recs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
        assert [r["doc_id"] for r in recs] == ["t:1", "t:2"] and recs[0]["annotator"] == "A1"
        ev = recs[0]["events"][1]
        assert ev["date_precision"] == "day" and ev["status"] == "claimed"
        assert docs["t:1"]["text"][ev["start"]:ev["end"]] == ev["evidence"]
        assert recs[1]["responses"][0]["claim"] == "t:1#c1" and recs[1]["notes"]
        b = Builder(docs)
        b.read(bad)
        b.resolve()
        assert annotator_of(bad) == ("A2", "second")
        assert len(b.errors) == 10, b.errors   # one per bad line, checking continues
    print("selftest ok")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--out", type=Path, help="write one JSON object per document")
    ap.add_argument("--check", action="store_true", help="validate only")
    ap.add_argument("--selftest", action="store_true")
    args = ap.parse_args(argv)
    if args.selftest:
        return selftest()
    if not args.files:
        ap.error("give one or more markup files")
    return run(args.files, None if args.check else args.out)


if __name__ == "__main__":
    sys.exit(main())
