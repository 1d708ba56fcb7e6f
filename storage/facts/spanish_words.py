"""The Spanish glossary: phrases and words (lower case, accents removed) put into English.

The English that comes out goes through the English tables (storage/facts/
lexicon.py), so it only has to be a word those know: "paga" reads "pay",
which the tables make the pay concept. A verb is listed by its infinitive and
a few forms the Spanish stemmer does not bring back to it; an empty value
drops the word (it says nothing about which fact answers).
"""

from __future__ import annotations

SPANISH_PHRASES = {
    "inteligencia artificial": "ai", "aprendizaje automatico": "machine learning",
    "aprendizaje de maquinas": "machine learning", "aprendizaje profundo": "machine learning",
    "gerente de producto": "product manager", "jefe de producto": "product manager",
    "gerente de ingenieria": "engineering manager", "director tecnico": "technical director",
    "director de tecnologia": "technical director", "cientifico investigador": "research scientist",
    "cientifica investigadora": "research scientist", "ingeniero senior": "senior engineer",
    "actores de fondo": "background actors", "actor de fondo": "background actor",
    "actores de reparto": "background actors", "seguro medico": "health insurance",
    "seguro de salud": "health insurance", "pantalla verde": "green screen",
    "replica digital": "digital replica", "replicas digitales": "digital replicas",
    "imagen digital": "digital likeness", "doble digital": "digital double",
    "copia digital": "digital copy", "copias digitales": "digital copies",
    "paga de huelga": "strike pay", "pago de huelga": "strike pay", "fondo de huelga": "strike fund",
    "fondos de huelga": "strike fund", "negociador jefe": "chief negotiator",
    "jefe negociador": "chief negotiator", "negociador principal": "chief negotiator",
    "forman parte": "make up", "forma parte": "make up", "son parte": "make up",
    "que edad": "how old", "cuantos anos tiene": "how old", "cuantos anos tenia": "how old",
    "por que": "why", "para que": "what for", "a que se debe": "why", "como es que": "why",
    "desde cuando": "since when", "hace cuanto": "how long ago", "hace cuantos anos": "how many years ago",
    "cuanto tiempo": "how long", "en que fecha": "when", "que dia": "what day", "que mes": "what month",
    "hecha con": "made with", "hecho con": "made with", "hechos con": "made with",
    "ya termino": "ended", "se acabo": "ended", "ya acabo": "ended", "se termino": "ended",
    "mil dolares": "thousand dollars", "sindicato de guionistas": "writers guild",
    "gremio de guionistas": "writers guild", "sindicato de escritores": "writers guild",
    "sindicato de actores": "actors union", "gremio de actores": "actors union",
    "oferta de empleo": "job listing", "oferta de trabajo": "job listing",
    "ofertas de empleo": "job listings", "anuncio de empleo": "job ad", "puesto de trabajo": "job",
    "dijo algo": "said anything", "de ia": "ai", "con ia": "with ai", "por dia": "per day",
    "al dia": "per day", "por ano": "per year", "al ano": "per year", "a la vez": "together",
    "al mismo tiempo": "together", "por primera vez": "first time", "la primera vez": "first time",
    "para siempre": "forever", "una sola vez": "one time", "pago unico": "one time fee",
    "redes sociales": "social media", "efectos visuales": "visual effects",
    "secuencia de apertura": "opening sequence", "creditos de apertura": "opening credits",
    "servicios de streaming": "streaming services", "servicio de streaming": "streaming service",
    "plataformas de streaming": "streaming services", "los estudios": "the studios",
    "las productoras": "the studios", "de acuerdo": "agree", "estar de acuerdo": "agree",
    "llegaron a un acuerdo": "reached a deal", "hay acuerdo": "reached a deal",
    "volver a trabajar": "back to work", "vuelven a trabajar": "back to work", "se volvio": "became",
    "mas joven": "younger", "mas jovenes": "younger", "lo ultimo": "latest", "que paso": "what happened",
    "cuanto cobra": "how much pay", "cuanto cobran": "how much pay", "sigue la huelga": "still strike",
    "sigue en huelga": "still strike", "siguen en huelga": "still strike", "como van": "how are going",
    "como va": "how is going", "como siguen": "how are going", "como sigue": "how is going",
    "como andan": "how are going", "como anda": "how is going",
}  # fmt: skip

