"""Text rules of the program-page extractor, on small inline pages written like real college pages."""

from __future__ import annotations

import pytest

from programs.extract import extract_page
from programs.extract.address import find_address
from programs.extract.page import clean_title
from programs.extract.rules import classify_label, is_program_heading

URL = "https://www.example.edu/programs/medical-coding.html"
FOOTER = (
    "<footer><p>Example College &middot; 100 Main Street, Springfield, IL 62701 &middot; (217) 555-0100</p>"
    "<p>&copy; 2025 Example College. All rights reserved.</p></footer>"
)
NAV = (
    '<header><a href="/">Example College</a><nav><ul><li><a href="/news/">News</a></li>'
    '<li><a href="/athletics/">Athletics</a></li><li><a href="/apply/">Apply online</a></li></ul></nav></header>'
)


def page(
    main: str,
    title: str = "Medical Coding Certificate | Example College",
    footer: str = FOOTER,
    head: str = "",
) -> str:
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>{head}</head>"
        f"<body>{NAV}<main>{main}</main>{footer}</body></html>"
    )


def one(main: str, url: str = URL, **kw) -> dict:
    result = extract_page(page(main, **kw), url)
    assert result.is_program_page, result
    assert len(result.programs) == 1, result.programs
    return result.programs[0]


# (main content, expected fields of the one program)
PROSE_CASES: list[tuple[str, dict]] = [
    (
        "<h1>Medical Coding Certificate</h1><p>Complete the certificate in 9 months. The 33-credit program is offered "
        "online.</p><p>Tuition is $220 per credit.</p>",
        {
            "length_months": 9.0,
            "credit_hours": 33.0,
            "delivery": "online",
            "tuition_usd": 7260.0,
            "credential": "certificate",
        },
    ),
    # traps: completion limit, per-course weeks, 24/7, salary, exam fee, application fee, phone number
    (
        "<h1>Medical Billing and Coding Certificate</h1><p>Finish in 9 months with 30 credit hours, all online. Courses "
        "run as 8-week courses so you take two at a time.</p><p>Total tuition: $5,580. A $25 application fee applies. "
        "Students must finish within two years of starting.</p><p>Graduates are prepared for the CPC and CPB exams (the "
        "CPC exam is $399 for members).</p><p>Medical records specialists earn a median pay of $48,780 per year. We offer "
        "24/7 tutoring.</p><p>Call (614) 555-0102.</p>",
        {
            "length_months": 9.0,
            "credit_hours": 30.0,
            "tuition_usd": 5580.0,
            "certifications": ["CPB", "CPC"],
            "delivery": "online",
        },
    ),
    # "two-year (four-semester) program offered completely online"; "A total of 60 credits is required"
    (
        "<h1>Health Information Technology, AAS</h1><p>The Associate of Applied Science in Health Information Technology "
        "is a two-year (four-semester) program offered completely online. A total of 60 credits is required.</p>"
        "<p>Tuition is $234 per credit hour for residents.</p><p>Graduates are eligible to sit for the Registered Health "
        "Information Technician (RHIT) examination.</p>",
        {
            "length_months": 24.0,
            "credit_hours": 60.0,
            "delivery": "online",
            "tuition_usd": 14040.0,
            "certifications": ["RHIT"],
            "credential": "associate",
        },
    ),
    # "offered in online, hybrid, Fastrack (8-week courses), and evening options"
    (
        "<h1>Medical Billing and Coding Certificate of Proficiency</h1><p>The program is offered in online, hybrid, "
        "Fastrack (8-week courses), and evening options.</p><p>Full-time students complete the 45-credit certificate in as "
        "little as 9 months (three quarters).</p><p>Estimated total tuition and fees: $4,950.</p>",
        {"length_months": 9.0, "credit_hours": 45.0, "delivery": "hybrid", "tuition_usd": 4950.0},
    ),
    # clock hours; "as little as" with a completion limit next to it
    (
        "<h1>Medical Billing and Coding Diploma</h1><p>Complete the 720-clock-hour diploma program in as little as 9 "
        "months at our Chicago campus.</p><p>Students must complete the program within 13.5 months (150% of the normal "
        "program length).</p><p>Tuition: $14,950, including textbooks and one CPC exam voucher.</p>",
        {
            "length_months": 9.0,
            "clock_hours": 720.0,
            "credit_hours": None,
            "delivery": "on_campus",
            "tuition_usd": 14950.0,
            "credential": "certificate",
        },
    ),
    # contact hours and weeks; an approval named by the school
    (
        "<h1>Medical Coding &amp; CPC Exam Prep (Non-Credit)</h1><p>This 80 contact hours course meets Tuesday and "
        "Thursday evenings for 10 weeks, live online via Zoom.</p><p>Course fee: $1,695, including the AAPC student "
        "membership and one CPC exam voucher.</p><p>Example College is an AAPC Approved Education Partner.</p>",
        {
            "length_months": 2.3,
            "clock_hours": 80.0,
            "delivery": "online",
            "tuition_usd": 1695.0,
            "accreditations": ["AAPC"],
            "credential": "certificate",
        },
    ),
    # length from credits only (catalog style)
    (
        "<h1>Medical Coding Specialist Certificate</h1><p>Prepares students for the CCS and CCS-P examinations.</p>"
        "<p><strong>Total Credit Hours: 33</strong></p>",
        {
            "length_months": 12.0,  # an estimate: about a year, inside a 12-month filter
            "length_basis": "credits",
            "length_estimated": True,
            "credit_hours": 33.0,
            "certifications": ["CCS", "CCS-P"],
            "delivery": None,
            "tuition_usd": None,
        },
    ),
    # a range gives its upper bound
    (
        "<h1>Medical Billing and Coding (Online)</h1><p>Program length: 4&ndash;12 months (self-paced). Cost: "
        "$9,800&ndash;$11,500 depending on start date. 100% online.</p><p>Prepares for the CPC exam.</p>",
        {
            "length_months": 12.0,
            "length_min_months": 4.0,
            "tuition_usd": 11500.0,
            "delivery": "online",
        },
    ),
    # negations: not accredited, not eligible
    (
        "<h1>BS in Health Information Management</h1><p>Finish your 120-credit bachelor's degree online in as few as 36 "
        "months. Tuition is $410 per credit.</p><p><strong>Important:</strong> this program is not accredited by CAHIIM, "
        "and graduates are not eligible to sit for the RHIA examination.</p>",
        {
            "credential": "bachelor",
            "length_months": 36.0,
            "tuition_usd": 49200.0,
            "certifications": [],
            "accreditations": [],
        },
    ),
    # CAHIIM candidacy is not accreditation
    (
        "<h1>Health Information Technology, Associate of Science</h1><p>The program runs for four semesters. Classes meet "
        "on campus. The degree requires 64 credits.</p><p>The program is in Candidacy Status, pending accreditation review "
        "by the Commission on Accreditation for Health Informatics and Information Management Education (CAHIIM). "
        "Candidacy is not accreditation.</p><p>The curriculum prepares students for the RHIT exam.</p>",
        {
            "accreditations": [],
            "certifications": ["RHIT"],
            "length_months": 24.0,
            "delivery": "on_campus",
        },
    ),
    # the CAHIIM statement, with the accreditor's Chicago address and phone
    (
        "<h1>Health Information Technology (AAS)</h1><p>The Associate in Applied Science requires 64 credit hours and is "
        "completed in two years of full-time study. All courses meet in person on the Near South campus.</p>"
        "<p>The Health Information Management accreditor of Example College is the Commission on Accreditation for Health "
        "Informatics and Information Management Education (CAHIIM). The College's accreditation for associate degree in "
        "Health Information Technology has been reaffirmed through 2031. All inquiries about the program's accreditation "
        "status should be directed by mail to CAHIIM, 200 East Randolph Street, Suite 5100, Chicago, IL, 60601-6436; by "
        "phone at (312) 235-3255; or by email at info@cahiim.org.</p>"
        "<table><tr><th>Measure</th><th>Result</th></tr><tr><td>Employment rate (within 6 months)</td><td>88%</td></tr>"
        "</table>",
        {
            "accreditations": ["CAHIIM"],
            "length_months": 24.0,
            "credit_hours": 64.0,
            "delivery": "on_campus",
            "tuition_usd": None,
        },
    ),
    # the credential is only in the first paragraph
    (
        "<h1>Health Information Coding Specialist, CAS</h1><p>The Certificate of Applied Science requires 33 credits over "
        "three semesters and is offered online.</p>",
        {"credential": "certificate", "length_months": 18.0, "credit_hours": 33.0},
    ),
]


