"""Cues of register: who is speaking to whom, in what mood, about what — read off a sentence or a block.

Generator residue is told apart from an article less by its words than by its stance. An article speaks
about the world in the third person (or, in a memo, to its one reader about the world); a chatbot's
leftover speaks as "I" to "you" about the text itself ("this summary", "a shorter version"), asks the
reader questions, greets and signs off; a prompt orders a model about in the imperative; an agent's log
speaks in ``key: value`` pairs, timestamps, file names and parameter dictionaries; a reasoning block
talks about "the user" and what "I should" write. Each cue below is one such feature; the checks in
:mod:`.residue` and :mod:`.artifacts` weigh them with a block's position and the article's own register,
so that wordings nobody listed are caught by the features they share.

Everything here works on *lowered* text (see :func:`lowered`): straight quotes, lower case, the same
length as the original so offsets carry over, and with quoted speech blanked out by :func:`mask_quotes`
— a minister quoted saying "I can tell you…" is not the article speaking. English first; the Spanish,
German and French cues are the cheap, unambiguous ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import patterns
from .context import straighten

# --- quoted speech ----------------------------------------------------------------------------------------

_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", '"': '"'}
_OPENERS = patterns.compile(r"[“«„\"]")


def mask_quotes(text: str) -> str:
    """``text`` with what is inside quotation marks blanked (same length): quoted speech is someone
    else's "I" and "you". An opening mark with no closing one masks nothing."""
    if not _OPENERS.search(text):
        return text
    out = list(text)
    position = 0
    while True:
        found = _OPENERS.search(text, position)
        if found is None:
            break
        opener = found.group(0)
        close = text.find(_QUOTE_PAIRS[opener], found.end())
        if close < 0 or close - found.end() > 600:
            position = found.end()
            continue
        for index in range(found.end(), close):
            if out[index] != "\n":
                out[index] = " "
        position = close + 1
    return "".join(out)


def lowered(text: str) -> str:
    """Text for the cues: quotes blanked, straight apostrophes, lower case; offsets kept."""
    plain = straighten(mask_quotes(text))
    low = plain.lower()
    if len(low) != len(plain):  # a letter whose lower case is longer: keep offsets
        low = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in plain)
    return low


def _words(*alternatives: str) -> str:
    return "(?:" + "|".join(alternatives) + ")"


# --- who speaks to whom -------------------------------------------------------------------------------------

SECOND_PERSON = patterns.compile(r"\b(?:you|your|yours|yourself|yourselves)\b")
# "I" the speaker, not the numeral of "World War I" or "Phase I": followed by a verb-like word.
_I_NOT_BEFORE = "and|or|of|in|on|at|to|for|the|a|an|with|from|by|is|are|was|were|has|had|will|would|and/or"
_ME_WORDS = r"\b(?:me|my|myself)\b"
FIRST_PERSON = patterns.compile(
    rf"(?<![\w.-])i(?:'m|'ll|'ve|'d)(?!\w)|(?<![\w.-])i (?!(?:{_I_NOT_BEFORE})\b)(?=[a-z])|{_ME_WORDS}"
)
#: FIRST_PERSON's last alternative alone: what it can match in a text with no "i'" or "i ".
_ME = patterns.compile(_ME_WORDS)
_MAKE = _words(
    "help",
    "assist",
    "provide",
    "create",
    "draft",
    "prepare",
    "add",
    "expand",
    "elaborate",
    "write",
    "generate",
    "make",
    "put together",
    "produce",
    "format",
    "adjust",
    "tailor",
    "include",
    "summari[sz]e",
    "break",
    "dig",
    "compile",
    "update",
    "refine",
    "rewrite",
    "convert",
    "turn",
    "translate",
    "share",
    "also",
    "further",
    "gladly",
    "happily",
    "pull",
    "run",
    "build",
    "design",
    "outline",
    "list",
    "suggest",
    "recommend more",
    "look into",
    "go deeper",
    "walk you",
    "clarify",
    "customi[sz]e",
    "tweak",
    "shorten",
)
#: The assistant offering to produce more ("I can also draft…", "I'd be glad to expand…").
OFFER = patterns.compile(
    r"(?<![\w.-])i(?:'ll| will| can| could| would| am able to|'m able to)(?: (?:also|gladly|happily|easily"
    rf"|quickly|certainly|further|then|even))? {_MAKE}\b"
    r"|(?<![\w.-])i(?:'d| would) (?:be )?(?:happy|glad|pleased|delighted|love) to\b"
    r"|(?<![\w.-])i(?:'m| am) (?:happy|glad|here) to\b|\bhappy to (?:help|assist)\b|\bglad to help\b"
)
#: The assistant asking the reader to tell it what to do ("let me know", "just say", "want me to").
ASK_BACK = patterns.compile(
    r"\b(?:let me know|feel free|don't hesitate|do not hesitate|at your service|want me to|like me to"
    r"|need me to|prefer me to|wish me to|shall i|should i|can i|may i"
    r"|just (?:say|ask|tell|let|reply|shout|ping|holler|drop))\b"
    # "tell me which…" said to the reader: at the start of the sentence or of its main clause (an
    # op-ed's "friends ask me why" is not the writer asking the reader for anything)
    r"|(?:^|,\s*|\band\s+)(?:please |just |simply |do |then )?(?:tell|send|give|show|ping|drop|message|ask"
    r"|remind"
    r"|point|forward) me\b"
    r"|\b(?:soll ich|dois-je|debo)\b"
)
#: The same asked in Spanish, German or French, where the form itself says "you" (the English cue for the
#: reader): "¿Te gustaría que…?", "Möchten Sie, dass ich…?", "N'hésitez pas…".
FOREIGN_ASK = patterns.compile(
    r"\b(?:av[ií]same|h[áa]zmelo saber|no dudes en|no dude en|d[ií]melo|d[ií]game|te gustar[ií]a"
    r"|le gustar[ií]a"
    r"|quieres que|quiere que|desea(?:s)? que|lass(?:en sie)? (?:es )?mich wissen|sag(?:en sie)? mir"
    r"|m[öo]chten sie|willst du|n'h[ée]sitez pas|dites-moi|faites-moi savoir|souhaitez-vous|voulez-vous que"
    r"|aimeriez-vous)\b"
)
#: A request for the reader's input: what a chatbot asks for before it can write anything.
REQUEST = patterns.compile(
    r"\b(?:please|kindly|could you|can you|would you)(?: please)? (?:provide|share|send|paste|upload|specify"
    r"|clarify|confirm|tell me|give me|let me know|supply|describe|indicate|attach|enter|choose|select)\b"
    r"|\bonce you (?:provide|share|send|tell|paste|give|confirm|let)\b"
    r"|\bi(?:'ll| will)? need (?:a few|some|more|the following|a bit more|additional) "
    r"(?:details|information|context|input|specifics)\b"
    r"|\bto (?:get started|help you|tailor (?:this|the|it)|proceed|write (?:this|the|it)|create (?:this"
    r"|the|it))\b"
    r".*\b(?:you|your)\b"
)
QUESTION = patterns.compile(r"\?")

