"""The customer card at Выдача: every parcel of one customer ready at this point, found offline
by the order number from the customer's app, the first parcel scanned, or the name and the last
4 digits of the phone (where the manifest has them). Read-only: nothing here writes.

Who the customer is comes from this desk's manifest; where each parcel is comes from ``picture``,
the counter's view of a posting (with a point database: as every desk's entries make it, so a
parcel received at another desk is on the card and one issued there is not)."""

from __future__ import annotations

from collections.abc import Callable
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


Picture = Callable[[str], PostingState]


def customer_parcels(store: Store, customer_key: str, picture: Picture) -> list[PostingState]:
    """Every parcel of the customer as the point knows it now, at the point or not."""
    return [picture(posting) for posting in store.postings.postings_of_customer(customer_key)]


def parcels_at_point(store: Store, customer_key: str, picture: Picture) -> list[PostingState]:
    return [state for state in customer_parcels(store, customer_key, picture) if state.at_point]


def _match(
    store: Store, keys: list[str], extra: list[PostingState], picture: Picture
) -> CustomerMatch:
    unique = tuple(dict.fromkeys(keys))
    if len(unique) != 1:
        at_point = tuple(state for state in extra if state.at_point) if not unique else ()
        return CustomerMatch(unique, at_point)
    return CustomerMatch(unique, tuple(parcels_at_point(store, unique[0], picture)))


def find_by_order(store: Store, order: str, picture: Picture) -> CustomerMatch:
    """The order number from the customer's app (posting number without its last part)."""
    states = [picture(state.posting) for state in postings_of_order(store.db, order)]
    keys = [state.customer_key for state in states if state.customer_key]
    if not keys and states:  # no customer in the manifest: the order's own parcels
        return CustomerMatch((), tuple(state for state in states if state.at_point))
    return _match(store, keys, states, picture)


def find_by_name_phone(store: Store, query: NamePhoneQuery, picture: Picture) -> CustomerMatch:
    keys = [
        key for key, name, phone in customers_with_phones(store.db) if matches(query, name, phone)
    ]
    return _match(store, keys, [], picture)