@pytest.mark.parametrize("main,expected", PROSE_CASES)
def test_prose_rules(main: str, expected: dict) -> None:
    got = one(main)
    for key, value in expected.items():
        assert got[key] == value, (key, got[key], value)


FACTS_CASES: list[tuple[str, dict]] = [
    # th | td rows
    (
        "<h1>Medical Coding</h1><table class='facts'><tr><th>Length</th><td>32 weeks</td></tr><tr><th>Clock hours</th>"
        "<td>600</td></tr><tr><th>Cost</th><td>$9,850 (tuition, books and one exam fee)</td></tr><tr><th>Format</th>"
        "<td>On campus, day classes</td></tr></table><p>Prepares for the CPC exam.</p>",
        {
            "length_months": 7.4,
            "clock_hours": 600.0,
            "tuition_usd": 9850.0,
            "delivery": "on_campus",
            "credential": "certificate",
        },
    ),
    # header row of labels, a row of values
    (
        "<h1>Health Information Technology AAS</h1><table><thead><tr><th>Length</th><th>Credits</th><th>Cost</th>"
        "<th>Format</th></tr></thead><tbody><tr><td>4 semesters</td><td>60</td><td>$11,220 estimated tuition and fees</td>"
        "<td>Online</td></tr></tbody></table>",
        {"length_months": 24.0, "credit_hours": 60.0, "tuition_usd": 11220.0, "delivery": "online"},
    ),
    # definition list, per-credit cost
    (
        "<h1>Medical Coding and Insurance Diploma</h1><dl><dt>Length</dt><dd>3 semesters</dd><dt>Credits</dt><dd>48</dd>"
        "<dt>Cost</dt><dd>$250 per credit</dd><dt>Format</dt><dd>On campus</dd></dl>",
        {
            "length_months": 18.0,
            "credit_hours": 48.0,
            "tuition_usd": 12000.0,
            "delivery": "on_campus",
        },
    ),
    # units and a per-unit price
    (
        "<h1>Medical Coding Specialist Certificate of Achievement</h1><table><tr><th>Length</th><td>2 semesters</td></tr>"
        "<tr><th>Units</th><td>27</td></tr><tr><th>Cost</th><td>$46 per unit (California resident)</td></tr>"
        "<tr><th>Format</th><td>Online</td></tr></table>",
        {"length_months": 12.0, "credit_hours": 27.0, "tuition_usd": 1242.0, "delivery": "online"},
    ),
    # "Day, evening and online sections" offers both
    (
        "<h1>Medical Coding Specialist Technical Diploma</h1><table><tr><th>Length</th><td>3 semesters</td></tr>"
        "<tr><th>Credit hours</th><td>39</td></tr><tr><th>Estimated cost</th><td>$6,630</td></tr><tr><th>Format</th>"
        "<td>Day, evening and online sections</td></tr></table><p>Coding specialists earn a median pay of $44,120 per "
        "year.</p>",
        {"delivery": "hybrid", "tuition_usd": 6630.0, "credit_hours": 39.0},
    ),
    # "Label: value" lines
    (
        "<h1>Medical Billing and Coding, Certificate of Specialization</h1><p>Delivery: Online</p><p>This certificate "
        "prepares students for the CPC and CPB exams.</p><p><strong>Total: 30 credit hours</strong></p>",
        {
            "delivery": "online",
            "credit_hours": 30.0,
            "length_months": 12.0,
            "certifications": ["CPB", "CPC"],
        },
    ),
    # catalog software: per-course credits are not the program's; the CIP code is read
    (
        "<h1>Health Information Technology, AAS</h1><p><strong>Program Code:</strong> HIT.AAS &nbsp; "
        "<strong>CIP Code:</strong> 51.0707</p><h2>Program Requirements</h2><h3>General Education (18 credits)</h3><ul>"
        "<li class='acalog-course'><span><a href='#'>ENG 101 - Composition I</a> Credits: 3</span></li>"
        "<li class='acalog-course'><span><a href='#'>HIT 290 - Professional Practice Experience</a> Credits: 5</span>"
        "</li></ul><p><strong>Total Credit Hours: 62</strong></p>",
        {"credit_hours": 62.0, "length_months": 24.0, "length_basis": "credits", "cip": "51.0707"},
    ),
    (
        "<h1>Health Information Technology (Associate of Applied Science)</h1><p>Graduates are eligible for the RHIT "
        "examination.</p><p><strong>Total Semester Hours: 63</strong></p>",
        {"credit_hours": 63.0, "length_months": 24.0, "length_estimated": True},
    ),
]