# --- what the sentence is about -------------------------------------------------------------------------

_OUTPUT_NOUN = _words(
    "article",
    "summary",
    "report",
    "analysis",
    "overview",
    "breakdown",
    "response",
    "answer",
    "reply",
    "draft",
    "version",
    "outline",
    "piece",
    "write-?up",
    "rundown",
    "explanation",
    "information",
    "content",
    "text",
)
#: Talk about the text itself or the conversation ("this summary", "a shorter version", "dive deeper").
META = patterns.compile(
    rf"\b(?:this|my|the above|the following) {_OUTPUT_NOUN}\b"
    r"|\b(?:more|further|additional|extra) (?:detail|details|depth|context|information|examples|insight"
    r"|insights"
    r"|analysis|assistance|help|clarification|questions|sources|specifics)\b"
    r"|\b(?:any|specific|particular|certain|which|what) (?:aspect|section|angle|topic)s?\b"
    r"|\b(?:which|what|another|other|different) (?:format|style|tone|length)s?\b"
    r"|\b(?:expand|elaborate|build) (?:on|upon)\b|\bdive deeper\b|\bdeep(?:er)? dive\b|\bdrill down\b"
    r"|\bgo deeper\b|\bin more depth\b|\b(?:tailor|tweak|adjust|customi[sz]e|refine|rewrite|rephrase"
    r"|reformat|shorten|condense|lengthen)(?:d|s)? (?:it|this|that|them|the (?:text|summary|article|draft"
    r"|tone|length|format)|any|anything)\b"
    r"|\ba (?:shorter|longer|simpler|more (?:detailed|concise|formal|technical)|different|condensed|expanded)"
    r" (?:version|summary|take|format|draft|one)\b"
    r"|\bfollow-?up (?:questions?|requests?)\b|\bbullet points\b|\bword count\b|\bslide deck\b|\bone-pager\b"
)
#: Wanting and preferring, said to the reader ("would you like", "if you prefer", "interested in").
PREFERENCE = patterns.compile(
    r"\b(?:would (?:you )?like|prefer(?:red|ence)?|interest(?:s|ed)?|wish(?:es)? to|want(?:s|ed)?"
    r"|need(?:s|ed)? (?:any|more|further|help|assistance|anything)|looking for|keen (?:to|on)|curious"
    r"|helpful|useful|of use|handy)\b"
)

# --- greetings, sign-offs, lead-ins -------------------------------------------------------------------------

