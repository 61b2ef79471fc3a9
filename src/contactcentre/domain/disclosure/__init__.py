"""What may leave the centre about a family: attendance-only letters for supported contact,
and the disclosure log of every letter and refusal."""
