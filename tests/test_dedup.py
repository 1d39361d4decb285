import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from kroniek import dedup
from tests import texts


def test_wire_copy_is_similar_and_other_text_is_not():
    a, b = dedup.fingerprint(texts.WIRE_A), dedup.fingerprint(texts.WIRE_B)
    other = dedup.fingerprint(texts.HEADED)
    assert a and b and other
    assert dedup.similarity(a.minhash, b.to_bytes()) >= dedup.NEAR_DUPLICATE_JACCARD
    assert dedup.similarity(a.minhash, other.minhash) < 0.2
    assert set(a.bands) & set(b.bands)


def test_fingerprint_is_stable_and_case_insensitive():
    a = dedup.fingerprint(texts.WIRE_A)
    b = dedup.fingerprint(texts.WIRE_A.upper())
    assert a and b and a.bands == b.bands
    assert np.array_equal(a.minhash, b.minhash)


def test_short_text_has_no_fingerprint():
    assert dedup.fingerprint("Kort bericht.") is None


def test_shared_agency():
    assert dedup.shared_agency(["ANP", "AFP"], ["AFP"]) == "AFP"
    assert dedup.shared_agency([], ["Belga"]) == "Belga"
    assert dedup.shared_agency([], []) is None


@given(st.text(max_size=300))
def test_shingle_hashes_never_crash(text):
    values = dedup.shingle_hashes(text)
    assert values.dtype == np.uint64 and (values <= 0xFFFFFFFF).all()
