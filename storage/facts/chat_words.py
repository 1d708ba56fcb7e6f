"""How members write in chat: shorthand spelled out, filler, and more everyday words
for the domain's concepts.

Each writer brings words the facts never use: "ppl", "bc", "nah", "lowkey",
"bg work", "the execs", "shortchanged", "the bottom of the band". A word no
fact has weighs most in a question (it may be what the question is about:
"Bob Iger"), so the words that only colour how a question is put are dropped
here, and the ones that say a concept the facts have in other words are
mapped to it. These are lists of how people talk about pay, jobs, AI, unions,
studios and strikes, never a word taken from one question. Spanish chat words
live in storage/facts/spanish_words.py.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _table(groups: dict[str, str]) -> dict[str, str]:
    return {alias.strip(): canonical for canonical, aliases in groups.items() for alias in aliases.split("|")}


#: Chat shorthand and everyday compounds spelled out before anything else reads the words
#: (English only: none of these is a Spanish word). A value of several words is a phrase
#: the tables know ("bg" "background", so "bg work" meets "background work").
SHORTHAND = {
    "ppl": "people", "peeps": "people", "ppls": "people", "bc": "because", "bcuz": "because",
    "bcoz": "because", "cuz": "because", "coz": "because", "cos": "because", "becuz": "because",
    "thru": "through", "abt": "about", "wrt": "about",
    "rn": "now", "atm": "now", "nowadays": "now", "ur": "your", "urs": "yours",
    "b4": "before", "bg": "background", "bgs": "background", "ep": "episode", "eps": "episodes",
    "yrs": "years", "mo": "month", "mos": "months", "hr": "hour", "hrs": "hours",
    "wk": "week", "wks": "weeks", "mgr": "manager", "mgrs": "managers", "mgmt": "management",
    "sr": "senior", "jr": "junior", "govt": "government", "dept": "department", "pic": "photo",
    "pics": "photos", "vid": "video", "vids": "videos", "convo": "talks", "convos": "talks",
    "biz": "business", "org": "organization", "orgs": "organizations", "admin": "administration",
    "req": "requirement", "reqs": "requirements", "jd": "job description", "sal": "salary",
    "exec": "executive", "execs": "executives", "prod": "production", "vfx": "visual effects",
    "underpay": "pay less", "underpays": "pay less", "underpaid": "paid less", "underpaying": "paying less",
    "shortchange": "pay less", "shortchanges": "pay less", "shortchanged": "paid less",
    "shortchanging": "paying less", "lowball": "pay less", "lowballs": "pay less",
    "lowballed": "paid less", "lowballing": "paying less", "stiffed": "paid less",
    "overpay": "pay more", "overpays": "pay more", "overpaid": "paid more", "overpaying": "paying more",
    "payrate": "pay rate", "dayrate": "day rate", "paycheque": "paycheck", "deepfaked": "deepfake",
    "redo": "copy", "lookalike": "likeness",
    "lookalikes": "likeness", "doppelganger": "likeness", "doppelgangers": "likeness",
    "holo": "likeness", "hologram": "likeness", "holograms": "likeness",
    "picketer": "strike", "standin": "extra", "standins": "extras",
    "whats": "what is", "hows": "how is", "whos": "who is", "wheres": "where is", "whens": "when is",
    "whys": "why is", "thats": "that is", "dont": "do not", "doesnt": "does not", "didnt": "did not",
    "isnt": "is not", "arent": "are not", "wasnt": "was not", "werent": "were not", "cant": "can not",
    "wouldnt": "would not", "shouldnt": "should not", "couldnt": "could not", "hasnt": "has not",
    "havent": "have not", "hadnt": "had not", "im": "i am", "ive": "i have", "youre": "you are",
    "theyre": "they are", "theyve": "they have", "weve": "we have", "gonna": "going to",
    # Everyday misspellings of the little words, which no fact has to correct them by.
    "dose": "does", "wich": "which", "whta": "what", "waht": "what", "teh": "the",
    "thier": "their", "becuase": "because", "becasue": "because", "wen": "when",
    "wat": "what", "wut": "what", "wot": "what", "wht": "what", "hw": "how", "whn": "when",
    "gpt": "ai", "gpts": "ai", "aigenerated": "ai generated",
}  # fmt: skip

#: Words that colour how a question is put and say nothing about which fact answers it:
#: chat fillers, hedges, intensifiers, and the people a question is asked by or for.
FILLER = _words(
    """
    yo nah naw nope yup yea yeh ya yah ye bruh bro brah dude fam homie folks peeps mate
    lowkey highkey deadass fr frfr ngl tbf tbh imo imho fwiw fyi iirc afaik istg smh jk lmk
    lol lmao lmfao rofl haha hahaha hehe ugh meh welp yikes oof oops whoa wait hold hmm hm
    huh eh aight alright ight alr gotcha okok kk k
    usual usually typical typically normal normally generally general standard average avg
    regular regularly currently presently exactly approximately roughly about around ish
    insane insanely crazy crazily nuts wild ridiculous ridiculously absurd absurdly obscene
    outrageous outrageously bonkers ludicrous madly wildly hella mega
    super extremely incredibly seriously totally completely absolutely definitely surely really
    actually honestly frankly literally basically simply just merely even still only also
    again anyways anyway besides otherwise plus though although however whereas
    human humans me myself ourselves yourself yourselves themselves himself herself
    bit little tad somewhat slightly fairly kinda sorta nobody noone behind
    count headcount tally remind reminder recall
    """
)

#: More words for the domain's concepts (merged into storage/facts/lexicon.py's WORDS).
MORE_WORDS = _table(
    {
        "pay": "bread|moolah|loot|scratch|dosh|paycheque|cheque|payday|compensate|compensated|compensating"
        "|remuneration|remunerate|remunerated|stipend|stipends|earner|earners|salaried"
        "|compensations|payment|payments|payroll|renumeration",
        "job": "staff|staffer|staffers|employee|employees|personnel|hires|recruits|recruiter|recruiters"
        "|headhunting|poach|poaching|poached|vacant|jobsite|jobsites|employment",
        "studio": "executive|executives|bigwig|bigwigs|mogul|moguls|management|corporate|networks|network"
        "|conglomerate|conglomerates|mediacos|showbiz",
        "ai": "robot|robots|robotic|machine|machines|computer|computers|computerized|automation|automated"
        "|automate|automating|neural",
        "range": "bottom|lowest|least|upto|tops|topping|peak|capped|cap",
        "subscriber": "subscription|subscriptions|subscribe|subscribes|subscribed|subscribing|accounts"
        "|households|audience|audiences|watchers",
        "recommend": "push|pushes|pushing|pushed|promote|promotes|promoting|promoted|curate|curates|curated"
        "|curating|tailor|tailors|tailored|suggest|suggests|suggested|suggesting|algorithmic",
        "copy": "plagiarize|plagiarized|plagiarizes|plagiarism|plagiarise|plagiarised|knockoff|knockoffs"
        "|duplicate|duplicates|duplicated|mimic|mimics|mimicked|imitate|imitates|imitated|imitation",
        "reaction": "outcry|uproar|furor|furore|fury|pushback|anger|enraged|irate|incensed|ranted|rant"
        "|vented|venting|blasting|slams|slamming|scorn|scorned|mocked|mocking|disgusted|disgust",
        "show": "season|seasons|sitcom|sitcoms|miniseries|docuseries|installment|installments",
        "film": "flick|flicks|sequel|sequels|blockbuster|blockbusters|cinema",
        "song": "album|albums|recording|recordings",
        "use": "utilize|utilizes|utilized|utilizing|utilise|utilised|employ|employs|employed|employing"
        "|leverage|leverages|leveraged|leveraging|deploy|deploys|deployed|deploying|rely|relies|relied",
        "negotiation": "bargain|bargained|negotiator|negotiators|mediation|mediator|haggling|haggle",
        "progress": "stalemate|standoff|standstill|gridlock|gridlocked|stagnant|stagnated|traction",
        "issue": "obstacle|obstacles|holdup|hangup|dealbreaker|dealbreakers|flashpoint|flashpoints",
        "why": "rationale|motive|motives|motivation|justification|explanation",
        "comment": "remark|remarks|spokesperson|spokesman|spokeswoman|spokespeople|statements|commenting"
        "|ghost|ghosted|ghosting|stonewall|stonewalled|stonewalling|mum|silence",
        "protection": "safeguarded|shield|shielded|shields|guardrail|ban|bans|banned|banning|restrict|restricts"
        "|restricted|restriction|restrictions",
        "consent": "signoff|greenlight|authorize|authorise|authorized|authorised|approves|approved",
        "union": "labor|labour|guildmembers|unionized|unionised|unionize|unionise",
        "strike": "walkouts|striked|picketline|shutdown|shutdowns",
        "reject": "decline|declines|declined|declining|nixed|nix|snubbed|snub|rebuffed|rebuff",
        "likeness": "digitize|digitized|digitise|digitised|digitally",
        "history": "landmark|milestone",
        "lack": "lack|lacks|lacking|lacked|missing|absent|absence|without|zero",
        "global": "offshore|elsewhere",
        "build": "invent|invents|invented|inventing|invention|develop|develops|developed|developing"
        "|design|designs|designed|designing",
        "affect": "dodge|dodges|dodged|dodging|sidestep|sidestepped|evade|evaded|evading|spared|immune"
        "|unscathed",
        "manager": "lead|leads|head|heads|supervisor|supervisors|overseer",
        "proposal": "promise|promises|promised|promising|pledge|pledges|pledged|vow|vowed|guarantee"
        "|guarantees|guaranteed",
        "replace": "replace|replaces|replaced|replacing|replacement|replacements|obsolete|redundant"
        "|unemployed|jobless|layoff|layoffs",
    }
)

#: More phrases (merged into storage/facts/lexicon.py's PHRASES).
MORE_PHRASES = _table(
    {
        "consent": "our ok|your ok|their ok|my ok|the ok|an ok|green light|the nod|sign off|signed off|signs off",
        "want": "push for|pushing for|pushed for|pushes for|holding out for|hold out for|held out for",
        "range": "low end|high end|top end|bottom end|upper end|lower end|entry level|at most|up to",
        "pay": "paid out|pay out|pays out|take home pay|going rate",
        "reaction": "lost it|freaked out|freak out|blew up|went off|pissed off|fed up",
        "ai": "computer generated|machine made|made by ai",
        "spend": "all in on|go all in|going all in|went all in|doubling down|double down|doubled down|bet big"
        "|betting big|pouring money|pour money|poured money|sinking money",
        "amptp": "studio group|studios group|group of studios|studio alliance|studios alliance"
        "|producers alliance|producer alliance|the alliance|studio coalition|studios coalition",
        "lack": "no protection|no protections|not protected|unprotected",
        "replace": "lose work|lose their work|lose jobs|lose their jobs|lose a job|out of work|take jobs"
        "|take their jobs|steal jobs|steal their jobs|job loss|job losses|put out of work|take over jobs",
        # Running a picket (the bot's /picket commands), which no fact is about.
        "picketrota": "picket rules|picket rule|picket schedule|picket shift|picket times|picket time"
        "|picket hours|picket location|picket etiquette|picket captain|picket signup|shift schedule"
        "|shift signup|sign up for a shift|signup sheet",
        # "Since they film overseas" gives a reason; "since May" says when.
        "because": "since they|since we|since it|since he|since she|since you|since i|since there",
        "when": "how long ago|how many years ago|how far back|how many years back",
    }
)
#: Ways of asking that say nothing about what is asked (merged into lexicon.FRAMES).
MORE_FRAMES = (
    "in the first place", "to begin with", "or nah", "or not", "what is the story with", "what is the story",
    "what is the plot of", "what is the plot", "what is the premise of", "what is the premise",
    "what is the gist of", "what is the gist", "as bad as", "as badly as", "as hard as", "as much as", "what happens in", "fill me in on", "fill me in",
    "break it down", "remind me of", "remind me", "refresh my memory", "do you remember",
    "catch me up on", "catch me up", "any idea", "any clue", "real quick",
)  # fmt: skip
