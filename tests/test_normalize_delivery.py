"""Delivery mode: on_campus | online | hybrid."""

from __future__ import annotations

import pytest

from programs.normalize import delivery_from_flags, parse_delivery

CASES: list[tuple[object, str | None]] = [
    # online
    ("100% online", "online"),
    ("fully online", "online"),
    ("offered completely online", "online"),
    ("two-year (four-semester) program offered completely online", "online"),
    ("online", "online"),
    ("Online", "online"),
    ("ONLINE", "online"),
    ("Distance Learning", "online"),
    ("This program is delivered entirely online with no campus visits required.", "online"),
    ("Earn your certificate without ever setting foot on campus.", "online"),
    ("Online, self-paced", "online"),
    ("Live online classes (synchronous)", "online"),
    ("Format: Online (asynchronous)", "online"),
    ("Campus: Online", "online"),
    ("This program is offered fully online through our Virtual College.", "online"),
    ("Online program with proctored exams on campus", "online"),
    ("Distance education", "online"),
    ("Classes meet in a virtual classroom.", "online"),
    ("Web-based", "online"),
    ("https://schema.org/OnlineEventAttendanceMode", "online"),
    ("OnlineEventAttendanceMode", "online"),
    ("The program is online; an in-person externship is completed at a local clinic.", "online"),
    ("Online courses with a clinical externship on-site at a healthcare facility", "online"),
    # hybrid
    ("hybrid", "hybrid"),
    ("HYBRID", "hybrid"),
    ("blended", "hybrid"),
    ("Blended learning", "hybrid"),
    ("online and on campus", "hybrid"),
    ("Available online or on campus", "hybrid"),
    ("offered in online, hybrid, Fastrack (8-week courses), and evening options", "hybrid"),
    ("Courses are offered on campus and online.", "hybrid"),
    ("Online with required on-campus labs", "hybrid"),
    ("Some courses are offered online.", "hybrid"),
    ("Partially online", "hybrid"),
    ("Delivery: Hybrid (online lectures with on-campus labs)", "hybrid"),
    ("Format: Hybrid", "hybrid"),
    ("https://schema.org/MixedEventAttendanceMode", "hybrid"),
    (["online", "onsite"], "hybrid"),
    ("Choose in-person, online, or hybrid classes.", "hybrid"),
    ("Day, evening and online sections", "hybrid"),
    ("Evening and online classes", "hybrid"),
    ("The four-year BS is available fully online or on the Hays campus.", "hybrid"),
    # on campus
    ("on campus", "on_campus"),
    ("on-campus", "on_campus"),
    ("On Campus", "on_campus"),
    ("in person", "on_campus"),
    ("in-person", "on_campus"),
    ("IN_PERSON", "on_campus"),
    ("onsite", "on_campus"),
    ("On-site", "on_campus"),
    ("classroom", "on_campus"),
    ("Classroom-based", "on_campus"),
    ("day and evening classes on campus", "on_campus"),
    ("Face-to-face", "on_campus"),
    ("Traditional classroom setting at our Chicago campus", "on_campus"),
    ("Classes are held at the Main Campus.", "on_campus"),
    ("https://schema.org/OfflineEventAttendanceMode", "on_campus"),
    ("Day classes on campus. Apply online today!", "on_campus"),
    ("Location: Main Campus, Room 204", "on_campus"),
    ("Instruction method: Traditional", "on_campus"),
    ("Modality: In Person", "on_campus"),
    ("Available at our Downtown and North campuses", "on_campus"),
    ("Classes are held on campus Monday through Thursday evenings.", "on_campus"),
    ("Students attend classes in-person at the Anytown location", "on_campus"),
    ("Classes for both programs are offered on the Dauphin Street campus.", "on_campus"),
    ("A one-year certificate taught in person on the O Street campus.", "on_campus"),
    ("Live online bootcamp meets Monday through Thursday evenings.", "online"),
    # nothing to say
    ("full-time", None),
    ("part-time", None),
    ("Evening", None),
    ("Apply online", None),
    ("Request information online", None),
    ("Many coders work remotely.", None),
    ("This program is not offered online.", None),
    ("", None),
    (None, None),
    ("   ", None),
    (42, None),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_parse_delivery(text: object, expected: str | None) -> None:
    assert parse_delivery(text) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "distance,online_only,expected",
    [
        (True, None, "online"),
        (True, False, "online"),
        (False, None, "on_campus"),
        (False, False, "on_campus"),
        (False, True, "online"),
        (None, True, "online"),
        (None, False, None),
        (None, None, None),
        (1, 0, "online"),
        (0, 0, "on_campus"),
        ("1", None, "online"),
        ("0", None, "on_campus"),
        (-1, None, None),
        (-2, None, None),
        ("n/a", "maybe", None),
    ],
)
def test_delivery_from_flags(distance: object, online_only: object, expected: str | None) -> None:
    assert delivery_from_flags(distance, online_only) == expected  # type: ignore[arg-type]


# Real-page patterns (issue 12), in our own words.
@pytest.mark.parametrize(
    "text,expected",
    [
        ("Primarily day courses, with some evening and online", "hybrid"),
        ("some online", "hybrid"),
        ("Several online courses are available.", "hybrid"),
        ("correspondence courses", "online"),
        ("Offered by correspondence", "online"),
        ("Questions about correspondence from the registrar", None),
    ],
)
def test_partly_online_and_correspondence(text: str, expected: str | None) -> None:
    assert parse_delivery(text) == expected