GREETING = patterns.compile(
    r"(?:good (?:morning|afternoon|evening|day)|hello|hi|hey|greetings|howdy"
    r"|dear (?:reader|readers|user|users|team|all|colleague|colleagues|friend|friends)"
    r"|welcome(?: back)?|buenos d[ií]as|buenas (?:tardes|noches)|hola|guten (?:morgen|tag|abend)|hallo"
    r"|bonjour|bonsoir|salut)\b"
    # an interjection standing alone ("Good morning!", "Hi team,"), not "Hello Kitty's maker…"
    r"(?=\s*[!,.:;—–-]|\s*$|\s+(?:there|team|all|folks|friends|everyone|readers?|again|and welcome)\b)"
)
SIGN_OFF = patterns.compile(
    r"(?:have an? (?:\w+ ){0,2}(?:day|week|weekend|evening|morning|afternoon|night|time|one|trip|read"
    r"|session|meeting|start)|(?:best of |good )luck|happy \w+ing\b|enjoy(?:[!.]|$| the (?:read|article"
    r"|report|rest)| your| reading)|thanks?(?: you)? (?:so much |very much )?for (?:reading|asking|your"
    r" (?:time|question|interest|patience|request)|the question)|cheers|take care|stay (?:safe|tuned|curious"
    r"|informed|well|ahead)|all the best|best (?:regards|wishes)|kind regards|warm regards|until next time"
    r"|see you|talk soon|que tengas|feliz d[ií]a|saludos|einen sch[öo]nen|viel erfolg|bonne (?:journ[ée]e"
    r"|soir[ée]e|lecture|continuation)|[àa] bient[ôo]t)"
)
#: An affirmation a chatbot opens its answer with.
AFFIRMATION = patterns.compile(
    r"(?:certainly|sure(?: thing)?|absolutely|of course|great|excellent|perfect|no problem|got it"
    r"|understood|okay|ok|alright|noted|gladly|with pleasure|great question|good question"
    r"|excellent question|great choice|good choice|excellent choice|good idea|great idea|claro"
    r"|por supuesto|¡claro|gerne|selbstverst[äa]ndlich|bien s[ûu]r|avec plaisir)(?=[!.,:;—–]|\s[—–-]|$)"
)
#: "Here is a summary…", "Below you'll find…": a chatbot introducing what it wrote (an explainer's
#: "Here is what we know" names no piece of writing and is no lead-in).
LEAD_IN = patterns.compile(
    rf"(?:here(?:'s| is| are| goes)|below (?:is|are)|the following (?:is|are)) (?:a|an|the|your|my|some"
    rf"|\w+'s)"
    rf" (?:[\w-]+ ){{0,5}}(?:{_OUTPUT_NOUN}|list|table|timeline|piece|brief|briefing|note|look|rundown"
    rf"|recap)\b"
    r"|below you(?:'ll| will) find\b"
    r"|i(?:'ve| have) (?:prepared|put together|compiled|drafted|written|created|summari[sz]ed|outlined"
    r"|gathered|pulled together|assembled|broken down)\b|aqu[ií] (?:tienes|est[áa]|le presento)\b"
    r"|a continuaci[óo]n(?:,)? (?:te|le|se) (?:presento|presenta|ofrezco|dejo)\b|hier (?:ist|sind) (?:ein"
    r"|eine"
    r"|die|der|das|ihre?)\b|hier finden sie\b|voici (?:un|une|le|la|les|votre)\b"
)

# --- hedges about what the model knew -----------------------------------------------------------------------

CAPABILITY_HEDGE = patterns.compile(
    r"(?<![\w.-])i(?: (?:do not|don't|cannot|can't|am unable to|am not able to|have no)|'m (?:unable"
    r"|not able)"
    r" to) (?:\w+ ){0,3}(?:access|browse|real-time|live|current|up-to-date|latest|internet|web|search|verify"
    r"|check|confirm|retrieve|look up)\b"
    r"|\bmy (?:training|knowledge|data|information|sources)(?: data)? (?:only )?(?:goes|go|extends|runs"
    r"|run|ends"
    r"|stops|stop|reaches|reach|is current|are current|dates?)\b"
    r"|\b(?:beyond|after|past) my (?:knowledge|training)(?: cut-?off| data| date)?\b"
    r"|\bno (?:tengo|puedo) acceso\b|\bich habe keinen zugriff\b|\bje n'ai pas acc[eè]s\b"
)
_MONTH = _words(
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "early",
    "mid",
    "late",
    "the end of",
    "the start of",
    "the beginning of",
)
#: "As of October 2023, …" (a month and year, no day) opening an article: how a model dates what it knew.
DATED_OPENING = patterns.compile(rf"as of (?:{_MONTH}[ -])?(?:19|20)\d\d\b(?: (?!\d)[^,]{{0,24}})?,\s*")

# --- a model being told what to do --------------------------------------------------------------------------