@pytest.mark.parametrize("main,expected", FACTS_CASES)
def test_facts_rules(main: str, expected: dict) -> None:
    got = one(main)
    for key, value in expected.items():
        assert got[key] == value, (key, got[key], value)


def test_spanish_page() -> None:
    main = (
        "<h1>Certificado Técnico en Facturación y Codificación Médica</h1><p>El programa prepara al estudiante "
        "para trabajar en oficinas médicas y asignar códigos de diagnósticos.</p><ul><li><strong>Duración:"
        "</strong> 12 meses (tres trimestres)</li><li><strong>Créditos:</strong> 36</li><li><strong>Modalidad:"
        "</strong> presencial, en el Recinto de Ponce</li><li><strong>Costo total estimado:</strong> $6,480</li>"
        "</ul><p>Al completar el programa, el estudiante estará preparado para el examen CPC de AAPC.</p>"
    )
    got = one(main, title="Certificado | Universidad del Sur")
    assert got["name"] == "Certificado Técnico en Facturación y Codificación Médica"
    assert (
        got["credential"],
        got["length_months"],
        got["credit_hours"],
        got["delivery"],
        got["tuition_usd"],
    ) == ("certificate", 12.0, 36.0, "on_campus", 6480.0)
    assert got["certifications"] == ["CPC"]


