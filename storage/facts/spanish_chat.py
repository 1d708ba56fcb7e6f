"""Spanish as members write it in chat: regional slang, fillers, and more everyday words.

Merged into the glossary (storage/facts/spanish_words.py). Mexico, Central
America, the Caribbean, the Southern Cone and Spain each have their own word
for money ("lana", "feria", "pisto", "guita", "pasta"), for a job ("chamba",
"laburo", "curro") and for "dude" ("wey", "tío", "che", "parce"); a member
writes the one they grew up with. The English that comes out goes through
the English tables, so it only has to be a word those know. An empty value
drops the word: it says nothing about which fact answers.
"""

from __future__ import annotations


def _drop(text: str) -> dict[str, str]:
    return dict.fromkeys(text.split(), "")


def _as(english: str, text: str) -> dict[str, str]:
    return dict.fromkeys(text.split(), english)


#: Fillers and forms of address: "wey", "neta", "tío", "vale", "che", "o sea".
_FILLER = _drop(
    """
    wey guey buey weon huevon neta chido chida padre orale andale pues pos este mano manito carnal
    compa compas cuate cuates chavo chava morro morra tio tia tios tias vale venga guay mola hostia
    joder tronco macho che boludo boluda loco loca parce parcero parcera bacan chevere vaina mijo mija
    nomas ahorita chale porfa porfis xfa plis bueno bien mal osea tipo onda mira oiga oigan ey eh
    ah oh uy ay dale sale simon nel anda andan andar andamos anduvo casi apenas igual igualmente
    tal claro exactamente realmente basicamente literalmente honestamente sinceramente
    preguntar pregunto preguntaron preguntaba preguntan preguntando conseguir consiguieron consiguio
    consiguen lograr lograron logro obtener obtuvieron obtuvo recibieron recibio reciben dan dieron
    dar da dio dara daran quedo quedaron quedan queda quedar resulta resulto parece parecia
    """
)

SPANISH_CHAT_WORDS = {
    **_FILLER,
    # money, everywhere it is said differently
    **_as("money", "lana feria varo varos billete billetes pasta guita plata pisto biyuyo mosca"),
    **_as("money", "luca lucas palo palos pavo pavos quetzales bolivares soles"),
    **_as("job", "chamba chambas chambear chambeando laburo laburos laburar curro curros currar"),
    **_as("job", "jale jales pega pegas camello vacante plaza plazas"),
    **_as("pay", "pagaran pagarian pagando pagamos pagas pagaban paguen cobrando cobraron"),
    **_as("pay", "sueldazo salarion dineral fortuna"),
    **_as("union", "sindicalizado sindicalizada sindicalizados sindicalizadas agremiado agremiados"),
    **_as("union", "sindical sindicales gremial"),
    **_as("angry", "enojar enojaron enojo enojados enojada enojado enfadar enfadaron enfado enfadados"),
    **_as("angry", "molestar molestaron molesto molestos indignar indignaron indignados indignacion"),
    **_as("angry", "cabrear cabrearon cabreados furiosos furiosa furioso rabia quejarse quejas queja"),
    **_as("pick", "escoger escogen escoge escogio elegir eligen elige eligio seleccionar selecciona"),
    **_as("pick", "seleccionan decidir decide deciden"),
    **_as("percent", "porcentaje porcentajes porciento"),
    **_as("lack", "falta faltan faltaba carece carecen ausencia"),
    **_as("investing", "invertir invierte invierten invirtio invirtieron inversion inversiones"),
    **_as("hiring", "contrataron contratara contrataria reclutar recluta reclutando"),
    **_as("employees", "empleados empleado trabajadores trabajador plantilla"),
    **_as("recommend", "sugerir sugiere sugieren sugerencias recomiendan empuja empujar promociona"),
    **_as("scanned", "escanearan escanearian escaneen escaneado escaneada escaneadas"),
    **_as("owned", "dueno duenos duena propiedad propietario poseer posee"),
    **_as("forever", "perpetuidad eternamente"),
    **_as("stalled", "trabadas trabado atoradas atorado frenadas frenado parados paradas"),
    **_as("level", "nivel niveles"),
    **_as("article", "articulo articulos nota noticia"),
    **_as("near", "cerca cercano cercana"),
    **_as("episode", "capitulos cap"),
    **_as("writers", "libretistas argumentistas"),
    **_as("studios", "majors estudio estudios"),
    **_as("talks", "platicas charlas dialogo dialogos mesa"),
    **_as("strike", "paros huelguistas piquetero piqueteros"),
    **_as("protest", "marcha marchas movilizacion"),
    **_as("human", "humano humanos humana"),
    **_as("young", "rejuvenecidos rejuvenecida joven jovencito"),
    **_as("voice", "voz voces doblaje doblar"),
    **_as("alive", "vivo viva vivos vivas"),
    **_as("subscribers", "suscrita suscrito suscritos suscritas suscribe suscriben suscribirse abonados"),
    **_as("people", "gente personas"),
    **_as("network", "cadena cadenas televisora televisoras"),
    **_as("season", "temporada temporadas"),
    **_as("rights", "derechos derecho"),
    **_as("rules", "regla reglas norma normas"),
    **_as("law", "ley leyes"),
    **_as("date", "fecha fechas"),
    **_as("losses", "perdidas perdida"),
    **_as("bonus", "bono bonos"),
    **_as("reruns", "reestreno reestrenos retransmision retransmisiones"),
    **_as("machine", "maquina maquinas"),
    **_as("fake", "falsificar falso falsa falsos falsas"),
    **_as("meeting", "reunion reuniones junta juntas asamblea"),
    **_drop("durante despues luego"),
    **_as("fight", "pelear pelean pelea peleando pelearon luchar luchan lucha luchando lucharon"),
    **_as("spanish", "espanol espanola espanoles espanolas"),
    **_as("abroad", "pais paises extranjera extranjeros fuera"),
    **_as("produce", "producir produce producen produjo produjeron"),
    **_as("approve", "aprobar aprueba aprueban aprobaron aprobo"),
    **_as("spend", "gastar gasta gastan gastaron gasto"),
    **_as("steal", "robar roba roban robaron robo quitar quita quitan quitaron"),
    **_as("replace", "despedir despiden despidieron despidos reemplazar reemplazan reemplazaron sustituir"),
    # False friends the cognate reading (storage/facts/cognates.py) would get wrong.
    **_as("now", "actualmente actual actuales"),
    **_as("folder", "carpeta carpetas"),
    **_drop("realizar realiza realizan realizo realizaron"),
    **_as("say", "afirmar afirma afirman afirmo aseguran aseguro asegura declarar"),
}

