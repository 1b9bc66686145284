"""Everyday-voice warning-sign families for the safety detector, self-harm and violence.

Written for Nearer, MIT. The patterns live in `content/rules/safety_everyday.yaml`; this module only
builds them. Sources are named in that file (AFSP / National Action Alliance warning signs; Joiner
2005; Stark 2007; Campbell et al. 2003).
"""

from __future__ import annotations

from nearer.analysis.safety.rules import Rule, rules_of

EVERYDAY_RULES: tuple[Rule, ...] = rules_of("safety.everyday")
