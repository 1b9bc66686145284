"""The safety training data (data/train/safety_*.jsonl) and the tool that appends to it.

The split is by voice (data/train/README.md): dev figures must come from voices the head never
trained on, so a line in the wrong file would quietly make them optimistic.
"""

from __future__ import annotations

import importlib.util
import io
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from support import training_rows

from nearer.analysis.safety import model_units

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data" / "train"
# Round 12 (2026-12-06, session 12): 24 more voices, split by voice like the rest (six of them dev).
ROUND12_DEV = {"belfast", "ozark", "queensland", "l1_somali", "l1_finnish", "antiguan"}
ROUND12_TRAIN = {"glaswegian", "cockney", "essex", "lancashire", "norfolk", "philly", "chicago",
                 "minnesotan", "puerto_rican", "l1_punjabi", "l1_yoruba", "l1_zulu", "l1_burmese",
                 "l1_lithuanian", "l1_catalan", "cameroonian", "malawian", "l1_cantonese"}
# Round 13 (same day): hard look-alikes in 24 more voices.
ROUND13_DEV = {"cork", "caymanian", "tulsa", "l1_tigrinya", "l1_icelandic", "l1_telugu"}
# Round 14 (2026-12-06, session 13): indirect control and self-harm, long ordinary entries.
ROUND14_DEV = {"guernsey", "memphis", "alberta", "samoan", "l1_kurdish", "l1_spanish_argentina"}
ROUND14_TRAIN = {"sheffield", "leeds", "aberdeen_doric", "cardiff", "donegal", "kerry",
                 "manchester", "atlanta", "l1_odia", "miami", "milwaukee", "nashville", "denver",
                 "toronto", "melbourne", "maori_english", "l1_gujarati", "l1_wolof", "l1_javanese",
                 "l1_spanish_colombia"}
ROUND13_TRAIN = {"stoke", "swansea", "inverness", "teesside", "bermudian", "nevisian",
                 "pittsburgh", "kansas_city", "sacramento", "l1_hausa", "l1_oromo", "l1_bosnian",
                 "l1_albanian", "l1_macedonian", "l1_danish", "l1_basque", "l1_galician",
                 "l1_kannada"}
# Round 15 (2026-12-06, session 14): the same mix in 26 more voices.
ROUND15_DEV = {"jersey_shore_nj", "anguillan", "l1_konkani", "l1_kyrgyz", "hobart", "montserratian"}
ROUND15_TRAIN = {"galloway", "sussex", "devon", "wigan", "carlisle", "gold_coast", "portland_maine",
                 "el_paso", "tucson", "buffalo_ny", "cincinnati", "raleigh", "l1_bengali",
                 "l1_malayalam", "l1_kinyarwanda", "l1_luganda", "l1_assamese", "l1_mizo",
                 "fiji_hindi", "auckland_pasifika"}
# Round 16 (2026-12-06, session 15): look-alikes first, in 24 more voices.
ROUND16_DEV = {"fermanagh", "albuquerque", "l1_maltese", "des_moines", "l1_setswana",
               "townsville"}
ROUND16_TRAIN = {"yorkshire_dales", "isle_of_man", "limerick_city", "boise", "anchorage",
                 "l1_tamil_sri_lanka", "l1_tok_pisin", "darwin", "kittitian", "bristol_west",
                 "birmingham_al", "savannah_ga", "l1_kirundi", "perth_wa", "nova_scotia",
                 "dominican_wi", "bahamian_out_island", "cumbria_fells"}
# Round 18 (2026-12-07, session 18): who is at risk (the writer threatening or hurt), 24 voices.
ROUND18_DEV = {"cavan", "kolkata", "kansas_city_mo", "gulu_ug"}
ROUND18_TRAIN = {"hartlepool", "stornoway", "ballymena", "london_mle", "caymanian", "islamabad",
                 "soweto", "bulawayo", "bradford_asian", "bermudian", "lumbee_nc", "hamilton_on",
                 "koreatown_la", "kisumu_ke", "arusha_tz", "lagos_naija_pidgin", "bamenda_cameroon",
                 "richmond_bc_hk_canadian", "guam_local", "niue_alofi"}
