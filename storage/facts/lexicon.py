"""The English words /fact knows: stop words, aliases, what implies what, and names.

Facts and questions are both reduced to the same concept tokens, so "ML",
"machine learning" and "AI" meet, as do "the studios" and "the producers",
or "beef", "gripe" and "issue". Each table maps what people type (lower
case, accents removed) to a canonical token; words not listed are stemmed
(Snowball) and kept as they are. The tables describe the domain (Hollywood
labour, pay, AI), never one fact: a fact's own alternative names belong in
its keywords in the pack. Spanish lives in storage/facts/spanish_words.py.
"""

from __future__ import annotations

from storage.facts import chat_words as chat


def _words(text: str) -> frozenset[str]:
    """A set of words written as running text, which reads better than a list of strings."""
    return frozenset(text.split())


def _table(groups: dict[str, str]) -> dict[str, str]:
    """{"canonical": "alias one|alias two"} -> {"alias one": "canonical", ...}."""
    return {alias.strip(): canonical for canonical, aliases in groups.items() for alias in aliases.split("|")}


STOP_WORDS = _words(
    """
    a about actually after again against all also am an and any anyone anything are around as at
    be been being but by can could currently did do does doing dont else ever exactly
    for from get gets getting give go going gone got had has have having he hear heard her here
    hey hi him his how i if im in info information into is it its just know kind let like lol me
    more most much my need needs new news no of off ok okay on one only or other our out over
    please pls really right she should so some someone something still
    supposed than thanks thank that thats the their them then there these they thing things
    think this those thx to too true u up us very was way we were what whats when where
    whether which while who whom whose why will with would ya yall you your yours yet dollars
    dollar usd bucks amount number figure yes many per make makes making made people person guy guys
    folks everyone anybody somebody ask asks asking not also last time went help keep keeps kept
    bring bringing brought mention mentioned talk talking try tries kind sort lot lots between among
    during before until within without across through via toward towards upon whats hows whos wheres
    everything nothing able even every each few own same such though etc apparently basically literally
    probably maybe perhaps seriously honestly read saw see seen look looking find found learn explain
    details detail summary quick quickly real truth fact facts question answer knows known mean means
    meant happen happened happens go goes come came put take took give given anyway guess wonder
    wondering curious heard hearing someone questions set b c d e f g h j k l n o p q r s t v w y z
    exist exists existed regarding re concerning specifically particular general overall overview
    gonna wanna gotta kinda sorta stuff thingy dude dudes lemme tho btw imo ngl idk tbh hmm um uh
    ok yeah yep nope wow omg wtf ffs damn heck literally totally super pretty quite rather almost
    nearly roughly approximately approx around somewhere anymore ago mostly whole
    """
)

