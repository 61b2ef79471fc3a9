"""The subject-access register: due one calendar month after it came, extendable by up to
two more months with a reason; answered when the export is written."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from contactcentre.domain.errors import DomainError, ValidationError
from contactcentre.domain.retention import access, requests
from contactcentre.store.engine import Store
from contactcentre.store.models import AccessStatus
from tests.factories import add_family

TODAY = date(2027, 3, 13)


@pytest.fixture
def centre(store: Store) -> Store:
    add_family(store, "F-0001")
    store.act_as("Cath", lambda: datetime(2027, 3, 13, 10, tzinfo=UTC))
    return store


@pytest.mark.parametrize(
    ("received", "due"),
    [(date(2027, 1, 31), date(2027, 2, 28)), (date(2027, 3, 1), date(2027, 4, 1))],
)
def test_a_request_is_due_one_calendar_month_after_it_came(
    centre: Store, received: date, due: date
) -> None:
    with centre.session() as s:
        request = requests.log_request(s, "F-0001", "Sarah Jones", received)
    assert request.due_on == due and request.status == AccessStatus.open


def test_overdue_the_day_after_it_is_due_and_due_soon_within_a_week(centre: Store) -> None:
    with centre.session() as s:
        request = requests.log_request(s, "F-0001", "Sarah Jones", date(2027, 2, 13))
    assert request.due_on == TODAY
    assert not request.overdue(TODAY) and request.due_soon(TODAY)
    assert request.overdue(date(2027, 3, 14))
    assert not request.due_soon(date(2027, 3, 5)) and request.due_soon(date(2027, 3, 6))


def test_an_extension_needs_a_reason_and_is_at_most_two_months(centre: Store) -> None:
    with centre.session() as s:
        request = requests.log_request(s, "F-0001", "Sarah Jones", date(2027, 3, 1))
        with pytest.raises(ValidationError):
            requests.extend(s, request.id, 1, "")
        with pytest.raises(DomainError, match="one or two months"):
            requests.extend(s, request.id, 3, "Many records")
        extended = requests.extend(s, request.id, 2, "Many records")
    assert extended.due_on == date(2027, 6, 1) and extended.extension_reason == "Many records"


def test_writing_the_export_marks_the_request_sent(centre: Store) -> None:
    with centre.session() as s:
        requests.log_request(s, "F-0001", "Sarah Jones", date(2027, 3, 1))
        export = access.subject_access_export(s, "F-0001", "sarah  JONES", TODAY)
        access.log_export(s, export)
        [request] = requests.requests(s)
    assert (request.status, request.sent_on) == (AccessStatus.sent, TODAY)
