"""The records contract (relazione.records/1): the model, its JSON Schema, reading, writing and exporting records."""