TASK_VERB = _words(
    "analy[sz]e",
    "assess",
    "evaluate",
    "examine",
    "investigate",
    "research",
    "write",
    "draft",
    "summari[sz]e",
    "explain",
    "describe",
    "compare",
    "discuss",
    "identify",
    "outline",
    "explore",
    "review",
    "provide",
    "create",
    "generate",
    "produce",
    "prepare",
    "compile",
    "list",
    "consider",
    "give",
    "tell",
    "find",
    "look into",
    "report on",
    "detail",
    "highlight",
    "break down",
    "focus on",
    "include",
    "use",
    "respond",
    "answer",
    "act as",
    "pretend",
    "imagine",
    "ensure",
    "make sure",
    "do not",
    "don't",
    "avoid",
    "keep",
    "format",
    "structure",
    "cite",
    "rewrite",
    "translate",
    # Spanish, German, French imperatives
    "investiga",
    "analiza",
    "eval[uú]a",
    "resume",
    "identifica",
    "escribe",
    "redacta",
    "describe",
    "explica",
    "compara",
    "examina",
    "enf[oó]cate",
    "proporciona",
    "genera",
    "elabora",
    "incluye",
    "usa",
    "utiliza",
    "analysiere",
    "untersuche",
    "bewerte",
    "schreibe",
    "erstelle",
    "beschreibe",
    "erkl[äa]re",
    "vergleiche",
    "recherchiere",
    "analysieren sie",
    "untersuchen sie",
    "bewerten sie",
    "erstellen sie",
    "analysez",
    "[ée]valuez",
    "r[ée]digez",
    "r[ée]sumez",
    "d[ée]crivez",
    "expliquez",
    "comparez",
    "identifiez",
    "examinez",
)
#: A sentence opening with a bare task verb: the imperative a prompt is written in.
IMPERATIVE = patterns.compile(rf"(?:please )?{TASK_VERB}\b(?! ?:)")
#: What a prompt says about the output it wants.
TASK = patterns.compile(
    r"\b(?:your (?:task|job|goal|role|output|answer|response|report|article|summary) (?:is|should|must|will)"
    r"|you (?:are|will be) (?:given|provided|asked)|you (?:must|should) (?:write|produce|provide|answer"
    r"|respond|use|include|cite|focus|avoid|not)|respond (?:only )?(?:with|in)|answer (?:only )?(?:with|in)"
    r"|in (?:about |around |under |no more than |fewer than |at most |less than )?\d+ (?:words|sentences"
    r"|paragraphs|bullet points)|(?:≤|<=|max(?:imum)?\.?|at most) ?\d+ ?(?:words|palabras|w[öo]rter|mots"
    r"|characters|caracteres)|(?:the|a|your) (?:final )?(?:report|article|summary|output|answer) (?:should"
    r"|must|needs to)|(?:use|in|with) (?:markdown|bullet points|a table|headings|the following format"
    r"|json|a formal tone|plain language)|include (?:a|an|the) (?:table|section|summary|list|chart)"
    r"|focus (?:on|in) the following|the following aspects|the following (?:questions|points|steps)"
    r"|tools? (?:available|disponibles)|available tools|herramientas disponibles|requerimientos de salida"
    r"|output requirements|do not (?:mention|include|use|reveal|add|make up|invent|fabricate)"
    r"|(?:step by step|step-by-step)|think (?:carefully|step)|enf[oó]cate en|los siguientes aspectos"
    r"|el informe debe|debe(?:s|r[áa])? (?:incluir|usar|escribir))\b"
)
#: "You are a seasoned analyst…": the role line a system prompt opens with (a role noun, or any agent noun:
#: "correspondent", "historian"…; the checks ask for a task with it, so a memo's "You are a member of the
#: delegation" is not one).
ROLE_LINE = patterns.compile(
    r"(?:you are|you're|act as|eres|du bist|sie sind|tu es|vous [êe]tes) (?:an?|the|un|una|ein|eine|une)"
    r" (?:[\w-]+ ){0,5}(?:ai|model|chatbot|bot|expert|agent|asistente|analista|periodista|experto|experta"
    r"|redactor|investigador|assistent|experte|analyste|journaliste|r[ée]dacteur|[\w-]{3,}(?:er|or|ist|ant"
    r"|ent"
    r"|ian|ert))\b"
)
#: What a role line goes on with when it is a prompt's ("writing for…", "tasked with…", "your job…").
ROLE_TASK = patterns.compile(
    r"\b(?:writing|tasked|asked|briefed|helping|assisting|who (?:writes|specialises|specializes|helps)|whose"
    r" (?:job|task)|with (?:deep|extensive|\d+ years)|your (?:job|task|goal|role|audience|readers)|specialis"
    r"|speciali[sz]ing)\b"
)
#: Markers of a prompt template or a chat transcript.
PROMPT_MARKER = patterns.compile(
    r"\b(?:instructions? (?:for|to) (?:the )?(?:ai|model|assistant|llm|chatbot|gpt|writer|agent)"
    r"|system prompt|user prompt|prompt template|original (?:prompt|instructions?|request|query)"
    r"|instrucci[óo]n original|\[/?inst\]|<\|im_start\|>|<\|im_end\|>|<<sys>>|### (?:instruction|response)"
    r"|note to (?:the )?(?:ai|model|assistant|llm))\b"
    r"|\[/?inst\]|<\|im_(?:start|end)\|>|<<sys>>"
)
#: A label that introduces the request itself ("Prompt: …", "Query: …").
PROMPT_LABEL = patterns.compile(
    r"(?:\*\*)?(?:prompt|query|user query|search query|research query|task|instructions?|request"
    r"|user request|user|system|input|consulta|tarea|instrucci[óo]n|aufgabe|anweisung|eingabe|requ[êe]te"
    r"|consigne|t[âa]che)(?:\*\*)? ?:(?:\*\*)?\s*"
)
#: A label for a question a generator answered at the top of its output ("Question: …").
QUESTION_LABEL = patterns.compile(r"(?:\*\*)?(?:question|pregunta|frage)(?:\*\*)? ?:(?:\*\*)?\s*")
#: Headings under which a prompt is kept ("Query", "Original prompt", "Instrucción original").
PROMPT_HEADING = patterns.compile(
    r"(?:the |original |user |research |initial |system )?(?:prompt|query|task|instructions?|request"
    r"|brief given|assignment)(?: given| used| text)?"
    r"|instrucci[óo]n(?:es)? original(?:es)?|consulta(?: original)?|solicitud(?: original)?"
    r"|(?:urspr[üu]ngliche )?(?:aufgabe|anweisung|anfrage)|(?:requ[êe]te|consigne)(?: initiale| originale)?"
)
#: Citing the request in the article's own text ("based on the query: …").
PROMPT_REFERENCE = patterns.compile(
    r"\b(?:based on|in response to|as per|per|according to|following|answering|addressing) (?:the|your|this"
    r"|my) (?:user'?s? )?(?:query|prompt|request|instructions?|brief(?:ing request)?|question you asked)\b"
)

