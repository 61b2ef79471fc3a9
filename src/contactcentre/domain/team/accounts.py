"""The team's logins: adding a person with a passphrase, listing, removing (which re-keys),
and changing one's own passphrase. The key work is store/unlocking.py's; these functions
add the centre's rules (who may, the last coordinator, passphrase strength) and the trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from sqlmodel import Session, col, select

from contactcentre.domain import acting, audit, permissions
from contactcentre.domain.centre import passphrase_problem
from contactcentre.domain.errors import DomainError, ValidationError
from contactcentre.store import keys, keyslots, unlocking
from contactcentre.store.engine import Store
from contactcentre.store.keyslots import normalised
from contactcentre.store.models.audit import AuditEntry
from contactcentre.store.models.enums import TeamRole
from contactcentre.store.models.team import TeamMember

DBS_RECHECK_YEARS = 3  # the volunteer register makes this a centre setting


@dataclass(frozen=True)
class AccountRow:
    name: str
    role: TeamRole
    dbs_recheck_due: date | None
    last_unlock: datetime | None

    def as_json(self) -> dict[str, str | None]:
        due = self.dbs_recheck_due
        return {
            "name": self.name,
            "role": self.role.value,
            "dbs_recheck_due": due.isoformat() if due else None,
            "last_unlock": self.last_unlock.isoformat() if self.last_unlock else None,
        }


def _member_named(s: Session, name: str) -> TeamMember | None:
    wanted = normalised(name)
    for member in s.exec(select(TeamMember)):
        if normalised(member.name) == wanted:
            return member
    return None


def _with_login(s: Session) -> list[TeamMember]:
    found = s.exec(select(TeamMember).where(col(TeamMember.public_key) != ""))
    return sorted(found, key=lambda m: normalised(m.name))


def note_unlock(s: Session, member_id: int) -> None:
    """When the person last unlocked (`user list`'s last_unlock)."""
    member = s.get(TeamMember, member_id)
    if member is not None:
        member.last_unlock_at = acting.now(s)


def require_manager(s: Session) -> None:
    """Refuse (permissions.Refused) unless the acting person may manage logins."""
    permissions.require(s, "manage_accounts")


def list_accounts(s: Session) -> list[AccountRow]:
    """Everyone who can unlock, by name."""
    permissions.require(s, "manage_accounts")
    return [
        AccountRow(
            m.name,
            TeamRole(m.role),
            m.dbs_issued_on + relativedelta(years=DBS_RECHECK_YEARS) if m.dbs_issued_on else None,
            m.last_unlock_at,
        )
        for m in _with_login(s)
    ]


def add_account(
    store: Store, name: str, role: TeamRole, passphrase: str, repeat: str | None = None
) -> None:
    """Give `name` a login with `role`: a person already on the team (the volunteer
    register) keeps their row; a new name gets one."""
    name = " ".join(name.split())
    if not name:
        raise ValidationError.single("name", "Give the person's name.")
    problem = passphrase_problem(passphrase, repeat)
    if problem:
        raise ValidationError.single("passphrase", problem)
    with store.session() as s:
        permissions.require(s, "manage_accounts")
        member = _member_named(s, name)
        if member is not None and member.public_key:
            raise DomainError(f"{member.name} already has a login.")
        if member is None:
            member = TeamMember(name=name, role=role)
            s.add(member)
        member.role = role
        s.flush()
        unlocking.add_login(store, member, passphrase)
        audit.record(s, "account.add", entity="team_member", entity_id=member.id, detail=role.value)


def remove_account(store: Store, name: str) -> None:
    """Take `name`'s login away and re-key the database, so their passphrase (and any old
    copy of the key file) opens neither it nor any backup made from now on."""
    with store.session() as s:
        permissions.require(s, "manage_accounts")
        member = _member_named(s, name)
        if member is None or not member.public_key:
            raise DomainError(f"Nobody called {name} has a login.")
        if store.account is not None and member.id == store.account.member_id:
            raise DomainError("You cannot remove your own login: ask another coordinator.")
        coordinators = [m for m in _with_login(s) if m.role == TeamRole.coordinator]
        if member.role == TeamRole.coordinator and len(coordinators) == 1:
            raise DomainError(f"{member.name} is the last coordinator: add another first.")
        member_id = member.id or 0
    unlocking.remove_login(store, member_id)
    with store.session() as s:
        audit.record(
            s, "account.remove", entity="team_member", entity_id=member_id, detail="re-keyed"
        )


FINISHED_REMOVAL = "completed after an interrupted re-key"


def record_finished_removal(store: Store) -> None:
    """Put in the trail a removal a crash interrupted and this unlock finished
    (store/unlocking.py), as whoever unlocked: the member's id, nothing else. Recorded
    once, even when a crash came between recording it and forgetting the note."""
    member_id = keyslots.finished_removal(store.path)
    if member_id is None:
        return
    with store.session() as s:
        if not _finish_recorded(s, member_id):
            audit.record(
                s,
                "account.remove",
                entity="team_member",
                entity_id=member_id,
                detail=FINISHED_REMOVAL,
            )
    keyslots.forget_finished_removal(store.path)


def _finish_recorded(s: Session, member_id: int) -> bool:
    """Whether the finish is in the trail since the member's latest login was added."""
    latest: dict[str, int] = {}
    about = select(AuditEntry).where(
        col(AuditEntry.entity) == "team_member", col(AuditEntry.entity_id) == member_id
    )
    for entry in s.exec(about.order_by(col(AuditEntry.id))):
        if entry.action == "account.add" or entry.detail == FINISHED_REMOVAL:
            latest[entry.action] = entry.id or 0
    return latest.get("account.remove", -1) > latest.get("account.add", 0)


def change_own_passphrase(store: Store, old: str, new: str, repeat: str | None = None) -> None:
    """The acting person's new passphrase: their slot is rewrapped (no re-key)."""
    problem = passphrase_problem(new, repeat)
    if problem:
        raise ValidationError.single("new_passphrase", problem)
    if new == old:
        raise ValidationError.single(
            "new_passphrase", "The new passphrase is the same as the current one."
        )
    token = keys.note_pending(store.path)  # a kill before the trail has it: told at unlock
    try:
        unlocking.change_own(store, old, new)
    except BaseException:
        keys.forget_pending(store.path)
        raise
    with store.session() as s:
        audit.record(
            s,
            "passphrase.change",
            entity="team_member",
            entity_id=_own_id(store),
            detail=f"change {token}",
        )
    keys.forget_pending(store.path)


def _own_id(store: Store) -> int | None:
    return store.account.member_id if store.account else None


def todays_team(s: Session) -> list[dict[str, object]]:
    """Every team row as it is now, for a restore to put over an older backup's."""
    return [member.model_dump() for member in s.exec(select(TeamMember))]


def keep_todays_team(s: Session, team: list[dict[str, object]]) -> None:
    """In a restored copy: no login survives from the backup; today's rows (with their
    public keys) replace the backup's, so a person removed since does not come back."""
    names = {normalised(str(row["name"])) for row in team}
    ids = {row["id"] for row in team}
    for member in s.exec(select(TeamMember)):
        member.public_key = ""
        if member.id not in ids and normalised(member.name) in names:
            s.delete(member)  # the same person under another id: today's row wins
    s.flush()
    for row in team:
        s.merge(TeamMember.model_validate(row))