#: Multi-word phrases, longest first when matched; canonical tokens are single words.
PHRASES = _table(
    {
        "ai": "machine learning|artificial intelligence|machine learning artificial intelligence|a i|ai ml|ml ai",
        "pm": "product manager|product managers|producer manager|product management|product lead",
        "amptp": "alliance of motion picture and television producers|motion picture and television producers",
        "studio": "the studios|hollywood studios|production studios|production houses|production house"
        "|production companies|production company|the producers|studio bosses|studio execs|studio executives"
        "|film studios|movie studios|media companies|entertainment companies|hollywood producers|the suits",
        "sagaftra": "screen actors guild|sag aftra|actors union|actors guild|actor union|actors unions"
        "|screen actors|sag members|sag aftra members|performers union",
        "wga": "writers guild of america|writers guild|writers union|writer guild|screenwriters guild",
        "extra": "background actor|background actors|background performer|background performers"
        "|background extra|background extras|background work|background artist|background artists|day player"
        "|background players|background talent|background roles|background role",
        "strike": "walk out|walked out|walking out|walks out|on strike|picket line|picket lines|been out"
        "|went out|gone out|stay out|staying out|out on strike|on the line|work stoppage|industrial action"
        "|labor action|labour action|job action|took action|taking action|take action|taken action",
        "threshold": "need to earn|have to earn|need to make|have to make|earn enough|make enough|minimum earnings"
        "|earnings requirement|income requirement",
        "strikepay": "strike pay|strike fund|strike funds|strike benefit|strike benefits|strike payment"
        "|strike payments|strike check|strike checks|strike grant|strike grants|hardship fund",
        "insurance": "health insurance|health plan|health care|health cover|health coverage|medical insurance"
        "|medical cover",
        "likeness": "digital replica|digital replicas|digital likeness|digital likenesses|digital double"
        "|digital doubles|ai clone|ai clones|digital copy|digital copies|face scan|face scans|body scan"
        "|body scans|digital version|digital versions|digital twin|digital twins|synthetic performer"
        "|synthetic performers|deep fake|deep fakes",
        "young": "de aging|de aged|de age|younger versions|look younger|young again|deaging|made younger",
        "start": "kick off|kicked off|get going|got going",
        "comment": "say anything|said anything|speak up|weigh in|say something|said something"
        "|have to say|had to say|speak out|spoke out|their take|his take|her take|fire back|shoot back"
        "|hit back|clap back|push back|talk back",
        "want": "asking for|ask for|asked for|fighting for|fight for",
        "nocomment": "declined to comment|declines to comment|refused to comment|would not comment|did not comment"
        "|stayed quiet|stay quiet|kept quiet|keep quiet|stayed silent|kept silent|no comment|said nothing"
        "|not commented",
        "why": "due to|thanks to|so that|in order to|how come|how is it that",
        "use": "what for|used for|use it for",
        "negotiation": "bargaining table|at the table",
        "issue": "sticking point|sticking points|bone of contention|pain point",
        "progress": "going anywhere|getting anywhere|get anywhere|go anywhere|any progress|moving forward"
        "|make progress|making progress|made progress|going well|gone well|went well|going nowhere"
        "|getting nowhere|gone nowhere|went nowhere|no progress",
        "tv": "tv show|tv shows|television show|television shows|tv series",
        "game": "video game|video games|mobile game|mobile games",
        "member": "make up|made up of|consist of|consists of|part of",
        "ghoulish": "godless ai army",
        "greenscreen": "green screen|green screens",
        "percent": "what share|what portion|what fraction",
        "under": "less than|fewer than|lower than",
        "subscriber": "paid subscribers|paying subscribers|paying members|paid members|paying customers"
        "|paying users|paid users",
        "range": "pay band|pay bands|salary band|salary bands",
        "bandmember": "band member|band members",
        "copy": "bring back|brought back|bringing back|brings back",
        "over": "come to an end|came to an end|back to work|go back|going back",
        "vomit": "throw up|throwing up|threw up|turns my stomach|turned her stomach|turn my stomach"
        "|sick to my stomach|makes me sick|made me sick|made her sick",
        "outside": "in front of|out front of|outside of",
        "intro": "opening credits|opening sequence|title sequence|intro sequence|credits sequence"
        "|opening titles|title card|title cards",
        "reaction": "social media|social platform|called out|call out|went off on",
        "pay": "pulling in|pull in|take home|rake in|raking in|shell out|fork over|cough up|pay package"
        "|pay packages|compensation package|compensation packages",
        "die": "passed away|pass away|no longer alive",
        "together": "at the same time|same time|at once",
        "global": "around the world|in the world|all over the world|outside the us|outside hollywood",
        "job": "job opening|job openings|job ad|job ads",
        "starwars": "star wars",
        "startrek": "star trek",
        "reject": "turned down|turn down|shot down",
        "previous": "before this one|before this strike|the one before|the time before",
        "release": "come out|came out|comes out|coming out|been released|be released|get released",
    }
)

