"""The disclosure log screen and the letter and refusal dialogs."""
