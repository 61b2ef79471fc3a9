"""Charges on screen: the fee schedule (on the Centre screen), a family's Charges tab with
its dialogs (record a payment, raise a charge, a statement), receipts printed."""
