"""The agreement screens: the centre's wording and its versions, and a family's Agreement
tab with the signing dialogs and the signature pad."""
