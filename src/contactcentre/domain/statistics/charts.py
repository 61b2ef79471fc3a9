"""The three charts, as plain data (documents.data.Chart) that the Statistics screen
draws with QPainter and the funders' report with reportlab.graphics."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from contactcentre.documents.data import Chart, ChartSeries
from contactcentre.domain import permissions
from contactcentre.domain.statistics import figures, places
from contactcentre.domain.statistics.periods import Period, months_in, quarters_in
from contactcentre.domain.vocabulary import OUTCOME_LABELS, SOURCE_LABELS
from contactcentre.store.models import CaseOutcome, ReferralSource


def referrals_chart(s: Session, period: Period) -> Chart:
    """Referrals received by source, one group of bars per quarter of the period."""
    quarters = quarters_in(period)
    counts = [figures.referrals_by_source(s, quarter) for quarter in quarters]
    return Chart(
        title="Referrals by source, per quarter",
        kind="bars",
        categories=tuple(q.label for q in quarters),
        series=tuple(
            ChartSeries(SOURCE_LABELS[source], tuple(float(c[source]) for c in counts))
            for source in ReferralSource
        ),
    )


def capacity_chart(s: Session, period: Period, today: date) -> Chart:
    """Capacity use (places attended / places available, places.places) per month, over
    the sessions held up to `today`: a month with no session held by then has no point
    (a session still to come would show as an empty place)."""
    months = months_in(period)
    values = tuple(
        places.capacity_use_percent(places.places(s, Period(m.start, min(m.end, today))))
        if m.start <= today
        else None
        for m in months
    )
    return Chart(
        title="Capacity use per month (%)",
        kind="line",
        categories=tuple(f"{m.start:%b %y}" for m in months),
        series=(ChartSeries("Capacity use", values),),
        unit="%",
        note="" if any(v is not None for v in values) else "No sessions were held.",
    )


def outcomes_chart(s: Session, period: Period) -> Chart:
    """Families closed in the period by outcome, one bar each; those closed before
    outcomes were recorded are named in the caption, not drawn."""
    counts, unknown = figures.outcomes(s, period)
    note = f"{unknown} closed before outcomes were recorded (not shown)." if unknown else ""
    if not any(counts.values()) and not unknown:
        note = "No families were closed in the period."
    return Chart(
        title="Outcomes at closure",
        kind="bars",
        categories=tuple(OUTCOME_LABELS[o] for o in CaseOutcome),
        series=(ChartSeries("Families closed", tuple(float(counts[o]) for o in CaseOutcome)),),
        note=note,
    )


def statistics_charts(s: Session, period: Period, today: date) -> tuple[Chart, ...]:
    permissions.require(s, "see_statistics")
    return referrals_chart(s, period), capacity_chart(s, period, today), outcomes_chart(s, period)
