"""Passive suicidal ideation patterns for the safety detector (our own wording, written for Nearer, MIT).

Passive wishes to be dead or gone, hopelessness and feeling a burden are a "concern": they call
for a caring check-in and help resources, not alarm (Columbia Suicide Severity Rating Scale,
Posner et al. 2011, item 1; Joiner 2005, Why People Die by Suicide, on perceived burdensomeness).
"""

from __future__ import annotations

from nearer.analysis.safety.rules import Rule, rule

S = "self_harm"
_GONE = r"(?:gone|dead|here|around|alive|in\s+it|in\s+the\s+picture)"
PASSIVE_RULES: tuple[Rule, ...] = (
    rule(S, "concern", r"\b(?:hope|wish)\s+i\s+(?:don'?t|dont|won'?t|never)\s+(?:survive|make\s+it|wake"
         r"(?!\s+(?:up\s+)?(?:too\s+|so\s+|really\s+)?(?:early|late|before|in\s+time|the\s|him|her|"
         r"you|them|everyone)))\b|"
         r"\b(?:don'?t|dont|do\s+not)\s+(?:think\s+i\s+)?(?:want|wanna)\s+to\s+live\s+(?:to\s+be\s+old|much\s+"
         r"longer|long|past|to\s+see)|\b(?:sleep|disappear|go\s+away|drift)\w*\b.{0,60}\b(?:not|never)\s+come\s+"
         r"back\b|\bi\s+deserve\s+to\s+(?:hurt|suffer|die|be\s+(?:hurt|punished|dead|in\s+pain))\b|"
         r"\b(?:look|looking|stare|staring)\s+at\s+(?:the\s+)?(?:knives|knife|blades?|razors?|pills)\b"
         r"(?=.*\b(?:think\s+about\s+it|want\s+to|urge|tempt\w*|could\s+just)\b)",
         "hints at wanting to die or be hurt", "hope wish don't dont do_not sleep disappear go_away "
         "drift deserve look "
         "looking stare staring", negatable=False,
         skip_if=r"\b(?:exam|interview|match|game|party|flight|trip|weekend|holiday|news|shopping)\b"),
    rule(S, "concern", rf"\b(?:better\s+off|happier|better|lighter|easier|brighter|calmer)\s+(?:without\s+me|if\s+i\s+(?:was|were|"
         rf"wasn'?t|weren'?t|was\s+not|wasnt)\s+{_GONE}|with\s+me\s+(?:gone|dead)|if\s+i\s+(?:just\s+)?(?:disappeared|died|vanished|"
         r"left\s+for\s+good|left\s+this\s+world|didn'?t\s+exist|never\s+existed|was\s+gone)|without\s+me\s+"
         r"in\s+it)|\bbetter\s+off\s+dead\b", "says others would be better off without them",
         "better happier"),
    rule(S, "concern", r"\b(?:everyone|everybody|they|my\s+(?:family|kids|partner|husband|wife)|"
         r"the\s+world|people|all\s+of\s+them)\s+(?:would|'d|will|wud)\s+(?:all\s+)?be\s+(?:so\s+"
         r"much\s+)?(?:better\s+off|happier|better)\s*(?:$|[.!?,;]|\s+(?:honestly|tbh|anyway)\b)",
         "says others would be better off without them", "better happier lighter easier brighter calmer"),
    rule(S, "concern", r"\b(?:don'?t|dont|do\s+not|didn'?t|didnt|never)\s+(?:really\s+|even\s+)?"
         r"(?:want|wanna|wish)\s+(?:to\s+)?(?:wake\s+up|be\s+(?:here|alive|around)|exist|live|"
         r"do\s+(?:life|this\s+life)|go\s+on(?!\s+(?:this|the|an?|that|my|our|his|her|holiday|trip|"
         r"vacation|date|tour|stage|air|about))|keep\s+going|continue)\b(?!\s+(?:in|with|near|"
         r"without|together|at|there|alone|like\s+(?:him|her|that|them)|somewhere|far|early|before|for|"
         r"so\s+early|on\s+\w+day|when|until|to\s+(?:the|an?|my)|tomorrow\s+(?:at|early)))",
         "says they do not want to live", "don didn do_not never", negatable=False,
         urgent_if=r"\b(?:tonight|today|i\s+mean\s+it|pills|goodbye|plan\w*)\b"),
    rule(S, "concern", r"\bwish(?:ed)?\s+(?:that\s+)?i\s+(?:was|were|'d|had|could\s+(?:just\s+)?be|"
         r"could\s+just|could)\s+(?:dead|never\s+(?:been\s+born|woken\s+up|wake\s+up)|not\s+"
         r"(?:born|alive|here)|(?:just\s+)?(?:disappear|die|stop\s+existing|sleep\s+forever|"
         r"fall\s+asleep\s+forever|not\s+wake\s+up|vanish))|\bwish\s+i\s+(?:wasn'?t|wasnt|"
         r"weren'?t|didn'?t|didnt)\s+(?:born|alive|exist|here|around)|\bnever\s+been\s+born\b|\bwish\w*"
         r"\s+i\s+(?:had\s+)?never\s+woke?n?\s+up\b", "wishes they were dead or gone",
         "wish born", negatable=False),
    rule(S, "concern", r"\b(?:tired|sick|exhausted|done|worn\s+out)\s+(?:of|with|by)\s+(?:being\s+alive|living|"
         r"existing|life|this\s+life|being\s+here)\b(?!\s+(?:in|with|at|near|under|together|next|off|on|"
         r"paycheck|out\s+of|here\s+in|like\s+(?:a|an|this\s+in)))|\btired\s+of\s+existing\b|\b(?:exhausting|"
         r"tiring|painful|unbearable|so\s+hard)\s+(?:being|to\s+be)\s+alive\b",
         "says they are tired of living", "tired sick exhausted done worn exhausting tiring painful "
         "unbearable so_hard"),
    rule(S, "concern", r"\b(?:no|what'?s\s+(?:even\s+)?the|what\s+is\s+(?:even\s+)?the|(?:don'?t|"
         r"dont|can'?t|cant)\s+see\s+(?:the|any)|isn'?t\s+(?:a|any)|there'?s\s+no)\s+(?:point|"
         r"reason|purpose)\s+(?:\w+\s+){0,2}(?:of|in|to|for)\s+(?:me\s+)?(?:living|going\s+on|"
         r"being\s+alive|keep\w*\s+going|keep\w*\s+living|exist\w*|life|me|even\s+being\s+here|"
         r"being\s+here|live|go\s+on|stay\w*\s+alive|be\s+alive)\b", "sees no reason to live", "point reason purpose",
         negatable=False),
    rule(S, "concern", r"\b(?:can'?t|cant|cannot)\s+(?:go\s+on|keep\s+going|live\s+like\s+this)\b"
         r"|\bbother(?:ing)?\s+(?:being\s+alive|living|existing)\b|\b(?:shouldn'?t|shouldnt|"
         r"don'?t\s+deserve\s+to|dont\s+deserve\s+to)\s+(?:be\s+alive|live|exist)\b",
         "says they cannot go on", "can bother shouldn deserve", negatable=False),
    rule(S, "concern", r"\bnot\s+(?:to\s+)?(?:be|being)\s+(?:here|around|alive)\b|\bnever\s+(?:open\s+"
         r"(?:them|my\s+eyes)|wake\s+up)\s+again\b|\bhow\s+(?:much\s+)?(?:longer|long)\s+i\s+can\s+"
         r"(?:keep\s+going|go\s+on|hold\s+on|last|survive|live\s+like\s+this)\b|\bwaiting\s+(?:to\s+"
         r"die|for\s+death|to\s+not\s+exist)\b|\bscars?\s+on\s+my\s+(?:arms?|thighs?|wrists?|legs?|"
         r"stomach|hips?)\b|\b(?:death|dying)\s+(?:doesn'?t|does\s+not|no\s+longer)\s+(?:seem|feel|"
         r"sound)\s+(?:so\s+)?(?:scary|bad)|\b(?:death|dying|not\s+waking\s+up)\s+(?:seems|sounds|"
         r"feels)\s+(?:like\s+)?(?:a\s+)?(?:relief|peaceful|nice|good|easier|better)|\b(?:want|wanna|"
         r"wish\s+i\s+(?:was|were|could\s+be))\s+(?:to\s+)?(?:be\s+)?gone\b(?!\s+(?:for|on|from|by|"
         r"before|when|until|away|already))|\b(?:if|when)\s+i\s+(?:just\s+)?"
         r"(?:was|were|am|'m|wasn'?t|weren'?t)\s+(?:gone|dead|here)\b(?!\s+(?:when|while|for\s+(?:the|a|"
         r"this|that)|at\s+the|on\s+(?:the|that)|tomorrow|today|this|before|after|during|to\s+(?:see|"
         r"hear|let|meet|answer)))|\bif\s+i\s+(?:died|die|"
         r"disappeared|was\s+dead)\b|\b(?:no\s+one|nobody|noone)\s+(?:would|will|wud)\s+(?:even\s+)?"
         r"(?:notice|care|miss\s+me)(?:\s+if\s+i\s+(?:was|were|died|disappeared|vanished|was\s+gone|"
         r"wasn'?t\s+here|didn'?t\s+exist|killed|left\s+(?:forever|for\s+good|this\s+world)))?\s*"
         r"(?:$|[.!?,;]|\b(?:honestly|anyway|tbh)\b)|\bnot\s+(?:to\s+)?exist(?:ing)?\b|\bstop\s+"
         r"existing\b|\bpoint\s+of\s+me\b|\b(?:scared|afraid|frightened|terrified)\s+of\s+(?:my\s+own"
         r"\s+thoughts|myself|what\s+i\s+might\s+do)",
         "wonders about not being here", "not_be not_to if_i when_i no_one nobody noone exist "
         "point_of of_my_own of_myself i_might never_open never_wake how_much how_long how_longer "
         "waiting scar death dying gone",
         negatable=False),
    rule(S, "concern", r"\b(?:want|wanna|wish|need)\s+(?:to\s+)?(?:just\s+)?(?:disappear|vanish)\b(?!\s+(?:to|"
         r"into|for\s+(?:a|the|an)|on|with|from\s+(?:work|social)|off\s+to|abroad|somewhere))"
         r"|\bdisappear\s+(?:forever|for\s+good|and\s+never\s+come\s+back)\b",
         "wants to disappear", "disappear vanish", hyperbole=True),
    rule(S, "concern", r"\b(?:never|not|don'?t|dont|won'?t|wont|will\s+not)\s+wake\s+up\b(?!\s+(?:too\s+|so\s+)?(?:early|late|"
         r"before|in\s+time|the\s|him|her|you|them|everyone))|\bsleep\s+forever\b|\bwouldn'?t"
         r"\s+mind\s+(?:dying|if\s+i\s+died|not\s+waking|if\s+i\s+didn'?t\s+wake)|\bwouldnt\s+mind"
         r"\s+dying\b", "hopes not to wake up", "wake forever mind", negatable=False,
         skip_if=r"\b(?:alarm|late|snooze|weekend|holiday|nap|lie\s+in|sleep\s+in|shift|jet\s*lag|"
         r"comfy|cosy|cozy|after\s+(?:that|this|the|a|my))\b"),
    rule(S, "concern", r"\blife\s+(?:isn'?t|is\s+not|isnt|not|ain'?t)\s+worth\s+(?:living|it)\b|"
         r"\b(?:thoughts|thinking|think)\s+(?:a\s+lot\s+|so\s+much\s+|constantly\s+|always\s+|often\s+)?"
         r"(?:of|about)\s+(?:death|dying|not\s+being\s+(?:here|"
         r"around)|my\s+(?:own\s+)?death|being\s+dead)\b|\bdark\s+thoughts\b|\b(?:pictur|imagin|fantasi[sz]|"
         r"plan)\w*\s+(?:about\s+)?my\s+"
         r"(?:own\s+)?funeral\b|\b(?:come|came|go|turn\s+up|show\s+up)\s+to\s+my\s+funeral\b|\b(?:don'?t|dont|"
         r"can'?t|cant)\s+see\s+(?:a|any)\s+future\s+(?:for\s+(?:myself|me)|at\s+all)\b|\bno\s+future\s+for\s+"
         r"me\b|\bpretend\w*\s+(?:that\s+)?i\s+want\s+to\s+(?:be\s+alive|live)\b|\b(?:wish|want|hope)\w*\s+"
         r"(?:\w+\s+){0,9}?(?:fade\s+(?:out|away))\b|\bonly\s+way\s+out\b(?=.*\b(?:alive|die|death|dead|exist)\b)",
         "mentions thoughts of death", "worth death dying dead dark funeral way_out future pretend "
         "fade",
         skip_if=r"\b(?:philosoph\w*|existential|abstract|curious|podcast|class)\b"),
    rule(S, "concern", r"\brather\s+be\s+dead\b(?=\s*(?:(?:lol\w*|lmao\w*|haha\w*|jk|tbh|ngl|honestly|rn|fr|"
         r"xd+)\b|[😂🤣💀😅😆😹🙃😭]))|"
         r"\b(?:rather\s+be\s+dead|rather\s+die)\b(?=\s*(?:$|[.!?,;]|\s+than\s+"
         r"(?:keep|go\s+on|continue|live|feel|be\s+(?:with|like|here)|spend\s+another|this)))|"
         r"\bwish\s+(?:a|the)\s+(?:car|bus|truck|train)\s+would\s+(?:just\s+)?hit\s+me\b|"
         r"\bhit\s+by\s+a\s+(?:bus|car|truck|train)\b(?=.*\b(?:wouldn'?t|wouldnt|hope|wish|"
         r"care|mind)\b)", "wishes to be dead", "rather hit", negatable=False),
    rule(S, "concern", r"\b(?:giv\w*|gave)\s+up\s+on\s+(?:[\w,]+\s+){0,3}(?:living|life|being\s+alive)"
         r"\b|\b(?:burden)\s+(?:to|on|for)\s+(?:everyone|everybody|them|all|my\s+\w+|the\s+people)\b|\bbetter"
         r"\s+off\s+(?:not\s+waking\s+up|not\s+(?:here|alive|existing|being\s+here))\b",
         "says they feel like a burden or are giving up", "give_up gave_up giving_up burden better"),
    rule(S, "concern", r"\bhate\s+(?:being\s+alive|existing|living|being\s+here)\b|\bwaste\s+of\s+"
         r"(?:space|air|oxygen|a\s+life)\b|\b(?:life|living|existing|everything|my\s+life)\s+(?:feels|"
         r"is|seems)\s+(?:so\s+|completely\s+|totally\s+)?(?:pointless|meaningless|hopeless)\b|"
         r"\bcar(?:e|ing)\s+(?:if|whether)\s+i\s+(?:live|die|wake\s+up)\b|\blive\s+or\s+die\b|\bwish\s+i\s+"
         r"could\s+(?:just\s+)?(?:fade\s+away|disappear|vanish|cease|evaporate|melt\s+away)|\b(?:not\s+sure|don'?t\s+"
         r"know\s+if|unsure\s+(?:if|whether))\s+i\s+(?:really\s+)?(?:want|wanna)\s+(?:to\s+)?(?:be\s+alive|live|be\s+"
         r"here|keep\s+going|go\s+on)|\bleave\s+this\s+(?:world|earth|life)\b(?!\s+(?:a|better|behind))|\b(?:want|wanna)\s+(?:to\s+)?"
         r"(?:just\s+)?not\s+(?:exist|be\s+alive)\b|\bof\s+existing\b",
         "says life feels pointless or they hate being alive",
         "hate waste pointless meaningless hopeless care caring wish not_sure unsure don't_know "
         "dont_know leave_this live_or fade not_exist not_be existing",
         negatable=False, hyperbole=True),
)
