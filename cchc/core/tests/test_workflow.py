"""The declarative workflow refuses what its definition does not allow."""

import pytest
from django.db import models

from cchc.core.workflow import Transition, Workflow


class Colour(models.TextChoices):
    RED = "red", "Đỏ"
    GREEN = "green", "Xanh"


def anyone(user, obj):
    return True


def test_a_transition_to_an_unknown_state_is_refused_when_the_workflow_is_declared():
    with pytest.raises(ValueError, match="unknown states"):
        Workflow(
            entity="light",
            entity_label="đèn",
            states=Colour,
            transitions=[Transition("go", "Đi", ["red"], "blue", anyone)],
        )


def test_a_transition_name_used_twice_is_refused():
    with pytest.raises(ValueError, match="defined twice"):
        Workflow(
            entity="light",
            entity_label="đèn",
            states=Colour,
            transitions=[
                Transition("go", "Đi", ["red"], "green", anyone),
                Transition("go", "Đi", ["green"], "red", anyone),
            ],
        )


def test_each_transition_gets_a_vietnamese_audit_label():
    from cchc.core.audit import action_label

    Workflow(
        entity="light",
        entity_label="đèn",
        states=Colour,
        transitions=[Transition("go", "Bật xanh", ["red"], "green", anyone)],
    )
    assert action_label("light.go") == "Bật xanh (đèn)"