SPANISH_CHAT_PHRASES = {
    "lo menos": "the lowest", "lo minimo": "the lowest", "como minimo": "the lowest",
    "lo mas": "the top", "lo maximo": "the top", "como maximo": "the top", "hasta cuanto": "how much top",
    "va bien": "going well", "van bien": "going well", "va mal": "going nowhere", "van mal": "going nowhere",
    "hay avances": "progress", "hubo avances": "progress", "algun avance": "progress",
    "quedarse con": "own", "quedar con": "own", "se queden con": "own", "se quedan con": "own",
    "quedarian con": "own", "quedarse la": "own", "o que": "", "o no": "", "y eso": "", "o sea": "",
    "que onda": "", "que pedo": "", "que rollo": "", "en plan": "", "la verdad": "", "de verdad": "",
    "a poco": "", "no mames": "", "no manches": "", "por cierto": "", "oye y": "", "una duda": "",
    "pagar poco": "pay less", "pagan poco": "pay less", "pagaban poco": "pay less",
    "pagan menos": "pay less", "pagar menos": "pay less", "mal pagados": "paid less", "mal pagado": "paid less",
    "apostar por": "investing in", "apuesta por": "investing in", "apuestan por": "investing in",
    "le entra a": "investing in", "le entran a": "investing in", "le mete a": "investing in",
    "tambien le": "", "todo en": "", "al final": "in the end", "contrato nuevo": "new contract",
    "nuevo contrato": "new contract", "acuerdo nuevo": "new agreement", "nuevo acuerdo": "new agreement",
    "acuerdo final": "final agreement", "contrato final": "final contract", "mas tarde": "later",
    "despues de eso": "later", "respecto a": "", "con respecto a": "", "en cuanto a": "",
    "en relacion a": "", "en relacion con": "", "acerca de": "", "cuanta gente": "how many people",
    "como funciona": "how does it work", "como funcionan": "how does it work", "como trabaja": "how does it work", "sigue vivo": "still alive", "sigue viva": "still alive",
}  # fmt: skip
