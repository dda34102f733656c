"""The staffing planner: Erlang C against hand-checked values, counters needed, and the SimPy day."""

import math
import random
import statistics

import pytest

from tanggap.queueing.planner import (
    Arrival,
    DayConfig,
    counters_needed,
    erlang_c_wait_probability,
    generate_arrivals,
    mean_wait,
    percentile,
    relative_change,
    run_day,
    service_time_sampler,
    simulate_day,
    staffing_plan,
    wait_within_probability,
)

# The M/M/c reference case: 50 citizens an hour, 6-minute services (μ = 10/h), 6 counters, ρ = 0.83.
LAM, MU, C = 50.0, 10.0, 6
# Erlang C by hand: a = 5; a^6/6!·6/(6−5) = 130.208; Σ_{k<6} a^k/k! = 91.417; C = 130.208/221.625.
C_BY_HAND = 130.208333 / 221.625
WQ_MINUTES = 60 * C_BY_HAND / (C * MU - LAM)  # 3.525 minutes


# --- Erlang C ------------------------------------------------------------------------------------


def test_erlang_c_matches_the_hand_computed_value_for_the_reference_case():
    assert erlang_c_wait_probability(LAM, MU, C) == pytest.approx(C_BY_HAND, rel=1e-6)
    assert 60 * mean_wait(LAM, MU, C) == pytest.approx(3.5251, abs=1e-3)


def test_one_counter_reduces_to_mm1():
    lam, mu = 4.0, 6.0
    rho = lam / mu
    assert erlang_c_wait_probability(lam, mu, 1) == pytest.approx(rho)
    assert mean_wait(lam, mu, 1) == pytest.approx(rho / (mu - lam))  # Wq = ρ/(μ−λ) = 1/3 h


def test_two_counters_at_half_load_wait_with_probability_one_third():
    assert erlang_c_wait_probability(1.0, 1.0, 2) == pytest.approx(1 / 3)
    assert mean_wait(1.0, 1.0, 2) == pytest.approx(1 / 3)


def test_share_within_target_follows_the_exponential_tail():
    share = wait_within_probability(LAM, MU, C, 5 / 60)
    assert share == pytest.approx(1 - C_BY_HAND * math.exp(-(C * MU - LAM) * 5 / 60), rel=1e-9)
    assert wait_within_probability(LAM, MU, C, 0) == pytest.approx(1 - C_BY_HAND)
    assert wait_within_probability(0.0, MU, C, 0) == 1.0


