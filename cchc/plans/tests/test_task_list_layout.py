"""The task list reads well: undated deadlines last whichever way, the unit column only when units differ."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

pytestmark = pytest.mark.django_db


def client_as(client, username):
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.mark.parametrize("sort", ["deadline", "-deadline"])
def test_tasks_without_a_date_sort_last_in_both_directions(client, sort):
    c = client_as(client, "lechan")
    listing = c.get(reverse("plans:task_list"), {"sort": sort}).context["listing"]
    dues = [t.due_on for t in listing.rows]
    assert dues[0] is not None
    undated = [i for i, d in enumerate(dues) if d is None]
    if undated:
        assert all(d is None for d in dues[undated[0] :])
    dated = [d for d in dues if d is not None]
    assert dated == sorted(dated, reverse=sort.startswith("-"))


def test_a_single_ward_user_does_not_get_a_repeated_unit_column(client):
    body = client_as(client, "lechan").get(reverse("plans:task_list")).content.decode()
    head = body[body.index('id="task-table"') : body.index("</thead>")]
    assert "Đơn vị" not in head
    assert 'class="small task-plan"' not in body


def test_the_city_sees_the_unit_column_over_several_wards(client):
    body = client_as(client, "snv").get(reverse("plans:task_list")).content.decode()
    head = body[body.index('id="task-table"') : body.index("</thead>")]
    assert "Đơn vị" in head and 'class="small task-plan"' in body
