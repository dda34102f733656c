"""Complaint pages: the citizen's (report, track, answer, rate, reopen; the public page; their own list),
the officer's entry of other channels, the verifier's and the unit's worklists, one staff detail page with
the actions the user may take, and the unit's responsive-team roster."""
