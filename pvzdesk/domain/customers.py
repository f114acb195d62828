"""A customer's key: groups one customer's parcels without keeping their phone as the key.

The key is a salted hash (the salt is per journal), so the manifest's index on it holds no phone
numbers, and purging the name and phone leaves nothing that names the person.
"""

from __future__ import annotations

import hashlib
import hmac

HASHED_PREFIX = "h:"
_PHONE_DIGITS = 10  # +7 999 000-11-22 and 8 999 000 11 22 are the same customer


def _normalised(text: str) -> str:
    digits = "".join(char for char in text if char.isdigit())
    if len(digits) >= _PHONE_DIGITS and len(digits) == len(text.replace(" ", "").lstrip("+")):
        return digits[-_PHONE_DIGITS:]
    return text.strip()


def customer_key_of(text: str, salt: str) -> str:
    """The stored key for a phone or a platform's customer id ("" stays "")."""
    if not text or text.startswith(HASHED_PREFIX):
        return text
    digest = hmac.new(salt.encode(), _normalised(text).encode(), hashlib.sha256).hexdigest()
    return HASHED_PREFIX + digest[:24]
