"""Violence, threat, fear and coercive-control rules for the safety detector (written for Nearer, MIT).

The patterns, reasons, sources and examples live in `content/rules/safety_violence.yaml` (macros in
`macros_violence.yaml`); this module only builds them. Categories follow widely used partner-violence
frameworks: physical and sexual violence, threats, and coercive control (Stark 2007, Coercive
Control); strangulation and threats to kill as the gravest warning signs (Campbell et al. 2003,
Danger Assessment, Am J Public Health 93(7); Glass et al. 2008, J Emerg Med 35(3)).
"""

from __future__ import annotations

from nearer.analysis.safety.rules import Rule, rules_of

VIOLENCE_RULES: tuple[Rule, ...] = rules_of("safety.violence")
