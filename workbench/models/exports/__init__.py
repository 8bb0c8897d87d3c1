"""The report package: official Excel tables, slides and the notification (考核通报)."""
