import pytest

from newsevents.errors import ConfigError
from newsevents.settings import Settings, load_settings, settings_table


def test_defaults_table_matches_the_settings_object():
    names = [name for name, _, _ in settings_table()]
    assert names == list(Settings.__dataclass_fields__)
    assert all(help_ for _, _, help_ in settings_table())


def test_precedence_config_then_env_then_overrides(tmp_path, monkeypatch):
    cfg = tmp_path / "newsevents.toml"
    cfg.write_text('[newsevents]\ndb = "from-config.duckdb"\nbatch_size = 8\n')
    s = load_settings(cfg)
    assert (s.db, s.batch_size) == ("from-config.duckdb", 8)
    monkeypatch.setenv("NEWSEVENTS_DB", "from-env.duckdb")
    assert load_settings(cfg).db == "from-env.duckdb"
    assert load_settings(cfg, db="flag.duckdb").db == "flag.duckdb"
    assert load_settings(cfg, db=None).db == "from-env.duckdb"


def test_values_are_coerced_and_checked(monkeypatch):
    monkeypatch.setenv("NEWSEVENTS_BATCH_SIZE", "32")
    assert load_settings().batch_size == 32
    monkeypatch.setenv("NEWSEVENTS_BATCH_SIZE", "many")
    with pytest.raises(ConfigError, match="batch_size.*int"):
        load_settings()


def test_unknown_setting_and_bad_config_say_what_to_do(tmp_path):
    with pytest.raises(ConfigError, match="unknown setting 'colour'"):
        load_settings(colour="red")
    bad = tmp_path / "bad.toml"
    bad.write_text("db = [unclosed")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(bad)
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "missing.toml")
