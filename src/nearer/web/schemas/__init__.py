"""The JSON API's request and response models, one module per area.

Requests are strict (wrong types refused, never coerced; unknown fields refused). Responses are
typed too, so /openapi.json describes every body the API sends, errors included.
"""
