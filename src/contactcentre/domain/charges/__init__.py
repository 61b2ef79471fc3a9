"""Charges, for the centres that charge (most supported centres are free): the fee
schedule, charges raised by the events that cause them or by hand, payments, balances,
arrears, and the plain data of receipts and statements. Amounts are integer pence.

The package sits above bookings and the register: bookings never import it. Charges for
attended sessions, late cancellations and accepted referrals are raised by an idempotent
reconciliation (`raising.raise_due_charges`) that every reader of charges runs first.
"""
