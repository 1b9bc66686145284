"""Coercive-control patterns for the safety detector: money, phone, movement, isolation, rules.

Written for Nearer, MIT. Control without violence is a "concern"; the pattern of isolation,
monitoring and micro-regulation follows Stark, E. (2007). Coercive Control. Oxford UP.
"""

from __future__ import annotations

from nearer.analysis.safety.rules import PARTNER_OBJ, Rule, rule

V = "violence"
_THINGS = (
    r"(?:phone|keys|car\s+keys|bank\s+card|cards?|credit\s+card|debit\s+card|money|wallet|purse|"
    r"passport|id|documents|paycheck|pay\s?check|wages|salary|laptop|sim|passwords?|savings)"
)
CONTROL_RULES: tuple[Rule, ...] = (
    rule(V, "concern", r"\b(?:have|has|had)\s+to\s+send\s+(?:him|her|them)\s+(?:a\s+)?(?:pictures?|photos?|pics?|"
         r"videos?|proof)\s+of\s+(?:where|who|what)\b|\b(?:tracker|tracking|location)\s+app\b|\bwatch\w*\s+"
         r"where\s+i\s+go\b|\bbelittl\w*\s+me\b|\bhumiliat\w*\s+me\s+in\s+front\b|\bputs?\s+me\s+down\s+"
         r"(?:in\s+front|all\s+the\s+time|constantly|every)|\bcalls?\s+me\s+(?:stupid|worthless|useless|fat|ugly|"
         r"pathetic|crazy|a\s+(?:slut|whore|bitch|failure|loser))\b|\bleave\s+me\s+with\s+nothing\b|\bcurfew\b|"
         r"\btell\s+everyone\s+(?:my|about\s+my)\b|\b(?:share|post|send)\s+my\s+(?:photos|pictures|nudes|secrets|"
         r"videos)\b|\bmake\s+my"
         r"\s+life\s+(?:a\s+)?(?:hell|misery)\b", "describes being belittled, watched or threatened with ruin",
         "send_him send_her send_them tracker tracking location_app watch belittl humiliat put_me "
         "puts_me call_me calls_me leave_me make_my curfew tell_everyone share_my post_my send_my",
         needs=r"\b(?:he|she|him|her|husband|wife|partner|bf|gf|boyfriend|girlfriend)\b",
         skip_if=r"\b(?:boss|teacher|coach|manager|joke|jok\w*|lol|haha|family\s+(?:share|plan)|"
         r"son|daughter|teen\w*|kids?|children)\b"),
    rule(V, "concern", r"\btimes\s+(?:how\s+long|me\s+when|my\s+(?:trips|walks|shopping))\b|\bquestions\s+"
         r"me\s*(?:$|[.!?,;]|\s+(?:about|for|every|when|if|until|and))", "describes being timed or "
         "questioned", "times questions", needs=r"\b(?:he|she|him|her|husband|wife|partner|bf|gf|"
         r"boyfriend|girlfriend)\b", skip_if=r"\b(?:police|teacher|boss|interview|exam|quiz)\b"),
    rule(V, "concern", rf"\b(?:takes?|took|taking|grabs?|grabbed|snatch\w*|confiscat\w*|hides?|"
         rf"hid|keeps?|kept|smash\w*|broke|breaks?|destroy\w*|steal\w*|stole|has\s+all)\s+(?:away\s+)?"
         rf"(?:all\s+(?:of\s+)?)?(?:my|our)\s+"
         rf"{_THINGS}\b(?!\s+(?:to\s+(?:look|see|show|take|charge|fix|check\s+the)|for\s+a\s+"
         r"(?:photo|picture|minute|sec)))", "describes things being taken to control them",
         "phone keys card money wallet purse passport documents paycheck pay check wages salary "
         "laptop sim password savings", check_subject=True,
         skip_if=r"\b(?:which\s+i\s+asked|i\s+asked\s+(?:him|her|them)|we\s+agreed|for\s+me\s+"
         r"while|safe\s+keeping|thief|robbed|mugged|pickpocket\w*|by\s+(?:mistake|accident)|accident\w*|"
         r"prank\w*|as\s+a\s+joke|"
         r"i\s+(?:like|love|don'?t\s+mind)\s+(?:it|that)|no\s+secrets)\b",
         urgent_if=r"\b(?:couldn'?t|can'?t|cant|couldnt)\s+(?:call|leave|get\s+help|go)\b"),
    rule(V, "concern", r"\b(?:reads?|read|check(?:s|ed)?|goes\s+through|went\s+through|looks\s+"
         r"through|monitor\w*|track\w*|spies\s+on|spy\w*\s+on|stalk\w*|records?)\s+(?:(?:all|every)\s+"
         r"(?:of\s+)?)?(?:my\s+|the\s+|single\s+)?(?:message|text|email|call)s?\s+i\s+(?:send|get|write|"
         r"make|receive)\b|\b(?:reads?|read|check(?:s|ed)?|goes\s+through|went\s+through|going\s+through|"
         r"looks\s+through|monitor\w*|track\w*|spies\s+on|spy\w*\s+on|stalk\w*|records?)\s+(?:all\s+(?:of\s+)?)?"
         r"my\s+(?:phone|messages|texts|emails?|diary|journal|location|bank|accounts?|browser|"
         r"search\s+history|everything|dms|chats|calls|whatsapp|mileage|call\s+(?:log|history)|"
         r"receipts|bag|purse|handbag|car|pockets|laptop|post|mail|spending|purchases|stuff|things|drawers|"
         r"wardrobe|belongings)\b|\baccus\w*\s+me\s+of\s+(?:cheating|flirting|sleeping\s+around|having\s+an\s+"
         r"affair)\b|\b(?:monitors|tracks|"
         r"checks|watches|questions\s+me\s+about)\s+everything\b|\btracking\s+app\b|"
         r"\bstalk\w*\s+me\b|\bfollows?\s+me\s+(?:when|everywhere|around|to)\b",
         "describes being monitored", "messages texts email diary journal location bank account "
         "browser history everything dms chats calls whatsapp mileage tracking stalk follow phone "
         "call_log receipts bag purse car pockets laptop post mail message text spending purchases "
         "stuff things drawers wardrobe belongings accus",
         check_subject=True, skip_if=r"\b(?:we\s+(?:both|agreed|share)|app\s+store|for\s+me|i\s+(?:like|"
         r"love|don'?t\s+mind)\s+(?:it|that)|no\s+secrets|over\s+my\s+shoulder\s+and\s+laugh\w*)\b"),
    rule(V, "concern", r"\b(?:won'?t|wont|doesn'?t|doesnt|don'?t|dont|didn'?t|didnt|never|"
         r"refuses?\s+to)\s+let\s+me\s+(?:see|talk|visit|call|text|go\s+(?:out|anywhere|to)|have|"
         r"use|work|get\s+a\s+job|drive|spend|wear|leave\s+the\s+house|touch|access|open|keep)\b|"
         r"\b(?:isn'?t|is\s+not|not|stop\w*)\s+(?:letting|allowing)\s+me\s+(?:to\s+)?\w+|\bstops?\s+me"
         r"\s+(?:from\s+)?(?:going|seeing|working|leaving|talking|having|using|calling|visiting)\b|"
         r"\b(?:won'?t|wont|doesn'?t|doesnt)\s+allow\s+me\b",
         "describes being kept from people or things", "let stop allow", negatable=False,
         check_subject=True, urgent_if=r"\bleav\w*\s+the\s+(?:house|flat|room|apartment|bedroom)\b"),
    rule(V, "concern", r"\b(?:i'?m|i\s+am|im|am|i\s+was|i'?m\s+just)\s+not\s+allowed\s+(?:to|out|an?|my\s+own|any)\b|"
         r"\b(?:have|need)\s+to\s+ask\s+(?:his|her|their|for)?\s*permission\b|\b(?:ask|beg)\s+"
         r"(?:him|her|them)\s+for\s+(?:money|cash|permission)\b|\b(?:gives|give|gave)\s+me\s+an?\s+(?:\w+\s+)?"
         r"allowance\b", "describes needing permission", "allowed permission allowance money cash",
         negatable=False, skip_if=r"\b(?:work|boss|school|teacher|hospital|gym|office|tradition\w*|"
         r"wedding|dress|dairy|gluten|sugar|diet|doctor'?s?|spoilers?|caffeine|alcohol|op|operation|"
         r"surgery|lift\w*|physio)\b"),
    rule(V, "concern", r"\bcontrol\w*\s+(?:all\s+(?:of\s+)?)?(?:the|my|our)\s+(?:money|finances|"
         r"bank|accounts?|phone|life|everything|spending|cards?)\b|\bcontrols\s+everything\b|"
         r"\b(?:decides?|controls?|chooses?)\s+(?:what|who|where|when)\s+(?:i|i'?m)\s+(?:can\s+|am\s+allowed\s+"
         r"to\s+|allowed\s+to\s+|may\s+)?"
         r"(?:wear|eat|do|say|see|go|talk|spend)\b|\bchanged\s+the\s+passwords?\s+(?:on|to|for)\s+"
         r"(?:our|my|the)\s+(?:bank|accounts?|phone|email)|\bcut\s+me\s+off\s+from\b|\bisolat\w*"
         r"\s+me\b|\bkeeps?\s+me\s+from\s+(?:seeing|talking|my)\b", "describes coercive control",
         "control decide password cut isolat keep", check_subject=True),
    rule(V, "concern", r"\b(?:gets|is|goes|get)\s+(?:\w+\s+)?(?:angry|mad|furious|jealous|crazy|"
         r"violent)\s+(?:if|when|whenever|every\s+time)\s+i\s+(?:talk|see|go|text|call|spend|visit|"
         r"hang|wear|leave)\b|\b(?:makes?|made|forces?|forced)\s+me\s+(?:to\s+)?(?:send|share|"
         r"show|tell)\s+(?:him|her|them)\s+(?:\w+\s+){0,4}?(?:where\s+i\s+am|my\s+location|who\s+i"
         r")", "describes controlling jealousy", "angry mad_if mad_when mad_every furious jealous "
         "crazy violent where_i_am location", check_subject=True),
    rule(V, "concern", r"\b(?:physically|emotionally|verbally|financially|sexually)?\s*abus(?:ive|"
         r"es|ing|ed)\s+(?:me|relationship|partner|husband|wife|boyfriend|girlfriend|marriage)\b|"
         r"\b(?:he|she|they|partner|husband|wife|bf|gf|boyfriend|girlfriend)(?:'s|\s+is|\s+was|\s+"
         r"has\s+been|\s+can\s+be|\s+gets|\s+became)\s+(?:\w+\s+)?abusive\b|\bi'?m\s+(?:in|"
         r"experiencing|living\s+with|a\s+victim\s+of|going\s+through)\s+(?:an?\s+)?(?:domestic|"
         r"abusive)", "describes abuse", "abus domestic",
         urgent_if=r"\b(?:physically|sexually|violent|hit|beat)\w*\b",
         skip_if=r"\b(?:documentary|article|podcast|film|movie|book|news|story|watch\w*|read)\b"),
    rule(V, "urgent", r"\b(?:hit|hits|hurt|hurts|beat|beats|kicked|kicks|punched|slapped|choked|"
         r"shook|shakes|threw|throws)\s+(?:my|our|the)\s+(?:kids?|children|son|daughter|baby|"
         r"dog|cat|puppy|kitten|mum|mom|mother|sister)\b", "describes harm to family or pets",
         "hit hurt beat kick punch slap chok shook shake threw throw",
         check_subject=True, skip_if=r"\b(?:jackpot|accident\w*|ball)\b"),
    rule(V, "urgent", rf"\b(?:i|i'?m|im|i\s+am|i'?ll|ill|i\s+will|i'?ve|ive)\s+(?:\w+\s+){{0,3}}?"
         rf"(?:kill|stab|shoot|strangle|murder|poison\w*|choke|stabbing|killing|shooting)\s+"
         rf"{PARTNER_OBJ}\b", "mentions wanting to hurt someone else",
         "kill stab shoot strangl murder poison choke", hyperbole=True,
         skip_if=r"\b(?:if\s+(?:he|she|they)\s+(?:\w+\s+){0,3}(?:again|one\s+more\s+time|late|"
         r"forgets?|eats?|leaves?|doesn'?t|touch\w*\s+my\s+(?:food|stuff|phone))|when\s+(?:he|she)"
         r"\s+(?:gets|sees)|game|video)\b"),
    rule(V, "concern", rf"\b(?:want|wanna|wanted|going|gonna|feel\s+like)\s+(?:to\s+)?(?:hit|hurt|"
         rf"punch|slap|smack)\s+{PARTNER_OBJ}\b", "mentions wanting to hit someone",
         "hit hurt punch slap smack", hyperbole=True,
         urgent_if=r"\b(?:knife|knives|gun|weapon|bat|poison)\b"),
    rule(V, "urgent", r"\b(?:get|buy|bought|got|looking\s+at|grab)\s+(?:a\s+)?(?:gun|knife|knives|"
         r"weapon)\b(?=.*\b(?:him|her|them|make\s+\w+\s+pay|hurt)\b)",
         "mentions getting a weapon", "gun knife knives weapon"),
    rule(V, "concern", r"\bthreat\w*\s+to\s+(?:kick|throw)\s+me\s+out\b|\bkick\w*\s+me\s+out\b|"
         r"\bthrow\w*\s+me\s+out\b", "describes being threatened with losing their home",
         "kick throw", check_subject=True,
         skip_if=r"\b(?:bar|club|class|game|pub|party|lol|haha|group|chat|jok\w*|server|team|bed|"
         r"snor\w*)\b",
         urgent_if=r"\b(?:street|\d+\s?am|middle\s+of\s+the\s+night|locked|snow|cold|rain|pyjamas|"
         r"pajamas)\b"),
    # Rules to live by: reporting in, asking leave, handing over, being made to prove things.
    rule(V, "concern", r"\b(?:have|has|need|needs|had|got)\s+to\s+(?:send|share|text|show|tell)\s+"
         r"(?:him|her|them)\s+(?:my\s+location|where\s+i\s+am|a\s+(?:photo|picture|selfie|pic))\b|"
         r"\bonly\s+allowed\s+(?:out|to\s+(?:go|see|leave|visit))\b|\b(?:need|needs|have\s+to\s+get|"
         r"must\s+get|wait\s+for)\s+(?:his|her|their)\s+(?:say[\s-]?so|ok|okay|approval|permission|"
         r"sign[\s-]?off|blessing)\b|\baccount\s+for\s+(?:every|each)\s+(?:penny|pound|dollar|cent|"
         r"minute|hour|receipt)\b|\bhand\s+over\s+(?:all\s+)?(?:my|the)\s+(?:wages|pay|salary|"
         r"money|paycheck|card|phone)\b|\bwhere\s+the\s+extra\s+\w+\s+(?:minutes?|hours?)\s+went\b|"
         r"\btimed\s+(?:my|me|how)\b", "describes rules imposed by a partner",
         "send_him send_her send_them share_him show_him show_her text_him text_her tell_him "
         "tell_her only_allowed say-so say_so sayso approval permission sign-off sign_off "
         "blessing his_ok her_ok their_ok account_for hand_over extra timed",
         needs=r"\b(?:every|each|or\s+(?:he|she|they)|whenever|constantly|all\s+the\s+time|hour|"
         r"before|unless|if|allowed|wages|his|her|he|she|husband|wife|partner)\b",
         skip_if=r"\b(?:we\s+both|agreed|boss|work|expenses|client|budget\s+app|teacher|school|"
         r"tradition|doctor|landlord|lol|haha)\b"),
    rule(V, "concern", r"\b(?:picks?|chooses?|choose)\s+what\s+i\s+(?:wear|eat|can\s+wear)\b|"
         r"\b(?:makes?|made|forces?|forced)\s+me\s+(?:to\s+)?(?:change\s+(?:my\s+clothes|out\s+of|"
         r"if|before|into|\w+\s+if)|delete|quit\s+my|unfollow|block\s+my|hand\s+over|account\s+for|"
         r"beg|sleep\s+(?:in|on|outside)|(?:\w+\s+){1,4}as\s+(?:a\s+)?punishment)|\b(?:delete|"
         r"deleted|block|blocked|unfollow\w*|remove\w*)\s+(?:every|all)\s+(?:\w+\s+)?(?:from\s+my\s+)?"
         r"(?:contacts|friends|followers|men|guys|girls|women|numbers|male\s+friends)\b|\bif\s+i\s+"
         r"(?:really\s+|truly\s+)?loved\s+(?:him|her|them)\s+i(?:'?d|\s+would)\s+(?:stop|quit|give\s+"
         r"up|cut|not|never|drop|delete|leave\s+my)\b|\blogs?\s+(?:in)?to\s+my\s+(?:bank\w*|email|"
         r"accounts?|phone|apps?|socials?|instagram|facebook)\b|\b(?:turns?|turned|shows?|showed)\s+"
         r"up\s+at\s+my\s+(?:work|job|office|school|uni|mum'?s|friend'?s)\b(?=.{0,60}\b(?:if|"
         r"unannounced|uninvited|without\s+warning|check|every)\b)|(?<=\bif\s)i\s+(?:don'?t|do\s+not)"
         r"\s+(?:pick\s+up|answer)\b(?=.{0,60}\b(?:he|she)\s+(?:turns|shows|comes|goes|gets|loses))",
         "describes being made to obey or being checked on", "picks pick chooses choose makes made "
         "forces forced delete deleted block blocked unfollow remove log logs turns turned shows "
         "showed if_i", check_subject=True, needs=r"\b(?:he|she|him|her|his|they|husband|wife|partner|"
         r"bf|gf|boyfriend|girlfriend)\b", skip_if=r"\b(?:kids?|son|daughter|toddler|baby|nappy|"
         r"diaper|boss|teacher|coach|doctor|lol|haha|prank|we\s+both|agreed|surprise)\b"),
    rule(V, "concern", r"\b(?:send|sends|sent|show|shows|showed|share|shares|shared|post|posts|posted)"
         r"\s+my\s+(?:private\s+)?(?:pictures|photos|pics|nudes|videos|messages)\s+(?:to|with)\b|"
         r"\b(?:changed|changes|change)\s+the\s+(?:wifi\s+)?password\b|\bso\s+(?:that\s+)?i\s+"
         r"(?:couldn'?t|can'?t|cannot|wouldn'?t\s+be\s+able\s+to)\s+(?:call|ring|text|contact|phone|"
         r"reach|leave|get\s+out|get\s+help|go\s+anywhere|see\s+my|get\s+online)\b",
         "describes being cut off or shamed", "pictures photos pics nudes videos messages "
         "password couldn can't cant cannot wouldn", check_subject=True,
         needs=r"\b(?:he|she|they|husband|wife|partner|bf|gf|boyfriend|girlfriend)\b",
         skip_if=r"\b(?:lol|haha\w*|prank\w*|😂|by\s+mistake|accident\w*|phone\s+died|battery|"
         r"we\s+both|agreed|grandma|gran|nan|proud|birthday|wedding)\b",
         urgent_if=r"\b(?:call|ring|contact|phone|get\s+help|police|leave|get\s+out)\b"),
)
