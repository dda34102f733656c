"""Routing reports to units: explicit rules, a learned suggestion, and possible duplicates.

- rules.py: `rule_unit(complaint)` (category × kecamatan rules, then the category's default unit);
- text.py: Indonesian normalisation (Sastrawi stop words and stems, cached);
- classifier.py: training data, the scikit-learn pipeline, held-out evaluation, the active model;
- training.py: `routing_model_train(region=...)`, the service that trains, stores and activates a model,
  and the retraining the tasks run (`routing_models_retrain`, `routing_model_retrain`) or a page asks
  for (`routing_retrain_request`);
- suggest.py: `suggest_units(complaint)` and `similar_open_reports(complaint)` for the verifier.
"""

from tanggap.complaints.routing.rules import RuleTable, rule_unit
from tanggap.complaints.routing.suggest import Suggestion, similar_open_reports, suggest_units
from tanggap.complaints.routing.training import (
    NotEnoughData,
    routing_model_retrain,
    routing_model_train,
    routing_models_retrain,
    routing_retrain_request,
)

__all__ = [
    "NotEnoughData",
    "RuleTable",
    "Suggestion",
    "routing_model_retrain",
    "routing_model_train",
    "routing_models_retrain",
    "routing_retrain_request",
    "rule_unit",
    "similar_open_reports",
    "suggest_units",
]
