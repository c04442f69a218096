"""Widget forms bound to a campaign file: the shared machinery (fields, lists, save, conflicts).

Each phase's own form (its pages, fields and lists) is `campaign_kit.phases.<phase>.form`.
"""
