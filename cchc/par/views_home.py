"""The PAR Index home page: the user's own assessments, what waits for their approval or appraisal, the rounds
and the leaders of each bloc in the latest published year."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cchc.par import policies, result_selectors, selectors
from cchc.par.choices import RoundStatus
from cchc.par.views_common import BLOC_LABELS


@login_required
@require_safe
def home(request):
    user = request.user
    organiser = selectors.home_organiser(actor=user)
    rounds = list(selectors.round_list(actor=user)[:8])
    published = [r for r in rounds if r.status == RoundStatus.PUBLISHED]
    latest = published[0] if published else None
    tops = {}
    if latest is not None:
        state = result_selectors.city_rankings(actor=user, year=latest.year)
        tops = {code: rows[:3] for code, rows in state.rows_by_bloc.items()}
    return render(
        request,
        "par/home.html",
        {
            "organiser": organiser,
            "rounds": rounds,
            "latest": latest,
            "tops": tops,
            "own": list(selectors.own_assessments(actor=user)[:10]),
            "awaiting": list(selectors.awaiting_approval(user)[:50]),
            "queue": list(selectors.appraisal_queue(actor=user)[:50]),
            "can_manage": policies.can_manage_sets(user, organiser),
            "bloc_labels": BLOC_LABELS,
        },
    )