#: Single words (before stemming).
WORDS = _table(
    {
        "ai": "ml|ai|genai|llm|llms|ia|chatbot|chatbots|chatgpt|bot|bots|algorithm|algorithms",
        "pm": "pm|pms",
        "amptp": "amptp|ampt",
        "studio": "studio|studios|producers|hollywood",
        "sagaftra": "sagaftra|sag|aftra",
        "wga": "wga|writer|writers|screenwriter|screenwriters|scribes",
        "union": "union|unions|guild|guilds",
        "actor": "actor|actors|actress|actresses|performer|performers|thespians",
        "extra": "extras|extra",
        "pay": "pay|paid|pays|paying|salary|salaries|wage|wages|earn|earns|earning|earned|earnings|income"
        "|compensation|comp|paycheck|paychecks|money|offering|cash|rate|rates|worth|pocket|pockets"
        "|fee|fees|grand|throwing|throw|shelling|dough|payout|payouts",
        "spend": "spend|spends|spending|spent|budget|budgets|invest|invests|investing|invested|investment"
        "|investments",
        "cost": "cost|costs|price|priced|pricing|expensive|cheap",
        "range": "range|ranges|bracket|top|max|maximum|highest|upper|ceiling",
        "bandmember": "bandmate|bandmates|bandmember|bandmembers",
        "mobile": "mobile|phone|phones|smartphone|smartphones|cellphone",
        "under": "under|less|below|fewer|lower|beneath|smaller|smallest",
        "threshold": "threshold|thresholds|eligibility|eligible|minimum|minimums|cutoff|floor",
        "year": "year|years|yearly|annual|annually|annum|yr",
        "technology": "tech|technology|technologies|tool|tools",
        "progress": "progress|headway|stalled|stall|stalling|stuck|breakthrough|unsuccessful|successful"
        "|success|fruitless|deadlock|deadlocked|impasse",
        "strike": "strike|strikes|striking|struck|walkout|walkouts|picket|picketing|picketed|pickets|protest"
        "|protests|protesting|picketers|strikers",
        "insurance": "insurance|healthcare|medical|health",
        "likeness": "likeness|likenesses|replica|replicas|scan|scans|scanned|scanning|simulacrum|simulacrums"
        "|avatar|avatars"
        "|deepfake|deepfakes|face|faces",
        "copy": "copy|copies|copied|copying|recreate|recreates|recreated|recreating|reproduce|reproduces"
        "|reproduced|replicate|replicates|replicated|replicating|clone|clones|cloned|cloning",
        "residual": "residual|residuals|royalty|royalties|reruns",
        "job": "job|jobs|role|roles|position|positions|listing|listings|posting|postings|post|posts|posted"
        "|advertised|advertise|advertising|advertisement|listed|recruiting|recruit"
        "|openings|vacancy|vacancies|ad|ads|advert|hire|hiring|hired|career|careers|gig|gigs",
        "proposal": "proposal|proposals|propose|proposed|proposes|offer|offers|offered",
        "negotiation": "negotiation|negotiations|negotiate|negotiating|talks|bargaining",
        "deal": "deal|deals",
        "contract": "contract|contracts|agreement|agreements|mba",
        "agree": "agree|agreed|agrees|agreeing|accept|accepted|accepts",
        "reject": "reject|rejected|rejects|rejecting|rejection|refuse|refused|dismiss|dismissed",
        "affect": "hit|hurt|affect|affected|impact|impacted|fallout|suffer|suffered|escape|escaped|avoid|avoided",
        "size": "big|bigger|size|large|larger|largest",
        "main": "main|major|biggest|key|primary|central",
        "seek": "sought|seek|seeks|seeking|tried|trying|attempt|attempted",
        "consent": "consent|permission|authorization|authorisation|approval|approve|unauthorized|unauthorised",
        "protection": "protection|protections|protect|protects|protecting|protected|safeguard|safeguards"
        "|safeguarding|regulation|regulations|regulate|regulated|rules|guardrails",
        "company": "company|companies|firms|firm|corporations|employers|employer|streamers|streamer|bosses",
        "percent": "percent|percentage|%|pct|share|proportion",
        "credit": "credit|credits|credited",
        "show": "show|shows|series|episode|episodes|programme|program",
        "film": "film|films|movie|movies",
        "game": "game|games|gaming|videogame|videogames",
        "young": "young|younger|rejuvenate|deage|deaged|youthful",
        "die": "die|died|dies|dead|deceased",
        "history": "history|historic|historical|unprecedented",
        "start": "start|started|starting|begin|began|begun|beginning|since",
        "photo": "photo|photos|picture|pictures|pictured|caption|photograph",
        "comment": "comment|comments|commented|respond|responded|response|reply|replied|statement|silent"
        "|say|says|said|saying|told|tells|tell|wrote|write|writes|answer|answered|quote|quoted|quiet"
        "|call|calls|called|calling|claim|claims|claimed|claiming|insist|insists|insisted|assert|asserts"
        "|asserted|state|states|stated|admit|admits|admitted|announce|announces|announced|brag|brags"
        "|bragged|bragging|boast|boasts|boasted|boasting|tout|touts|touted|retort|retorted|mention"
        "|mentions|mentioned",
        "demand": "demand|demands|demanding|goal|goals",
        "want": "want|wants|wanted|wanting",
        "use": "use|uses|used|using|usage|power|powers|powered|powering",
        "requirement": "requirement|requirements|require|requires|qualification|qualifications|qualified"
        "|experience|skills|skill",
        "member": "member|members|membership",
        "subscriber": "subscriber|subscribers|subs|users|customers|viewers",
        "voice": "voice|voices|voiced",
        "reaction": "reaction|reactions|react|reacted|backlash|outrage|outraged|tweet|tweeted|tweets|twitter|x"
        "|mad|angry|upset|furious|fumed|fuming|livid|pissed|annoyed|slam|slammed|criticize|criticized|blasted"
        "|roasted|dragged|trashed"
        "|criticise|criticised|criticism|complain|complained|complaints",
        "age": "age|aged|old|older",
        "researcher": "researcher|researchers|scientist|scientists",
        "director": "director|directors|directed|directing",
        "engineer": "engineer|engineers|engineering|eng",
        "manager": "manager|managers",
        "talent": "talent|expert|experts|expertise|specialist|specialists",
        "recommend": "recommend|recommends|recommended|recommendation|recommendations|suggestion|suggestions"
        "|personalization|personalisation|personalized|personalised",
        "poster": "poster|posters",
        "song": "song|songs|music|track|tune|tunes",
        "over": "over|end|ended|ending|ends|finish|finished|settled|settle|settlement|ratified|ratify"
        "|ratification|resolved|won|win|cave|caved|concluded|done|fill|filled|filling",
        "vote": "vote|voted|votes|voting|ballot",
        "ghoulish": "ghoulish",
        "why": "reason|reasons|because|cause|compete|competing|competes|competed|competition|competitor"
        "|competitors|rival|rivals|vs|versus",
        "pick": "pick|picks|picked|picking|choose|chooses|choosing|choice|choices|select|selects|selected"
        "|selecting|selection|decide|decides|decided|deciding",
        "issue": "issue|issues|problem|problems|dispute|disputes|beef|beefs|gripe|gripes|complaint"
        "|grievance|grievances|concern|concerns|worry|worries|fight|fights|conflict|conflicts",
        "together": "together|both|joint|jointly|simultaneously|alongside",
        "vomit": "vomit|vomiting|puke|puking|nauseous|nauseating",
        "cast": "play|plays|played|playing|cast|casts|casting|star|stars|starred|starring|portray|portrays"
        "|portrayed",
        "outside": "outside",
        "intro": "intro|intros|introduction|opening",
        "global": "global|globally|worldwide|world|international|internationally|overseas|abroad|foreign",
        "previous": "previous|prior|previously",
        "release": "release|released|releases|releasing|premiere|premiered|launch|launched|debut|debuted"
        "|drop|dropped",
    }
)

