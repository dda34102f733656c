"""Routing: rules, the learned suggestion (held-out evaluation on synthetic data), duplicates, retraining."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from tanggap.complaints.models import (
    Complaint,
    ComplaintEvent,
    RoutingModel,
    RoutingRule,
)
from tanggap.complaints.routing import (
    NotEnoughData,
    classifier,
    routing_model_train,
    rule_unit,
    similar_open_reports,
    suggest_units,
)
from tanggap.complaints.services.routing import routing_models_retrain
from tanggap.complaints.tests.factories import (
    ROUTING_START,
    ComplaintFactory,
    make_history,
    routing_categories,
    routing_units,
)
from tanggap.core.models import AuditEvent
from tanggap.org.tests.factories import AreaFactory, UnitFactory

S = Complaint.Status
START = ROUTING_START
pytestmark = pytest.mark.usefixtures("memory_storage")


@pytest.fixture
def units(region):
    return routing_units(region)


@pytest.fixture
def categories(region, units):
    return routing_categories(region, units)


@pytest.fixture
def kecamatan(region):
    return [AreaFactory(region=region, name=f"Kecamatan {n}") for n in range(4)]


def new_report(region, title, description, **kwargs):
    data = {"created_at": START + dt.timedelta(days=90), **kwargs}
    return ComplaintFactory(region=region, title=title, description=description, **data)


# --- rules --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_rule_unit_takes_the_most_specific_rule_then_the_category_default(
    region, units, categories, kecamatan
):
    road = categories["pupr"]
    kec0, kec1, kec2 = kecamatan[:3]
    catch_all = UnitFactory(region=region, slug="sekda")
    kec_office = UnitFactory(region=region, slug="kec-1")
    RoutingRule.objects.create(region=region, unit=catch_all)
    RoutingRule.objects.create(region=region, area=kec1, unit=kec_office)
    RoutingRule.objects.create(region=region, category=road, area=kec0, unit=units["dlh"])

    def routed(category, kec):
        return rule_unit(
            new_report(
                region,
                "Judul uji",
                "Uraian laporan uji yang cukup panjang.",
                category=category,
                kecamatan=kec,
            )
        )

    assert routed(road, kec0) == units["dlh"]  # category × kecamatan
    assert routed(road, kec1) == kec_office  # kecamatan only beats the category default
    assert routed(road, kec2) == units["pupr"]  # the category's default unit
    assert routed(None, kec2) == catch_all  # nothing else applies
    kec_office.is_active = False
    kec_office.save()
    assert routed(road, kec1) == units["pupr"]  # rules to an inactive unit are skipped


@pytest.mark.django_db
def test_a_category_rule_without_kecamatan_beats_the_default(region, units, categories, kecamatan):
    RoutingRule.objects.create(region=region, category=categories["dinkes"], unit=units["dukcapil"])
    report = new_report(
        region, "Judul uji", "Uraian laporan uji yang cukup panjang.", category=categories["dinkes"]
    )
    assert rule_unit(report) == units["dukcapil"]
    assert rule_unit(new_report(region, "Judul uji", "Uraian laporan uji yang panjang.")) is None


# --- the classifier -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_classifier_beats_the_majority_baseline_on_held_out_reports(
    region, units, categories, kecamatan
):
    make_history(region, units, categories, kecamatan, n=300)
    model = routing_model_train(region=region, now=START + dt.timedelta(days=100))
    metrics = model.metrics
    assert metrics["split"] == "time"
    assert metrics["test_count"] == 60 and metrics["train_count"] == 240
    assert model.sample_count == 300
    assert 0.25 <= metrics["majority_accuracy"] <= 0.5
    assert model.accuracy >= metrics["majority_accuracy"] + 0.3
    assert model.top3_accuracy >= model.accuracy
    assert sum(row["support"] for row in metrics["per_unit"]) == 60
    assert {row["unit_id"] for row in metrics["per_unit"]} == {u.pk for u in units.values()}
    assert model.is_active and model.model_file.name.endswith(".joblib")
    assert AuditEvent.objects.filter(
        action="routing.model_trained", target_id=str(model.pk)
    ).exists()


@pytest.mark.django_db
def test_redispatched_reports_are_not_learned_from(region, units, categories, kecamatan):
    reports = make_history(region, units, categories, kecamatan, n=40)
    wrong_first = reports[0]
    ComplaintEvent.objects.create(
        complaint=wrong_first,
        action="dispatched",
        from_status=S.NEW,
        to_status=S.DISPATCHED,
        at=START,
    )
    ComplaintEvent.objects.create(
        complaint=wrong_first,
        action="redispatched",
        from_status=S.IN_PROGRESS,
        to_status=S.DISPATCHED,
        at=START,
    )
    undispatched = new_report(
        region, "Belum diteruskan", "Laporan ini belum diteruskan ke unit mana pun."
    )
    ids = {s.complaint_id for s in classifier.training_samples(region.pk)}
    assert len(ids) == 39
    assert wrong_first.pk not in ids and undispatched.pk not in ids


@pytest.mark.django_db
def test_too_little_history_is_refused_and_nothing_is_stored(region, units, categories, kecamatan):
    make_history(region, units, categories, kecamatan, n=12)
    with pytest.raises(NotEnoughData):
        routing_model_train(region=region)
    assert not RoutingModel.objects.exists()


@pytest.mark.django_db
def test_suggestions_put_the_rule_first_then_the_model_ranked_by_confidence(
    region, units, categories, kecamatan
):
    make_history(region, units, categories, kecamatan, n=300)
    routing_model_train(region=region)
    RoutingRule.objects.create(
        region=region, category=categories["dlh"], area=kecamatan[0], unit=units["dlh"]
    )
    report = new_report(
        region,
        "Jalan berlubang",
        "Jalan desa rusak parah dan berlubang, aspal mengelupas, jembatan retak.",
        category=categories["dlh"],
        kecamatan=kecamatan[0],
    )
    suggestions = suggest_units(report, limit=3)
    assert len(suggestions) == 3
    assert suggestions[0].unit == units["dlh"] and suggestions[0].by_rule
    model_part = suggestions[1:]
    assert model_part[0].unit == units["pupr"] and not model_part[0].by_rule
    confidences = [s.confidence for s in model_part]
    assert confidences == sorted(confidences, reverse=True)
    assert all(0 < c <= 1 for c in confidences)
    unit, confidence = suggestions[1]  # unpacks as (unit, confidence)
    assert unit == units["pupr"] and confidence == model_part[0].confidence


@pytest.mark.django_db
def test_without_a_model_the_rule_alone_is_suggested(region, units, categories, kecamatan):
    report = new_report(
        region,
        "KTP belum jadi",
        "Sudah tiga bulan KTP saya belum dicetak.",
        category=categories["dukcapil"],
    )
    assert [(s.unit, s.confidence, s.by_rule) for s in suggest_units(report)] == [
        (units["dukcapil"], None, True)
    ]
    assert (
        suggest_units(new_report(region, "Tanpa kategori", "Laporan tanpa kategori dan tempat."))
        == []
    )


@pytest.mark.django_db
def test_suggestions_run_a_constant_number_of_queries(
    region, units, categories, kecamatan, django_assert_max_num_queries
):
    make_history(region, units, categories, kecamatan, n=120)
    routing_model_train(region=region)
    report = new_report(
        region, "Air keruh", "Air PDAM keruh dan berbau sejak seminggu.", kecamatan=kecamatan[1]
    )
    suggest_units(report)  # reads the model file once
    with django_assert_max_num_queries(4):
        suggest_units(report)


@pytest.mark.django_db
def test_retraining_replaces_the_active_model(region, units, categories, kecamatan):
    make_history(region, units, categories, kecamatan, n=200, seed=1)
    first = routing_model_train(region=region, now=START + dt.timedelta(days=60))
    make_history(
        region, units, categories, kecamatan, n=100, seed=2, start=START + dt.timedelta(days=61)
    )
    second = routing_model_train(region=region, now=START + dt.timedelta(days=100))
    first.refresh_from_db()
    assert not first.is_active and second.is_active
    assert second.sample_count == 300
    assert classifier.active_model(region.pk) == second
    assert RoutingModel.objects.filter(region=region, is_active=True).count() == 1


@pytest.mark.django_db
def test_old_model_files_are_pruned_but_their_figures_stay(region, units, categories, kecamatan):
    make_history(region, units, categories, kecamatan, n=60)
    from tanggap.complaints.routing import training

    models = [
        routing_model_train(region=region, now=START + dt.timedelta(days=d))
        for d in range(training.KEEP_FILES + 2)
    ]
    kept = RoutingModel.objects.exclude(model_file="").count()
    assert kept == training.KEEP_FILES
    assert RoutingModel.objects.count() == len(models)
    oldest = RoutingModel.objects.order_by("trained_at").first()
    assert oldest.model_file.name == "" and oldest.accuracy > 0


@pytest.mark.django_db
def test_train_routing_command_and_nightly_task(region, other_region, units, categories, kecamatan):
    make_history(region, units, categories, kecamatan, n=120)
    out = StringIO()
    call_command("train_routing", stdout=out)
    text = out.getvalue()
    assert f"{region.slug}: 120 decisions" in text and "accuracy" in text
    assert f"{other_region.slug}: skipped" in text
    outcome = routing_models_retrain()
    assert outcome[region.slug].startswith("trained") and outcome[other_region.slug].startswith(
        "skipped"
    )
    assert RoutingModel.objects.filter(region=region).count() == 2


# --- duplicates ---------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_similar_open_reports_in_the_same_kecamatan_are_found(region, kecamatan):
    here, there = kecamatan[:2]
    twin = new_report(
        region,
        "Jalan berlubang depan SDN 2 Sumberjo",
        "Ada lubang besar di jalan depan SDN 2 Sumberjo, sudah dua motor jatuh.",
        kecamatan=here,
        created_at=START,
    )
    cousin = new_report(
        region,
        "Jalan rusak di Sumberjo",
        "Jalan desa Sumberjo rusak dan berlubang di beberapa titik.",
        kecamatan=here,
        created_at=START,
    )
    new_report(
        region,
        "Sampah menumpuk di pasar",
        "Sampah pasar tidak diangkut seminggu.",
        kecamatan=here,
        created_at=START,
    )
    new_report(
        region,
        "Jalan berlubang depan SDN 2 Sumberjo",
        "Lubang besar di jalan depan SDN 2.",
        kecamatan=there,
        created_at=START,
    )
    new_report(
        region,
        "Jalan berlubang depan SDN 2 Sumberjo",
        "Lubang besar di jalan depan SDN 2 Sumberjo.",
        kecamatan=here,
        status=S.CLOSED,
        created_at=START,
    )
    report = new_report(
        region,
        "Lubang di jalan depan SD Sumberjo",
        "Lubang besar di jalan depan SDN 2 Sumberjo belum ditambal, bahaya untuk anak sekolah.",
        kecamatan=here,
        created_at=START + dt.timedelta(days=2),
    )
    found = similar_open_reports(report)
    assert [c for c, _ in found] == [twin, cousin]
    assert found[0][1] > found[1][1] >= 0.25
    assert (
        similar_open_reports(report, within=Complaint.objects.exclude(pk=twin.pk))[0][0] == cousin
    )
