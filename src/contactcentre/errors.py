"""The one root of expected errors.

Every failure a coordinator can act on (a wrong passphrase, a full disk, a refused booking,
a bad CSV row) is a `UserError`; its message is worded for them and shown as it is. The CLI
prints it on one line and the GUI in place, and both catch only this type: anything else is
a bug, and goes to the crash report.
"""

from __future__ import annotations


class UserError(Exception):
    """An expected failure; str(error) is fit to show a coordinator as it is."""
