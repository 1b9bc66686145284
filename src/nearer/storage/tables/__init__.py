"""The tables, by area; import them through nearer.storage.models, which maps each area on
first use."""
