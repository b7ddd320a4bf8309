"""Gazetteer loader: validation, look-ups, load speed."""


import pytest

from newsevents.errors import DataFileError
from newsevents.places.gazetteer import build_gazetteer, load_gazetteer, name_key


def test_name_key_folds_accents_case_and_article():
    assert name_key("the Khān Yūnis") == "khan yunis"
    assert name_key("Iraq’s") == "iraq's"


def test_lookup_finds_countries_cities_regions_and_curated_places():
    g = load_gazetteer()
    countries = {g.countries[i] for i in g.lookup("Damascus")}
    assert {"SYR", "USA"} <= countries
    assert g.place(g.lookup("U.S.")[0]).country == "USA"
    assert any(g.features[i] == "admin1" and g.countries[i] == "IRQ" for i in g.lookup("Anbar"))
    assert g.place(g.lookup("Singapore Strait")[0]).feature == "strait"


def test_alternate_names_are_indexed():
    g = load_gazetteer()
    assert any(g.names[i] == "Erbil" for i in g.lookup("Irbil"))


def test_bad_row_raises_data_file_error(tmp_path):
    bad = tmp_path / "mine.tsv"
    bad.write_text("id\tname\talt\tcountry\tadmin1\tlat\tlon\tfeature\tpopulation\tsource\n"
                   "x:1\tNowhere\t\tXXX\t\tnorth\t10\tcity\t0\tme\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="numbers"):
        build_gazetteer((bad,))


def test_user_file_adds_places(tmp_path):
    extra = tmp_path / "mine.tsv"
    extra.write_text("id\tname\talt\tcountry\tadmin1\tlat\tlon\tfeature\tpopulation\tsource\n"
                     "x:1\tCamp Zulu\t\tIRQ\t\t33.1\t44.1\tfacility\t0\tme\n", encoding="utf-8")
    g = build_gazetteer((extra,))
    assert g.place(g.lookup("Camp Zulu")[0]).lat == pytest.approx(33.1)
