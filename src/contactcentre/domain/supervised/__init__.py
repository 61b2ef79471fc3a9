"""Supervised contact (issue 18): observation records and their states, the case's
report details and recipients, escorted visits, the quality-checked report, and the
import of records written on paper or in Word.

Everything observed lives here and in store/models/supervised.py. The supported-contact
outputs (letters, sign-in sheets, agreements, CSV exports) are built elsewhere from data
that has no field for any of it, and nothing there imports this package.
"""
