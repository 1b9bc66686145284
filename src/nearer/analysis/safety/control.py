"""Coercive-control rules for the safety detector: money, phone, movement, isolation, rules.

Written for Nearer, MIT. The patterns live in `content/rules/safety_control.yaml`; this module only
builds them. Control without violence is a "concern"; the pattern of isolation, monitoring and
micro-regulation follows Stark, E. (2007). Coercive Control. Oxford UP.
"""

from __future__ import annotations

from nearer.analysis.safety.rules import Rule, rules_of

CONTROL_RULES: tuple[Rule, ...] = rules_of("safety.control")
