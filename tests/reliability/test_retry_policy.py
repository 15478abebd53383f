"""kg.retry: exponential backoff with jitter, on a fake clock (no test waits)."""

from __future__ import annotations

import random

import pytest

from kg.errors import InputError, StoreError, StoreUnavailable
from kg.retry import RetryPolicy, delays, retry

pytestmark = pytest.mark.unit


class FakeClock:
    """Records the waits asked for and advances a virtual time instead of sleeping."""

    def __init__(self) -> None:
        self.now = 0.0
        self.waits: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


class Flaky:
    """Raises the given errors in turn, then returns ``"done"``; notes the call times."""

    def __init__(self, clock: FakeClock, *errors: BaseException) -> None:
        self.clock = clock
        self.errors = list(errors)
        self.calls: list[float] = []

    def __call__(self) -> str:
        self.calls.append(self.clock.now)
        if self.errors:
            raise self.errors.pop(0)
        return "done"


EXACT = RetryPolicy(attempts=6, base_delay_s=0.5, max_delay_s=4.0, jitter=0.0)


def test_waits_double_from_the_base_up_to_the_cap() -> None:
    assert list(delays(EXACT, random.Random(1))) == [0.5, 1.0, 2.0, 4.0, 4.0]


def test_jitter_shortens_each_wait_by_at_most_its_share() -> None:
    policy = RetryPolicy(attempts=8, base_delay_s=1.0, max_delay_s=16.0, jitter=0.5)
    exact = list(delays(RetryPolicy(attempts=8, base_delay_s=1.0, max_delay_s=16.0, jitter=0.0),
                        random.Random(0)))
    for seed in range(20):
        jittered = list(delays(policy, random.Random(seed)))
        assert all(full / 2 <= wait <= full for wait, full in zip(jittered, exact, strict=True))
    # Different clients (seeds) do not wait in lockstep.
    assert len({tuple(delays(policy, random.Random(seed))) for seed in range(5)}) == 5


def test_succeeds_after_transient_failures_with_growing_waits() -> None:
    clock = FakeClock()
    call = Flaky(clock, StoreUnavailable("down"), StoreUnavailable("down"), StoreUnavailable("down"))
    assert retry(call, EXACT, sleep=clock.sleep) == "done"
    assert clock.waits == [0.5, 1.0, 2.0]
    assert call.calls == [0.0, 0.5, 1.5, 3.5]  # each try after the previous wait


def test_gives_up_after_the_last_attempt_with_the_last_error() -> None:
    clock = FakeClock()
    errors = [StoreUnavailable(f"down {n}") for n in range(10)]
    call = Flaky(clock, *errors)
    with pytest.raises(StoreUnavailable, match="down 5"):
        retry(call, EXACT, sleep=clock.sleep)
    assert len(call.calls) == EXACT.attempts
    assert clock.now == pytest.approx(0.5 + 1 + 2 + 4 + 4)


@pytest.mark.parametrize("error", [StoreError("constraint violated"), InputError("x", "bad"),
                                   ValueError("bug")])
def test_permanent_errors_are_not_retried(error: Exception) -> None:
    clock = FakeClock()
    call = Flaky(clock, error)
    with pytest.raises(type(error)):
        retry(call, EXACT, sleep=clock.sleep)
    assert len(call.calls) == 1 and clock.waits == []


def test_one_attempt_means_no_retry() -> None:
    clock = FakeClock()
    call = Flaky(clock, StoreUnavailable("down"))
    with pytest.raises(StoreUnavailable):
        retry(call, RetryPolicy(attempts=1), sleep=clock.sleep)
    assert clock.waits == []


def test_retry_on_can_name_other_transient_errors() -> None:
    clock = FakeClock()
    call = Flaky(clock, TimeoutError("slow"))
    assert retry(call, EXACT, retry_on=(TimeoutError,), sleep=clock.sleep) == "done"
    assert clock.waits == [0.5]


@pytest.mark.parametrize("bad", [{"attempts": 0}, {"base_delay_s": -1}, {"jitter": 1.5}])
def test_nonsense_policies_are_refused(bad: dict) -> None:
    with pytest.raises(ValueError):
        RetryPolicy(**bad)
