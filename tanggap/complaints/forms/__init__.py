"""Forms of the complaint pages: citizen.py (filing, tracking, the reporter's reply, rating, reopening),
staff.py (the officer's entry, each action on a report, the team, list filters), fields.py (what they
share)."""
