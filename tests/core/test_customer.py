"""Finding a customer by name and the last phone digits (pure domain)."""

from __future__ import annotations

from pvzdesk.domain.customer import NamePhoneQuery, matches, parse_name_phone


def test_parse_name_and_digits() -> None:
    assert parse_name_phone("Иванова 4567") == NamePhoneQuery("иванова", "4567")
    assert parse_name_phone("иванова мария, 4567") == NamePhoneQuery("иванова мария", "4567")
    assert parse_name_phone("4567") == NamePhoneQuery("", "4567")
    assert parse_name_phone("Иванова") is None
    assert parse_name_phone("Иванова 45") is None


def test_matches_any_phone_format_and_every_word_of_the_name() -> None:
    query = NamePhoneQuery("иванова", "4567")
    assert matches(query, "ИВАНОВА Мария", "+7 (912) 345-45-67")
    assert not matches(query, "Петрова Мария", "+7 (912) 345-45-67")
    assert not matches(query, "Иванова Мария", "+7 (912) 345-45-68")
    assert not matches(NamePhoneQuery("иванова анна", "4567"), "Иванова Мария", "84567")
