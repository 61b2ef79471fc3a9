"""Headcounts of the team for the centre's statistics: how many people were active in a
period, by role, and how many hours the rota put them on duty. Plain counts: no names."""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session, col, select

from contactcentre.store.models import (
    ContactSession,
    RotaEntry,
    SessionStatus,
    TeamMember,
    TeamRole,
)


def active_headcount(s: Session, first: date, last: date) -> dict[TeamRole, int]:
    """People on the register active at any time from `first` to `last` (both included),
    by role: joined on or before `last` (or no joining date recorded) and not left before
    `first` (`left_on` empty, or on or after `first`). Each person counts once, under the
    role the register gives them now. Every role is a key, zero when nobody."""
    counts = dict.fromkeys(TeamRole, 0)
    query = select(TeamMember.role).where(
        (col(TeamMember.joined_on).is_(None)) | (col(TeamMember.joined_on) <= last),
        (col(TeamMember.left_on).is_(None)) | (col(TeamMember.left_on) >= first),
    )
    for role in s.exec(query):
        counts[TeamRole(role)] += 1
    return counts


def rota_minutes(s: Session, first: date, last: date) -> dict[TeamRole, int]:
    """Minutes on duty from `first` to `last` (both included), by role: for each session
    in the period that was not cancelled, its length (start to end, as stored) times the
    people on its rota. Whole minutes; divide by 60 for hours. Every role is a key."""
    minutes = dict.fromkeys(TeamRole, 0)
    query = (
        select(
            col(ContactSession.day),
            col(ContactSession.start),
            col(ContactSession.end),
            col(TeamMember.role),
        )
        .join(RotaEntry, col(RotaEntry.session_id) == col(ContactSession.id))
        .join(TeamMember, col(TeamMember.id) == col(RotaEntry.member_id))
        .where(
            col(ContactSession.day) >= first,
            col(ContactSession.day) <= last,
            col(ContactSession.status) != SessionStatus.cancelled,
        )
    )
    for day, start, end, role in s.exec(query):
        length = datetime.combine(day, end) - datetime.combine(day, start)
        minutes[TeamRole(role)] += max(int(length.total_seconds() // 60), 0)
    return minutes