def test_spanish_associate_with_per_credit_cost() -> None:
    main = (
        "<h1>Grado Asociado en Tecnología de Información de Salud</h1><p>Programa de dos años (cuatro semestres) "
        "en modalidad híbrida: cursos en línea y laboratorios presenciales.</p><ul><li>68 créditos</li>"
        "<li>Costo por crédito: $175</li></ul><p>Los egresados son elegibles para tomar el examen RHIT.</p>"
    )
    got = one(main, title="Grado Asociado | Universidad del Sur")
    assert (
        got["credential"],
        got["length_months"],
        got["credit_hours"],
        got["delivery"],
        got["tuition_usd"],
    ) == ("associate", 24.0, 68.0, "hybrid", 11900.0)


# ---------------------------------------------------------------- pages listing several programs

MULTI = (
    "<h1>Health Information Programs</h1><p>Tuition for all programs is $120 per credit hour. All programs are offered "
    "completely online.</p>"
    "<section><h2>Medical Billing and Coding Certificate</h2><p>Learn to code and bill in two semesters. 24 credit "
    "hours.</p><p>Prepares students for the CPC and CPB exams.</p><p>Estimated tuition: $2,880.</p></section>"
    "<section><h2>Health Information Technology, AAS</h2><p>A 61-credit-hour degree completed in four semesters. Hybrid "
    "format: most courses online with on-campus labs.</p><p>Graduates may sit for the RHIT exam.</p></section>"
    "<section><h2>Practical Nursing Diploma</h2><p>Twelve months; 48 credits. NCLEX-PN.</p></section>"
    "<h2>Accreditation</h2><p>The Health Information Management accreditor of Example College is the Commission on "
    "Accreditation for Health Informatics and Information Management Education (CAHIIM). The College's accreditation "
    "for associate degree in Health Information Technology has been reaffirmed through 2030.</p>"
)


