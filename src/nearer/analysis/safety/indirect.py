"""Violence and coercive control told indirectly: hidden injuries, near misses, fear, rules, threats.

Written for Nearer, MIT. The patterns live in `content/rules/safety_indirect.yaml`; this module only
builds them. Families follow Stark (2007), Coercive Control, and the Danger Assessment (Campbell et
al. 2003, Am J Public Health 93(7)) on weapons, threats and fear as warning signs.
"""

from __future__ import annotations

from nearer.analysis.safety.rules import Rule, rules_of

INDIRECT_RULES: tuple[Rule, ...] = rules_of("safety.indirect")
