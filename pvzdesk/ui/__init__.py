"""The counter's desktop UI: the only package that imports PySide6.

Start with ``pvzdesk.ui.app.run_gui``. Screens live in ``pvzdesk.ui.screens``; what every screen is
given (the services, background work, the one ``ops_done`` signal) is ``pvzdesk.ui.context``.
"""
