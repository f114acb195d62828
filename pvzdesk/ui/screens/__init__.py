"""The counter's screens; each is a ``pvzdesk.ui.screens.base.Screen``."""
