"""Failures of the store that a coordinator can act on; each carries a plain message."""

from contactcentre.errors import UserError


class StoreError(UserError):
    """Base for expected store failures. str(error) is fit to show a coordinator."""


class WrongPassphrase(StoreError):
    def __init__(self) -> None:
        super().__init__("That passphrase does not open this centre's database. Please try again.")


class NotADatabase(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"{path} is not a Contact Centre database, or it is damaged "
            "(it may be empty, truncated or a different kind of file)."
        )


class KeyDoesNotOpen(StoreError):
    """The person's login opened (their passphrase is right), but the key it holds does not
    open the database beside it: the file is damaged or was replaced, or the key file is
    an older copy than the database."""

    def __init__(self, path: object) -> None:
        super().__init__(
            f"{path} does not open with the key in its key file, though your name and "
            "passphrase are right: the database is damaged or was replaced, or the key file "
            "beside it comes from another copy. Nothing was changed; restore from a backup."
        )


class StoreMissing(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(
            f"No centre database at {path}. Create one with 'contactcentre init' "
            "or start the app to set one up."
        )


class StoreExists(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(f"A centre database already exists at {path}; nothing was changed.")


class NewerSchema(StoreError):
    def __init__(self, found: str) -> None:
        super().__init__(
            f"This database was written by a newer version of Contact Centre (schema {found}). "
            "Please update the app; the database was not changed."
        )


class StoreFull(StoreError):
    def __init__(self, *, opening: bool = False) -> None:
        super().__init__(
            "The centre's database cannot be opened because the disk is full: free some "
            "space and try again. Nothing was changed."
            if opening
            else "The disk is full, so this change could not be saved. Nothing was lost: "
            "free some space and try again."
        )


class StoreBusy(StoreError):
    """Another process holds SQLite's write lock for longer than the store waits."""

    def __init__(self) -> None:
        super().__init__(
            "The database is busy: another Contact Centre command is writing; try again in "
            "a moment. Nothing was changed."
        )


class StoreReplaced(StoreError):
    """The file at the store's path is no longer the one it opened (restored, moved aside or
    re-keyed by another process): writing on would go into a file nobody will open again."""

    def __init__(self) -> None:
        super().__init__(
            "The centre's database was replaced (restored or re-keyed) while it was open "
            "here, so nothing more is saved to it: lock and unlock again (or run the "
            "command again)."
        )


class StoreDamaged(StoreError):
    """Integrity checks found damage; .problems lists what they reported."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("The database is damaged: " + "; ".join(problems[:3]))


class StoreReadOnly(StoreError):
    """A write was attempted on a store opened read-only (because it is damaged)."""

    def __init__(self) -> None:
        super().__init__(
            "The database is damaged, so it is open read-only: nothing can be changed "
            "until it is restored from a backup."
        )
