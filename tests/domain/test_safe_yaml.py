"""The bounded YAML loader: aliases, depth, node count, size and NUL are refused with short errors."""

from __future__ import annotations

import pytest

from nearer.domain.instruments import InstrumentError, load_instrument
from nearer.domain.safe_yaml import YamlLimits, YamlRefused, load

# A "billion laughs": 9 ** 5 = 59,049 copies of "lol" once expanded; 248 bytes as written.
ALIAS_BOMB = (
    "#bomb\n"
    'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
)


def test_the_bomb_is_248_bytes() -> None:
    assert len(ALIAS_BOMB.encode()) == 248


def test_plain_data_loads_as_safe_load_would() -> None:
    assert load("a: 1\nb: [x, 2.5, true]\nc: {d: null}\n") == {
        "a": 1,
        "b": ["x", 2.5, True],
        "c": {"d": None},
    }


def test_an_alias_bomb_is_refused_quickly_without_expanding_it() -> None:
    # a..d weigh 10, 91, 820 and 7,381 nodes; e = 1 + 9 * 7,381 = 66,430 > 50,000 (line 6).
    with pytest.raises(YamlRefused) as caught:
        load(ALIAS_BOMB)
    assert str(caught.value) == "line 6: has more than 50000 values, the limit"


def test_a_few_aliases_are_read_and_counted_as_expanded() -> None:
    assert load("a: &x [1, 2]\nb: *x\n") == {"a": [1, 2], "b": [1, 2]}
    # mapping 1 + keys a, b, c 3 + the anchored list 3 + two aliases of it 3 * 2 = 13.
    text = "a: &x [1, 2]\nb: *x\nc: *x\n"
    assert load(text, YamlLimits(max_nodes=13)) is not None
    with pytest.raises(YamlRefused, match="line 3: has more than 12 values"):
        load(text, YamlLimits(max_nodes=12))


def test_alias_count_is_limited() -> None:
    text = "a: &x 1\n" + "".join(f"k{i}: *x\n" for i in range(101))
    with pytest.raises(YamlRefused) as caught:
        load(text)
    assert str(caught.value) == "line 102: has more than 100 aliases, the limit"


def test_an_aliased_long_string_counts_its_characters_each_time() -> None:
    text = "a: &a " + "x" * 150_000 + "\nb: [*a, *a, *a, *a, *a, *a, *a]\n"
    with pytest.raises(YamlRefused, match="line 2: holds more than 1000000 characters"):
        load(text)


@pytest.mark.parametrize("text", ["[" * 5000 + "]" * 5000, "{a: " * 5000 + "1" + "}" * 5000])
def test_deep_flow_nesting_is_refused_at_the_limit(text: str) -> None:
    with pytest.raises(YamlRefused, match="nests deeper than 32 levels, the limit"):
        load(text)


def test_deep_block_nesting_is_refused() -> None:
    text = "".join("  " * depth + "- \n" for depth in range(40)) + "  " * 40 + "x\n"
    with pytest.raises(YamlRefused, match="line 33: nests deeper than 32 levels"):
        load(text)


def test_nesting_at_the_limit_is_read() -> None:
    assert load("[" * 32 + "1" + "]" * 32) is not None
    with pytest.raises(YamlRefused):
        load("[" * 33 + "1" + "]" * 33)


def test_node_count_is_limited() -> None:
    limits = YamlLimits(max_nodes=10)
    assert load("[1, 2, 3, 4, 5, 6, 7, 8, 9]", limits) == list(range(1, 10))  # 1 list + 9 = 10
    with pytest.raises(YamlRefused, match="has more than 10 values, the limit"):
        load("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]", limits)


def test_size_is_limited_before_parsing() -> None:
    with pytest.raises(YamlRefused, match="is larger than 1 KB, the limit"):
        load("a: " + "x" * 1100, YamlLimits(max_bytes=1024))


def test_nul_is_refused_naming_the_line() -> None:
    with pytest.raises(YamlRefused) as caught:
        load("a: 1\nb: /etc/passwd\x00.yaml\n")
    assert str(caught.value) == "line 2: contains a NUL character"


def test_broken_yaml_names_the_line_without_quoting_it() -> None:
    secret = "x" * 500
    with pytest.raises(YamlRefused) as caught:
        load(f"a: [{secret}\n")
    assert caught.value.line is not None and "is not valid YAML" in caught.value.reason
    assert len(str(caught.value)) < 200


def test_the_instrument_loader_refuses_the_bomb_with_a_short_message() -> None:
    with pytest.raises(InstrumentError) as caught:
        load_instrument(ALIAS_BOMB, name="bomb.yaml")
    assert caught.value.problems == (("line 6", "has more than 50000 values, the limit"),)
    assert len(str(caught.value)) < 100


def test_an_instrument_with_a_huge_id_is_named_but_not_echoed() -> None:
    with pytest.raises(InstrumentError) as caught:
        load_instrument("id: " + "Z" * 150_000 + "\n", name="big.yaml")
    assert len(str(caught.value)) < 2000
    assert "Z" * 50 not in str(caught.value)


def test_many_broken_items_are_counted_not_all_listed() -> None:
    items = "".join(f"  - {{id: i{n}, text: t, subscale: nowhere}}\n" for n in range(400))
    with pytest.raises(InstrumentError) as caught:
        load_instrument("items:\n" + items, name="many.yaml")
    problems = caught.value.problems
    assert len(problems) == 51
    assert problems[-1][0] == "(file)" and problems[-1][1].startswith("and ")
