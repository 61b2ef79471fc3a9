"""The centre's agreement: its versions, signing it on screen or on paper, printable
copies, and whether a family is ready for contact."""