def test_many_counters_stay_numerically_stable():
    probability = erlang_c_wait_probability(950.0, 1.0, 1000)
    assert 0 < probability < 1


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: erlang_c_wait_probability(60.0, 10.0, 6), "ρ"),
        (lambda: erlang_c_wait_probability(70.0, 10.0, 6), "grows without limit"),
        (lambda: erlang_c_wait_probability(-1.0, 10.0, 6), "negative"),
        (lambda: erlang_c_wait_probability(5.0, 0.0, 6), "service rate must be positive"),
        (lambda: erlang_c_wait_probability(5.0, 10.0, 0), "≥ 1"),
        (lambda: erlang_c_wait_probability(5.0, 10.0, 2.5), "whole number"),
        (lambda: erlang_c_wait_probability(math.nan, 10.0, 2), "finite"),
        (lambda: wait_within_probability(5.0, 10.0, 2, -1), "negative"),
        (lambda: counters_needed(-5.0, 6.0, 10.0, 0.8), "negative"),
        (lambda: counters_needed(50.0, 0.0, 10.0, 0.8), "service time must be positive"),
        (lambda: counters_needed(50.0, 6.0, -1.0, 0.8), "target wait cannot be negative"),
        (lambda: counters_needed(50.0, 6.0, 10.0, 1.0), "between 0 and 1"),
        (lambda: counters_needed(50.0, 6.0, 10.0, 0.0), "between 0 and 1"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(call, message):
    with pytest.raises(ValueError, match=message):
        call()


# --- counters needed and the staffing plan ---------------------------------------------------------


def test_counters_needed_is_the_smallest_count_reaching_the_share():
    needed = counters_needed(LAM, 6.0, 5.0, 0.8)
    assert wait_within_probability(LAM, MU, needed, 5 / 60) >= 0.8
    assert wait_within_probability(LAM, MU, needed - 1, 5 / 60) < 0.8
    assert needed == 7  # 6 counters reach only 74.5% within 5 minutes


def test_counters_needed_keeps_utilisation_below_one_even_for_a_lax_target():
    assert counters_needed(LAM, 6.0, 600.0, 0.5) == 6  # 5 counters would be ρ = 1
    assert counters_needed(0.0, 6.0, 5.0, 0.8) == 0


def test_counters_needed_never_rises_when_the_target_wait_grows_or_the_share_falls():
    by_wait = [counters_needed(120.0, 10.0, t, 0.8) for t in (0, 1, 2, 5, 10, 15, 30, 60)]
    assert by_wait == sorted(by_wait, reverse=True)
    assert by_wait[0] > by_wait[-1]
    by_share = [counters_needed(120.0, 10.0, 10.0, s) for s in (0.5, 0.7, 0.8, 0.9, 0.95, 0.99)]
    assert by_share == sorted(by_share)
    assert by_share[0] < by_share[-1]


def test_the_staffing_plan_gives_each_hour_its_counters_and_at_least_the_minimum():
    plan = staffing_plan([0, 20, 60, 30], 6.0, 10.0, 0.8, first_hour=8)
    assert [p.hour for p in plan] == [8, 9, 10, 11]
    assert plan[0].counters == 1 and plan[0].arrivals == 0
    assert plan[2].counters == counters_needed(60, 6.0, 10.0, 0.8)
    assert all(p.share_within_target >= 0.8 for p in plan)
    assert all(p.utilisation < 1 for p in plan)


# --- the simulated day -----------------------------------------------------------------------------


def test_simulated_mean_wait_agrees_with_erlang_c_for_a_long_mmc_run():
    """λ = 50/h, 6-minute exponential services, 6 counters all 'day' long: 2 replications × 2500 h.

    Tolerance: 10% on the mean wait, 0.01 on the probability of waiting and 0.015 on P(W ≤ 5 min). Over
    5 000 simulated hours (about 250 000 citizens) the mean wait's own spread is about 3.1% (standard
    deviation over six independent seeds), so 10% is about three standard deviations; the probabilities
    vary far less. The tighter comparison over a million citizens is `bench/planner_bench.py`.
    """
    hours = 2500
    at_once = simulate_day(
        [LAM] * hours, [C] * hours, 6.0, booked_share=0.0, seed=2026, replications=2,
        target_wait_minutes=0.0,
    )  # fmt: skip
    assert at_once.mean_wait == pytest.approx(WQ_MINUTES, rel=0.10)
    assert 1 - at_once.share_within_target == pytest.approx(C_BY_HAND, abs=0.01)
    assert at_once.citizens_per_day == pytest.approx(LAM * hours, rel=0.01)

    within_5 = simulate_day(
        [LAM] * 1000, [C] * 1000, 6.0, seed=11, replications=2, target_wait_minutes=5.0
    )
    assert within_5.share_within_target == pytest.approx(
        wait_within_probability(LAM, MU, C, 5 / 60), abs=0.015
    )


def test_the_same_seed_gives_the_same_day_and_more_counters_shorten_the_wait():
    arrivals = [30, 50, 40, 25, 20, 15, 10]
    one = simulate_day(arrivals, [4] * 7, 8.0, booked_share=0.3, seed=5, replications=10)
    again = simulate_day(arrivals, [4] * 7, 8.0, booked_share=0.3, seed=5, replications=10)
    more = simulate_day(arrivals, [7] * 7, 8.0, booked_share=0.3, seed=5, replications=10)
    assert one == again
    assert one.citizens_per_day == more.citizens_per_day  # the same citizens, other staffing
    assert more.mean_wait < one.mean_wait and more.p90_wait < one.p90_wait
    assert more.share_within_target > one.share_within_target
    assert len(one.hourly_mean_wait) == 7
    assert one.mean_wait_ci95 > 0


def test_simulate_day_refuses_mismatched_or_negative_figures():
    with pytest.raises(ValueError, match="one number of counters per opening hour"):
        simulate_day([10, 10], [1], 6.0)
    with pytest.raises(ValueError, match="negative"):
        simulate_day([10, -1], [1, 1], 6.0)
    with pytest.raises(ValueError, match="whole numbers"):
        simulate_day([10, 10], [1, -1], 6.0)
    with pytest.raises(ValueError, match="positive"):
        simulate_day([10, 10], [1, 1], 0.0)


def test_counters_change_with_the_hour_and_finish_the_citizen_in_front_of_them():
    people = [Arrival(at=0, service_minutes=5), Arrival(at=10, service_minutes=5)]
    people.append(Arrival(at=20, service_minutes=5))
    run_day(people, DayConfig(hourly_counters=[0, 1]))  # nobody at the counter the first hour
    assert [p.called_at for p in people] == [60, 65, 70]
    assert [p.wait for p in people] == [60, 55, 50]


def test_priority_visitors_go_first_then_booked_slot_time_then_arrival():
    first = Arrival(at=0, service_minutes=40)
    walk_in = Arrival(at=5, service_minutes=5)
    booked = Arrival(at=10, service_minutes=5, booked=True, slot=3)  # checked in late-ish, slot 3
    priority = Arrival(at=20, service_minutes=5, priority=True)
    run_day([first, walk_in, booked, priority], DayConfig(hourly_counters=[1]))
    assert first.called_at == 0
    assert priority.called_at == 40
    assert booked.called_at == 45  # slot 3 comes before the walk-in who arrived at 5
    assert walk_in.called_at == 50


def test_a_counter_calls_only_the_services_it_handles():
    ktp = Arrival(at=0, service=0, service_minutes=30)
    ktp_2 = Arrival(at=1, service=0, service_minutes=5)
    kk = Arrival(at=2, service=1, service_minutes=5)
    run_day([ktp, ktp_2, kk], DayConfig(hourly_counters=[2], counter_services=[{0}, {1}]))
    assert (ktp.counter, ktp.called_at) == (0, 0)
    assert (ktp_2.counter, ktp_2.called_at) == (0, 30)  # counter 1 is free but does not do KTP
    assert (kk.counter, kk.called_at) == (1, 2)
    with pytest.raises(ValueError, match="no counter"):
        run_day(
            [Arrival(at=0, service=2)], DayConfig(hourly_counters=[2], counter_services=[{0}, {1}])
        )


def test_a_called_no_show_holds_the_counter_for_the_grace_period():
    gone = Arrival(at=0, service_minutes=5, no_show=True)
    after = Arrival(at=1, service_minutes=5)
    run_day([gone, after], DayConfig(hourly_counters=[1], no_show_grace_minutes=7))
    assert gone.started_at is None and gone.finished_at == 7
    assert after.called_at == 7


def test_everyone_who_took_a_number_is_served_after_closing():
    people = [Arrival(at=50 + i, service_minutes=10) for i in range(5)]
    run_day(people, DayConfig(hourly_counters=[1]))
    assert all(p.finished_at is not None for p in people)
    assert max(p.finished_at for p in people) == pytest.approx(100)


def test_bookings_arrive_around_their_slots_and_walk_ins_follow_the_hourly_rates():
    rng = random.Random(1)
    people = generate_arrivals(
        rng, [40, 10], booked_share=0.5, slot_minutes=30, service_minutes=lambda: 6.0
    )
    booked = [p for p in people if p.booked]
    assert booked and all(abs(p.at - p.slot) <= 10 and p.slot in (0, 30, 60, 90) for p in booked)
    days = [
        generate_arrivals(random.Random(s), [40, 10], service_minutes=lambda: 6.0)
        for s in range(200)
    ]
    first_hour = statistics.fmean(sum(p.at < 60 for p in day) for day in days)
    assert first_hour == pytest.approx(40, rel=0.05)


def test_lognormal_service_times_keep_the_mean_and_the_variation():
    draw = service_time_sampler(random.Random(3), 10.0, cv=0.5)
    values = [draw() for _ in range(40000)]
    assert statistics.fmean(values) == pytest.approx(10.0, rel=0.02)
    assert statistics.stdev(values) / statistics.fmean(values) == pytest.approx(0.5, rel=0.05)
    with pytest.raises(ValueError):
        service_time_sampler(random.Random(3), 10.0, cv=-1)


def test_percentile_interpolates_like_percentile_cont():
    assert percentile([4, 1, 3, 2], 0.5) == 2.5
    assert percentile([1, 2, 3, 4], 0.9) == pytest.approx(3.7)
    assert percentile([7], 0.9) == 7
    assert percentile([], 0.5) is None


def test_relative_change_is_negative_when_waits_fall():
    assert relative_change(20.0, 8.0) == pytest.approx(-0.6)
    assert relative_change(0.0, 3.0) is None
