"""Routing reports to units: explicit rules, a learned suggestion, and possible duplicates.

- rules.py: `rule_unit(complaint)` (category × kecamatan rules, then the category's default unit);
- text.py: Indonesian normalisation (Sastrawi stop words and stems, cached);
- classifier.py: training data, the scikit-learn pipeline, held-out evaluation, the active model;
- training.py: `routing_model_train(region=...)`, the service that trains, stores and activates a model
  (retraining on schedule or request: tanggap.complaints.services.routing);
- suggest.py: `suggest_units(complaint)` and `similar_open_reports(complaint)` for the verifier.
"""

from tanggap.complaints.routing.rules import RuleTable, rule_unit
from tanggap.complaints.routing.suggest import Suggestion, similar_open_reports, suggest_units
from tanggap.complaints.routing.training import NotEnoughData, routing_model_train

__all__ = [
    "NotEnoughData",
    "RuleTable",
    "Suggestion",
    "routing_model_train",
    "rule_unit",
    "similar_open_reports",
    "suggest_units",
]