#: Irregular forms Snowball does not bring back to their verb ("built" is "build").
IRREGULAR = {
    "built": "build", "written": "write", "wrote": "write", "bought": "buy", "brought": "bring",
    "thought": "think", "taught": "teach", "caught": "catch", "fought": "fight", "sold": "sell",
    "told": "tell", "held": "hold", "led": "lead", "left": "leave", "lost": "lose", "meant": "mean",
    "met": "meet", "ran": "run", "began": "begin", "begun": "begin", "drove": "drive", "driven": "drive",
    "gave": "give", "given": "give", "took": "take", "taken": "take", "chose": "choose", "chosen": "choose",
    "spoke": "speak", "spoken": "speak", "stole": "steal", "stolen": "steal", "broke": "break",
    "broken": "break", "froze": "freeze", "frozen": "freeze", "grew": "grow", "grown": "grow",
    "knew": "know", "drew": "draw", "drawn": "draw", "threw": "throw", "thrown": "throw", "shot": "shoot",
    "hid": "hide", "hidden": "hide", "fell": "fall", "fallen": "fall", "felt": "feel", "kept": "keep",
    "slept": "sleep", "spent": "spend", "sent": "send", "lent": "lend", "stood": "stand", "understood":
    "understand", "struck": "strike", "sought": "seek", "won": "win", "paid": "pay", "said": "say",
    "made": "make", "became": "become", "rose": "rise", "risen": "rise", "sang": "sing", "sung": "sing",
    "swore": "swear", "sworn": "swear", "wore": "wear", "worn": "wear", "signed": "sign",
}  # fmt: skip

