"""Expected failures of the centre's rules, each with a message a coordinator understands."""

from __future__ import annotations

from contactcentre.errors import UserError


class DomainError(UserError):
    """Base for rule failures; str(error) is shown as it is in the GUI and the CLI."""


class NotFound(DomainError):
    pass


class ValidationError(DomainError):
    """One or more fields are wrong. `errors` maps a field key to its message.

    Keys name form fields ("ref", "people.2.phone") so a form can show each message
    next to its field; str() joins them for the CLI.
    """

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{key}: {msg}" for key, msg in self.errors.items()))

    @classmethod
    def single(cls, key: str, message: str) -> ValidationError:
        return cls({key: message})
