"""Further warning-sign families for the safety detector, self-harm and violence.

Written for Nearer, MIT. The patterns live in `content/rules/safety_signals.yaml`; this module only
builds them. Sources are named in that file (AFSP / National Action Alliance warning signs; Stark
2007; Campbell et al. 2003).
"""

from __future__ import annotations

from nearer.analysis.safety.everyday import EVERYDAY_RULES
from nearer.analysis.safety.rules import Rule, rules_of

# The everyday families are chained after these, in this order, as the detector has always read them.
SIGNAL_RULES: tuple[Rule, ...] = rules_of("safety.signals") + EVERYDAY_RULES