def test_multi_program_page() -> None:
    result = extract_page(page(MULTI, title="Health Information Programs | Example College"), URL)
    assert result.is_program_page and result.method == "text"
    got = {p["name"]: p for p in result.programs}
    assert list(got) == [
        "Medical Billing and Coding Certificate",
        "Health Information Technology, AAS",
    ]
    cert = got["Medical Billing and Coding Certificate"]
    aas = got["Health Information Technology, AAS"]
    assert (
        cert["credential"],
        cert["length_months"],
        cert["credit_hours"],
        cert["tuition_usd"],
    ) == ("certificate", 12.0, 24.0, 2880.0)
    assert cert["delivery"] == "online"  # from the page-level sentence
    assert cert["certifications"] == ["CPB", "CPC"] and cert["accreditations"] == []
    assert (aas["credential"], aas["length_months"], aas["credit_hours"], aas["delivery"]) == (
        "associate",
        24.0,
        61.0,
        "hybrid",
    )
    assert aas["tuition_usd"] == 7320.0  # the page's per-credit price times the section's credits
    assert aas["certifications"] == ["RHIT"]
    assert aas["accreditations"] == ["CAHIIM"]  # the statement names the associate degree


def test_multi_program_list_items() -> None:
    main = (
        "<h1>Health Information Programs</h1><h2>Medical Billing Certificate</h2><ul><li>18 credits &middot; 6 "
        "months</li><li>Online</li><li>Total tuition: $5,400</li><li>Prepares for the CPB exam</li></ul>"
        "<h2>Health Information Technology AAS</h2><ul><li>60 credits &middot; two years</li><li>On campus</li>"
        "<li>Total estimated tuition: $34,500</li><li>Accredited by CAHIIM</li></ul><p>Questions? Call (212) "
        "555-0170.</p>"
    )
    result = extract_page(page(main), URL)
    assert [
        (
            p["name"],
            p["length_months"],
            p["credit_hours"],
            p["delivery"],
            p["tuition_usd"],
            p["accreditations"],
        )
        for p in result.programs
    ] == [
        ("Medical Billing Certificate", 6.0, 18.0, "online", 5400.0, []),
        ("Health Information Technology AAS", 24.0, 60.0, "on_campus", 34500.0, ["CAHIIM"]),
    ]


def test_single_program_page_keeps_its_subheadings() -> None:
    main = (
        "<h1>Medical Coding Certificate</h1><p>Two semesters, 30 credits, online.</p><h2>Certification</h2>"
        "<p>Prepares for the CCA exam.</p><h2>Careers</h2><p>Coders earn a median of $48,780 per year.</p>"
        "<h2>Medical Coding Certificate Courses</h2><ul><li>HIT 101 Medical Terminology (3 credits)</li></ul>"
    )
    got = one(main)
    assert (got["name"], got["length_months"], got["credit_hours"], got["certifications"]) == (
        "Medical Coding Certificate",
        12.0,
        30.0,
        ["CCA"],
    )


# ---------------------------------------------------------------- names and legacy pages


def test_legacy_table_layout_page_without_h1() -> None:
    html = (
        "<html><head><title>Knik Career Institute - Medical Coding</title></head><body><table>"
        "<tr><td><font size='5'><b>Knik Career Institute</b></font></td></tr>"
        "<tr><td><a href='/'>Home</a> | <a href='/programs/'>Programs</a> | <a href='/news/'>News</a></td></tr>"
        "<tr><td><p><b><font size='4'>Medical Coding</font></b></p><table class='facts'><tr><th>Length</th>"
        "<td>32 weeks</td></tr><tr><th>Clock hours</th><td>600</td></tr><tr><th>Cost</th><td>$9,850</td></tr>"
        "</table><p>Knik Career Institute is accredited by the Council on Occupational Education (COE).</p>"
        "<p>Call 907-555-0118 for the next start date.</p></td></tr>"
        "<tr><td>Knik Career Institute<br>701 E. Tudor Road<br>Anchorage, AK 99503<br>Tel. 907-555-0118</td></tr>"
        "</table></body></html>"
    )
    result = extract_page(html, "https://www.knikcareer.edu/programs/medical-coding.htm")
    assert [p["name"] for p in result.programs] == ["Medical Coding"]
    got = result.programs[0]
    assert (
        got["credential"],
        got["length_months"],
        got["clock_hours"],
        got["tuition_usd"],
        got["accreditations"],
    ) == ("certificate", 7.4, 600.0, 9850.0, ["COE"])
    assert result.institution == {
        "name": "Knik Career Institute",
        "address": "701 E. Tudor Road",
        "city": "Anchorage",
        "state": "AK",
        "zip": "99503",
    }


