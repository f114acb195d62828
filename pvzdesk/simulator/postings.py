"""Simulated postings: the seeded data set, the status machine, and the Seller API wire shape.

Statuses are the real Seller API FBS/rFBS ones. The status machine (what each action needs and
where it leads) decides ``available_actions``, using the platform's own action names for
non-integrated (rFBS) delivery:

    status              substatus                        available_actions
    awaiting_packaging  posting_created                  cancel, set_track_number
    awaiting_deliver    posting_transferring_to_delivery non_int_delivering, cancel,
                                                         set_track_number
    delivering          posting_in_pickup_point          non_int_last_mile, non_int_delivered,
                                                         cancel, set_track_number
    driver_pickup       posting_driver_pick_up           non_int_delivered, cancel, set_track_number
    delivered           posting_delivered                (none)
    cancelled           posting_canceled                 (none)

    endpoint                         action               from                      to
    /v2/fbs/posting/delivering       non_int_delivering   awaiting_deliver          delivering
    /v2/fbs/posting/last-mile        non_int_last_mile    delivering                driver_pickup
    /v2/fbs/posting/delivered        non_int_delivered    delivering, driver_pickup delivered
    /v2/posting/fbs/cancel           cancel               any but delivered         cancelled
"""

from __future__ import annotations

import random
import re
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

AWAITING_PACKAGING = "awaiting_packaging"
AWAITING_DELIVER = "awaiting_deliver"
DELIVERING = "delivering"
DRIVER_PICKUP = "driver_pickup"
DELIVERED = "delivered"
CANCELLED = "cancelled"
STATUSES = (AWAITING_PACKAGING, AWAITING_DELIVER, DELIVERING, DRIVER_PICKUP, DELIVERED, CANCELLED)

SUBSTATUS = {
    AWAITING_PACKAGING: "posting_created",
    AWAITING_DELIVER: "posting_transferring_to_delivery",
    DELIVERING: "posting_in_pickup_point",
    DRIVER_PICKUP: "posting_driver_pick_up",
    DELIVERED: "posting_delivered",
    CANCELLED: "posting_canceled",
}

ACTION_DELIVERING = "non_int_delivering"
ACTION_LAST_MILE = "non_int_last_mile"
ACTION_DELIVERED = "non_int_delivered"
ACTION_CANCEL = "cancel"
ACTION_SET_TRACK = "set_track_number"

AVAILABLE_ACTIONS: dict[str, tuple[str, ...]] = {
    AWAITING_PACKAGING: (ACTION_CANCEL, ACTION_SET_TRACK),
    AWAITING_DELIVER: (ACTION_DELIVERING, ACTION_CANCEL, ACTION_SET_TRACK),
    DELIVERING: (ACTION_LAST_MILE, ACTION_DELIVERED, ACTION_CANCEL, ACTION_SET_TRACK),
    DRIVER_PICKUP: (ACTION_DELIVERED, ACTION_CANCEL, ACTION_SET_TRACK),
    DELIVERED: (),
    CANCELLED: (),
}

# action -> the status it leads to
ACTION_TARGET = {
    ACTION_DELIVERING: DELIVERING,
    ACTION_LAST_MILE: DRIVER_PICKUP,
    ACTION_DELIVERED: DELIVERED,
    ACTION_CANCEL: CANCELLED,
}

# Per-posting refusal codes: only those Ozon documents (tag Errors, for /v4/posting/fbs/ship;
# the simulator assumes the rFBS status methods share them — see ``api``).
ERROR_TRANSITION = "TRANSITION_IS_NOT_POSSIBLE"  # the action is not available in this status
ERROR_INTEGRATION_TYPE = "HAS_INCORRECT_TPL_INTEGRATION_TYPE"  # carried by an integrated service
ERROR_INCORRECT_STATUS = "HAS_INCORRECT_STATUS"
ERROR_NOT_FOUND = "POSTING_NOT_FOUND"
ERROR_ALREADY_CANCELLED = "POSTING_ALREADY_CANCELLED"
DOCUMENTED_ERRORS = (
    ERROR_TRANSITION, ERROR_INTEGRATION_TYPE, ERROR_INCORRECT_STATUS, ERROR_NOT_FOUND,
    ERROR_ALREADY_CANCELLED,
)  # fmt: skip
NON_INTEGRATED = "non_integrated"

