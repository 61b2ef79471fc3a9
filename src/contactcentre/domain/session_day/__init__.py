"""A session day: the welcome desk and its board, the printed sign-in sheet, and typing in
attendance afterwards (paper entry, spreadsheet import)."""