SPANISH_WORDS = {
    # question words
    "cuanto": "how much", "cuanta": "how much", "cuantos": "how many", "cuantas": "how many",
    "cuando": "when", "quien": "who", "quienes": "who", "que": "what", "cual": "which",
    "cuales": "which", "donde": "where", "como": "how", "porque": "because", "acaso": "",
    # pay and money
    "pagar": "pay", "paga": "pay", "pagan": "pay", "pago": "pay", "pagos": "pay", "pagaria": "pay",
    "pagaron": "paid", "pagado": "paid", "pague": "pay", "pagara": "pay", "cobrar": "pay", "cobra": "pay",
    "cobran": "pay", "salario": "salary", "salarios": "salary", "sueldo": "salary", "sueldos": "salary",
    "remuneracion": "compensation", "ganar": "earn", "gana": "earn", "ganan": "earn", "gano": "earned",
    "ganaron": "earned", "ganaba": "earned", "ganancias": "earnings", "ingresos": "income",
    "dinero": "money", "plata": "money", "tarifa": "rate", "tarifas": "rate", "honorarios": "fee",
    "cuota": "fee", "cuotas": "dues", "dolares": "dollars", "dolar": "dollars", "mil": "thousand",
    "millon": "million", "millones": "million", "diaria": "daily", "diario": "daily", "anual": "annual",
    "anuales": "annual", "bajo": "low", "bajos": "low", "alto": "high", "altos": "high", "alta": "high",
    "mucho": "", "tanto": "", "tanta": "", "tantos": "", "caro": "expensive", "costo": "cost",
    "cuesta": "cost", "precio": "price", "beneficios": "benefits", "pension": "pension",
    "pensiones": "pension", "compensacion": "compensation",
    # people and organisations
    "actor": "actor", "actores": "actors", "actriz": "actress", "actrices": "actresses",
    "interprete": "performer", "interpretes": "performers", "artista": "artist", "artistas": "artists",
    "guionista": "writer", "guionistas": "writers", "escritor": "writer", "escritores": "writers",
    "escritora": "writer", "escritoras": "writers", "extras": "extras", "figurantes": "extras",
    "huelguistas": "strikers", "sindicato": "union", "sindicatos": "unions", "gremio": "guild",
    "gremios": "guilds", "estudio": "studio", "estudios": "studios", "productora": "studio",
    "productoras": "studios", "productores": "producers", "productor": "producer",
    "empresa": "company", "empresas": "companies", "compania": "company", "companias": "companies",
    "plataforma": "platform", "plataformas": "platforms", "miembro": "member", "miembros": "members",
    "socios": "members", "afiliados": "members", "suscriptores": "subscribers",
    "abonados": "subscribers", "usuarios": "users", "espectadores": "viewers", "ingeniero": "engineer",
    "ingenieros": "engineers", "ingenieria": "engineering", "gerente": "manager", "gerentes": "managers",
    "director": "director", "directora": "director", "directores": "directors", "cientifico": "scientist",
    "cientificos": "scientists", "investigador": "researcher", "investigadores": "researchers",
    "experto": "expert", "expertos": "experts", "especialista": "specialist",
    "especialistas": "specialists", "talento": "talent", "negociador": "negotiator",
    "jefe": "chief", "presidente": "president", "presidenta": "president", "banda": "band",
    "gente": "", "personas": "", "persona": "person", "alguien": "", "nosotros": "us",
    # work, jobs, the strike
    "trabajo": "job", "trabajos": "jobs", "empleo": "job", "empleos": "jobs", "puesto": "job",
    "puestos": "jobs", "vacante": "vacancy", "vacantes": "vacancies", "anuncio": "ad", "anuncios": "ads",
    "cargo": "position", "contratar": "hire", "contrata": "hiring", "contratan": "hiring",
    "contrato": "contract", "contratos": "contracts", "contratando": "hiring",
    "busca": "seeking", "buscan": "seeking", "buscando": "seeking", "buscaba": "seeking",
    "trabajar": "work", "trabajan": "work", "huelga": "strike", "huelgas": "strike", "paro": "strike",
    "piquete": "picket", "piquetes": "picket", "protesta": "protest", "protestas": "protests",
    "protestan": "protesting", "manifestacion": "protest", "negociacion": "negotiation",
    "negociaciones": "negotiations", "negociar": "negotiate", "conversaciones": "talks",
    "platicas": "talks", "acuerdo": "agreement", "acuerdos": "agreements", "trato": "deal",
    "propuesta": "proposal", "propuestas": "proposals", "proponer": "propose", "propuso": "proposed",
    "propusieron": "proposed", "oferta": "offer", "ofertas": "offers", "ofrecer": "offer",
    "ofrece": "offering", "ofrecen": "offering", "ofrecia": "offering", "ofrecio": "offered",
    "ofrecieron": "offered", "rechazar": "reject", "rechazo": "rejected", "rechazaron": "rejected",
    "rechazan": "reject", "exigir": "demand", "exige": "demand", "exigen": "demand", "exigian": "demand",
    "exigencias": "demands", "demanda": "demand", "demandas": "demands", "reclamo": "demand",
    "reclamos": "demands", "reclaman": "demand", "pedir": "demand", "piden": "demand", "pide": "require",
    "pedian": "demand", "pidieron": "demand", "querer": "want", "quiere": "want", "quieren": "want",
    "querian": "wanted", "queria": "wanted", "quisieron": "wanted", "requisito": "requirement",
    "requisitos": "requirements", "requiere": "require", "requieren": "require", "votar": "vote",
    "votacion": "vote", "ratificar": "ratify", "ratificaron": "ratified", "firmar": "sign",
    "firmaron": "signed", "aceptar": "accept", "aceptaron": "accepted", "proteccion": "protection",
    "protecciones": "protections", "proteger": "protect", "regulacion": "regulation",
    "regulaciones": "regulations", "regular": "regulate", "problema": "issue", "problemas": "issues",
    "tema": "issue", "temas": "issues", "conflicto": "dispute", "razon": "reason", "razones": "reasons",
    "motivo": "reason", "motivos": "reasons", "causa": "cause", "avance": "progress",
    "avances": "progress", "progreso": "progress", "estancadas": "stalled", "estancado": "stalled",
    "estancados": "stalled", "fracaso": "unsuccessful", "fracasaron": "unsuccessful",
    # AI, likeness, works
    "ia": "ai", "algoritmo": "algorithm", "algoritmos": "algorithms", "herramienta": "tool",
    "herramientas": "tools", "tecnologia": "technology", "generativa": "generative",
    "generativo": "generative", "consentimiento": "consent", "permiso": "permission",
    "autorizacion": "authorization", "imagen": "likeness", "imagenes": "likeness",
    "semejanza": "likeness", "parecido": "likeness", "rostro": "face", "rostros": "faces",
    "cara": "face", "caras": "faces", "cuerpo": "body", "replica": "replica", "replicas": "replicas",
    "replicar": "replicate", "escaneo": "scan", "escaneos": "scans", "escanear": "scan",
    "escanean": "scan", "escanearon": "scanned", "escaneados": "scanned", "escaneado": "scanned",
    "voz": "voice", "voces": "voices", "copiar": "clone", "copia": "clone", "copie": "clone",
    "copian": "clone", "clonar": "clone", "clon": "clone", "clones": "clones", "credito": "credit",
    "creditos": "credits", "residuales": "residuals", "residual": "residual", "regalias": "royalties",
    "repeticiones": "reruns", "episodio": "episode", "episodios": "episodes", "capitulo": "episode",
    "serie": "series", "series": "series", "programa": "show", "pelicula": "film",
    "peliculas": "films", "cine": "film", "juego": "game", "juegos": "games", "videojuego": "video game",
    "videojuegos": "video games", "cancion": "song", "canciones": "songs", "musica": "music",
    "cartel": "poster", "carteles": "posters", "afiche": "poster", "afiches": "posters",
    "poster": "poster", "posters": "posters", "intro": "intro", "introduccion": "intro",
    "apertura": "opening", "secuencia": "sequence", "pantalla": "screen", "verde": "green",
    "foto": "photo", "fotos": "photo", "fotografia": "photo", "letrero": "sign", "personaje": "character",
    "reaccion": "reaction", "reacciones": "reactions", "reacciono": "reacted", "tuit": "tweet",
    "tuiteo": "tweeted", "vomito": "vomit", "vomitar": "vomit", "asco": "disgust", "macabro": "ghoulish",
    "espeluznante": "ghoulish", "horrible": "ghoulish", "estrategia": "strategy",
    "produccion": "production", "producciones": "productions", "mundial": "global", "global": "global",
    "internacional": "international", "extranjero": "abroad", "edad": "age", "joven": "young",
    "jovenes": "younger", "rejuvenecer": "younger", "rejuvenecieron": "younger", "rejuvenecio": "younger",
    "rejuvenecido": "younger", "viejo": "old", "muerto": "died", "fallecido": "deceased",
    "murio": "died", "familia": "family", "familias": "families", "salud": "health",
    "seguro": "insurance", "medico": "medical", "streaming": "streaming", "ficcion": "fiction",
    "realidad": "reality", "citas": "dating",
    # verbs of saying, doing, using
    "decir": "said", "dijo": "said", "dicen": "said", "dice": "said", "dijeron": "said", "opina": "said",
    "opino": "said", "opinan": "said", "respondio": "responded", "respondieron": "responded",
    "responde": "responded", "respuesta": "response", "contesto": "responded", "comento": "commented",
    "comentario": "comment", "comentarios": "comments", "declaro": "said", "critico": "criticized",
    "criticaron": "criticized", "quejaron": "complained", "usar": "use", "usa": "uses", "usan": "use",
    "uso": "used", "usaron": "used", "usando": "using", "usado": "used", "utilizar": "use",
    "utiliza": "uses", "utilizan": "use", "utilizo": "used", "utilizaron": "used", "crear": "create",
    "creo": "created", "crearon": "created", "creado": "created", "hizo": "made", "hicieron": "made",
    "hacen": "doing", "hace": "", "hacer": "", "hacian": "", "hacia": "", "hecha": "made",
    "hecho": "made", "hechos": "made", "reemplazar": "replace", "reemplaza": "replace",
    "sustituir": "replace", "afectar": "affect", "afecta": "affect", "afecto": "affected",
    "afectado": "affected", "afectada": "affected", "sufrido": "hurt", "sufrir": "suffer",
    "empezar": "start", "empezo": "start", "empezaron": "start", "comenzar": "start", "comenzo": "start",
    "comenzaron": "start", "inicio": "start", "iniciaron": "start", "unio": "joined", "unieron": "joined",
    "sumo": "joined", "sumaron": "joined", "unirse": "join", "terminar": "end", "termino": "ended",
    "terminado": "ended", "acabo": "ended", "acabar": "end", "seguir": "still", "sigue": "still",
    "siguen": "still", "dejo": "let", "permitio": "let", "representa": "represent",
    "representan": "represent", "incluye": "include", "trata": "about", "publico": "posted",
    "publicaron": "posted", "anuncia": "advertised",
    "significa": "mean",
    # time and degree
    "ano": "year", "anos": "years", "dia": "day", "dias": "days", "mes": "month", "meses": "months",
    "semana": "week", "semanas": "weeks", "vez": "time", "primera": "first", "primero": "first",
    "primer": "first", "ultima": "last", "ultimo": "last", "juntos": "together", "juntas": "together",
    "ambos": "both", "ambas": "both", "menos": "less", "mas": "more", "mayor": "biggest",
    "principal": "main", "gran": "big", "grande": "big", "nuevo": "new", "nueva": "new", "ya": "",
    "todavia": "still", "aun": "still", "ahora": "now", "hoy": "today", "manana": "tomorrow",
    "siempre": "", "tambien": "also", "verdad": "true", "cierto": "true", "falso": "fake",
    "falsa": "fake", "mejor": "best", "manera": "", "forma": "", "mundo": "world",
}  # fmt: skip


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPANISH_STOP = _words(
    """
    el la los las lo un una unos unas de del y e o u en con por para a al su sus se es son fue fueron
    ser sera era eran esta estan estaba estaban estamos estoy esta este esto eso ese esa esos esas
    estos estas le les me mi mis nos nuestro nuestra nuestros nuestras tu tus te ti sobre entre hay
    habia ha han he hemos haber muy tan solo pero si no ni algo tiene tienen tenia tener tengo
    tenemos van va vamos ir puede pueden podria podrian poder debe deben deberia sabe saben saber
    recibir sin contra hasta desde segun mientras cuyo ellos ellas el ella usted ustedes yo algun
    alguna algunos algunas cada otro otra otros otras mismo misma todo toda todos todas dar da dan
    dio dieron favor hola gracias oye ok cosa cosas realmente entonces asi bueno
    """
)