# --- a model thinking aloud ---------------------------------------------------------------------------------

REASONING_TAG = patterns.compile(
    r"<(/?)(think|thinking|thought|thoughts|reasoning|reflection|scratchpad|inner_monologue|analysis"
    r"|internal_thoughts|chain_of_thought|cot|plan|planning)>|◁(/?)(think)▷|\[(/?)(thinking|reasoning)\]"
)
#: Headings or labels a reasoning block is shown under ("Thinking…", "Thought for 12 seconds").
REASONING_LABEL = patterns.compile(
    r"(?:thinking|thought process|thoughts|chain of thought|chain-of-thought|reasoning(?: process| steps)?"
    r"|my reasoning|internal reasoning|internal monologue|inner monologue|scratchpad|scratch pad"
    r"|thought for (?:\d+|a few) (?:seconds?|s|minutes?|m)|thought|razonamiento|pensando|pensamiento"
    r"|denkprozess|gedankengang|überlegungen|r[ée]flexion|raisonnement)(?:\.\.\.|…)?"
)
#: What reasoning talks about: the user, the request, and what "I" should write.
REASONING_CUES = (
    (
        patterns.compile(
            r"\bthe (?:user|person asking|requester|asker)(?:'s)?\b|\bthey want(?:s)? (?:a|an|me|it)\b"
            r"|\bthe (?:question|prompt|request|query|task|instructions?) (?:is|asks"
            r"|wants|says|mentions)\b|\bthey(?:'re| are)? ask(?:ing|ed)? (?:me|for)\b|\basked me\b"
            r"|\bel usuario\b|\bder (?:nutzer|benutzer)\b|\bl'utilisateur\b"
        ),
        2,
    ),
    (
        patterns.compile(
            r"(?<![\w.-])i (?:need|should|must|have|want|'ll|will|think|recall|remember|wonder|guess"
            r"|could|might|can) (?:to )?(?:start|begin|write|structure|mention|include|check|make sure"
            r"|cover|focus|note|add|explain|keep|avoid|verify|consider|look|figure|draft|list|organi[sz]e"
            r"|be careful|go with|highlight|address|summari[sz]e|lead|open|close|end|put|use|skip|drop"
            r"|stick|aim|try|mention|frame|emphasi[sz]e|say|give|pick|choose)\b"
            r"|(?<![\w.-])i(?:'ll| will| should| need to| must| have to| want to)\s+(?:probably |maybe |also "
            r"|just |then |first )?[a-z]+\b|\blet me (?:think|check|see|start"
            r"|structure|draft|outline|organi[sz]e|recall|consider|figure|look|break|make|put|go)\b"
            r"|\bmy (?:plan|approach|answer|response|draft)\b"
        ),
        1,
    ),
    (
        patterns.compile(
            r"^(?:okay|ok|alright|hmm+|wait|so|right|now|first|next|then|also|but wait|actually)\b[,.]?"
            r"|\b(?:but wait|on second thought|let's see|let me think|i think that's|that should cover"
            r"|that covers|makes sense|i'm not sure|not sure if|maybe i should|should i)\b"
        ),
        1,
    ),
    (
        patterns.compile(
            r"\b(?:the (?:answer|response|article|summary|report|draft|piece|output|structure|tone"
            r"|intro(?:duction)?|conclusion|word count))\b"
        ),
        1,
    ),
)


def reasoning_score(low: str) -> int:
    """How much a block of lowered text reads as a model thinking aloud (0 for an article's prose)."""
    return sum(weight for pattern, weight in REASONING_CUES if pattern.search(low))


