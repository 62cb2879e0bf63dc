"""relazione explain: why each line and table of a document was read as it was."""
