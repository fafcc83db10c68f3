"""Fact packs: validation with line numbers, role dates, the importer, and the shipped starter pack."""

from __future__ import annotations

import datetime as dt

import pytest
from factcheck_plugins.xref import STARTER_FACTS
from factcheck_plugins.xref.factpack import import_facts, load_facts, load_pack, pack_to_toml

from factcheck.cli.main import main
from factcheck.errors import ConfigError
from tests.conftest import REPO_ROOT

PACK = """
name = "test"

[[office]]
id = "mayor"
title = "Mayor of Springfield"
aliases = ["mayor"]

[[entity]]
id = "joe-quimby"
name = "Joe Quimby"
aliases = ["Quimby"]
variants = ["Quimbey"]
roles = [{ office = "mayor", start = 1990-01-01, end = 2000-01-01 }]
"""


def test_starter_pack_loads_and_every_role_is_sourced():
    facts = load_facts([STARTER_FACTS])
    assert facts.person("Putin") is not None
    for entity in facts.entities:
        for role in entity.roles:
            assert role.source or facts.offices[role.office].source, entity.id
    for entity in facts.entities:
        if entity.kind == "organisation":
            assert entity.source, entity.id


def test_holders_at_a_date():
    facts = load_facts([STARTER_FACTS])
    assert [e.name for e, _ in facts.holders("uk-prime-minister", dt.date(2005, 3, 1))] == ["Tony Blair"]
    assert [e.name for e, _ in facts.holders("us-president", dt.date(2022, 1, 1))] == ["Joe Biden"]


def test_unknown_key_names_its_line(write):
    path = write("p.toml", PACK.replace('aliases = ["Quimby"]', 'aliasses = ["Quimby"]'))
    with pytest.raises(ConfigError) as caught:
        load_pack(path)
    text = path.read_text()
    assert caught.value.line == text[: text.index("aliasses")].count("\n") + 1
    assert "aliasses" in caught.value.message


def test_role_needs_a_known_office_and_ordered_dates(write):
    with pytest.raises(ConfigError, match="unknown office"):
        load_pack(write("a.toml", PACK.replace('office = "mayor", start', 'office = "king", start')))
    with pytest.raises(ConfigError, match="before start"):
        load_pack(write("b.toml", PACK.replace("end = 2000-01-01", "end = 1980-01-01")))


def test_variant_names_the_entity(write):
    facts = load_facts([write("p.toml", PACK)])
    assert facts.person("Joe Quimbey").id == "joe-quimby"
    assert facts.by_variant["Quimbey"].name == "Joe Quimby"


def test_import_csv_and_jsonl_round_trip(write, tmp_path, capsys):
    csv_path = write(
        "facts.csv",
        "id,name,kind,aliases,variants,place,founded,source,entity,office,office_title,start,end\n"
        "icrc,ICRC,organisation,Red Cross|ICRC,,Geneva,1863,https://www.icrc.org,,,,,\n"
        ",Ed X,,,,,,https://gov.example,ed-x,mayor,Mayor,2001-02-03,\n",
    )
    pack = import_facts(csv_path)
    assert {e.id for e in pack.entity} == {"icrc", "ed-x"}
    assert pack.office[0].id == "mayor"
    jsonl = write(
        "facts.jsonl",
        '{"subject": "UN", "key": "members", "value": "193", '
        '"source": "https://un.org", "as_of": "2025-01-01"}\n',
    )
    assert import_facts(jsonl).fact[0].value == "193"
    out = tmp_path / "out.toml"
    assert main(["facts", "import", str(csv_path), "-o", str(out)]) == 0
    assert load_pack(out) == load_pack(out)
    assert load_pack(out).entity[0].founded == 1863
    assert "wrote 2 entities" in capsys.readouterr().out
    assert "[[entity]]" in pack_to_toml(pack)


def test_import_rejects_bad_rows(write):
    with pytest.raises(ConfigError, match="not a valid fact pack"):
        import_facts(write("bad.csv", "id,name,founded\nx,X,notayear\n"))


def test_starter_pack_sets_no_house_spelling_so_every_transliteration_passes(make_engine):
    """One outlet's spelling is not another's error: with the starter pack alone no
    transliteration is reported, and each still names the person for the role checks."""
    engine = make_engine(settings={"check": {"date": "2024-06-01"}})
    for spelling in ("Zelensky", "Zelenskiy", "Zelenskyy"):
        report = engine.check_text(f"Ukrainian President Volodymyr {spelling} said the offer stood.", "a.txt")
        assert [v.rule for v in report.verdicts if v.rule == "XRF002"] == [], spelling
    facts = load_facts([STARTER_FACTS])
    assert facts.person("Zelenskiy") is not None and facts.person("Zelenskiy") is facts.person("Zelensky")


def test_house_spelling_rule_examples_come_true_with_a_house_style_pack(make_engine):
    """XRF002's examples need a pack that names a house spelling (``requires = "config"``):
    the example pack in examples/house-style/ is that pack."""
    from factcheck.rules.packs import RuleModel, VerifierRule, load_rule_file

    rule = load_rule_file(
        REPO_ROOT / "plugins" / "xref" / "rules" / "XRF002-house-spelling.toml", {"verifier": VerifierRule}
    )
    assert isinstance(rule, RuleModel) and rule.examples.bad and rule.examples.good
    style = {"plugins": {"xref": {"fact_packs": [str(REPO_ROOT / "examples" / "house-style")]}}}
    engine = make_engine(settings=style)
    for text in rule.examples.bad:
        found = [v for v in engine.check_text(text, "a.txt").verdicts if v.rule == "XRF002"]
        assert len(found) == 1 and "Gaddafi" in found[0].message, text
    for text in rule.examples.good:
        assert [v for v in engine.check_text(text, "a.txt").verdicts if v.rule == "XRF002"] == [], text
