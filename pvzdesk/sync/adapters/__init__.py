"""Platform adapters: ``ozon_seller`` (Seller API, rFBS) and ``reentry`` (partner points)."""