@pytest.mark.parametrize(
    "title,site,expected",
    [
        (
            "Medical Billing and Coding Certificate | Lakeshore Community College",
            "Lakeshore Community College",
            "Medical Billing and Coding Certificate",
        ),
        (
            "Health Information Management Technology \u2013 Peachtree Technical College",
            "Peachtree Technical College",
            "Health Information Management Technology",
        ),
        ("Knik Career Institute - Medical Coding", "Knik Career Institute", "Medical Coding"),
        (
            "Program: Health Information Technology, A.A.S. - Lehigh Carbon Community College - Acalog ACMS\u2122",
            "Lehigh Carbon Community College",
            "Health Information Technology, A.A.S.",
        ),
        ("Medical Coding Certificate | Home", None, "Medical Coding Certificate"),
        ("Example College | Medical Coding Certificate", None, "Medical Coding Certificate"),
        ("", None, None),
    ],
)
def test_clean_title(title: str, site: str | None, expected: str | None) -> None:
    assert clean_title(title, site) == expected


@pytest.mark.parametrize(
    "label,field",
    [
        ("Length", "length"),
        ("Program length", "length"),
        ("Duración", "length"),
        ("Credits", "credits"),
        ("Credit hours", "credits"),
        ("Units", "credits"),
        ("Total Semester Hours", "credits"),
        ("Créditos", "credits"),
        ("Clock hours", "clock"),
        ("Contact hours", "clock"),
        ("Cost", "cost"),
        ("Estimated cost", "cost"),
        ("Tuition & fees", "cost"),
        ("Application fee", None),
        ("Exam fee", None),
        ("Format", "format"),
        ("Delivery", "format"),
        ("Modalidad", "format"),
        ("CIP Code", "cip"),
        ("Credential", "credential"),
        ("Measure", None),
        ("Graduation rate", None),
    ],
)
def test_classify_label(label: str, field: str | None) -> None:
    assert classify_label(label) == field


@pytest.mark.parametrize(
    "heading,expected",
    [
        ("Medical Billing and Coding Certificate", True),
        ("Health Information Technology, AAS", True),
        ("Health Information Technology, Associate in Applied Science", True),
        ("Practical Nursing Diploma", True),
        ("Certification", False),
        ("Careers", False),
        ("Program outcomes (2024 graduates)", False),
        ("Medical Coding Certificate Courses", False),
        ("Ready to get started?", False),
        ("In English", False),
        ("Tuition", False),
        ("Certificate Requirements", False),
    ],
)
def test_is_program_heading(heading: str, expected: bool) -> None:
    assert is_program_heading(heading) is expected


# ---------------------------------------------------------------- not program pages


@pytest.mark.parametrize(
    "main,url",
    [
        (
            "<h1>Practical Nursing Diploma</h1><p>Become a Licensed Practical Nurse in 12 months. Estimated program cost: "
            "$14,200.</p>",
            URL,
        ),
        (
            "<h1>Clinical Medical Assistant</h1><p>This 9-month program prepares students for clinical positions and basic "
            "coding of office visits for insurance claims.</p>",
            URL,
        ),
        (
            "<h1>Coding students volunteer at free clinic</h1><p class='date'>October 3, 2024</p><p>Eight students from the "
            "medical coding certificate program, which takes 9 months online, helped audit charts. Coders earn a median pay of "
            "$48,780 per year.</p>",
            "https://www.example.edu/news/coding-students-volunteer.html",
        ),
        (
            "<h1>Athletics</h1><p>Intramural sports for all students. Tickets are $5.</p>",
            "https://www.example.edu/athletics/",
        ),
        (
            "<h1>Health Sciences</h1><ul class='program-list'><li><a href='/p/hit.html'>Health Information Technology</a></li>"
            "<li><a href='/p/coding.html'>Medical Coding Certificate</a></li></ul>",
            URL,
        ),
        (
            "<h1>Medical Coding Certificate</h1><p>Information about this certificate is being updated. Please contact the "
            "Health Programs office.</p>",
            URL,
        ),
        ("<h1>Accounting AAS</h1><p>60 credits, two years, online.</p>", URL),
        (
            "<h1>Tuition and Fees</h1><table><tr><th>Residency</th><th>Per credit hour</th></tr><tr><td>In-district</td>"
            "<td>$142</td></tr></table>",
            URL,
        ),
    ],
)
def test_not_a_program_page(main: str, url: str) -> None:
    result = extract_page(page(main, title="Page | Example College"), url)
    assert result.is_program_page is False, result.programs
    assert result.programs == [] and result.method == "none"


