"""REST API of performance agreements and SKP under /api/performance/ (routes in
tanggap.performance.api_urls).

agreements.py: a unit's agreements, their indicators, signing, and each quarter's realisation.
skp.py: officials' SKP, their results, the superior's quarter reviews and year-end rating, and a unit's
predikat distribution. serializers.py / inputs.py: what they answer and read. Every endpoint needs a
signed-in user; writes go through tanggap.performance.services (which check permissions), reads through
tanggap.performance.selectors (scoped: what the user may not read answers 404).
"""
