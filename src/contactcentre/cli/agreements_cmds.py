"""`contactcentre agreement`: print a family's agreements (signed state shown) or a blank one."""

from __future__ import annotations

import argparse
from pathlib import Path

from contactcentre.cli.common import CommandError, opened_store, out, write_output
from contactcentre.documents.agreement_form import render_agreements
from contactcentre.domain.agreements import copies as agreement_copies
from contactcentre.domain.register.families import family_by_ref
from contactcentre.domain.vocabulary import counted


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "agreement",
        help="save a PDF of a family's agreements (one per adult), or a blank one (--blank)",
    )
    p.add_argument("family_ref", nargs="?", metavar="FAMILY_REF")
    p.add_argument("--blank", action="store_true", help="one blank agreement, for pre-visits")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf")
    p.set_defaults(handler=cmd_agreement)


def cmd_agreement(args: argparse.Namespace) -> int:
    if args.blank == bool(args.family_ref):
        raise CommandError("Give either a family reference or --blank (not both).")
    if not args.output.parent.is_dir():
        raise CommandError(f"The folder {args.output.parent} does not exist.")
    with opened_store(args) as store, store.session() as s:
        if args.blank:
            copies = [agreement_copies.blank_copy(s)]
            what = f"a blank agreement (version {copies[0].version})"
        else:
            family = family_by_ref(s, args.family_ref)
            assert family.id is not None
            copies = agreement_copies.agreement_copies(s, family.id)
            if not copies:
                raise CommandError(f"{family.ref} has no adults to sign the agreement.")
            signed = sum(1 for copy in copies if copy.signed_on is not None)
            what = (
                f"{counted(len(copies), 'agreement')} for {family.ref} "
                f"({signed} signed, {len(copies) - signed} not signed)"
            )
    write_output(args, args.output, render_agreements(copies))
    out(f"Saved {what} to {args.output}")
    return 0
