"""The centre's figures: stats, stats-report (the contract in issue 21)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from contactcentre.cli.bookings_cmds import iso_day
from contactcentre.cli.common import CommandError, clock, opened_store, out, write_output
from contactcentre.documents.statistics_report import render_statistics_report
from contactcentre.domain import audit
from contactcentre.domain.statistics.periods import Period
from contactcentre.domain.statistics.report import funders_report, table_rows
from contactcentre.domain.statistics.summary import as_json, naccc_csv, statistics_for


def _period_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="first", type=iso_day, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="last", type=iso_day, required=True, metavar="YYYY-MM-DD")


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("stats", help="the centre's figures for a period (counts only)")
    _period_options(p)
    p.add_argument("--json", action="store_true", help="the figures as one JSON object")
    p.set_defaults(handler=cmd_stats)

    p = sub.add_parser(
        "stats-report", help="the funders' report (PDF) and/or the NACCC return (CSV)"
    )
    _period_options(p)
    p.add_argument("-o", "--output", type=Path, metavar="FILE.pdf", help="the funders' report")
    p.add_argument(
        "--csv", type=Path, metavar="FILE.csv", help="the NACCC return, one row a figure"
    )
    p.set_defaults(handler=cmd_stats_report)


def cmd_stats(args: argparse.Namespace) -> int:
    period = Period(args.first, args.last)
    with opened_store(args) as store, store.session() as s:
        stats = statistics_for(s, period)
    if args.json:
        out(json.dumps(as_json(stats), indent=2))
        return 0
    out(f"Statistics for {period.label} ({period.start:%d/%m/%Y} to {period.end:%d/%m/%Y})")
    rows = table_rows(stats)
    width = max(len(row.label) for row in rows)
    for row in rows:
        out(f"\n{row.label}" if row.heading else f"  {row.label:<{width}}  {row.value:>12}")
    return 0


def cmd_stats_report(args: argparse.Namespace) -> int:
    if args.output is None and args.csv is None:
        raise CommandError("Say where to save: -o FILE.pdf for the report, --csv FILE.csv.")
    period = Period(args.first, args.last)
    with opened_store(args) as store:
        if args.output is not None:
            with store.session() as s:
                pdf = render_statistics_report(funders_report(s, period, today=clock().today()))
                write_output(args, args.output, pdf)
                audit.document_produced(s, "statistics_report", pdf)
            out(f"Saved the funders' report for {period.label} to {args.output}")
        if args.csv is not None:
            with store.session() as s:
                data = naccc_csv(s, period)
                write_output(args, args.csv, data)
                audit.document_produced(s, "naccc_return", data)
            out(f"Saved the NACCC return for {period.label} to {args.csv}")
    return 0