# ---------------------------------------------------------------- the school's address


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Lakeshore Community College \u00b7 1500 S. State Street, Chicago, IL 60616 \u00b7 (312) 555-0160",
            {"address": "1500 S. State Street", "city": "Chicago", "state": "IL", "zip": "60616"},
        ),
        (
            "Chicago Campus\n5440 S. Pulaski Road\nChicago, IL 60632",
            {"address": "5440 S. Pulaski Road", "city": "Chicago", "state": "IL", "zip": "60632"},
        ),
        (
            "Universidad del Sur\nAvenida Las Am\u00e9ricas 2250\nPonce, PR 00716\n(787) 555-0150",
            {
                "address": "Avenida Las Am\u00e9ricas 2250",
                "city": "Ponce",
                "state": "PR",
                "zip": "00716",
            },
        ),
        (
            "Red River College \u00b7 2101 14th Avenue S., Fargo, ND 58103-1234",
            {"address": "2101 14th Avenue S.", "city": "Fargo", "state": "ND", "zip": "58103"},
        ),
        (
            "Main campus: 600 S. Las Vegas Boulevard, Las Vegas, NV 89101. Phone (702) 555-0172.",
            {
                "address": "600 S. Las Vegas Boulevard",
                "city": "Las Vegas",
                "state": "NV",
                "zip": "89101",
            },
        ),
        (
            "All inquiries should be directed by mail to CAHIIM, 200 East Randolph Street, Suite 5100, Chicago, IL, "
            "60601-6436; by phone at (312) 235-3255.",
            None,
        ),
        (
            "Send your application to AHIMA\n233 N. Michigan Ave., 21st Floor\nChicago, IL 60601",
            None,
        ),
        ("Call (614) 555-0102 today", None),
        # the letterhead of a state approval document is the state office's address, not the school's
        ("STATE EDUCATION DEPARTMENT / OFFICE OF HIGHER EDUCATION / SPRINGFIELD, IL 62701 |", None),
        ("Department of Higher Education\n100 Capitol Way\nSalem, OR 97301", None),
        ("The University of the State of Fictionia / Capital City, NY 12299", None),
        (
            "Fictional Valley State College \u00b7 12 Elm St., Salem, OR 97302",
            {"address": "12 Elm St.", "city": "Salem", "state": "OR", "zip": "97302"},
        ),
        ("", None),
    ],
)
def test_find_address(text: str, expected: dict | None) -> None:
    assert find_address(text) == expected


def test_accreditor_address_in_the_content_is_not_the_schools() -> None:
    main = (
        "<h1>Health Information Technology, AAS</h1><p>Two years, online.</p><p>The Health Information Management "
        "accreditor of Example College is the Commission on Accreditation for Health Informatics and Information "
        "Management Education (CAHIIM). Inquiries: CAHIIM, 200 East Randolph Street, Suite 5100, Chicago, IL, "
        "60601-6436.</p>"
    )
    result = extract_page(
        page(main, footer="<footer><p>&copy; 2025 Example College</p></footer>"), URL
    )
    assert result.programs[0]["accreditations"] == ["CAHIIM"]
    assert result.institution["zip"] is None and result.institution["city"] is None
    assert result.institution["name"] == "Example College"


def test_vcard_footer() -> None:
    footer = (
        "<footer><div class='vcard'><span class='org'>Chugach College</span><br><span class='street-address'>"
        "2600 Providence Drive</span><br><span class='locality'>Anchorage</span>, <span class='region'>AK</span> "
        "<span class='postal-code'>99508</span></div><p class='copyright'>&copy; 2025 Chugach College</p></footer>"
    )
    result = extract_page(
        page(
            "<h1>Medical Coding Certificate</h1><p>31 credits in 12 months, online.</p>",
            footer=footer,
        ),
        URL,
    )
    assert result.institution == {
        "name": "Chugach College",
        "address": "2600 Providence Drive",
        "city": "Anchorage",
        "state": "AK",
        "zip": "99508",
    }


