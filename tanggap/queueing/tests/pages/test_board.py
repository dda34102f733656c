"""The display board on the waiting-room TV, and pages that read the queue settings without saving them."""

from django.urls import reverse

from tanggap.queueing import services
from tanggap.queueing.models import QueueSettings
from tanggap.queueing.tests.factories import CounterFactory, book


def test_board_shows_called_tickets_and_their_counters(
    client, location, ktp, counter, front_desk_a, monday_morning
):
    second = CounterFactory(location=location, name="Loket 2", services=[ktp])
    first = services.ticket_walk_in(queue_service=ktp)
    later = services.ticket_walk_in(queue_service=ktp)
    services.ticket_walk_in(queue_service=ktp)
    services.counter_call_next(counter=counter, actor=front_desk_a)
    monday_morning.shift(60)
    services.counter_call_next(counter=second, actor=front_desk_a)
    response = client.get(reverse("queueing:board", args=[location.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["latest"].pk == later.pk  # the latest call is highlighted
    assert [t.pk for t in response.context["others"]] == [first.pk]
    assert "Loket 2" in page and "Loket 1" in page and "1 orang menunggu" in page
    assert reverse("queueing:board_live", args=[location.pk]) in page and "board.js" in page


def test_board_chime_follows_the_setting_unless_the_address_says_otherwise(client, location, ktp):
    url = reverse("queueing:board", args=[location.pk])
    assert 'data-chime="1"' in client.get(url).content.decode()
    assert 'data-chime="0"' in client.get(url, {"bunyi": "0"}).content.decode()
    QueueSettings.objects.create(location=location, region=location.region, display_chime=False)
    assert 'data-chime="0"' in client.get(url).content.decode()
    assert 'data-chime="1"' in client.get(url, {"bunyi": "1"}).content.decode()


def test_reading_pages_never_save_queue_settings(client, location, ktp, counter, head_a):
    """A location without saved settings reads the defaults; only the settings form saves them."""
    ticket = book(ktp, 10)
    pages = [
        reverse("queueing:board", args=[location.pk]),
        reverse("queueing:kiosk", args=[location.pk]),
        reverse("queueing:book_slots", args=[ktp.pk]),
        reverse("queueing:ticket", args=[ticket.code]),
        reverse("queueing:config_location", args=[location.pk]),
        reverse("queueing:config_settings", args=[location.pk]),
        reverse("queueing:counter", args=[counter.pk]),
    ]
    client.force_login(head_a)
    for url in pages:
        assert client.get(url).status_code == 200, url
    assert not QueueSettings.objects.exists()


def test_board_live_partial_has_a_bounded_number_of_queries(
    client, location, ktp, kk, counter, front_desk_a, django_assert_max_num_queries
):
    for n in range(3):
        c = CounterFactory(location=location, name=f"Loket {n + 2}", services=[ktp, kk])
        services.ticket_walk_in(queue_service=ktp if n % 2 else kk)
        services.counter_call_next(counter=c, actor=front_desk_a)
    with django_assert_max_num_queries(6):
        response = client.get(reverse("queueing:board_live", args=[location.pk]))
    assert len(response.context["called"]) == 3