# Round 19 (2026-12-07, session 19): indirect self-harm, everyday control, look-alikes, 28 voices.
ROUND19_DEV = {"dundalk", "winnipeg", "kampala_teen", "singapore_older"}
ROUND19_TRAIN = {"wrexham", "oban", "portrush", "barnsley", "kendal", "lerwick", "tralee", "akron",
                 "regina", "saskatoon", "cairns_qld", "nadi_fj", "kisumu", "lusaka", "harare",
                 "gaborone", "pune", "mangalore", "jaipur", "kandy", "sylhet", "cebu", "davao",
                 "windhoek"}
# Round 23 (2026-12-07, session 23): 24 voices, train only; held back (add_lines still knows them).
ROUND23_TRAIN = {"broken_hill", "whakatane", "bogura", "galle_fort", "varna_expat", "tumkur",
                 "makeni", "kisii", "longreach", "ozamiz", "silchar", "nellore", "port_hedland",
                 "westport_nz", "comilla", "ratnapura", "burgas_expat", "hassan_ka", "bonthe",
                 "bungoma", "charters_towers", "dipolog", "cooch_behar", "ongole"}
DEV_VOICES = ({"australian", "older", "samesex"} | ROUND12_DEV | ROUND13_DEV | ROUND14_DEV
              | ROUND15_DEV | ROUND16_DEV | ROUND18_DEV | ROUND19_DEV)
VOICES = (DEV_VOICES | ROUND12_TRAIN | ROUND13_TRAIN | ROUND14_TRAIN | ROUND15_TRAIN | ROUND16_TRAIN
          | ROUND18_TRAIN | ROUND19_TRAIN | ROUND23_TRAIN) | {
    "texting", "journal", "british", "indian", "american", "nonnative", "younger",
    # third batch (train only): English as written in six more places
    "scottish", "irish", "nigerian", "singaporean", "southafrican", "canadian"}
WHO = {"self_harm": {"writer_self_harm"}, "violence": {"writer_harmed", "writer_threatens"},
       "none": {None}}


def _rows(name: str) -> list[dict[str, str]]:
    return training_rows(name)