#: Forms of everyday verbs a phrase may be written with ("gone anywhere", "got nowhere",
#: "did the deal"); only phrases read these, as the words alone are stop words.
VERB_FORMS = {
    "went": "go", "gone": "go", "goes": "go", "got": "get", "gotten": "get", "did": "do", "done": "do",
    "does": "do", "had": "have", "has": "have", "came": "come", "saw": "see", "seen": "see",
    "was": "be", "were": "be", "is": "be", "are": "be", "been": "be", "am": "be",
}  # fmt: skip

#: A fact that states the first concept also states the others (it is one of them):
#: SAG-AFTRA is an actors' union, a contract is a deal, Netflix is a company and a studio.
IMPLIES = {
    "sagaftra": ("actor", "union"),
    "wga": ("union",),
    "amptp": ("studio", "company"),
    "studio": ("company",),
    "extra": ("actor",),
    "pm": ("manager",),
    "contract": ("deal",),
    "negotiation": ("deal",),
    "copy": ("likeness",),
    "nocomment": ("comment",),
    "show": ("tv",),
    "tv": ("show",),
    **dict.fromkeys(
        _words("netflix disney amazon apple paramount sony nbcuniversal warner lucasfilm marvel pixar"),
        ("company", "studio"),
    ),
}

#: Concepts that help rank when a fact has them but barely count against one that lacks them
#: ("what does Netflix *use* it for", "what did the studios *want*").
SOFT = frozenset(["want", "use", "range", "technology", "main"])

#: Companies a question may name, everyday words among them ("apple", "amazon", "marvel").
COMPANIES = _words(
    """
    netflix disney amazon apple paramount sony nbcuniversal warner lucasfilm marvel pixar openai hbo
    hulu peacock prime youtube google meta microsoft
    """
)
#: Unions, guilds and the producers' alliance.
UNIONS = _words("amptp sagaftra wga iatse teamsters dga")

#: Capitalised words that name no one: months, days, places everyone on the line is in.
NOT_NAMES = _words(
    """
    january february march april may june july august september october november december monday
    tuesday wednesday thursday friday saturday sunday hollywood california los angeles la america
    american us usa english spanish
    """
)

#: Places a fact may say something happened in ("where ..."), as word stems.
PLACES = _words(
    "hollywood california angel burbank atlanta york london spain canada uk europ offic headquart lot"
)

#: Jobs and roles: a question about an actor's pay is not answered by an engineer's.
ROLES = _words(
    """
    actor wga extra pm engineer researcher director manager president ceo stunt crew showrunner editor
    musician artist
    """
)

#: Words that ask about the present or what came after the facts ("is the strike over?").
AFTER_WORDS = frozenset(
    ["now", "today", "latest", "currently", "yet", "anymore", "tonight", "update", "updates", "finally"]
)

#: Ways of asking that say nothing about what is asked ("how does it work", "is it true that").
FRAMES: tuple[str, ...] = (
    "how does it work", "how do they work", "how does that work", "what is it about", "what is that about",
    "tell me about", "tell me", "what do you know about", "do you know", "can you tell me", "could you tell me",
    "is it true that", "is it true", "when it comes to", "what is the deal with", "what is up with",
    "what about", "i heard that", "i heard", "any info on", "anything on", "show me", "give me",
    "which one was it", "which one is it", "what was it", "is that right", "or what", "for real",
)  # fmt: skip

# How members write in chat (storage/facts/chat_words.py): fillers dropped, more words and
# phrases for the same concepts. A word the tables above already give a concept keeps it.
STOP_WORDS = STOP_WORDS | chat.FILLER
PHRASES = {**chat.MORE_PHRASES, **PHRASES}
WORDS = {**chat.MORE_WORDS, **WORDS}
FRAMES = (*FRAMES, *chat.MORE_FRAMES)