# --- an agent's log -----------------------------------------------------------------------------------------

#: Keys a pipeline writes in its notes.
_PIPELINE_KEY = _words(
    r"model(?: name| id| used| version)?",
    "llm",
    "engine",
    r"retriever(?: used(?: for [\w ]{1,40})?)?",
    "retrieval",
    "embedding(?:s| model)?",
    "temperature",
    "top[ _-]?[kp]",
    r"max(?:imum)?[ _]tokens",
    "tokens?(?: used| usage)?",
    "token usage",
    "seed",
    "run id",
    "session id",
    "request id",
    "trace id",
    "latency",
    "pipeline",
    "workflow",
    "agent",
    "tools?(?: used| call(?:ed|s)?)?",
    "function call",
    "action(?: input)?",
    "observation",
    "decision",
    r"step \d+",
    "status",
    "config(?:uration)?",
    "parameters",
    "params",
    "search params",
    "output (?:file|path)",
    "saved to",
    "file(?: ?name| path)?",
    r"[\w ]{0,30}(?:data )?path",
    "generated (?:on|at|by|with|using)",
    "created (?:on|at|by|with)",
    "timestamp",
    "elapsed(?: time)?",
    "duration",
    "cost",
    "prompt tokens",
    "completion tokens",
    "graphrag[ _]model",
    "ranker",
    "alpha",
    "chunk(?:s| size)?",
    "sources? retrieved",
    "informe generado el",
    "generado (?:el|por|con)",
    "erstellt (?:am|mit|von)",
    "g[ée]n[ée]r[ée] (?:le|par|avec)",
)
#: One line of ``key: value`` a pipeline wrote ("graphrag_model: …", "**Retriever:** Hybrid").
KEY_VALUE = patterns.compile(
    r"^\s*+(?:[-*•]\s*)?(?:\*\*|__)?(?P<key>\w[\w .()/-]{0,48}?)\s*+(?:\*\*|__)?\s*+[:=]\s*+"
    r"(?:\*\*|__)?\s*+(?P<value>.*)$"
)
SNAKE_KEY = patterns.compile(r"^(?:[a-z][a-z0-9]*+(?:_[a-z0-9]++)+|[a-z]++(?:[A-Z][a-z0-9]*+)+)$")
PIPELINE_KEY = patterns.compile(rf"(?:{_PIPELINE_KEY})", re.IGNORECASE)
#: Values only a machine writes: dicts, timestamps, file names, model ids, booleans.
MACHINE_VALUE = patterns.compile(
    r"[{\[][\"'][\w -]+[\"']\s*:|\{\s*\}|\b\d{4}-\d{2}-\d{2}[ T_]\d{2}[:-]\d{2}(?:[:-]\d{2})?"
    r"|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:json|jsonl|md|txt|csv|log|ya?ml|py|ipynb|docx|pdf|html?|xlsx"
    r"|parquet|pkl)\b"
    r"|\b(?:gpt-?\d[\w.-]*|gpt-4o[\w.-]*|o[134]-(?:mini|preview)[\w.-]*|claude[\w.-]*|gemini[\w.-]*"
    r"|llama[\w.-]*|mistral[\w.:-]*|mixtral[\w.-]*|qwen[\w.-]*|deepseek[\w.-]*|phi-\d[\w.-]*"
    r"|(?<![\w.:-])[\w.-]+:latest)\b|\b(?:true|false|none|null)\b|(?<!\w)[a-z][a-z0-9]*+(?:_[a-z0-9]++)+",
    re.IGNORECASE,
)
#: A model's name said as such.
MODEL_NAME = patterns.compile(
    r"\b(?:gpt-?[345][\w.-]*|gpt-4o[\w.-]*|chatgpt|claude(?:-[\w.]+| \d[\w.]*)?|gemini-[\w.-]+"
    r"|llama-?\d[\w.-]*"
    r"|mistral(?::[\w.]+|-[\w.]+)|mixtral[\w.-]*|qwen[\d.][\w.-]*|deepseek-[\w.-]+"
    r"|(?<![\w-])[\w-]+:latest)\b",
    re.IGNORECASE,
)
#: A tool being called: ``web_search(query=…)``, ``search["…"]``, ``{"name": …, "arguments": …}``.
TOOL_CALL = patterns.compile(
    r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\s*[(\[]\s*(?:[a-z_]+\s*=|[\"'{])"
    r"|\{\s*[\"'](?:name|tool|function|action|tool_name)[\"']\s*:"
    r"|\b(?:calling|invoking|running|using|executing) (?:the )?(?:tool|function|api|search tool|web search)\b"
    r"|\btool[_ ]call\b|\bfunction[_ ]call\b|\b(?:no|without) (?:external )?tool (?:call|use)s?\b"
    r"|\btools? (?:was|were|is) (?:not )?(?:needed|required|used|called)\b",
    re.IGNORECASE,
)
#: A progress line of an agent ("Searching the web for …", "Step 3: retrieving sources…").
PROGRESS = patterns.compile(
    r"(?:(?:step|stage|phase|paso|schritt|[ée]tape) \d+(?:/\d+| of \d+)?\s*[:.)\-–—]+\s*)?(?:searching"
    r"|retrieving|fetching"
    r"|browsing|querying|calling|analy[sz]ing|reading|parsing|generating|compiling|writing|loading"
    r"|processing|gathering|collecting|thinking|planning|checking|running|executing|scraping|crawling"
    r"|buscando|analizando|generando|suche|analysiere|recherche|g[ée]n[ée]ration)\b[^.!?]{0,120}?(?:\.\.\.|…)"
    r"\s*(?:\(?(?:done|ok|complete|completed|finished|success)\)?[.!]?)?\s*$"
    r"|(?:step|stage|paso|schritt) \d+(?:/\d+| of \d+)?\s*[:.)\-–—]+\s*(?:done|completed?|finished|failed"
    r"|skipped|ok)\b"
    r"|\b(?:found|retrieved|fetched|returned|got) \d+ (?:results|documents|sources|pages|hits|chunks"
    r"|passages|snippets)\b",
    re.IGNORECASE,
)
#: Where the output went ("Output written to weekly_v3.docx", "Saved report to out/brief.md").
FILE_NOTE = patterns.compile(
    r"\b(?:saved|written|wrote|exported|stored|output|writing|saving|exporting|guardado|gespeichert"
    r"|enregistr[ée])\b[^.!?]{0,60}?\b[\w./-]+\.(?:json|jsonl|md|txt|csv|log|ya?ml|py|ipynb|docx|pdf|html?"
    r"|xlsx"
    r"|parquet|pkl)\b",
    re.IGNORECASE,
)
#: A tool and its use named together ("no need to call a search tool").
TOOL_WORD = patterns.compile(
    r"\b(?:tools?|search tool|web search|browsing|browser|function|api|plugin|retriever)\b", re.IGNORECASE
)
TOOL_USE = patterns.compile(
    r"\b(?:call|calls|called|calling|invoke|invoked|invoking|use|used|using|needed|required"
    r"|run|ran|triggered|skipped)\b",
    re.IGNORECASE,
)
#: A generator's footer or stamp ("Generated using …", "This report was automatically generated").
GENERATOR = patterns.compile(
    r"\b(?:(?:report |document |summary |text |content |this (?:report|document|summary|note|brief|article)"
    r" (?:was|has been|is) )?(?:auto(?:matically)?[- ])?generated (?:on|at|by|with|using|via|through|from"
    r"|automatically)|(?:created|produced|written|compiled|powered) (?:with|using|by) (?:an? )?(?:ai|llm|gpt"
    r"|chatgpt|claude|gemini|the [\w -]{0,30}(?:pipeline|agent|tool|model|workflow|assistant))"
    r"|powered by|informe generado|generado (?:autom[áa]ticamente|por|con|el|como)|automatisch (?:generiert"
    r"|erstellt)|generiert (?:am|mit|von|durch)|g[ée]n[ée]r[ée] (?:automatiquement|par|avec|le))\b",
    re.IGNORECASE,
)
#: A secret or an environment variable an agent's error note tells the reader to set.
SECRET = patterns.compile(
    r"\b[A-Z][A-Z0-9]*_(?:API_)?(?:KEY|TOKEN|SECRET)\b|\bexport [A-Z_]{3,}=|\bTraceback \(most"
)
#: Headings under which a generator keeps its notes.
NOTES_HEADING = patterns.compile(
    r"(?:metadata|meta data|(?:run|generation|pipeline|agent|tool|execution|model|report generation)"
    r" (?:details|info|information|metadata|settings|log|logs|notes|trace|configuration|calls|usage"
    r"|parameters)"
    r"|pipeline|configuration|config|debug(?: info)?|diagnostics|log|logs|trace"
    r"|metadatos|metadaten|m[ée]tadonn[ée]es)"
)


@dataclass(frozen=True)
class Cues:
    """The cues of one sentence (lowered text)."""

    you: bool
    me: bool
    question: bool
    offer: bool
    ask_back: bool
    meta: bool
    preference: bool
    exclaims: bool
    words: int

    @property
    def assistant(self) -> bool:
        """Whether something in it speaks as the assistant or about the text itself."""
        return self.me or self.offer or self.ask_back or self.meta

    @property
    def score(self) -> int:
        """Weight of the cues a chatbot's aside has (an article's sentence scores 0 to 2)."""
        return (
            self.you
            + self.me
            + self.question
            + self.offer
            + 2 * self.ask_back
            + self.meta
            + self.preference
            + (self.exclaims and self.words <= 12)
        )


#: Pieces one of the cues needs; a sentence or block with none of them is not scored. Substring tests:
#: a pattern of many alternatives with word boundaries costs far more on every block of an article.
CUE_PIECES = (
    " sie",
    " vous",
    " te ",
    " le gust",
    " av",
    " n'h",
    " you",
    " i ",
    " i'",
    " me ",
    " me.",
    " me,",
    " my ",
    "?",
    "!",
    " let me",
    " here",
    " good ",
    " have a",
    " happy",
    " glad",
    " best ",
    " thank",
    " enjoy",
    " cheers",
    " sure",
    " certain",
    " absolute",
    " okay",
    " great",
    " hello",
    " hi ",
    " hi,",
    " hey",
    " dear ",
    " welcome",
    "¿",
    "¡",
    " gerne",
    " bonjour",
    " hola",
    " hallo",
    " voici",
    " claro",
    " wishing",
)


def cue_hint(low: str) -> bool:
    """Whether lowered text has anything a chatbot cue needs (each piece at the start of a word)."""
    padded = " " + low.replace("\n", " ")
    return any(map(padded.__contains__, CUE_PIECES))


#: Substrings that every alternative of a cue's pattern contains, one of which a text must hold before
#: the pattern is searched: a substring test costs a fraction of a search of many alternatives. The cue
#: patterns are case-sensitive and run on lowered text, so a literal piece is exact for any text,
#: non-ASCII included (no case folding to allow for).
_I_PIECES = ("i'", "i ")  # FIRST_PERSON's "i" alternatives
_OFFER_PIECES = ("i'", "i ", "happy to ", "glad to help")
_ASK_BACK_PIECES = (
    " me",  # "let me know", "want me to", "tell me", …
    "feel free",
    "hesitate",
    "at your service",
    "shall i",
    "should i",
    "can i",
    "may i",
    "just ",
    "soll ich",
    "dois-je",
    "debo",
)
_FOREIGN_ASK_PIECES = (
    "same",  # avísame
    "melo",  # házmelo, dímelo
    "no dude",
    "game",  # dígame
    "gustar",
    "quiere",
    "desea",
    "lass",
    "sag",
    "chten sie",
    "willst du",
    "sitez pas",
    "-moi",
    "-vous",
)


def _holds(text: str, pieces: tuple[str, ...]) -> bool:
    """Whether ``text`` holds one of ``pieces``: the pre-test of a cue (see the pieces above)."""
    return any(map(text.__contains__, pieces))


def _first_person(text: str) -> bool:
    """FIRST_PERSON's search, cheaper: its "i" alternatives need an "i" before an apostrophe or a
    space, so without one only its "me"/"my" alternative, a far simpler pattern, can match."""
    if _holds(text, _I_PIECES):
        return FIRST_PERSON.search(text) is not None
    return ("me" in text or "my" in text) and _ME.search(text) is not None


def cues(low: str, start: int = 0, end: int | None = None) -> Cues:
    """The cues of ``low[start:end]`` (lowered text: see :func:`lowered`)."""
    end = len(low) if end is None else end
    text = low[start:end]
    foreign = _holds(text, _FOREIGN_ASK_PIECES) and FOREIGN_ASK.search(text) is not None
    return Cues(
        you=("you" in text and SECOND_PERSON.search(text) is not None) or foreign,
        me=_first_person(text),
        question="?" in text,
        offer=_holds(text, _OFFER_PIECES) and OFFER.search(text) is not None,
        ask_back=foreign or (_holds(text, _ASK_BACK_PIECES) and ASK_BACK.search(text) is not None),
        meta=META.search(text) is not None,
        preference=PREFERENCE.search(text) is not None,
        exclaims=text.rstrip().endswith("!"),
        words=len(text.split()),
    )


def mask_reasoning(low: str) -> str:
    """Lowered text with closed reasoning blocks (``<think>…</think>``) blanked: what a model thought
    is not the article speaking to its reader (the reasoning check reports it). One pass over the tags:
    a closing tag closes the earliest open tag of its name."""
    if "<" not in low and "◁" not in low and "[" not in low:
        return low
    opened: dict[str, int] = {}
    spans: list[tuple[int, int]] = []
    for match in REASONING_TAG.finditer(low):
        name = match.group(2) or match.group(4) or match.group(6) or ""
        if match.group(1) or match.group(3) or match.group(5):
            start = opened.pop(name, None)
            if start is not None:
                spans.append((start, match.end()))
        else:
            opened.setdefault(name, match.start())
    if not spans:
        return low
    parts = []
    position = 0
    for start, end in sorted(spans):
        if start < position:
            start = position
        if end <= start:
            continue
        parts.append(low[position:start])
        parts.append(" " * (end - start))
        position = end
    parts.append(low[position:])
    return "".join(parts)


def unit_lowered(cache: dict[object, object], unit: object, text: str) -> str:
    """:func:`lowered` of a unit's text with its reasoning blocks blanked (:func:`mask_reasoning`),
    worked out once per run (``cache`` is the run's)."""
    store = cache.setdefault("register_cues.lowered", {})
    assert isinstance(store, dict)
    known = store.get(id(unit))
    if known is None or known[0] is not unit:
        known = (unit, mask_reasoning(lowered(text)))
        store[id(unit)] = known
    return known[1]