def _add_lines() -> ModuleType:
    spec = importlib.util.spec_from_file_location("add_lines", ROOT / "training" / "add_lines.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _train_safety(monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """training/train_safety.py as a module (it imports its neighbours in training/)."""
    monkeypatch.syspath_prepend(str(ROOT / "training"))
    spec = importlib.util.spec_from_file_location("train_safety",
                                                  ROOT / "training" / "train_safety.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "train_safety", module)  # its dataclasses look it up
    spec.loader.exec_module(module)
    return module


def test_every_line_is_well_formed_and_split_by_voice() -> None:
    train, dev = _rows("safety_train"), _rows("safety_dev")
    for split, rows in (("train", train), ("dev", dev)):
        for row in rows:
            assert row["id"].startswith(f"{split}-"), row
            assert row["voice"] in VOICES and row["text"].strip(), row
            assert row.get("who") in WHO[row["label"]], row
            assert (row["voice"] in DEV_VOICES) == (split == "dev"), row
    ids = [r["id"] for r in train + dev]
    texts = [r["text"].strip().lower() for r in train + dev]
    assert len(set(ids)) == len(ids)
    assert len(set(texts)) == len(texts)


def test_appended_safety_lines_go_to_the_file_of_their_voice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    tool = _add_lines()
    (tmp_path / "safety_train.jsonl").write_text(json.dumps(
        {"id": "train-0007", "text": "Old line", "label": "none", "voice": "british",
         "topic": "other"}) + "\n", encoding="utf-8")
    (tmp_path / "safety_dev.jsonl").write_text("", encoding="utf-8")
    monkeypatch.setattr(tool, "DATA", tmp_path)
    monkeypatch.setattr(tool, "benchmark_lines", lambda detector: {"a benchmark line"})
    assert tool.add_safety([
        "@voice texting", "S gave my guitar away, wont need it", "W say that again n ur dead",
        "N old line", "N a benchmark line",
        "@voice older", "V My son keeps my pension card and gives me pocket money.",
    ]) == 0
    train = [json.loads(x) for x in (tmp_path / "safety_train.jsonl").read_text().splitlines()]
    dev = [json.loads(x) for x in (tmp_path / "safety_dev.jsonl").read_text().splitlines()]
    assert [(r["id"], r["label"], r.get("who")) for r in train[1:]] == [
        ("train-0008", "self_harm", "writer_self_harm"),
        ("train-0009", "violence", "writer_threatens")]
    assert [(r["id"], r["voice"], r["who"], r["topic"]) for r in dev] == [
        ("dev-0001", "older", "writer_harmed", "money")]
    assert capsys.readouterr().err.count("skipped") == 2  # a line already there, a benchmark line
    with pytest.raises(SystemExit, match="bad line"):
        tool.add_safety(["@voice texting", "Q not a code"])


def test_a_line_sharing_most_of_its_words_with_a_known_one_is_refused() -> None:
    seen = _add_lines().Seen(["he took my car keys so i could not go to work today"])
    # 10 of 11 words shared (0.91): a paraphrase of the known line
    assert seen.near("he took my car keys so I could not go to work")
    # 6 shared of the larger set's 12 words (0.5): another line on the same theme
    assert not seen.near("she hid my car keys again so I would miss my sister's party")
    assert not seen.near("")


def test_coach_and_emotion_lines_can_be_split_by_voice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    tool = _add_lines()
    monkeypatch.setattr(tool, "DATA", tmp_path)
    monkeypatch.setattr(tool, "benchmark_lines", lambda detector: set())
    monkeypatch.setattr("sys.stdin", io.StringIO(
        "@voice houston\nT oh sure, because you always know best\n"
        "@voice l1_twi\nP you're so clever, thank you for fixing the tap\n"))
    assert tool.main("coach", {"l1_twi"}) == 0
    train = [json.loads(x) for x in (tmp_path / "coach_train.jsonl").read_text().splitlines()]
    dev = [json.loads(x) for x in (tmp_path / "coach_dev.jsonl").read_text().splitlines()]
    assert [(r["voice"], r["kinds"]) for r in train] == [("houston", ["contempt"])]
    assert [(r["voice"], r["kinds"], r["trap"]) for r in dev] == [("l1_twi", [], True)]


@pytest.mark.parametrize("text", [
    "I won't ever hurt you, I promise.",
    "I wouldn't hurt her, not in a million years.",
    "He didn't touch my phone, he just asked.",
])
def test_a_contracted_negation_is_a_frame_the_head_leaves_to_the_rules(text: str) -> None:
    # "n't" glued to its verb used to slip past the blurred-frame check ("\bn't" never matches
    # inside "won't"), so the head judged "I won't ever hurt you" by its words alone.
    assert model_units(text) == []


def test_coach_drafts_taught_as_none_hold_no_threat_distress_or_rule_hit(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """train_safety.py teaches coach training drafts to the safety head as none; a real
    disclosure among them (the writer's own distress, or anything a safety rule flags) or a
    threat must never be, and dev drafts never are."""
    from nearer.analysis.safety import assess

    module = _train_safety(monkeypatch)
    taught = module.coach_none_lines()
    train = _rows("coach_train")
    assert {r["id"] for r in taught} <= {r["id"] for r in train}
    assert not {r["id"] for r in taught} & {r["id"] for r in _rows("coach_dev")}
    assert all("threat" not in r["kinds"] and not r.get("distress") for r in taught)
    assert not [r["text"] for r in taught if assess(r["text"], deep=False).flagged]
    distress = [r for r in train if r.get("distress")]
    assert distress and all(not r["kinds"] for r in distress)
    assert len(taught) >= 4000  # the coach rows are there: 4,100 at the last retrain
    # The safety head weighs them in two groups: harsh drafts and kind drafts, together all of them.
    harsh, kind = module.harsh_draft_lines(), module.gentle_draft_lines()
    assert harsh and kind and all(r["kinds"] for r in harsh) and not any(r["kinds"] for r in kind)
    assert sorted(r["id"] for r in harsh + kind) == sorted(r["id"] for r in taught)


def test_a_long_line_is_trained_on_every_unit_the_app_reads(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The app reads every unit of a text long enough to judge (no budget of new units per
    call: the pairs of a long text come from one pass over it); the training script trains on
    the same units. (It once used a name the semantic module no longer had, so long journal
    entries stopped training.)"""
    from nearer.analysis.safety import model_spans, semantic
    from nearer.analysis.text import Doc

    module = _train_safety(monkeypatch)
    calm = [f"We walked round the pond number {n} with the dog today." for n in range(1, 9)]
    charged = "I hid the pills and the knife so nobody would find them."
    doc = Doc(" ".join(calm[:4] + [charged] + calm[4:]))
    units = module._scored_spans(doc)
    assert units == [(s, e) for s, e in model_spans(doc) if semantic.long_enough(doc.norm[s:e])]
    assert len(units) == 9 + 8  # nine sentences and eight pairs
    assert sum("hid the pills" in doc.norm[s:e] for s, e in units) == 3  # it and both pairs


def test_a_split_is_read_across_its_parts_and_a_full_part_gets_a_successor(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No file in data/train grows past splits.PART_LIMIT: a split continues in NAME.partN.jsonl
    files, read back in order as one."""
    monkeypatch.syspath_prepend(str(ROOT / "training"))
    import splits

    row = {"id": "train-0001", "text": "x" * 40}
    (tmp_path / "s_train.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    (tmp_path / "s_train.part2.jsonl").write_text(json.dumps({**row, "id": "train-0002"}) + "\n",
                                                  encoding="utf-8")
    (tmp_path / "s_train.part10.jsonl").write_text(json.dumps({**row, "id": "train-0003"}) + "\n",
                                                   encoding="utf-8")
    assert [r["id"] for r in splits.rows("s_train", tmp_path)] == [
        "train-0001", "train-0002", "train-0003"]  # part 10 after part 2, not before
    assert splits.append_file("s_train", tmp_path).name == "s_train.part10.jsonl"
    monkeypatch.setattr(splits, "PART_LIMIT", 10)
    assert splits.append_file("s_train", tmp_path).name == "s_train.part11.jsonl"
    assert splits.append_file("new", tmp_path).name == "new.jsonl"
    assert all(p.stat().st_size < 2_000_000 for p in DATA.glob("*.jsonl"))


def test_blind_sets_taken_into_training_are_read_whole_as_one_fold_each(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """data/train/held_back/trained_blind_sets.txt: scored blind sets measured as training lines
    in session 24 and held back. Each listed file exists, holds well-formed safety lines, and is
    read after the split's own lines with `fold` = its file name; the newest blind sets (fresh29,
    fresh30) are never listed. Held back, the list is not where training reads it, so
    `make train` reproduces the shipped heads from the splits alone."""
    monkeypatch.syspath_prepend(str(ROOT / "training"))
    import splits

    listing = DATA / "held_back" / "trained_blind_sets.txt"
    assert not splits.TRAINED_BLIND.exists()
    assert splits.training_rows("safety_train") == splits.rows("safety_train")
    listed = splits.trained_blind("safety_train", listing)
    assert listed and len(set(listed)) == len(listed)
    assert not any(p.stem.startswith(("fresh29", "fresh30")) for p in listed)
    own = splits.rows("safety_train")
    both = splits.training_rows("safety_train", listing=listing)
    extra = both[len(own):]
    assert both[:len(own)] == own
    assert [r["fold"] for r in extra] == [p.stem for p in listed
                                          for line in p.read_text().splitlines() if line.strip()]
    for row in extra:
        assert row["label"] in WHO and row["text"].strip() and row["voice"], row
        assert row.get("who") in WHO[row["label"]], row
    assert {splits.fold_of(r) for r in extra} == {p.stem for p in listed}
    assert splits.fold_of(own[0]) == own[0]["voice"]
    ids = [r["id"] for r in both]
    assert len(set(ids)) == len(ids)
    assert splits.trained_blind("coach_train", listing) == []
