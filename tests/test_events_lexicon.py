"""The event lexicon files load, validate and say what is wrong when broken."""

import pytest

from newsevents.errors import DataFileError
from newsevents.events.lexicon import load_lexicon


def test_bundled_lexicon_has_curated_and_petrarch_entries():
    lex = load_lexicon()
    assert lex.verb_entries("visit")[0].type == "CONSULT"
    assert any(e.source == "petrarch" for e in lex.verb_entries("bludgeon"))
    assert "talk" in lex.nouns and "hold" in lex.light
    assert ("war", "of", "words") in lex.idioms


def test_fire_depends_on_its_object():
    lex = load_lexicon()
    by_obj = {frozenset(e.objects) and ("missile" in e.objects, "minister" in e.objects): e.type
              for e in lex.verb_entries("fire") if e.objects}
    assert by_obj[(True, False)] == "ASSAULT"
    assert by_obj[(False, True)] == "-"


def test_unknown_type_is_a_clear_error(tmp_path):
    src = load_lexicon.__globals__["DATA_DIR"]
    for name in ("verbs.tsv", "discards.tsv"):
        (tmp_path / name).write_text((src / name).read_text())
    (tmp_path / "overlay.tsv").write_text(
        "kind\tlemma\tparticle\tobject\ttype\tmode\tcameo\ttpreps\tspreps\n"
        "verb\tvisit\t\t\tVISITATION\t\t042\t\t\n")
    with pytest.raises(DataFileError, match="unknown PLOVER type 'VISITATION'"):
        load_lexicon(tmp_path)


def test_missing_file_names_the_fix(tmp_path):
    with pytest.raises(DataFileError, match="events_build_lexicon"):
        load_lexicon(tmp_path)


def test_overlay_strict_and_discard_rows_load():
    from newsevents.events.lexicon import load_lexicon

    lex = load_lexicon()
    assert "help" in lex.strict
    assert lex.discards.get("contributed to this report") == "sentence"


def test_a_discard_row_without_a_scope_is_refused(tmp_path):
    import shutil

    import pytest

    from newsevents.errors import DataFileError
    from newsevents.events.lexicon import DATA_DIR, load_lexicon

    for f in DATA_DIR.iterdir():
        if f.is_file():
            shutil.copy(f, tmp_path / f.name)
    with (tmp_path / "overlay.tsv").open("a", encoding="utf-8") as fh:
        fh.write("discard\tsome phrase\t\t\t-\t\t\t\t\n")
    with pytest.raises(DataFileError, match="scope"):
        load_lexicon(tmp_path)


def test_no_plover_context_is_used_as_a_mode():
    # CAMEO2PLOVER gives "pro_autocracy" (a context) for CAMEO 175; the builder
    # must not turn a context into an ASSAULT mode
    lex = load_lexicon()
    entries = [e for es in lex.verbs.values() for e in es] + [e for es in lex.nouns.values() for e in es]
    entries += [e for by_prefix in lex.patterns.values() for es in by_prefix.values() for e in es]
    modes = {e.mode for e in entries if e.type == "ASSAULT"} | set(lex.instruments.values())
    assert "crowd-control" in modes and "aerial" in modes
    assert not modes & {"pro_autocracy", "pro_democracy", "military", "diplomatic", "economic"}
