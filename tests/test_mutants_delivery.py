"""programs/normalize/delivery.py pinned down: the cases mutation testing showed no test would notice.

Program and campus names are fictional.
"""

from __future__ import annotations

import pytest

from programs.normalize.delivery import delivery_from_flags, parse_delivery


@pytest.mark.parametrize(
    "value,expected",
    [
        # values that are no text
        (True, None),
        (False, None),
        (3, None),
        (2.5, None),
        (b"online", None),
        ({}, None),
        ({"other": "online"}, None),
        ({"name": 3}, None),
        # the keys of a value object, in order
        ({"@id": "https://schema.org/OnlineEventAttendanceMode"}, "online"),
        ({"name": "Blended"}, "hybrid"),
        ({"value": "On campus"}, "on_campus"),
        ({"@value": "Online"}, "online"),
        ({"@id": "Online", "name": "On campus"}, "online"),
        ({"@id": 5, "name": "On campus"}, "on_campus"),
        ({"name": "Online", "value": "Onsite"}, "online"),
        ({"value": "Online", "@value": "Onsite"}, "online"),
        # lists: each part read, the first 20 only
        (["online", "onsite"], "hybrid"),
        (("online",), "online"),
        (frozenset({"onsite"}), "on_campus"),
        ({"online"}, "online"),
        ([None, "", "Onsite"], "on_campus"),
        ([None, ""], None),
        ([], None),
        (["full-time"] * 20 + ["online"], None),
        (["full-time"] * 19 + ["online"], "online"),
        # whole-value words, with a label or end punctuation
        ("  Online.  ", "online"),
        ("Onsite;", "on_campus"),
        (":Hybrid!", "hybrid"),
        ("Delivery: in_person", "on_campus"),
        ("Delivery method: Distance", "online"),
        ("Mode: Remote", "online"),
        ("Program format: Seated", "on_campus"),
        ("Learning format: Web", "online"),
        ("Instructional method: Traditional", "on_campus"),
        ("Location: Campus", "on_campus"),
        ("Attendance: In-class", "on_campus"),
        ("Modality: Virtual", "online"),
        ("Method: Ground", "on_campus"),
        ("Instruction: Mixed", "hybrid"),
        ("Delivery mode: Face to face", "on_campus"),
        # addresses and enum values: the last segment, CamelCase and underscores split
        ("https://schema.org/MixedEventAttendanceMode", "hybrid"),
        ("https://schema.org/OfflineEventAttendanceMode", "on_campus"),
        ("http://schema.org/OnlineEventAttendanceMode/", "online"),
        ("schema:OnlineEventAttendanceMode", "online"),
        ("vocab#Hybrid", "hybrid"),
        ("modes/IN_PERSON", "on_campus"),
        ("IN_PERSON", "on_campus"),
        ("ON_CAMPUS", "on_campus"),
        ("InPerson", "on_campus"),
        ("FaceToFace", "on_campus"),
        ("DistanceLearning", "online"),
        ("OnlineOnly", "online"),
        ("ftp://x/Blended", "hybrid"),
        ("Online/Onsite", "on_campus"),  # one word: its last segment
        ("Online / Onsite", "hybrid"),
        ("Day-Evening", None),
        # text with spaces is not split on slashes
        ("online and on campus options", "hybrid"),
        ("Fictional College, https://fictional.example/online", "online"),
        # negation looks back 60 characters
        ("not " + "x" * 55 + " online", None),
        ("not " + "x" * 56 + " online", "online"),
        ("not available online", None),
        ("never taught on campus", "online"),
        ("classes are not offered online, only on campus", "on_campus"),
        # up to four words between the negation and the mention
        ("The program is not offered in a traditional campus based format.", "online"),
        ("not one two three four five on campus", "on_campus"),
        # an in-person mention next to an externship or an exam is not how classes are taught
        ("externship on site", None),
        ("on site externship", None),
        ("on site for final exams", None),
        ("on site for the final exams", "on_campus"),  # three words after are looked at
        ("final exams are taken on campus", None),
        ("the proctored midterm and final on campus", None),
        ("on campus " + "word " * 3 + "externship", "on_campus"),
        ("practicum " + "word " * 4 + "on campus", "on_campus"),
        ("practicum " + "word " * 3 + "on campus", None),
        ("on campus externship " + "x" * 300, None),
        # several clauses
        ("Taught online. Labs on campus.", "hybrid"),
        ("Taught online. Externship on site.", "online"),
        ("Evening classes", None),
        ("", None),
        ("   ", None),
    ],
)
def test_delivery_rows(value, expected):
    assert parse_delivery(value) == expected


@pytest.mark.parametrize(
    "distance,only,expected",
    [
        (True, None, "online"),
        (None, True, "online"),
        (False, True, "online"),
        (False, None, "on_campus"),
        (False, False, "on_campus"),
        (None, False, None),
        (None, None, None),
        (1, 0, "online"),
        (0, 0, "on_campus"),
        (1.0, None, "online"),
        (0.0, None, "on_campus"),
        (-1, None, None),
        (-2, None, None),
        (2, None, None),
        (-1, 1, "online"),
        ("1", None, "online"),
        (" TRUE ", None, "online"),
        ("Yes", None, "online"),
        ("y", None, "online"),
        ("t", None, "online"),
        ("0", None, "on_campus"),
        ("false", None, "on_campus"),
        ("No", None, "on_campus"),
        ("n", None, "on_campus"),
        ("F", None, "on_campus"),
        ("maybe", None, None),
        ("", None, None),
        (None, "yes", "online"),
        (None, "no", None),
        ([1], None, None),
    ],
)
def test_delivery_from_flags(distance, only, expected):
    assert delivery_from_flags(distance, only) == expected
