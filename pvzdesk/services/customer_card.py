"""The customer card at Выдача: every parcel of one customer ready at this point, found offline
by the order number from the customer's app, the first parcel scanned, or the name and the last
4 digits of the phone (where the manifest has them). Read-only: nothing here writes."""

from __future__ import annotations

from dataclasses import dataclass

from pvzdesk.domain.customer import NamePhoneQuery, matches
from pvzdesk.domain.state import PostingState
from pvzdesk.storage import Store
from pvzdesk.storage.customers import customers_with_phones, postings_of_order


@dataclass(frozen=True)
class CustomerMatch:
    customer_keys: tuple[str, ...]  # one: found; several: ask for more; none: not found
    parcels: tuple[PostingState, ...]  # the parcels at the point of the one customer found

    @property
    def found(self) -> bool:
        return len(self.customer_keys) == 1


def parcels_at_point(store: Store, customer_key: str) -> list[PostingState]:
    states = [store.postings.state(p) for p in store.postings.postings_of_customer(customer_key)]
    return [state for state in states if state.at_point]


def _match(store: Store, keys: list[str], extra: list[PostingState]) -> CustomerMatch:
    unique = tuple(dict.fromkeys(keys))
    if len(unique) != 1:
        at_point = tuple(state for state in extra if state.at_point) if not unique else ()
        return CustomerMatch(unique, at_point)
    return CustomerMatch(unique, tuple(parcels_at_point(store, unique[0])))


def find_by_order(store: Store, order: str) -> CustomerMatch:
    """The order number from the customer's app (posting number without its last part)."""
    states = postings_of_order(store.db, order)
    keys = [state.customer_key for state in states if state.customer_key]
    if not keys and states:  # no customer in the manifest: the order's own parcels
        return CustomerMatch((), tuple(state for state in states if state.at_point))
    return _match(store, keys, states)


def find_by_name_phone(store: Store, query: NamePhoneQuery) -> CustomerMatch:
    keys = [
        key for key, name, phone in customers_with_phones(store.db) if matches(query, name, phone)
    ]
    return _match(store, keys, [])
