"""The register screen and the family editor with its own tabs (family, referral, people)."""