# Reasons the real cancel endpoint accepts for rFBS; 665 = «покупатель не забрал заказ».
CANCEL_REASONS = {352, 400, 401, 402, 665, 666, 667}
# Their titles, as the document lists them (``relatedPostingCancelReasons``).
CANCEL_REASON_TITLES = {
    352: "Товар закончился на складе продавца",
    400: "Остался только бракованный товар",
    401: "Продавец отклонил арбитраж",
    402: "Другое (вина продавца)",
    665: "Покупатель не забрал заказ",
    666: "Возврат из службы доставки: нет доставки в указанный регион",
    667: "Заказ утерян службой доставки",
}
# Which reasons a posting allows in each status (an assumption, see ``api``): the document says
# they depend on the status, and that 665–667 are for postings in delivery or with the courier.
ALLOWED_CANCEL_REASONS: dict[str, tuple[int, ...]] = {
    AWAITING_PACKAGING: (352, 400, 402),
    AWAITING_DELIVER: (352, 400, 402),
    DELIVERING: (402, 665, 666, 667),
    DRIVER_PICKUP: (402, 665, 666, 667),
    DELIVERED: (),
    CANCELLED: (),
}

_FIRST_NAMES = ("Анна", "Иван", "Мария", "Сергей", "Ольга", "Дмитрий", "Елена", "Алексей")
_LAST_NAMES = ("Иванов", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Козлов")
_PRODUCTS = ("Чехол для телефона", "Кружка", "Наушники", "Футболка", "Книга", "Зарядка USB-C")
# Share of the seeded postings in each status: most parcels sit at the point ready to hand out.
_STATUS_WEIGHTS = {
    AWAITING_PACKAGING: 5,
    AWAITING_DELIVER: 20,
    DELIVERING: 50,
    DRIVER_PICKUP: 10,
    DELIVERED: 10,
    CANCELLED: 5,
}
POSTING_NUMBER_RE = re.compile(r"^\d{8,10}-\d{4}-\d{1,2}$")


def iso(moment: datetime) -> str:
    """The platform's timestamp format: UTC, seconds, trailing Z."""
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def error_as_list(posting_number: str) -> bool:
    """The real API returns ``error`` as a string for some postings and a list for others."""
    return zlib.crc32(posting_number.encode()) % 2 == 1


@dataclass
class Posting:
    posting_number: str
    status: str
    in_process_at: datetime
    shipment_date: datetime
    upper_barcode: str
    lower_barcode: str
    tracking_number: str = ""
    customer_name: str = ""
    customer_phone: str = ""
    products: list[dict[str, Any]] = field(default_factory=list)
    cancel_reason_id: int = 0
    order_id: int = 0
    tpl_integration_type: str = NON_INTEGRATED
    boxes: int = 1  # places: a multi-box posting has several
    cancel_reasons: tuple[int, ...] | None = None  # a test's own allowed reasons, else by status

    @property
    def order_number(self) -> str:
        return self.posting_number.rsplit("-", 1)[0]

    @property
    def substatus(self) -> str:
        return SUBSTATUS.get(self.status, "")

    @property
    def allowed_cancel_reasons(self) -> tuple[int, ...]:
        if self.cancel_reasons is not None:
            return self.cancel_reasons
        return ALLOWED_CANCEL_REASONS.get(self.status, ())

    @property
    def available_actions(self) -> list[str]:
        return list(AVAILABLE_ACTIONS.get(self.status, ()))

    def to_wire(self, *, barcodes: bool = True, addressee_phone: bool = True) -> dict[str, Any]:
        """The posting as ``/v3/posting/fbs/get`` returns it (``/v4/posting/fbs/list``: no
        addressee phone in its schema; barcodes only when asked ``with.barcodes``). There is
        no pickup-point deadline: the platform has none."""
        wire = {
            "posting_number": self.posting_number,
            "order_id": self.order_id,
            "order_number": self.order_number,
            "status": self.status,
            "substatus": self.substatus,
            "available_actions": self.available_actions,
            "tpl_integration_type": self.tpl_integration_type,
            "is_multibox": self.boxes > 1,
            "multi_box_qty": self.boxes,
            "tracking_number": self.tracking_number,
            "in_process_at": iso(self.in_process_at),
            "shipment_date": iso(self.shipment_date),
            "cancellation": {"cancel_reason_id": self.cancel_reason_id},
            "barcodes": {"upper_barcode": self.upper_barcode, "lower_barcode": self.lower_barcode},
            "customer": {"name": self.customer_name, "phone": self.customer_phone},
            "addressee": {"name": self.customer_name, "phone": self.customer_phone},
            "products": [dict(product) for product in self.products],
        }
        if not barcodes:
            del wire["barcodes"]
        if not addressee_phone:  # the list's shape: no addressee phone, prices as money objects
            wire["addressee"] = {"name": self.customer_name}
            wire["products"] = [_listed_product(product) for product in self.products]
        return wire


def _listed_product(product: dict[str, Any]) -> dict[str, Any]:
    listed = {key: value for key, value in product.items() if key != "currency_code"}
    listed["price"] = {"amount": str(product["price"]), "currency": product["currency_code"]}
    return listed


def _digits(rng: random.Random, count: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(count))


def _fresh_posting_number(rng: random.Random, taken: set[str]) -> str:
    while True:
        number = f"{_digits(rng, rng.randint(8, 10))}-{_digits(rng, 4)}-{rng.randint(1, 12)}"
        if number not in taken:
            return number


def new_posting(
    rng: random.Random,
    number: str,
    base_time: datetime,
    status: str = DELIVERING,
    barcodes_taken: set[str] | None = None,
) -> Posting:
    """A plausible posting with ``number``; random fields drawn from ``rng``."""
    taken = barcodes_taken if barcodes_taken is not None else set()
    lower = ""
    while not lower or lower in taken:
        lower = str(rng.randint(1, 9)) + _digits(rng, rng.choice((13, 14)))
    taken.add(lower)
    in_process_at = base_time - timedelta(days=rng.randint(1, 10), minutes=rng.randint(0, 1439))
    rng.randint(0, 6)  # once drew a storage deadline; kept so seeded data sets stay the same
    return Posting(
        posting_number=number,
        status=status,
        in_process_at=in_process_at,
        shipment_date=in_process_at + timedelta(days=1),
        upper_barcode=f"%101%{rng.randint(100_000_000, 999_999_999)}",
        lower_barcode=lower,
        tracking_number=f"TRK{_digits(rng, 10)}" if rng.random() < 0.3 else "",
        customer_name=f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}",
        customer_phone=f"+79{_digits(rng, 9)}",
        products=[
            {
                "sku": rng.randint(100_000_000, 999_999_999),
                "name": rng.choice(_PRODUCTS),
                "offer_id": f"ART-{_digits(rng, 5)}",
                "quantity": rng.randint(1, 3),
                "price": f"{rng.randint(99, 9999)}.0000",
                "currency_code": "RUB",
            }
            for _ in range(rng.randint(1, 2))
        ],
        cancel_reason_id=665 if status == CANCELLED else 0,
        order_id=rng.randint(10**9, 10**10),
    )


def seed_postings(seed: int, count: int, base_time: datetime) -> list[Posting]:
    """``count`` postings, the same for the same ``seed`` and ``base_time``."""
    rng = random.Random(seed)
    taken: set[str] = set()
    barcodes: set[str] = set()
    statuses = list(_STATUS_WEIGHTS)
    weights = list(_STATUS_WEIGHTS.values())
    postings: list[Posting] = []
    for _ in range(count):
        number = _fresh_posting_number(rng, taken)
        taken.add(number)
        status = rng.choices(statuses, weights)[0]
        postings.append(new_posting(rng, number, base_time, status, barcodes))
    return postings
