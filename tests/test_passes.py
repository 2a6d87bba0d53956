"""The pass registry: plain, explicit, and strict about names."""

from __future__ import annotations

import pytest

from landscape import PassRegistryError, available_passes, get_pass, load, register_pass
from landscape.passes import unregister_pass


def test_register_run_and_unregister(small_input) -> None:
    spec = register_pass("count-test", lambda land, *, scale=1: {"n": land.graph.number_of_nodes() * scale},
                         description="Counts.")
    try:
        assert "count-test" in available_passes()
        assert get_pass("count-test") is spec
        assert spec(load(small_input), scale=2) == {"n": 8}
        with pytest.raises(PassRegistryError, match="already registered"):
            register_pass("count-test", lambda land: None, description="again")
    finally:
        unregister_pass("count-test")
    assert "count-test" not in available_passes()
    with pytest.raises(PassRegistryError, match="no pass named 'count-test'"):
        get_pass("count-test")
    with pytest.raises(PassRegistryError, match="no pass named"):
        unregister_pass("count-test")
