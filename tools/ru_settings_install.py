# Russian for the settings fields the first-run set-up added (Qt context SettingsScreen).
RU = {
    "All operators (comma-separated):": "Все операторы (через запятую):",
    "Backups folder:": "Папка резервных копий:",
}
