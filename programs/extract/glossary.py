"""Spanish program pages (Puerto Rico and elsewhere): a small glossary that turns the
words the rules need into English before the normalisers read them.

Only used for reading facts and for classifying names (credential, CIP); the program
name shown to people keeps the page's own words. ``looks_spanish(text)`` decides whether
a text needs it (at least four Spanish function words), so English text is never rewritten
("once a year" stays English).
"""

from __future__ import annotations

import re

_STOPWORDS = re.compile(
    r"\b(?:el|la|los|las|de|del|en|y|para|con|por|una|que|se|programa|estudiantes?|cr[eé]ditos"
    r"|meses|años|horas)\b",
    re.IGNORECASE,
)

_NUMBERS = {
    "un": 1,
    "uno": 1,
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "once": 11,
    "doce": 12,
    "dieciocho": 18,
    "veinticuatro": 24,
}

_PHRASES: list[tuple[str, str]] = [
    (
        r"tecnolog[ií]a\s+(?:de|en)\s+(?:la\s+)?informaci[oó]n\s+(?:de|en)\s+(?:la\s+)?salud",
        "health information technology",
    ),
    (
        r"(?:administraci[oó]n|gerencia|manejo)\s+de\s+(?:la\s+)?informaci[oó]n\s+(?:de|en)\s+(?:la\s+)?salud",
        "health information management",
    ),
    (r"informaci[oó]n\s+(?:de|en)\s+(?:la\s+)?salud", "health information"),
    (r"r[eé]cords?\s+m[eé]dicos|expedientes\s+m[eé]dicos", "medical records"),
    (r"grado\s+asociado", "associate degree"),
    (r"certificado(?:\s+t[eé]cnico)?|certificaci[oó]n\s+t[eé]cnica", "certificate"),
    (r"bachillerato|licenciatura", "bachelor's degree"),
    (r"maestr[ií]a", "master's degree"),
    (r"codificaci[oó]n", "coding"),
    (r"codificador(?:es)?", "coders"),
    (r"facturaci[oó]n", "billing"),
    (r"facturador(?:es)?", "billers"),
    (r"seguros\s+m[eé]dicos", "medical insurance"),
    (r"horas\s+(?:de\s+)?contacto|horas\s+contacto", "contact hours"),
    (r"horas\s+reloj|horas\s+de\s+reloj", "clock hours"),
    (r"horas\s+de\s+instrucci[oó]n", "hours of instruction"),
    (r"costo\s+por\s+cr[eé]dito", "cost per credit"),
    (r"por\s+cr[eé]dito", "per credit"),
    (r"cr[eé]ditos", "credits"),
    (r"meses", "months"),
    (r"mes", "month"),
    (r"años|anos", "years"),
    (r"año", "year"),
    (r"semanas", "weeks"),
    (r"semana", "week"),
    (r"semestres", "semesters"),
    (r"semestre", "semester"),
    (r"trimestres", "trimesters"),
    (r"cuatrimestres", "terms"),
    (r"en\s+l[ií]nea|a\s+distancia", "online"),
    (r"h[ií]brid[oa]s?", "hybrid"),
    (r"presencial(?:es)?", "in person"),
    (r"matr[ií]cula", "tuition"),
    (r"costo\s+total(?:\s+estimado)?", "total cost"),
    (r"costo", "cost"),
    (r"cuotas", "fees"),
    (r"duraci[oó]n", "length"),
    (r"modalidad", "format"),
    (r"examen|ex[aá]menes", "exam"),
    (r"acreditad[oa]s?", "accredited"),
    (r"elegibles?", "eligible"),
]
_PHRASE_RE = re.compile(
    # each phrase in a group of its own, so that both ends of "años|anos" have a word boundary
    "|".join(f"(?P<p{i}>\\b(?:{p})\\b)" for i, (p, _) in enumerate(_PHRASES)),
    re.IGNORECASE,
)
_NUMBER_RE = re.compile(
    r"\b("
    + "|".join(_NUMBERS)
    + r")\b(?=\s*\(?\s*(?:years?|months?|weeks?|semesters?|trimesters?|terms?)\b)",
    re.IGNORECASE,
)


def looks_spanish(text: str) -> bool:
    """True when ``text`` has several Spanish function words (a cheap test on its first 3,000 characters)."""
    return len(_STOPWORDS.findall(text[:3000])) >= 4


def to_english(text: str) -> str:
    """The glossary applied to ``text`` (Spanish program words -> English)."""

    def repl(m: re.Match[str]) -> str:
        return _PHRASES[int(m.lastgroup[1:])][1]  # type: ignore[index]

    out = _PHRASE_RE.sub(repl, text)
    return _NUMBER_RE.sub(lambda m: str(_NUMBERS[m.group(1).lower()]), out)
