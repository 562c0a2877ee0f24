"""programs/extract/glossary.py pinned down: each glossary entry and the Spanish-page threshold.

Two gaps the rows found are fixed: singular units ("un año" gave no length) and the word
boundaries of a phrase with alternatives ("Recursos Humanos" read as "Recursos Humyears").

Phrases are our own; each row would fail if its word were dropped from the glossary.
"""

from __future__ import annotations

import pytest

from programs.extract.glossary import looks_spanish, to_english


@pytest.mark.parametrize(
    "text,expected",
    [
        # four Spanish function words make a Spanish text; three do not
        ("el programa de la salud", True),
        ("el programa de", False),
        ("la escuela en los pueblos del sur", True),
        ("las clases del curso", False),
        ("las y para con", True),
        ("y para con por", True),
        ("una que se programa", True),
        ("estudiantes créditos meses años", True),
        ("estudiante creditos horas x", False),
        ("meses años horas del", True),
        # English text with a Spanish-looking word stays English
        ("once a year the program meets online", False),
        ("el " * 3 + "x" * 3000 + " el", False),  # only the first 3,000 characters count
    ],
)
def test_looks_spanish(text: str, expected: bool) -> None:
    assert looks_spanish(text) is expected


@pytest.mark.parametrize(
    "spanish,english",
    [
        ("Tecnología en Información de la Salud", "health information technology"),
        ("Tecnologia de Informacion en Salud", "health information technology"),
        ("Administración de Información de Salud", "health information management"),
        ("Gerencia de la Información en Salud", "health information management"),
        ("Manejo de Información de Salud", "health information management"),
        ("Información de Salud", "health information"),
        ("Información en Salud", "health information"),
        ("Récords Médicos", "medical records"),
        ("Expedientes Médicos", "medical records"),
        ("Grado Asociado", "associate degree"),
        ("Certificado Técnico", "certificate"),
        ("Certificado", "certificate"),
        ("Certificación Técnica", "certificate"),
        ("Bachillerato", "bachelor's degree"),
        ("Licenciatura", "bachelor's degree"),
        ("Maestría", "master's degree"),
        ("Codificación", "coding"),
        ("Codificadores", "coders"),
        ("Facturación", "billing"),
        ("Facturadores", "billers"),
        ("Seguros Médicos", "medical insurance"),
        ("900 horas contacto", "900 contact hours"),
        ("900 horas de contacto", "900 contact hours"),
        ("900 horas reloj", "900 clock hours"),
        ("900 horas de reloj", "900 clock hours"),
        ("120 horas de instrucción", "120 hours of instruction"),
        ("costo por crédito", "cost per credit"),
        ("$150 por crédito", "$150 per credit"),
        ("60 créditos", "60 credits"),
        ("18 meses", "18 months"),
        ("cada mes", "cada month"),
        ("1 año", "1 year"),
        ("1 semana", "1 week"),
        ("1 semestre", "1 semester"),
        ("2 años", "2 years"),
        ("2 anos", "2 years"),
        ("40 semanas", "40 weeks"),
        ("4 semestres", "4 semesters"),
        ("6 trimestres", "6 trimesters"),
        ("5 cuatrimestres", "5 terms"),
        ("en línea", "online"),
        ("a distancia", "online"),
        ("híbrido", "hybrid"),
        ("Híbrida", "hybrid"),
        ("presencial", "in person"),
        ("presenciales", "in person"),
        ("matrícula", "tuition"),
        ("costo total estimado", "total cost"),
        ("costo total", "total cost"),
        ("costo", "cost"),
        ("cuotas", "fees"),
        ("duración", "length"),
        ("modalidad", "format"),
        ("exámenes", "exam"),
        ("examenes", "exam"),
        ("examen", "exam"),
        ("acreditado", "accredited"),
        ("acreditadas", "accredited"),
        ("elegibles", "eligible"),
        # number words before a unit
        ("un año", "1 year"),
        ("un mes", "1 month"),
        ("una semana", "1 week"),
        ("un semestre", "1 semester"),
        ("uno años", "1 years"),
        ("una semanas", "1 weeks"),
        ("dos años", "2 years"),
        ("tres semestres", "3 semesters"),
        ("cuatro trimestres", "4 trimesters"),
        ("cinco cuatrimestres", "5 terms"),
        ("seis meses", "6 months"),
        ("siete meses", "7 months"),
        ("ocho meses", "8 months"),
        ("nueve meses", "9 months"),
        ("diez meses", "10 months"),
        ("once meses", "11 months"),
        ("doce meses", "12 months"),
        ("dieciocho meses", "18 months"),
        ("veinticuatro meses", "24 months"),
        # a number word not before a unit stays
        ("once a year", "once a year"),
        # a glossary word inside a longer word is left alone (both ends of "años|anos",
        # "en línea|a distancia" are word boundaries)
        ("Recursos Humanos", "Recursos Humanos"),
        ("planos", "planos"),
        ("ella distancia", "ella distancia"),
        ("Educación a distancia", "Educación online"),
    ],
)
def test_to_english(spanish: str, english: str) -> None:
    assert to_english(spanish) == english