# ---------------------------------------------------------------- description, url, shape


def test_description_and_texts() -> None:
    got = one(
        "<h1>Medical Coding Certificate</h1><p class='lead'>Turn an interest in health care into a career in the "
        "business side of medicine.</p><p>In two semesters (9 months) you will learn ICD-10-CM, CPT and HCPCS "
        "coding.</p><ul><li>30 credit hours</li><li>Total cost: $4,350 (tuition and fees)</li></ul>"
    )
    assert got["description"].startswith("Turn an interest in health care")
    assert (
        got["length_text"]
        == "In two semesters (9 months) you will learn ICD-10-CM, CPT and HCPCS coding."
    )
    assert got["tuition_text"] == "Total cost: $4,350 (tuition and fees)"
    assert got["url"] == URL
    assert set(got) >= {
        "name",
        "credential",
        "cip",
        "length_months",
        "length_min_months",
        "length_text",
        "credit_hours",
        "clock_hours",
        "delivery",
        "tuition_usd",
        "tuition_text",
        "certifications",
        "accreditations",
        "url",
        "description",
    }


def test_related_programs_do_not_split_a_single_program_page() -> None:
    main = (
        "<h1>Medical Coding Certificate</h1><p>Complete the 30-credit certificate in 9 months, online. Tuition: "
        "$3,000.</p><h2>Related programs</h2><h3>Health Information Technology, AAS</h3><p>Two years.</p>"
        "<h3>Medical Billing Certificate</h3><p>Six months.</p>"
    )
    result = extract_page(page(main), URL)
    assert [(p["name"], p["length_months"], p["tuition_usd"]) for p in result.programs] == [
        ("Medical Coding Certificate", 9.0, 3000.0)
    ]


def test_own_program_before_other_program_sections() -> None:
    main = (
        "<h1>Medical Coding Certificate</h1><p>Complete the 30-credit certificate in 9 months, online. Tuition: "
        "$3,000.</p><h2>Health Information Technology, AAS</h2><p>Continue with our 60-credit AAS in two more "
        "years.</p><h2>Medical Billing Certificate</h2><p>A six-month, 18-credit certificate.</p>"
    )
    result = extract_page(page(main), URL)
    assert [(p["name"], p["credential"], p["length_months"]) for p in result.programs] == [
        ("Medical Coding Certificate", "certificate", 9.0),
        ("Health Information Technology, AAS", "associate", 24.0),
        ("Medical Billing Certificate", "certificate", 6.0),
    ]


def test_cost_table_with_residency_rows() -> None:
    main = (
        "<h1>Health Information Technology AAS</h1><p>The 64-credit Associate in Applied Science prepares you for "
        "the RHIT exam. Full-time students finish in 2 years.</p><table><tr><th>Residency</th><th>Tuition per "
        "credit</th><th>Program total</th></tr><tr><td>In-district</td><td>$110</td><td>$7,040</td></tr><tr><td>"
        "Out-of-state</td><td>$330</td><td>$21,120</td></tr></table>"
    )
    got = one(main)
    assert (got["credit_hours"], got["tuition_usd"], got["tuition_text"]) == (
        64.0,
        21120.0,
        "Program total: $21,120",
    )


@pytest.mark.parametrize(
    "text,street",
    [
        ("Some Tech College, 12 Elm St., Dover, DE 19901", "12 Elm St."),
        ("Visit us at 123 Main St, Suite 100, Dover, DE 19901", "123 Main St, Suite 100"),
        (
            "Empire Metro College \u00b7 120 W. 31st Street, New York, NY 10001",
            "120 W. 31st Street",
        ),
        ("We are right downtown. 600 Main St., Dover, DE 19901", "600 Main St."),
        (
            "Main campus: 600 S. Las Vegas Boulevard, Las Vegas, NV 89101.",
            "600 S. Las Vegas Boulevard",
        ),
    ],
)
def test_street_starts_at_the_number(text: str, street: str) -> None:
    assert find_address(text)["address"] == street
