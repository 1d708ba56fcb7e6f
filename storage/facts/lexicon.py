"""The words /fact knows: stop words, aliases and a Spanish glossary.

Facts and questions are both reduced to the same concept tokens, so "ML",
"machine learning" and "AI" meet, as do "the studios", "AMPTP" and "Alliance
of Motion Picture and Television Producers". Each table maps what people
type (lower case, accents removed) to a canonical token; words not listed are
stemmed (Snowball) and kept as they are.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    """A set of words written as running text, which reads better than a list of strings."""
    return frozenset(text.split())


def _table(groups: dict[str, str]) -> dict[str, str]:
    """{"canonical": "alias one|alias two"} -> {"alias one": "canonical", ...}."""
    return {alias.strip(): canonical for canonical, aliases in groups.items() for alias in aliases.split("|")}


STOP_WORDS = _words(
    """
    a about actually after again against all also am an and any anyone anything are around as at
    be been being both but by can could currently did do does doing dont else ever exactly
    for from get gets getting give go going gone got had has have having he hear heard her here
    hey hi him his how i if im in info information into is it its just know kind let like lol me
    more most much my need needs new news no of off ok okay on one only or other our out over
    please pls really right she should show so some someone something still
    supposed than thanks thank that thats the their them then there these they thing things
    think this those thx to too true u up us very was way we were what whats when where
    whether which while who whom whose why will with would ya yall you your yours yet dollars
    dollar usd bucks amount number figure yes many per make makes making made people person guy guys
    folks everyone anybody somebody ask asks asked asking not also last time went help keep keeps kept
    bring bringing brought mention mentioned talk talking try tries kind sort lot lots between among
    during before until within without across through via toward towards upon whats hows whos wheres
    everything nothing able even every each few own same such though etc apparently basically literally
    probably maybe perhaps seriously honestly read saw see seen look looking find found learn explain
    details detail summary quick quickly real truth fact facts question answer knows known mean means
    meant happen happened happens go goes come came put take took give given anyway guess wonder
    wondering curious heard hearing someone questions set b c d e f g h j k l n o p q r s t v w y z
    exist exists existed regarding re concerning specifically particular general overall overview
    """
)

#: Multi-word phrases, longest first when matched; canonical tokens are single words.
PHRASES = _table(
    {
        "ai": "machine learning|artificial intelligence|machine learning artificial intelligence|a i|ai ml|ml ai",
        "pm": "product manager|product managers|producer manager|product management|product lead",
        "amptp": "alliance of motion picture and television producers|motion picture and television producers"
        "|the studios|hollywood studios|production studios|production houses|the producers|studio bosses",
        "sagaftra": "screen actors guild|sag aftra|actors union|actors guild|actor union|actors unions"
        "|screen actors|sag members|sag aftra members",
        "wga": "writers guild of america|writers guild|writers union|writer guild|screenwriters guild",
        "extra": "background actor|background actors|background performer|background performers"
        "|background extra|background extras|background work|background artist|background artists|day player",
        "strike": "walk out|walked out|walking out|walks out|on strike|picket line|picket lines",
        "threshold": "need to earn|have to earn|need to make|have to make|earn enough|make enough|minimum earnings"
        "|earnings requirement|income requirement",
        "strikepay": "strike pay|strike fund|strike funds|strike benefit|strike benefits|strike payment"
        "|strike payments|strike check|strike checks|strike grant|strike grants|hardship fund",
        "insurance": "health insurance|health plan|health care|health cover|health coverage|medical insurance"
        "|medical cover",
        "likeness": "digital replica|digital replicas|digital likeness|digital likenesses|digital double"
        "|digital doubles|ai clone|ai clones|digital copy|digital copies|face scan|face scans|body scan",
        "young": "de aging|de aged|de age|younger versions|look younger|young again|deaging",
        "start": "kick off|kicked off|get going|got going",
        "comment": "say anything|said anything|no comment|speak up|weigh in",
        "want": "asking for|ask for|fighting for|fight for",
        "why": "due to|thanks to|so that|in order to|how come",
        "negotiation": "bargaining table|sticking point|sticking points",
        "tv": "tv show|tv shows|television show|television shows",
        "game": "video game|video games|mobile game|mobile games",
        "member": "make up|made up of|consist of|consists of|part of",
        "ghoulish": "godless ai army",
        "greenscreen": "green screen|green screens|magenta green screen",
        "percent": "what share|what portion|what fraction",
        "under": "less than|fewer than|lower than",
        "subscriber": "paid subscribers|paying subscribers",
        "over": "come to an end|came to an end|back to work|go back|going back",
    }
)

#: Single words (before stemming).
WORDS = _table(
    {
        "ai": "ml|ai|genai|llm|llms|ia|chatbot|chatbots|chatgpt|bot|bots|algorithm|algorithms",
        "pm": "pm|pms",
        "amptp": "amptp|ampt|studios|studio|producers",
        "sagaftra": "sagaftra|sag|aftra",
        "wga": "wga|writer|writers|screenwriter|screenwriters|scribes",
        "actor": "actor|actors|actress|actresses|performer|performers|thespians",
        "extra": "extras|extra",
        "pay": "pay|paid|pays|paying|salary|salaries|wage|wages|earn|earns|earning|earned|earnings|income"
        "|compensation|comp|paycheck|paychecks|money|offering|cash|rate|rates|worth"
        "|fee|fees|grand|spend|spends|spending|spent|throwing|throw|shelling|dough|payout|payouts",
        "range": "range|ranges|band|bands|bracket|top|max|maximum|highest|upper|ceiling",
        "under": "under|less|below|fewer|lower|beneath",
        "threshold": "threshold|thresholds|eligibility|eligible|minimum|minimums|cutoff|floor",
        "year": "year|years|yearly|annual|annually|annum|yr",
        "technology": "tech|technology|technologies|tool|tools",
        "progress": "progress|headway|stalled|stall|stalling|stuck|breakthrough|unsuccessful|successful"
        "|success|fruitless|deadlock|deadlocked|impasse",
        "strike": "strike|strikes|striking|struck|walkout|walkouts|picket|picketing|picketed|pickets|protest"
        "|protests|protesting|picketers",
        "insurance": "insurance|healthcare|medical|health",
        "likeness": "likeness|likenesses|replica|replicas|scan|scans|scanned|scanning|clone|clones|cloned"
        "|simulacrum|simulacrums|deepfake|deepfakes",
        "residual": "residual|residuals|royalty|royalties|reruns",
        "job": "job|jobs|role|roles|position|positions|listing|listings|posting|postings|post|posts|posted"
        "|advertised|advertise|advertising|advertisement|listed"
        "|opening|openings|vacancy|vacancies|ad|ads|advert|hire|hiring|hired|career|careers|gig",
        "proposal": "proposal|proposals|propose|proposed|proposes|offer|offers|offered",
        "negotiation": "negotiation|negotiations|negotiate|negotiating|negotiator|talks|bargaining|deal|deals",
        "contract": "contract|contracts|agreement|agreements|mba",
        "affect": "hit|hurt|affect|affected|impact|impacted|fallout|suffer|suffered|escape|escaped|avoid|avoided",
        "size": "big|bigger|biggest|size|large|larger|largest",
        "seek": "sought|seek|seeks|seeking|tried|trying|attempt|attempted",
        "consent": "consent|permission|authorization|authorisation|approval|approve|unauthorized",
        "company": "company|companies|firms|firm|corporations|employers|employer|streamers|streamer|bosses",
        "percent": "percent|percentage|%|pct|share|proportion",
        "credit": "credit|credits|credited",
        "show": "series|episode|episodes|programme|program",
        "game": "game|games|gaming|videogame|videogames",
        "young": "young|younger|rejuvenate|deage|deaged",
        "start": "start|started|starting|begin|began|begun|beginning|since",
        "photo": "photo|photos|picture|pictures|pictured|caption|photograph",
        "comment": "comment|comments|commented|respond|responded|response|reply|replied|statement|silent"
        "|say|says|said|saying|told|tells|tell|wrote|write|writes|answer|answered|quote|quoted",
        "demand": "demand|demands|demanding|goal|goals",
        "want": "want|wants|wanted|wanting",
        "use": "use|uses|used|using|usage",
        "requirement": "requirement|requirements|require|requires|qualification|qualifications|qualified"
        "|experience|skills|skill",
        "member": "member|members|membership",
        "subscriber": "subscriber|subscribers|subs|users|customers|viewers",
        "voice": "voice|voices|voiced",
        "reaction": "reaction|reactions|react|reacted|backlash|outrage|tweet|tweeted|tweets|twitter|x",
        "age": "age|aged|old|older",
        "researcher": "researcher|researchers|scientist|scientists",
        "director": "director|directors",
        "engineer": "engineer|engineers|engineering",
        "manager": "manager|managers",
        "poster": "poster|posters",
        "song": "song|songs|music|track",
        "over": "over|end|ended|ending|ends|finish|finished|settled|settle|settlement|ratified|ratify"
        "|ratification|resolved|won|win|cave|caved|concluded|done|filled",
        "vote": "vote|voted|votes|voting|ballot",
        "ghoulish": "ghoulish",
        "why": "reason|reasons|because|cause|compete|competing",
        "issue": "issue|issues|problem|problems|dispute|disputes",
    }
)

#: Concepts that help rank when a fact has them but barely count against one that lacks them
#: ("what does Netflix *use* it for", "what did the studios *want*").
SOFT = frozenset(["want", "use", "range", "technology"])

#: Words that ask about the present or what came after the facts ("is the strike over?").
AFTER_WORDS = frozenset(
    ["now", "today", "latest", "currently", "yet", "anymore", "tonight", "update", "updates"]
)

#: Spanish phrases and words, mapped to English words that then go through the tables above.
SPANISH_PHRASES = {
    "inteligencia artificial": "ai",
    "aprendizaje automatico": "machine learning",
    "gerente de producto": "product manager",
    "jefe de producto": "product manager",
    "gerente de ingenieria": "engineering manager",
    "director tecnico": "technical director",
    "cientifico investigador": "research scientist",
    "actores de fondo": "background actors",
    "seguro medico": "health insurance",
    "seguro de salud": "health insurance",
    "pantalla verde": "green screen",
    "replica digital": "digital replica",
    "replicas digitales": "digital replicas",
    "imagen digital": "digital likeness",
    "paga de huelga": "strike pay",
    "pago de huelga": "strike pay",
    "fondo de huelga": "strike fund",
    "negociador jefe": "chief negotiator",
    "forman parte": "make up",
    "forma parte": "make up",
    "cuantos anos": "how old",
    "que edad": "how old",
    "por que": "why",
    "desde cuando": "since when",
    "hecha con": "made with",
    "hecho con": "made with",
    "ya termino": "over",
    "se acabo": "over",
    "mil dolares": "thousand",
    "sindicato de guionistas": "writers guild",
    "gremio de guionistas": "writers guild",
    "sindicato de actores": "actors union",
    "sindicato de escritores": "writers guild",
    "oferta de empleo": "job listing",
    "oferta de trabajo": "job listing",
    "dijo algo": "said anything",
    "de ia": "ai",
}

SPANISH_WORDS = {
    "cuanto": "how much", "cuanta": "how much", "cuantos": "how many", "cuantas": "how many",
    "cuando": "when", "quien": "who", "quienes": "who", "que": "what", "cual": "which",
    "cuales": "which", "donde": "where", "como": "how", "porque": "because",
    "cobra": "pay", "cobran": "pay", "cobrar": "pay", "sumaron": "joined", "sumo": "joined",
    "propuso": "proposed", "propusieron": "proposed", "macabro": "ghoulish", "espeluznante": "ghoulish",
    "paga": "pay", "pagan": "pay", "pagar": "pay", "pago": "pay", "pagos": "pay", "pagaria": "pay",
    "salario": "salary", "salarios": "salary", "sueldo": "salary", "sueldos": "salary",
    "gana": "earn", "ganan": "earn", "ganar": "earn", "ingresos": "income", "tarifa": "rate",
    "diaria": "daily", "dia": "day", "dias": "days", "ano": "year", "anos": "years", "al": "",
    "huelga": "strike", "huelgas": "strike", "piquete": "picket", "piquetes": "picket",
    "actor": "actor", "actores": "actors", "actriz": "actress", "artista": "artist",
    "guionista": "writers", "guionistas": "writers", "escritor": "writers", "escritores": "writers",
    "sindicato": "union", "sindicatos": "unions", "gremio": "guild", "gremios": "guilds",
    "estudio": "studio", "estudios": "studios", "productores": "producers",
    "empresa": "company", "empresas": "companies", "companias": "companies",
    "trabajo": "job", "trabajos": "jobs", "empleo": "job", "empleos": "jobs", "puesto": "job",
    "puestos": "jobs", "oferta": "offer", "ofrece": "offering", "ofrecia": "offering",
    "contrata": "hiring", "contratar": "hire", "contratando": "hiring",
    "miembro": "member", "miembros": "members", "socios": "members", "afiliados": "members",
    "representa": "represent", "suscriptores": "subscribers", "abonados": "subscribers",
    "propuesta": "proposal", "propuestas": "proposals", "rechazo": "rejected", "rechazaron": "rejected",
    "consentimiento": "consent", "permiso": "permission", "imagen": "likeness", "imagenes": "likeness",
    "replica": "replica", "replicas": "replicas", "escaneo": "scan", "escanear": "scan",
    "voz": "voice", "copie": "clone", "copiar": "clone", "copia": "clone",
    "credito": "credit", "creditos": "credits", "residuales": "residuals", "regalias": "royalties",
    "negociaciones": "negotiations", "negociacion": "negotiation", "negociador": "negotiator",
    "jefe": "chief", "exigen": "demand", "piden": "demand", "pide": "require", "quieren": "demand",
    "requisitos": "requirements", "exige": "require", "querian": "wanted",
    "juego": "game", "juegos": "games", "videojuegos": "video games", "videojuego": "video game",
    "generativa": "generative", "generativo": "generative",
    "porcentaje": "percent", "por ciento": "percent", "menos": "less", "mas": "more", "mayor": "biggest",
    "problema": "issue", "problemas": "issues", "primera": "first", "vez": "time", "juntos": "together",
    "empezo": "start", "empezaron": "start", "comenzo": "start", "comenzaron": "start", "inicio": "start",
    "unio": "joined", "unieron": "joined", "termino": "over", "terminado": "over", "acabo": "over",
    "sigue": "still", "siguen": "still", "gano": "won", "ganaron": "won",
    "dijo": "said", "dicen": "said", "opina": "said", "respondio": "responded",
    "usaron": "used", "uso": "used", "usa": "uses", "usan": "use", "usando": "using",
    "rejuvenecer": "younger", "jovenes": "younger", "joven": "young",
    "seguro": "insurance", "salud": "health", "medico": "medical",
    "plataformas": "platforms", "plataforma": "platform", "streaming": "streaming",
    "episodio": "episode", "trata": "about", "verdad": "true", "tambien": "also",
    "dolares": "dollars", "dolar": "dollars", "mil": "thousand", "millones": "million",
    "pantalla": "screen", "verde": "green", "sufrido": "hurt", "afectado": "affected",
    "hacen": "doing", "hace": "doing", "hecha": "made", "hecho": "made",
    "fondo": "background", "ia": "ai", "ganador": "winner", "pelicula": "film", "mejor": "best",
    "manana": "tomorrow", "hoy": "today", "ahora": "now", "todavia": "still", "aun": "still",
}  # fmt: skip

SPANISH_STOP = _words(
    """
    el la los las un una unos unas de del y o en con por para a su sus se es son fue ser esta estan
    este esta esto eso ese lo le les me mi mis nos nuestro nuestra nuestros tu tus ya sobre entre
    hay muy tan tanto tanta solo pero si no ni algo alguien tiene tienen tener ha han van va puede pueden
    recibir estan esta hacer como
    """
)

#: Words that mark a question as Spanish.
SPANISH_MARKERS = _words(
    """
    que cuanto cuanta cuantos cuantas cuando quien quienes cual cuales donde como porque el la los las
    del una es son esta estan hay por para sobre tambien paga pagan gana ganan huelga sindicato
    sindicatos dijo actores guionistas ya
    """
)
