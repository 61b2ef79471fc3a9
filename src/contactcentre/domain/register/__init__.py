"""The family register: families (cases), their people and referees, the lists and pick-
lists of families, and CSV import and export."""
