"""Flattened text → article lines: a line scorer with general features.

Each line gets feature scores (furniture evidence positive, article evidence
negative). Lines with no decisive evidence (short, no sentence ending) take
their class from context: kept between article paragraphs (sub-headings),
cut at the head and tail of the page. A comment or "related" section that
starts after most of the article cuts the rest of the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .dates import is_date_only, parse_date
from .lexicon import load_lexicon, normalize

_SENT_END = re.compile(r"[.!?…][\"'”’»)\]]*\s*$")
_WORDS = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_URL = re.compile(r"^(https?://|www\.)\S+$|^\S+@\S+\.\w+$", re.I)
_SEPARATORS = re.compile(r"\s[|>›»/•·]\s|\s?[|›»•·]\s?")
_BYLINE = re.compile(r"^(by|por|par|von|di|door|de|from)\s+\(?[A-ZÀ-Þ][\w.'’-]+", re.I)
_CREDIT = re.compile(r"©|\((?:photo|foto|image|picture|credit)s?\b|\b(?:photo|foto|image|picture)s?\s*:\s*\w|^(?:photo|foto|image|picture|"
                     r"credit|crédit)s?\s*(?:by|de|von|:)|\b(?:getty images|shutterstock|"
                     r"/\s?(?:afp|reuters|ap|epa|getty))\b", re.I)
_COUNT = re.compile(r"^\d[\d,.]*\s*[^\W\d]{0,12}$|^\d+\s+(?:min|minute|minutes)\s+(?:read|lectura|"
                    r"lecture|lesezeit|leitura)\b", re.I)
_LABEL_VALUE = re.compile(r"^([^:：]{2,40})\s*[:：]\s*(.*)$")

# Reasons that do not overrule an HTML extractor that judged the line content.
_WEAK_IN_EXTRACTED = {"url", "symbols", "count", "caps"}
STRONG = 2.0  # score at or above: furniture whatever the context
GOOD = -1.0  # score at or below: article text


@dataclass
class LineInfo:
    index: int
    text: str
    norm: str
    words: int
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    label: str | None = None  # field category when the line is a CMS label
    has_value: bool = False  # "Label: value" on one line
    tail_marker: bool = False  # starts a comment/related section


def _phrase_category(norm: str, words: int) -> tuple[str | None, float]:
    """Furniture category of a line by its phrases, and how much of it they cover."""
    lex = load_lexicon()
    if norm in lex.phrases:
        return lex.phrases[norm], 1.0
    toks = norm.split()
    best, cover = None, 0.0
    # longest phrase at the start of the line ("share on facebook ...")
    for n in range(min(len(toks), lex.max_phrase_words), 0, -1):
        head = " ".join(toks[:n]).strip(" :,.|")
        if head in lex.phrases:
            best, cover = lex.phrases[head], n / max(words, 1)
            break
    if best is None:
        # phrases inside long lines (cookie notices, CAPTCHA prompts are sentences)
        for phrase, cat in lex.phrases.items():
            if (len(phrase) >= 18 or (cat in ("cookie", "captcha") and len(phrase) >= 10
                                      and " " in phrase)) and phrase in norm:
                return cat, len(phrase) / max(len(norm), 1)
        # a bar of share buttons: "Facebook Twitter WhatsApp Email"
        hits = sum(1 for t in toks if lex.phrases.get(t) in ("share", "subscribe"))
        if toks and hits >= 2 and hits / len(toks) >= 0.6:
            return "share", hits / len(toks)
    return best, cover


def score_line(text: str, title_norm: str | None = None) -> LineInfo:
    """Score one non-blank line; positive means page furniture.

    >>> score_line("Add new comment").score >= STRONG
    True
    """
    lex = load_lexicon()
    norm = normalize(text)
    words = len(_WORDS.findall(text))
    info = LineInfo(-1, text, norm, words)
    stripped = text.strip()
    sentence = bool(_SENT_END.search(stripped))

    def add(value: float, reason: str) -> None:
        info.score += value
        info.reasons.append(reason)

    if not norm:
        add(STRONG, "symbols")
        return info
    if stripped.startswith("|") and stripped.endswith("|"):
        info.reasons.append("table_row")  # a table row: decided by context
        return info
    if title_norm and norm == title_norm:
        add(STRONG + 1, "title_repeat")
        return info
    # CMS field labels: "Fecha de publicación:", "Author: Jane Doe", "Imagen principal:"
    m = _LABEL_VALUE.match(stripped)
    if norm in lex.fields:
        info.label = lex.fields[norm]
        add(STRONG + (1 if stripped.endswith((":", "：")) else 0), f"label:{info.label}")
        return info
    if m and normalize(m.group(1)) in lex.fields and len(m.group(1).split()) <= 5:
        info.label, info.has_value = lex.fields[normalize(m.group(1))], bool(m.group(2).strip())
        value_words = len(_WORDS.findall(m.group(2)))
        if value_words <= 14 and not _SENT_END.search(m.group(2)) or info.label in ("date", "updated"):
            add(STRONG + 1, f"label_value:{info.label}")
            return info
    if stripped.endswith((":", "：")) and words <= 3 and not sentence:
        info.label = "unknown"
        add(1.5, "generic_label")
    cat, cover = _phrase_category(norm, words)
    if cat:
        if cover >= 0.99 or (words <= 6 and cover >= 0.5):
            add(STRONG + 1, f"phrase:{cat}")
        elif cover >= 0.4 and words <= 25:
            add(STRONG, f"phrase:{cat}")
        elif cat in ("captcha", "cookie") and words <= 60:
            add(STRONG, f"phrase:{cat}")
        elif words <= 10:
            add(1.0, f"phrase_part:{cat}")
        if cat in ("comment", "captcha") and words <= 8 and cover >= 0.5:
            info.tail_marker = True
    if _URL.match(stripped):
        add(STRONG + 1, "url")
    if _COUNT.match(norm) and words <= 3:
        add(STRONG, "count")
    segments = [s for s in _SEPARATORS.split(stripped) if s.strip()]
    if len(segments) >= 3 and (max(len(s.split()) for s in segments) <= 5 or (
            max(len(s.split()) for s in segments[:-1]) <= 2)):
        add(STRONG, "crumbs")
    if stripped.endswith(("…", "...")) and words <= 12:
        add(1.0, "truncated")
    if _BYLINE.match(stripped) and words <= 12 and not sentence:
        add(STRONG, "byline")
    if _CREDIT.search(stripped) and words <= 25:
        add(STRONG if words <= 12 or not sentence else 1.0, "credit")
    if words <= 12 and is_date_only(stripped):
        add(STRONG + 1, "date_line")
    # article evidence
    if sentence and words >= 8:
        add(-2.0 if words >= 15 else -1.5, "sentence")
    elif words >= 20:
        add(-1.5, "long")
    elif sentence and words >= 4:
        add(-0.5, "short_sentence")
    if stripped.isupper() and words <= 8:
        add(0.5, "caps")
    return info


@dataclass
class TextResult:
    title: str | None
    lines: list[str]  # the kept lines, with "" marking paragraph breaks
    removed: list[str]
    published: date | None
    published_from: str | None
    author: str | None


def _title_candidate(info: LineInfo) -> bool:
    # Headlines do not end with a full stop; a one-sentence document is body, not title.
    return (2 <= info.words <= 30 and info.score < STRONG and info.label is None
            and not info.text.strip().endswith((":", "：", ".")))


def clean_text(text: str, title_hint: str | None = None, date_order: str = "dmy",
               mode: str = "flattened") -> TextResult:
    """Split flattened text into title, article lines and removed furniture.

    >>> r = clean_text("Big news\\n\\nBig news\\nShare\\n\\nA long enough sentence about "
    ...                "the news that happened today in the city.\\n")
    >>> r.title, r.lines, r.removed
    ('Big news', ['A long enough sentence about the news that happened today in the city.'], ['Big news', 'Share'])
    """
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title = title_hint.strip() if title_hint and title_hint.strip() else None
    title_index = None
    if title is None:
        # The headline: the first line in the page head that is not furniture,
        # preferring one of four words or more over short menu/skip links.
        candidates = []
        for i, line in enumerate(raw_lines[:200]):
            if not line.strip():
                continue
            info = score_line(line)
            if info.score <= GOOD and info.words > 25:  # the article began
                break
            if _title_candidate(info) and info.score <= 0.5:
                candidates.append((i, info))
        pick = next((c for c in candidates if c[1].words >= 4), candidates[0] if candidates else None)
        if pick:
            title, title_index = _strip_site_suffix(raw_lines[pick[0]].strip()), pick[0]
    title_norm = normalize(title) if title else None
    infos: list[LineInfo | None] = []
    for i, line in enumerate(raw_lines):
        if not line.strip() or i == title_index:
            infos.append(None)
            continue
        info = score_line(line, title_norm)
        info.index = i
        infos.append(info)

    published, published_from, author = None, None, None
    # A field label with its value on the next line: the value goes with it.
    for k, info in enumerate(infos):
        if info is None or info.label is None or info.has_value:
            continue
        nxt = next((j for j in range(k + 1, min(k + 4, len(infos))) if infos[j] is not None), None)
        if nxt is None:
            continue
        value = infos[nxt]
        value_is_date = parse_date(value.text, date_order) is not None and value.words <= 12
        if info.label in ("date", "updated") and value_is_date:
            value.score = max(value.score, STRONG + 1)
            value.reasons.append(f"value_of:{info.label}")
            if info.label == "date" and published is None:
                published, published_from = parse_date(value.text, date_order), "label"
        elif info.label in ("author", "image", "section", "unknown") and value.words <= 8 and \
                not _SENT_END.search(value.text.strip()) and value.label is None:
            value.score = max(value.score, STRONG)
            value.reasons.append(f"value_of:{info.label}")
            if info.label == "author" and author is None:
                author = value.text.strip()
    for info in infos:
        if info is None:
            continue
        if published is None and any(r.startswith("label_value:date") for r in info.reasons):
            published, published_from = parse_date(info.text, date_order), "label"
        if author is None and "byline" in info.reasons:
            author = re.sub(r"^\w+\s+", "", info.text.strip()).strip()
    first_good = next((k for k, x in enumerate(infos) if x is not None and x.score <= GOOD),
                      len(infos))
    for info in infos[:first_good]:
        # "Posted on 12 March 2025 by Jane", "5 min read · Mar 14, 2025": a byline/date
        # line in the page head; furniture, and the date is the publication date.
        if info is not None and info.words <= 16 and not _SENT_END.search(info.text.strip()) \
                and "date_line" not in info.reasons and parse_date(info.text, date_order):
            info.score = max(info.score, STRONG)
            info.reasons.append("date_in_head")
    if published is None:
        for info in infos[:max(first_good + 1, 40)]:
            if info is not None and ("date_line" in info.reasons or "date_in_head" in info.reasons):
                published, published_from = parse_date(info.text, date_order), "dateline"
                break

    kept = _decide(infos, keep_neutral=(mode == "extracted"))
    out: list[str] = []
    removed: list[str] = []
    gap = False
    for i, info in enumerate(infos):
        if info is None:
            if raw_lines[i].strip() and i != title_index:
                removed.append(raw_lines[i])
            gap = True
            continue
        if kept[i]:
            if out and gap:
                out.append("")
            out.append(info.text.strip())
            gap = False
        else:
            removed.append(info.text.strip())
            gap = True
    return TextResult(title, out, removed, published, published_from, author)


def _decide(infos: list[LineInfo | None], keep_neutral: bool = False) -> list[bool]:
    n = len(infos)
    keep = [False] * n
    cls = ["" for _ in range(n)]  # "bad", "good", "neutral"
    for i, info in enumerate(infos):
        if info is None:
            continue
        cls[i] = "bad" if info.score >= STRONG else "good" if info.score <= GOOD else "neutral"
        if keep_neutral and cls[i] == "bad" and set(info.reasons) <= _WEAK_IN_EXTRACTED:
            cls[i] = "neutral"  # an extractor kept it on purpose (links, rules, numbers)
    good_idx = [i for i in range(n) if cls[i] == "good"]
    if not good_idx:
        # no line reads like prose: keep what is not certainly furniture
        return [infos[i] is not None and cls[i] != "bad" for i in range(n)]
    good_chars = [0] * (n + 1)
    for i in range(n):
        good_chars[i + 1] = good_chars[i] + (len(infos[i].text) if cls[i] == "good" else 0)
    total = good_chars[n]
    # The comment/related section: everything after its first marker that
    # follows most of the article text is cut.
    cut_from = n
    for i, info in enumerate(infos):
        if info is not None and info.tail_marker and good_chars[i] >= 0.6 * total:
            cut_from = i
            break
    first_good = good_idx[0]
    last_good = max((i for i in good_idx if i < cut_from), default=-1)
    for i, info in enumerate(infos):
        if info is None or i >= cut_from:
            continue
        if cls[i] == "good":
            keep[i] = True
        elif cls[i] == "neutral":
            # sub-headings and short paragraphs inside the article are kept
            keep[i] = keep_neutral or (first_good < i < last_good and _near_good(cls, i)) or (
                "short_sentence" in info.reasons and info.words >= 5 and i < cut_from
                and _adjacent_good(cls, i))
    return keep


def _adjacent_good(cls: list[str], i: int) -> bool:
    """The nearest non-blank line before or after is article text."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(cls) and cls[j] == "":
            j += step
        if 0 <= j < len(cls) and cls[j] == "good":
            return True
    return False


def _near_good(cls: list[str], i: int) -> bool:
    """A neutral line is kept when the nearest decided lines on both sides are article."""
    def nearest(step):
        j = i + step
        while 0 <= j < len(cls):
            if cls[j] in ("good", "bad"):
                return cls[j]
            j += step
        return "bad"
    return nearest(-1) == "good" and nearest(1) == "good"


_SITE_SEP = re.compile(r"\s+[|–—-]\s+|\s+::\s+|\s+[»«]\s+")


def _strip_site_suffix(title: str) -> str:
    """"Headline | Site Name" → "Headline" (the longest part is the headline)."""
    parts = _SITE_SEP.split(title)
    if len(parts) < 2:
        return title
    best = max(parts, key=len)
    return best if len(best.split()) >= 3 else title
